package itemstats

import (
	"math"

	"github.com/digilead/digilead/questions"
	"github.com/digilead/digilead/questions/lang"
)

// dimension turns the accumulated moments into statistics and flags.
func (acc *accumulator) dimension() Dimension {
	k := len(acc.qs)
	d := Dimension{ID: acc.dim.ID, Name: questions.BankText(acc.dim.Name), K: k, N: acc.n, Questions: make([]Question, k), Flags: []Flag{}}
	for i, q := range acc.qs {
		d.Questions[i] = Question{ID: q.ID, Type: q.Type, Reverse: q.Reverse, Answered: acc.answered[i], NA: acc.na[i]}
	}
	if acc.n >= 1 {
		for i := range acc.qs {
			d.Questions[i].Mean = new(100 * acc.mean[i])
		}
		d.Mean = new(100 * weightedMean(acc.qs, acc.mean))
	}
	var against []bool
	if acc.n >= 2 {
		c := acc.covariance()
		fillStatistics(&d, c, acc.qs)
		against = againstGrain(c)
	}
	d.Flags = flags(&d, acc.qs, against)
	round(&d)
	return d
}

// fillStatistics sets every figure that c, the items' sample covariance
// matrix, defines.
func fillStatistics(d *Dimension, c [][]float64, qs []*questions.Question) {
	for i := range qs {
		d.Questions[i].SD = new(100 * math.Sqrt(c[i][i]))
		d.Questions[i].ItemTotalR = opt(itemTotal(c, i))
		d.Questions[i].AlphaIfDeleted = opt(alpha(without(c, i)))
	}
	d.Alpha = opt(alpha(c))
	if r, ok := meanCorrelation(c); ok {
		d.MeanR = new(r)
		d.StdAlpha = opt(stdAlpha(len(c), r))
	}
	sd := 100 * math.Sqrt(math.Max(0, weightedVariance(qs, c)))
	d.ScoreSD = new(sd)
	if d.Alpha != nil && *d.Alpha > 0 {
		d.SEM = new(sd * math.Sqrt(1-*d.Alpha))
	}
}

// covariance returns the sample covariance matrix (divisor n-1).
func (acc *accumulator) covariance() [][]float64 {
	k := len(acc.qs)
	c := make([][]float64, k)
	for i := range c {
		c[i] = make([]float64, k)
		for j := range c[i] {
			c[i][j] = acc.comoment[i][j] / float64(acc.n-1)
		}
	}
	return c
}

// alpha is Cronbach's alpha, k/(k-1) * (1 - sum of item variances /
// variance of the total), for the covariance matrix c. It is undefined for
// fewer than 2 items or a total that does not vary.
func alpha(c [][]float64) (float64, bool) {
	k := len(c)
	if k < 2 {
		return 0, false
	}
	var items float64
	for i := range c {
		items += c[i][i]
	}
	total := sumAll(c)
	if total <= tiny {
		return 0, false
	}
	kf := float64(k)
	return kf / (kf - 1) * (1 - items/total), true
}

// sumAll is the sum of every entry of c, row by row: the variance of the
// total of the items whose covariance matrix c is.
func sumAll(c [][]float64) float64 {
	var total float64
	for i := range c {
		for j := range c {
			total += c[i][j]
		}
	}
	return total
}

// meanCorrelation is the mean of the correlations between distinct items.
// It is undefined for fewer than 2 items or when an item does not vary.
func meanCorrelation(c [][]float64) (float64, bool) {
	k := len(c)
	if k < 2 {
		return 0, false
	}
	var sum float64
	for i := range c {
		if c[i][i] <= tiny {
			return 0, false
		}
		for j := i + 1; j < k; j++ {
			sum += c[i][j] / math.Sqrt(c[i][i]*c[j][j])
		}
	}
	return sum / float64(k*(k-1)/2), true
}

// stdAlpha is the standardised alpha k*r / (1 + (k-1)*r).
func stdAlpha(k int, r float64) (float64, bool) {
	den := 1 + float64(k-1)*r
	if k < 2 || math.Abs(den) <= tiny {
		return 0, false
	}
	return float64(k) * r / den, true
}

// itemTotal is the corrected item-total correlation of item i: its
// correlation with the sum of the other items.
func itemTotal(c [][]float64, i int) (float64, bool) {
	if len(c) < 2 {
		return 0, false
	}
	var rowSum float64
	for j := range c {
		rowSum += c[i][j]
	}
	total := sumAll(c)
	cov := rowSum - c[i][i]               // cov(x_i, rest)
	restVar := total - 2*rowSum + c[i][i] // var(rest)
	if c[i][i] <= tiny || restVar <= tiny {
		return 0, false
	}
	return cov / math.Sqrt(c[i][i]*restVar), true
}

