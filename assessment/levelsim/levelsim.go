// Package levelsim simulates honest respondents of a question bank under
// several response models, each with a known true level, so that a level
// rule can be judged: how often it agrees with the true level, whether
// its errors fall below or above it, and whether the probability it
// states is calibrated. docs/default-bank.md reports its figures.
//
// A respondent has a practice p_d in [0, 1] in every dimension (and,
// in some models, an answering style). Each question is answered from
// the practice of its dimension by the model's response process. The
// **true score** of a dimension is the score the respondent's answers
// would have on average (the classical true score, the expectation of the
// observed score, computed exactly from the response process), and the
// **true level** is the bank's own expectations applied to the true
// scores by the strict rule. It is pure: seeded, no I/O.
package levelsim

import (
	"math"
	"math/rand/v2"

	"github.com/digilead/digilead/assessment"
	"github.com/digilead/digilead/questions"
)

// Respondent is one simulated person.
type Respondent struct {
	// Practice is the person's practice in each dimension, in bank order,
	// 0 (none) to 1 (best).
	Practice []float64
	// Shift is added to every likert answer, in points of its scale,
	// before rounding (an acquiescent style when positive).
	Shift float64
	// YesBias is added to the chance of every "yes".
	YesBias float64
	// Noise scales the model's response noise for this person (1: as the
	// model says).
	Noise float64
}

// Process is how a respondent answers a question from the practice of
// its dimension.
type Process struct {
	// LikertSD is the SD of the normal noise added to a likert answer, in
	// points of its scale, before rounding.
	LikertSD float64
	// YesScale is the scale of the logistic curve of the chance of "yes"
	// around practice 0.5.
	YesScale float64
	// ChoiceSD is the width of the Gaussian weights that favour the
	// option whose score is nearest the practice.
	ChoiceSD float64
	// Graded, when set, answers likert questions by Samejima's graded
	// response model instead: P(answer >= k) = logistic(a (theta - b_k))
	// with theta = 6 (p - 0.5), thresholds b_k evenly spread over
	// -3..3 and the discrimination a of the question (see Discrimination).
	Graded bool
}

// Model is a response model: who the respondents are and how they answer.
type Model struct {
	ID          string
	Description string
	Process     Process
	// Draw draws a respondent of bank b.
	Draw func(b *questions.Bank, rng *rand.Rand) Respondent
}

// Discrimination is question i's discrimination in the graded model: 1
// to 3, fixed by its position so that every run sees the same items.
func Discrimination(i int) float64 {
	return 1 + 2*math.Mod(float64(i)*0.6180339887498949, 1)
}

// Groups returns, for each dimension in bank order, the position in rank
// order of the lowest tier that expects it, or len(b.Tiers) when no tier
// does: the dimensions a tier adds to those below it.
func Groups(b *questions.Bank) []int {
	g := make([]int, len(b.Dimensions))
	for d, dim := range b.Dimensions {
		g[d] = len(b.Tiers)
		for t := range b.Tiers {
			if _, ok := b.Tiers[t].Expectations[dim.ID]; ok {
				g[d] = t
				break
			}
		}
	}
	return g
}

func clamp01(x float64) float64 { return math.Max(0, math.Min(1, x)) }

// single is one practice theta for every dimension plus a deviation.
func single(lo, hi, dev float64) func(*questions.Bank, *rand.Rand) Respondent {
	return func(b *questions.Bank, rng *rand.Rand) Respondent {
		theta := lo + (hi-lo)*rng.Float64()
		p := make([]float64, len(b.Dimensions))
		for d := range p {
			p[d] = clamp01(theta + dev*rng.NormFloat64())
		}
		return Respondent{Practice: p, Noise: 1}
	}
}

