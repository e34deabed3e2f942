// Package itemstats is the item analysis of a question bank from collected
// answers: per dimension, Cronbach's alpha, the standardised alpha, the mean
// inter-item correlation and the standard error of measurement; per
// question, its mean, spread, corrected item-total correlation and alpha if
// deleted; and flags in plain words where the figures say a dimension or a
// question needs work.
//
// Statistics are computed on the normalised values x in [0, 1] of each
// question (reverse keys applied, see assessment.Value), over the people
// who answered every question of the dimension (listwise deletion). An
// Analyser keeps only running means and co-moments, so its memory does not
// grow with the number of answer sets. The package is pure: no I/O.
package itemstats

import (
	"github.com/digilead/digilead/assessment"
	"github.com/digilead/digilead/questions"
	"github.com/digilead/digilead/questions/lang"
)

// Schema is the schema id of an item-analysis document.
const Schema = "digilead.itemstats/v1"

// Thresholds behind the flags.
const (
	// MinAlpha is the alpha below which a dimension is flagged as having
	// low consistency.
	MinAlpha = 0.7
	// MinItemTotal is the corrected item-total correlation below which a
	// question is flagged as weak.
	MinItemTotal = 0.3
	// MinQuestions is the fewest questions for which alpha is meaningful.
	MinQuestions = 3
	// MinAnswers is the fewest complete answer sets to judge a dimension by.
	MinAnswers = 30
)

// tiny is the variance (on the 0..1 scale) below which a quantity counts as
// not varying at all.
const tiny = 1e-12

// Report is the item analysis of a bank: the digilead.itemstats/v1
// document.
type Report struct {
	Schema string             `json:"schema"`
	Bank   assessment.BankRef `json:"bank"`
	// Respondents is the number of answer sets analysed.
	Respondents int         `json:"respondents"`
	Dimensions  []Dimension `json:"dimensions"`
}

// Dimension holds one dimension's statistics. Figures that cannot be
// computed (too few answers or questions, no variance) are nil, and a flag
// says why.
type Dimension struct {
	ID   string             `json:"id"`
	Name questions.BankText `json:"name"`
	// K is the number of questions, N the number of people who answered
	// all of them (N/A counts as not answered).
	K int `json:"k"`
	N int `json:"n"`
	// Alpha is Cronbach's alpha; StdAlpha the standardised alpha from the
	// mean inter-item correlation MeanR.
	Alpha    *float64 `json:"alpha"`
	StdAlpha *float64 `json:"std_alpha"`
	MeanR    *float64 `json:"mean_r"`
	// Mean and ScoreSD describe the dimension score (0-100, the bank's
	// question weights applied) of the N people; SEM is ScoreSD *
	// sqrt(1 - Alpha), on the same scale.
	Mean      *float64   `json:"mean"`
	ScoreSD   *float64   `json:"score_sd"`
	SEM       *float64   `json:"sem"`
	Questions []Question `json:"questions"`
	Flags     []Flag     `json:"flags"`
}

// Question holds one question's statistics over the dimension's N people.
type Question struct {
	ID      string `json:"id"`
	Type    string `json:"type"`
	Reverse bool   `json:"reverse,omitempty"`
	// Mean and SD are on the 0-100 scale.
	Mean *float64 `json:"mean"`
	SD   *float64 `json:"sd"`
	// ItemTotalR is the correlation of the question with the sum of the
	// dimension's other questions.
	ItemTotalR *float64 `json:"item_total_r"`
	// AlphaIfDeleted is the dimension's alpha without this question.
	AlphaIfDeleted *float64 `json:"alpha_if_deleted"`
	// Answered and NA count, over every answer set, the people who
	// answered the question and those who chose "not applicable".
	Answered int `json:"answered"`
	NA       int `json:"na"`
}

// Flag is a finding in plain words. Question is set when it is about one
// question.
type Flag struct {
	Kind     string `json:"kind"`
	Question string `json:"question,omitempty"`
	// Text says the flag in English; Msgs say it in any language, a
	// sentence each (not kept in the document).
	Text string     `json:"text"`
	Msgs []lang.Msg `json:"-"`
}

// Flag kinds.
const (
	FlagLowConsistency = "low_consistency"
	FlagWeakItem       = "weak_item"
	FlagReversedItem   = "reversed_item"
	FlagNoVariance     = "no_variance"
	FlagFewQuestions   = "few_questions"
	FlagFewAnswers     = "few_answers"
)

// Analyser accumulates answer sets for a bank.
type Analyser struct {
	bank        *questions.Bank
	respondents int
	dims        []*accumulator
}

// accumulator keeps the running means and co-moments of one dimension's
// complete answer sets (Welford's method, numerically stable).
type accumulator struct {
	dim      *questions.Dimension
	qs       []*questions.Question
	n        int
	mean     []float64
	comoment [][]float64 // sum of (x_i - mean_i)(x_j - mean_j)
	answered []int
	na       []int
	x, dx    []float64 // scratch
}

// New returns an Analyser for the bank.
func New(b *questions.Bank) *Analyser {
	a := &Analyser{bank: b}
	for i := range b.Dimensions {
		d := &b.Dimensions[i]
		qs := b.QuestionsOf(d.ID)
		k := len(qs)
		acc := &accumulator{dim: d, qs: qs, mean: make([]float64, k), comoment: make([][]float64, k),
			answered: make([]int, k), na: make([]int, k), x: make([]float64, k), dx: make([]float64, k)}
		for j := range acc.comoment {
			acc.comoment[j] = make([]float64, k)
		}
		a.dims = append(a.dims, acc)
	}
	return a
}

// Add counts one person's checked answers (see questions.Bank.CheckAnswers).
func (a *Analyser) Add(values map[string]questions.Value) {
	a.respondents++
	for _, acc := range a.dims {
		acc.add(values)
	}
}

func (acc *accumulator) add(values map[string]questions.Value) {
	complete := true
	for i, q := range acc.qs {
		v := values[q.ID]
		if v.Kind == questions.NotApplicable {
			acc.na[i]++
		}
		x, ok := assessment.Value(q, v)
		if !ok {
			complete = false
			continue
		}
		acc.answered[i]++
		acc.x[i] = x
	}
	if !complete {
		return
	}
	acc.n++
	n := float64(acc.n)
	for i := range acc.x {
		acc.dx[i] = acc.x[i] - acc.mean[i]
		acc.mean[i] += acc.dx[i] / n
	}
	for i := range acc.x {
		for j := range acc.x {
			acc.comoment[i][j] += acc.dx[i] * (acc.x[j] - acc.mean[j])
		}
	}
}

// Report computes the statistics of the answer sets added so far.
func (a *Analyser) Report() *Report {
	b := a.bank
	r := &Report{
		Schema:      Schema,
		Bank:        assessment.NewBankRef(b),
		Respondents: a.respondents,
		Dimensions:  make([]Dimension, 0, len(a.dims)),
	}
	for _, acc := range a.dims {
		r.Dimensions = append(r.Dimensions, acc.dimension())
	}
	return r
}