// againstGrain marks the items whose loading on the first principal
// component of the correlation matrix has the opposite sign to most of the
// others: the items probably keyed the wrong way (as psych's check.keys
// finds them). It returns nil when an item does not vary.
func againstGrain(c [][]float64) []bool {
	k := len(c)
	if k < 2 {
		return nil
	}
	r := make([][]float64, k)
	for i := range c {
		if c[i][i] <= tiny {
			return nil
		}
		r[i] = make([]float64, k)
		for j := range c {
			r[i][j] = c[i][j] / math.Sqrt(c[i][i]*c[j][j])
		}
	}
	v := firstComponent(r)
	sum := 0.0
	for _, x := range v {
		sum += x
	}
	if sum < 0 || sum == 0 && v[0] < 0 {
		for i := range v {
			v[i] = -v[i]
		}
	}
	out := make([]bool, k)
	for i, x := range v {
		out[i] = x < 0
	}
	return out
}

// firstComponent returns the eigenvector of the symmetric matrix r with
// the largest eigenvalue, by power iteration from an uneven start (so it
// is never orthogonal to the answer by symmetry).
func firstComponent(r [][]float64) []float64 {
	k := len(r)
	v, next := make([]float64, k), make([]float64, k)
	for i := range v {
		v[i] = 1 + float64(i)/float64(k)
	}
	for range 1000 {
		norm := 0.0
		for i := range r {
			next[i] = 0
			for j := range r {
				next[i] += r[i][j] * v[j]
			}
			norm += next[i] * next[i]
		}
		norm = math.Sqrt(norm)
		if norm <= tiny {
			break
		}
		for i := range next {
			next[i] /= norm
		}
		v, next = next, v
	}
	return v
}

// without returns c with item i's row and column removed.
func without(c [][]float64, i int) [][]float64 {
	out := make([][]float64, 0, len(c)-1)
	for r := range c {
		if r == i {
			continue
		}
		row := make([]float64, 0, len(c)-1)
		row = append(row, c[r][:i]...)
		row = append(row, c[r][i+1:]...)
		out = append(out, row)
	}
	return out
}

// weightedMean is sum(w_i * m_i) / sum(w_i), the dimension score as
// assessment.Score computes it for a complete answer set.
func weightedMean(qs []*questions.Question, m []float64) float64 {
	var s, w float64
	for i, q := range qs {
		s += q.Weight * m[i]
		w += q.Weight
	}
	return s / w
}

// weightedVariance is the variance of the weighted mean of the items,
// w'Cw / (sum w)^2.
func weightedVariance(qs []*questions.Question, c [][]float64) float64 {
	var s, w float64
	for i, qi := range qs {
		w += qi.Weight
		for j, qj := range qs {
			s += qi.Weight * qj.Weight * c[i][j]
		}
	}
	return s / (w * w)
}

// flags says in plain words what needs an author's attention.
// against marks the questions that load against the others (see
// againstGrain); nil when that cannot be told.
func flags(d *Dimension, qs []*questions.Question, against []bool) []Flag {
	fs := []Flag{}
	add := func(kind string, msgs ...lang.Msg) { fs = append(fs, newFlag(kind, "", msgs...)) }
	switch {
	case d.N < 2:
		add(FlagFewAnswers, lang.M("stats.flag.few_answers_none", "People", people(d.N), "Min", MinAnswers))
	case d.N < MinAnswers:
		add(FlagFewAnswers, lang.M("stats.flag.few_answers", "People", people(d.N), "Min", MinAnswers))
	}
	if d.K < MinQuestions {
		add(FlagFewQuestions, lang.P("stats.flag.few_questions", d.K, "Min", MinQuestions))
	}
	if d.Alpha != nil && *d.Alpha < MinAlpha {
		add(FlagLowConsistency, lang.M("stats.flag.low_consistency", "Alpha", lang.Decimal{X: *d.Alpha, Places: 2}, "Min", lang.Decimal{X: MinAlpha, Places: 1}))
	}
	if d.N >= 2 && d.K >= 2 && d.Alpha == nil {
		add(FlagNoVariance, lang.M("stats.flag.no_variance"))
	}
	reversed := make([]bool, len(d.Questions))
	unsure := make([]*float64, len(d.Questions))
	var culprits []string
	for i, q := range d.Questions {
		low := q.ItemTotalR != nil && *q.ItemTotalR < MinItemTotal
		if !low || !(against == nil && *q.ItemTotalR < 0 || against != nil && against[i]) {
			continue
		}
		high := RUpper(*q.ItemTotalR, d.N)
		if reversed[i] = high < 0; reversed[i] {
			culprits = append(culprits, q.ID)
		} else {
			unsure[i] = &high
		}
	}
	for i, q := range d.Questions {
		fs = append(fs, questionFlags(d, q, qs[i], reversed[i], unsure[i], culprits)...)
	}
	return fs
}