// tiered is the model the built-in bank's tiers are built on: a level L
// from 0 to len(tiers)+0.5; practice in a dimension a tier k (1-based)
// adds is 0.35 below L = k-1, 0.85 from L = k, linear between, plus a
// deviation.
func tiered(dev float64) func(*questions.Bank, *rand.Rand) Respondent {
	return func(b *questions.Bank, rng *rand.Rand) Respondent {
		groups := Groups(b)
		top := float64(len(b.Tiers)) + 0.5
		l := top * rng.Float64()
		p := make([]float64, len(b.Dimensions))
		for d := range p {
			k := float64(groups[d] + 1)
			base := 0.35 + 0.5*math.Max(0, math.Min(1, l-(k-1)))
			p[d] = clamp01(base + dev*rng.NormFloat64())
		}
		return Respondent{Practice: p, Noise: 1}
	}
}

var honest = Process{LikertSD: 0.7, YesScale: 0.1, ChoiceSD: 0.15}

// Models are the response models of the harness: the first four are the
// ones docs/default-bank.md reports; the rest are held out, run only to
// check that the rule was not fitted to the first four.
var Models = []Model{
	{ID: "latent", Description: "one practice theta ~ U(0.4, 1) for every dimension, deviation SD 0.08; honest answers", Process: honest, Draw: single(0.4, 1, 0.08)},
	{ID: "tiered", Description: "the bank's tiered model (docs/default-bank.md): level L ~ U(0, tiers+0.5), deviation SD 0.08; honest answers", Process: honest, Draw: tiered(0.08)},
	{ID: "noisy", Description: "latent model with twice the noise: likert SD 1.4 points, yes/no scale 0.2, choice SD 0.3, deviation SD 0.12", Process: Process{LikertSD: 1.4, YesScale: 0.2, ChoiceSD: 0.3}, Draw: single(0.4, 1, 0.12)},
	{ID: "acquiescent", Description: "tiered model answered with an acquiescent style: +0.5 point on every likert answer, +1/8 on the chance of yes", Process: honest, Draw: func(b *questions.Bank, rng *rand.Rand) Respondent {
		r := tiered(0.08)(b, rng)
		r.Shift, r.YesBias = 0.5, 0.125
		return r
	}},
	{ID: "narrow", Description: "held out: latent model with theta ~ N(0.72, 0.08), most people near the bars", Process: honest, Draw: func(b *questions.Bank, rng *rand.Rand) Respondent {
		theta := 0.72 + 0.08*rng.NormFloat64()
		p := make([]float64, len(b.Dimensions))
		for d := range p {
			p[d] = clamp01(theta + 0.08*rng.NormFloat64())
		}
		return Respondent{Practice: p, Noise: 1}
	}},
	{ID: "graded", Description: "held out: latent model, likert answers by a graded response model (discrimination 1-3), theta ~ U(0.4, 1)", Process: Process{YesScale: 0.12, ChoiceSD: 0.2, Graded: true}, Draw: single(0.4, 1, 0.1)},
	{ID: "careless", Description: "held out: tiered model where one person in four answers with three times the noise", Process: honest, Draw: func(b *questions.Bank, rng *rand.Rand) Respondent {
		r := tiered(0.1)(b, rng)
		if rng.IntN(4) == 0 {
			r.Noise = 3
		}
		return r
	}},
	{ID: "profile", Description: "held out: practice from two factors (hands-on, strategic) mixed per dimension, uneven profiles, deviation SD 0.15", Process: Process{LikertSD: 0.9, YesScale: 0.12, ChoiceSD: 0.2}, Draw: func(b *questions.Bank, rng *rand.Rand) Respondent {
		f1, f2 := rng.Float64(), rng.Float64()
		p := make([]float64, len(b.Dimensions))
		for d := range p {
			w := math.Mod(float64(d)*0.37, 1)
			p[d] = clamp01(w*f1 + (1-w)*f2 + 0.15*rng.NormFloat64())
		}
		return Respondent{Practice: p, Noise: 1}
	}},
}

// Model returns the model with the given id.
func ModelByID(id string) (Model, bool) {
	for _, m := range Models {
		if m.ID == id {
			return m, true
		}
	}
	return Model{}, false
}

// Sim answers a bank's questions for respondents of one model.
type Sim struct {
	b     *questions.Bank
	m     Model
	dims  []int // dimension of each question
	truth *assessment.Scorer
}

