package compare

import (
	"math"
	"time"

	"github.com/digilead/digilead/assessment"
	"github.com/digilead/digilead/assessment/plan"
	"github.com/digilead/digilead/questions"
	"github.com/digilead/digilead/questions/lang"
)

// PlanCheckSchema is the schema id of a plan check.
const PlanCheckSchema = "digilead.plan-check/v1"

// Verdicts of a planned priority.
const (
	Improved  = "improved"
	Unchanged = "unchanged"
	Worse     = "worse"
)

// PlanCheck is the digilead.plan-check/v1 document: for each priority of
// a plan, the score when the plan was made, the score in a newer result
// and whether it changed beyond measurement error.
type PlanCheck struct {
	Schema     string              `json:"schema"`
	Bank       assessment.BankName `json:"bank"`
	Plan       PlanSide            `json:"plan"`
	Result     ResultSide          `json:"result"`
	Priorities []PlanPriority      `json:"priorities"`
	// LeftOut are the priorities the newer result does not score (too few
	// answers, or a bank version without the dimension).
	LeftOut []LeftOutPriority `json:"left_out,omitempty"`
	// Notes are what a reader should know that does not change the
	// verdicts (planNotes), in English; NoteMsgs say them in any language
	// (not kept in the document).
	Notes    []string   `json:"notes,omitempty"`
	NoteMsgs []lang.Msg `json:"-"`
}

// PlanSide says which plan was checked.
type PlanSide struct {
	Source    string    `json:"source,omitempty"`
	CreatedAt time.Time `json:"created_at"`
	ReviewOn  string    `json:"review_on"`
	// ResultCompletedAt is when the plan's own result was completed.
	ResultCompletedAt time.Time `json:"result_completed_at"`
	// BankVersion is the version of the bank of the plan's result.
	BankVersion string `json:"bank_version,omitempty"`
}

// ResultSide says which result the plan was checked against.
type ResultSide struct {
	Source      string              `json:"source,omitempty"`
	CompletedAt time.Time           `json:"completed_at"`
	BankVersion string              `json:"bank_version"`
	Level       *assessment.TierRef `json:"level"`
}

// PlanPriority is one planned priority checked.
type PlanPriority struct {
	Dimension string             `json:"dimension"`
	Name      questions.BankText `json:"name"`
	Old       float64            `json:"old"`
	New       float64            `json:"new"`
	Change    float64            `json:"change"`
	// MinReliableChange is the smallest change beyond measurement error,
	// when an SEM is known (see CheckPlan); without one any change counts.
	MinReliableChange *float64 `json:"min_reliable_change,omitempty"`
	Verdict           string   `json:"verdict"`
	// Expected is what the newer result's target expects, when it does.
	Expected *float64      `json:"expected,omitempty"`
	Actions  []plan.Action `json:"actions"`
}

// LeftOutPriority is a priority the newer result does not score.
type LeftOutPriority struct {
	Dimension string             `json:"dimension"`
	Name      questions.BankText `json:"name"`
}

// CheckPlan checks plan p against r, a newer result of the same bank: for
// each priority the old score (the plan's), the new one and a verdict by
// the reliable-change rule: improved or worse when the change is at least
// 1.96 x sqrt(SEM_old² + SEM_new²), each score with its own result's SEM
// (1.96 x sqrt(2) x the one SEM known when only one is; any change when
// neither is), else unchanged. A result of another bank is refused
// (DifferentBanksError).
func CheckPlan(p *plan.Plan, r *assessment.Result) (*PlanCheck, error) {
	if p.Result.Bank.ID != r.Bank.ID {
		return nil, &DifferentBanksError{Old: p.Result.Bank.ID, New: r.Bank.ID, Plan: true}
	}
	c := &PlanCheck{
		Schema:     PlanCheckSchema,
		Bank:       assessment.BankName{ID: r.Bank.ID, Title: r.Bank.Title},
		Plan:       PlanSide{CreatedAt: p.CreatedAt, ReviewOn: p.ReviewOn, ResultCompletedAt: p.Result.CompletedAt, BankVersion: p.Result.Bank.Version},
		Result:     ResultSide{CompletedAt: r.CompletedAt, BankVersion: r.Bank.Version, Level: tierName(r.Level)},
		Priorities: []PlanPriority{},
		NoteMsgs:   planNotes(p, r),
	}
	for _, m := range c.NoteMsgs {
		c.Notes = append(c.Notes, lang.English().Say(m))
	}
	dims := map[string]assessment.DimensionScore{}
	for _, d := range r.Dimensions {
		dims[d.ID] = d
	}
	expected := map[string]float64{}
	for _, g := range r.Gaps {
		expected[g.Dimension] = g.Expected
	}
	for _, pr := range p.Priorities {
		d, ok := dims[pr.Dimension]
		if !ok || d.Score == nil {
			c.LeftOut = append(c.LeftOut, LeftOutPriority{Dimension: pr.Dimension, Name: pr.Name})
			continue
		}
		ch := round2(*d.Score - pr.Score)
		out := PlanPriority{Dimension: pr.Dimension, Name: d.Name, Old: pr.Score, New: *d.Score, Change: ch, Verdict: Unchanged, Actions: pr.Actions}
		if out.Actions == nil {
			out.Actions = []plan.Action{}
		}
		if e, ok := expected[pr.Dimension]; ok {
			out.Expected = &e
		}
		threshold, known := reliableThreshold(pr.SEM, d.SEM, true)
		if known {
			rmin := round2(threshold)
			out.MinReliableChange = &rmin
		}
		switch {
		case ch > 0 && ch >= clean(threshold):
			out.Verdict = Improved
		case ch < 0 && -ch >= clean(threshold):
			out.Verdict = Worse
		}
		c.Priorities = append(c.Priorities, out)
	}
	return c, nil
}

// planNotes says what a reader of a plan check should know: the result
// is of another version or content of the bank than the plan's, it is not
// newer than the result the plan was made from (the same one, most
// likely: nothing can have changed), or its target is another.
func planNotes(p *plan.Plan, r *assessment.Result) []lang.Msg {
	var ns []lang.Msg
	from := p.Result.Bank
	switch {
	case from.Version != r.Bank.Version:
		ns = append(ns, lang.M("plancheck.note.versions", "Old", from.Version, "New", r.Bank.Version))
	case from.Digest != "" && r.Bank.Digest != "" && from.Digest != r.Bank.Digest:
		ns = append(ns, lang.M("compare.note.content", "Version", r.Bank.Version))
	}
	if !r.CompletedAt.After(p.Result.CompletedAt) {
		ns = append(ns, lang.M("plancheck.note.not_newer"))
	}
	if t := p.Result.Target; t != nil && t.ID != r.Target.ID {
		ns = append(ns, lang.M("compare.note.target", "Old", t.Name, "New", r.Target.Name))
	}
	return ns
}

// reliableThreshold is the smallest reliable change between a score of
// standard error o and one of n: 1.96 x sqrt(o² + n²) when both are known
// and ownSEM (each score's SEM is its own answers'), else 1.96 x sqrt(2) x
// the newer SEM known (the older when only it is). known is false when
// neither is.
func reliableThreshold(o, n *float64, ownSEM bool) (threshold float64, known bool) {
	switch {
	case o != nil && n != nil && ownSEM:
		return assessment.Z95 * math.Hypot(*o, *n), true
	case n != nil:
		return reliableFactor * *n, true
	case o != nil:
		return reliableFactor * *o, true
	}
	return 0, false
}