// RUpper is the upper bound of the 95% confidence interval of a
// correlation r from n pairs, by Fisher's z: tanh(atanh(r) + 1.96 /
// sqrt(n - 3)); 1 when n < 4, where there is no interval.
func RUpper(r float64, n int) float64 {
	if n < 4 {
		return 1
	}
	return math.Tanh(math.Atanh(r) + 1.959963984540054/math.Sqrt(float64(n-3)))
}

// questionFlags are the flags of one question; reversed says it runs
// against the other questions, clearly (the upper bound of its item-total
// r's 95% interval below 0); unsure, when it runs against them without
// that evidence, is that upper bound; culprits are the questions that
// clearly do.
func questionFlags(d *Dimension, q Question, bq *questions.Question, reversed bool, unsure *float64, culprits []string) []Flag {
	if d.N < 2 {
		return nil
	}
	if q.SD != nil && *q.SD/100 <= math.Sqrt(tiny) {
		return []Flag{newFlag(FlagNoVariance, q.ID, lang.M("stats.flag.same_answer", "Q", q.ID))}
	}
	if q.ItemTotalR == nil {
		return nil
	}
	r := lang.Decimal{X: *q.ItemTotalR, Places: 2}
	switch {
	case reversed:
		return []Flag{newFlag(FlagReversedItem, q.ID, lang.M("stats.flag.reversed", "Q", q.ID, "R", r, "Hint", reverseHint(bq)))}
	case r.X < MinItemTotal:
		msgs := []lang.Msg{lang.M("stats.flag.weak", "Q", q.ID, "R", r, "Min", lang.Decimal{X: MinItemTotal, Places: 1})}
		if q.AlphaIfDeleted != nil && d.Alpha != nil && *q.AlphaIfDeleted > *d.Alpha {
			msgs = append(msgs, lang.M("stats.flag.weak_alpha", "Alpha", lang.Decimal{X: *q.AlphaIfDeleted, Places: 2}))
		}
		if unsure != nil {
			msgs = append(msgs, lang.M("stats.flag.weak_unsure", "N", d.N, "High", lang.Decimal{X: *unsure, Places: 2}))
		}
		switch {
		case len(culprits) > 0:
			msgs = append(msgs, lang.P("stats.flag.weak_culprits", len(culprits), "Culprits", lang.List(culprits)))
		case unsure == nil:
			msgs = append(msgs, lang.M("stats.flag.weak_reword"))
		}
		return []Flag{newFlag(FlagWeakItem, q.ID, msgs...)}
	}
	return nil
}

// newFlag makes a flag saying msgs, one sentence each: its text in
// English, and the messages for saying it in another language.
func newFlag(kind, q string, msgs ...lang.Msg) Flag {
	return Flag{Kind: kind, Question: q, Text: lang.English().Sentences(msgs), Msgs: msgs}
}

// reverseHint tells how to flip a question's keying.
func reverseHint(q *questions.Question) lang.Msg {
	switch {
	case q.Type == questions.Choice || q.Type == questions.Multi:
		return lang.M("stats.hint.options")
	case q.Reverse:
		return lang.M("stats.hint.remove_reverse")
	}
	return lang.M("stats.hint.reverse")
}

func people(n int) lang.Msg {
	if n == 0 {
		return lang.M("stats.nobody")
	}
	return lang.P("stats.people", n)
}

// round rounds for output, after every flag is decided: coefficients to 4
// decimals, figures on the 0-100 scale to 2.
func round(d *Dimension) {
	for _, p := range []*float64{d.Alpha, d.StdAlpha, d.MeanR} {
		roundTo(p, 1e4)
	}
	for _, p := range []*float64{d.Mean, d.ScoreSD, d.SEM} {
		roundTo(p, 1e2)
	}
	for i := range d.Questions {
		q := &d.Questions[i]
		roundTo(q.Mean, 1e2)
		roundTo(q.SD, 1e2)
		roundTo(q.ItemTotalR, 1e4)
		roundTo(q.AlphaIfDeleted, 1e4)
	}
}

func roundTo(p *float64, scale float64) {
	if p != nil {
		*p = math.Round(*p*scale) / scale
		if *p == 0 {
			*p = 0 // no -0 in output
		}
	}
}

// opt is new(x) for a value that may be undefined: nil when it is.
func opt(x float64, ok bool) *float64 {
	if !ok || math.IsNaN(x) || math.IsInf(x, 0) {
		return nil
	}
	return &x
}