// New prepares a simulation of model m on bank b.
func New(b *questions.Bank, m Model) *Sim {
	s := &Sim{b: b, m: m, dims: make([]int, len(b.Questions)), truth: assessment.NewScorer(b)}
	for i, q := range b.Questions {
		s.dims[i] = b.DimensionIndex(q.Dimension)
	}
	return s
}

// Draw draws a respondent.
func (s *Sim) Draw(rng *rand.Rand) Respondent { return s.m.Draw(s.b, rng) }

// position is where a question's answer centres on 0..1 for practice p:
// reverse-keyed questions are answered from 1-p.
func position(q *questions.Question, p float64) float64 {
	if q.Reverse {
		return 1 - p
	}
	return p
}

// likertProbs are the chances of each point of q's scale.
func (s *Sim) likertProbs(i int, r Respondent) []float64 {
	q := &s.b.Questions[i]
	p := r.Practice[s.dims[i]]
	n := q.Scale.Max - q.Scale.Min + 1
	probs := make([]float64, n)
	pos := position(q, p)
	if s.m.Process.Graded {
		a := Discrimination(i) / math.Max(r.Noise, 1e-9)
		theta := 6 * (pos - 0.5)
		prev := 1.0
		for k := 1; k < n; k++ {
			b := -3 + 6*(float64(k)-0.5)/float64(n-1)
			ge := 1 / (1 + math.Exp(-a*(theta-b)))
			probs[k-1] = prev - ge
			prev = ge
		}
		probs[n-1] = prev
		return shiftProbs(probs, r.Shift)
	}
	mu := pos*float64(n-1) + r.Shift
	sd := s.m.Process.LikertSD * r.Noise
	for k := range n {
		lo, hi := float64(k)-0.5, float64(k)+0.5
		pl, ph := 0.0, 1.0
		if k > 0 {
			pl = normCDF((lo - mu) / sd)
		}
		if k < n-1 {
			ph = normCDF((hi - mu) / sd)
		}
		probs[k] = ph - pl
	}
	return probs
}

// shiftProbs moves a share of each point's chance up by a fraction of a
// point (an acquiescent style in the graded model).
func shiftProbs(probs []float64, shift float64) []float64 {
	if shift == 0 {
		return probs
	}
	out := make([]float64, len(probs))
	for k, pr := range probs {
		up := min(k+1, len(probs)-1)
		out[k] += pr * (1 - shift)
		out[up] += pr * shift
	}
	return out
}

func (s *Sim) yesProb(i int, r Respondent) float64 {
	q := &s.b.Questions[i]
	pos := position(q, r.Practice[s.dims[i]])
	y := 1 / (1 + math.Exp(-(pos-0.5)/(s.m.Process.YesScale*r.Noise)))
	return clamp01(y + r.YesBias)
}

func (s *Sim) choiceProbs(i int, r Respondent) []float64 {
	q := &s.b.Questions[i]
	p := r.Practice[s.dims[i]]
	w := make([]float64, len(q.Options))
	sum := 0.0
	sd := s.m.Process.ChoiceSD * r.Noise
	for k, o := range q.Options {
		z := (o.Score - p) / sd
		w[k] = math.Exp(-z * z / 2)
		sum += w[k]
	}
	for k := range w {
		w[k] /= sum
	}
	return w
}

// Answer draws r's answers to every question.
func (s *Sim) Answer(r Respondent, rng *rand.Rand, into map[string]questions.Value) {
	for i := range s.b.Questions {
		q := &s.b.Questions[i]
		switch q.Type {
		case questions.Likert:
			into[q.ID] = questions.IntValue(q.Scale.Min + pick(s.likertProbs(i, r), rng))
		case questions.YesNo:
			into[q.ID] = questions.BoolValue(rng.Float64() < s.yesProb(i, r))
		case questions.Choice:
			into[q.ID] = questions.OptionValue(q.Options[pick(s.choiceProbs(i, r), rng)].ID)
		case questions.Multi:
			ids := []string{}
			for _, o := range q.Options {
				if rng.Float64() < clamp01(r.Practice[s.dims[i]]*o.Score*2) {
					ids = append(ids, o.ID)
				}
			}
			into[q.ID] = questions.Value{Kind: questions.Picks, Opts: ids}
		}
	}
}

