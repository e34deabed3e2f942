package report

import (
	"math"
	"strings"

	"github.com/digilead/digilead/assessment"
	"github.com/digilead/digilead/assessment/plan"
	"github.com/digilead/digilead/questions"
	"github.com/digilead/digilead/questions/lang"
	"github.com/digilead/digilead/questions/safetext"
)

// A report leads with what to do: the strengths, then the priorities.
const (
	maxStrengths  = 3
	maxPriorities = 3
	maxCauses     = 2
)

// summary is what a report for people says first: what the person does
// well and what to work on first, every figure a whole number.
type summary struct {
	Strengths  []strength
	Priorities []priority
	// Unscored are the target's dimensions with too few answers to
	// score: whether they meet its expectations is not known, so the
	// report does not say that nothing stands out.
	Unscored []questions.BankText
}

type strength struct {
	Name  questions.BankText
	Score string
}

type priority struct {
	Dimension            string
	Name                 questions.BankText
	Score, Expected, Gap string
	// First is the one first step; nil when the bank gives no action.
	First *assessment.Action
	// Causes are the answers that pulled the score down, in words.
	Causes []cause
}

type cause struct{ Question, Answer string }

// summarise reads what to say first from r, in l: up to three strengths
// (plan.Strengths) and up to three clear shortfalls (plan.Ranked), each with
// its first step (plan.FirstStep) and, when the report's bank is the one
// r was scored with, the answers that caused it.
func summarise(l *lang.Lang, r *assessment.Result, o Options) summary {
	var s summary
	for _, d := range plan.Strengths(r, maxStrengths) {
		s.Strengths = append(s.Strengths, strength{Name: d.Name, Score: whole(l, *d.Score)})
	}
	var bank *questions.Bank
	if lg := o.Language; lg != nil && lg.Bank != nil && lg.Bank.ID == r.Bank.ID && lg.Bank.Digest == r.Bank.Digest {
		bank = lg.Bank
	}
	// Only clear shortfalls: a gap within measurement error is not one.
	var ranked []assessment.Gap
	for _, g := range plan.Ranked(r) {
		if !g.WithinError && len(ranked) < maxPriorities {
			ranked = append(ranked, g)
		}
	}
	for _, g := range ranked {
		p := priority{Dimension: g.Dimension, Name: g.Name, Score: whole(l, *g.Score), Expected: whole(l, g.Expected), Gap: wholeGap(l, g.Gap)}
		if a, ok := plan.FirstStep(g); ok {
			p.First = &a
		}
		if bank != nil {
			for _, c := range plan.Causes(bank, r, g.Dimension, maxCauses) {
				p.Causes = append(p.Causes, cause{Question: safetext.Terminal(c.Question.Text), Answer: safetext.Terminal(answerText(l, c.Question, c.Value))})
			}
		}
		s.Priorities = append(s.Priorities, p)
	}
	for _, g := range plan.UnscoredGaps(r) {
		s.Unscored = append(s.Unscored, g.Name)
	}
	return s
}

// unscoredText says which of the target's dimensions had too few answers
// to tell whether they meet its expectations, and what to do; "" when
// none had.
func (s summary) unscoredText(l *lang.Lang, target questions.BankText) string {
	if len(s.Unscored) == 0 {
		return ""
	}
	names := make([]string, len(s.Unscored))
	for i, n := range s.Unscored {
		names[i] = string(n)
	}
	return l.N("report.priorities_unscored", len(names), "Names", l.List(names), "Target", target)
}

// answerText says an answer in words: the option's or the scale point's
// label, else the point as "2 of 5".
func answerText(l *lang.Lang, q *questions.Question, v questions.Value) string {
	switch v.Kind {
	case questions.Number:
		if s := q.Scale.Label(v.Num); s != "" {
			return s
		}
		return l.T("report.answer_point", "N", v.Num, "Max", q.Scale.Max)
	case questions.Boolean:
		if v.Bool {
			return l.T("report.answer_yes")
		}
		return l.T("report.answer_no")
	case questions.Pick:
		o, _ := q.Option(v.Opt)
		return o.Label
	case questions.Picks:
		if len(v.Opts) == 0 {
			return l.T("report.answer_none")
		}
		labels := make([]string, len(v.Opts))
		for i, id := range v.Opts {
			o, _ := q.Option(id)
			labels[i] = o.Label
		}
		return strings.Join(labels, l.T("list.semicolon"))
	}
	return ""
}

// whole writes a figure of a report for people: a whole number (JSON
// keeps the exact one).
func whole(l *lang.Lang, x float64) string {
	return l.Int(int(math.Round(x)))
}

// wholeGap writes a gap as a whole number, at least 1: a gap is never
// shown as none.
func wholeGap(l *lang.Lang, x float64) string {
	if x > 0 {
		return l.Int(max(1, int(math.Round(x))))
	}
	return whole(l, x)
}

// readinessPct writes a tier's readiness as a whole percentage, rounded
// down: 99.6% ready is not 100%.
func readinessPct(l *lang.Lang, x float64) string {
	return l.Percent(l.Int(int(math.Floor(x))))
}