func pick(probs []float64, rng *rand.Rand) int {
	u := rng.Float64()
	for k, p := range probs {
		if u < p {
			return k
		}
		u -= p
	}
	return len(probs) - 1
}

// expectedValue is the mean value x (0..1, as scoring counts it) of r's
// answer to question i.
func (s *Sim) expectedValue(i int, r Respondent) float64 {
	q := &s.b.Questions[i]
	switch q.Type {
	case questions.Likert:
		e := 0.0
		for k, pr := range s.likertProbs(i, r) {
			x, _ := assessment.Value(q, questions.IntValue(q.Scale.Min+k))
			e += pr * x
		}
		return e
	case questions.YesNo:
		y := s.yesProb(i, r)
		if q.Reverse {
			return 1 - y
		}
		return y
	case questions.Choice:
		e := 0.0
		for k, pr := range s.choiceProbs(i, r) {
			e += pr * q.Options[k].Score
		}
		return e
	case questions.Multi:
		// The cap at 1 makes the mean of a sum awkward; multi questions
		// are approximated by the mean of the capped sum's parts.
		e := 0.0
		for _, o := range q.Options {
			e += clamp01(r.Practice[s.dims[i]]*o.Score*2) * o.Score
		}
		return math.Min(1, e)
	}
	return 0
}

// TrueScores are r's true dimension scores (0-100, bank order): the mean
// of the score its answers would have.
func (s *Sim) TrueScores(r Respondent) []float64 {
	return s.scores(func(i int) float64 { return s.expectedValue(i, r) })
}

// scores are the dimension scores (0-100, bank order) of answers whose
// value (0..1) to question i is x(i).
func (s *Sim) scores(x func(i int) float64) []float64 {
	sumWX := make([]float64, len(s.b.Dimensions))
	sumW := make([]float64, len(s.b.Dimensions))
	for i := range s.b.Questions {
		q := &s.b.Questions[i]
		d := s.dims[i]
		sumWX[d] += q.Weight * x(i)
		sumW[d] += q.Weight
	}
	out := make([]float64, len(sumW))
	for d := range out {
		out[d] = 100 * sumWX[d] / sumW[d]
	}
	return out
}

// TrueLevel is the bank's expectations applied to true scores: the index
// (rank order) of the highest tier of the unbroken run met, -1 for none.
func TrueLevel(b *questions.Bank, scores []float64) int {
	lvl := -1
	for t := range b.Tiers {
		for d, dim := range b.Dimensions {
			if e, ok := b.Tiers[t].Expectations[dim.ID]; ok && scores[d] < e {
				return lvl
			}
		}
		lvl = t
	}
	return lvl
}

func normCDF(z float64) float64 { return 0.5 * math.Erfc(-z/math.Sqrt2) }

// NoiseFreeScores are r's dimension scores (0-100, bank order) when the
// answers carry no noise: each likert answer the scale point nearest the
// practice (plus the style's shift), "yes" from practice 0.5 up, the
// option whose score is nearest the practice. Another definition of the
// true score, used to check that the rule does not depend on the first.
func (s *Sim) NoiseFreeScores(r Respondent) []float64 {
	return s.scores(func(i int) float64 {
		q := &s.b.Questions[i]
		p := r.Practice[s.dims[i]]
		pos := position(q, p)
		switch q.Type {
		case questions.Likert:
			n := q.Scale.Max - q.Scale.Min
			v := max(0, min(n, int(math.Round(pos*float64(n)+r.Shift))))
			x, _ := assessment.Value(q, questions.IntValue(q.Scale.Min+v))
			return x
		case questions.YesNo:
			x, _ := assessment.Value(q, questions.BoolValue(pos >= 0.5))
			return x
		case questions.Choice:
			best := 0
			for k, o := range q.Options {
				if math.Abs(o.Score-p) < math.Abs(q.Options[best].Score-p) {
					best = k
				}
			}
			return q.Options[best].Score
		}
		return s.expectedValue(i, r)
	})
}
