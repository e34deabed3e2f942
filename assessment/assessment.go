// Package assessment scores answers to a question bank against the bank's
// leadership tiers. It is pure: no I/O, no terminal, no clock of its own.
package assessment

import (
	"math"
	"sort"
	"time"

	"github.com/digilead/digilead/questions"
)

// ResultSchema is the schema id of a result document.
const ResultSchema = "digilead.result/v1"

// Dimension statuses.
const (
	StatusScored       = "scored"
	StatusInsufficient = "insufficient"
)

// Gap severities.
const (
	SeverityMet          = "met"
	SeveritySmall        = "small"
	SeverityModerate     = "moderate"
	SeverityLarge        = "large"
	SeverityInsufficient = "insufficient"
)

// Result is a scored assessment: the digilead.result/v1 document.
type Result struct {
	Schema      string                     `json:"schema"`
	Tool        Tool                       `json:"tool"`
	Bank        BankRef                    `json:"bank"`
	Respondent  questions.Respondent       `json:"respondent"`
	CompletedAt time.Time                  `json:"completed_at"`
	Answers     map[string]questions.Value `json:"answers"`
	Dimensions  []DimensionScore           `json:"dimensions"`
	Tiers       []TierResult               `json:"tiers"`
	Level       *TierRef                   `json:"level"`
	Target      TierRef                    `json:"target"`
	Gaps        []Gap                      `json:"gaps"`
	Notes       []Note                     `json:"notes,omitempty"`
}

// Tool names the program that produced a result.
type Tool struct {
	Name    string `json:"name"`
	Version string `json:"version"`
}

// BankRef identifies the bank a result was scored with.
type BankRef struct {
	ID      string `json:"id"`
	Title   string `json:"title"`
	Version string `json:"version"`
	Digest  string `json:"digest"`
}

// DimensionScore is one dimension's score. Score is nil when the dimension
// had too few answers (status "insufficient").
type DimensionScore struct {
	ID       string   `json:"id"`
	Name     string   `json:"name"`
	Score    *float64 `json:"score"`
	Coverage float64  `json:"coverage"`
	Answered int      `json:"answered"`
	Total    int      `json:"total"`
	Status   string   `json:"status"`
	// NA counts the questions answered "not applicable".
	NA int `json:"na"`
	// Weight is the dimension's weight in the bank.
	Weight float64 `json:"weight,omitempty"`
	// SEM is the standard error of measurement of the score (0-100 scale),
	// when the bank records the dimension's reliability.
	SEM *float64 `json:"sem,omitempty"`
}

// TierResult says whether a tier is met and how ready the person is for it.
type TierResult struct {
	ID        string  `json:"id"`
	Name      string  `json:"name"`
	Rank      int     `json:"rank"`
	Met       bool    `json:"met"`
	Readiness float64 `json:"readiness"`
	// Blocking lists the dimensions (bank order) that keep the tier from
	// being met.
	Blocking []string `json:"blocking,omitempty"`
}

// TierRef names a tier.
type TierRef struct {
	ID   string `json:"id"`
	Name string `json:"name"`
	Rank int    `json:"rank"`
	// Description and Challenges are carried for the target tier so a saved
	// result can be reported without its bank.
	Description string   `json:"description,omitempty"`
	Challenges  []string `json:"challenges,omitempty"`
}

// Gap is the distance between a dimension's score and the target tier's
// expectation.
type Gap struct {
	Dimension string   `json:"dimension"`
	Name      string   `json:"name"`
	Score     *float64 `json:"score"`
	Expected  float64  `json:"expected"`
	Gap       float64  `json:"gap"`
	Severity  string   `json:"severity"`
	// WithinError is set when the gap is smaller than 1.96 x SEM: too small
	// to tell from measurement error.
	WithinError bool     `json:"within_error,omitempty"`
	Actions     []Action `json:"actions"`
}

// Action is a development recommendation.
type Action struct {
	Kind string `json:"kind"`
	Text string `json:"text"`
}

// Note is an observation about the answers that does not change scores.
type Note struct {
	Kind      string `json:"kind"`
	Dimension string `json:"dimension,omitempty"`
	Text      string `json:"text"`
}

// Options tune scoring.
type Options struct {
	// Target is a tier id to measure gaps against; empty chooses one (see
	// ChooseTarget).
	Target string
	// Now is the completion time written into the result.
	Now time.Time
	// Tool identifies the program.
	Tool Tool
}

// eps is the precision at which scores are compared: values are rounded to
// 1e-9 so that floating-point noise never decides an outcome.
const eps = 1e9

func clean(x float64) float64 { return math.Round(x*eps) / eps }

// round2 rounds to two decimals for output.
func round2(x float64) float64 { return math.Round(x*100) / 100 }

// Value returns the normalised value x in [0, 1] of an answered question,
// reverse keys applied. ok is false for N/A and unanswered values.
func Value(q *questions.Question, v questions.Value) (x float64, ok bool) {
	switch v.Kind {
	case questions.Number:
		x = float64(v.Num-q.Scale.Min) / float64(q.Scale.Max-q.Scale.Min)
	case questions.Boolean:
		if v.Bool {
			x = 1
		}
	case questions.Pick:
		o, _ := q.Option(v.Opt)
		return o.Score, true
	case questions.Picks:
		for _, id := range v.Opts {
			o, _ := q.Option(id)
			x += o.Score
		}
		return math.Min(1, x), true
	default:
		return 0, false
	}
	if q.Reverse {
		x = 1 - x
	}
	return x, true
}

// Score scores checked answers against the bank. The answers must have
// been checked with questions.Bank.CheckAnswers (or built from the bank's
// own ids); an unknown target is the caller's to refuse first (see
// CheckTarget).
func Score(b *questions.Bank, a *questions.Answers, opts Options) *Result {
	r := &Result{
		Schema:      ResultSchema,
		Tool:        opts.Tool,
		Bank:        BankRef{ID: b.ID, Title: b.Title, Version: b.Version, Digest: b.Digest},
		Respondent:  a.Respondent,
		CompletedAt: opts.Now.UTC().Truncate(time.Second),
		Answers:     a.Values,
	}
	if r.Answers == nil {
		r.Answers = map[string]questions.Value{}
	}
	scores := make(map[string]*float64, len(b.Dimensions))
	for _, d := range b.Dimensions {
		ds := scoreDimension(b, &d, a.Values)
		scores[d.ID] = ds.Score
		r.Dimensions = append(r.Dimensions, ds)
	}
	for _, t := range b.Tiers {
		r.Tiers = append(r.Tiers, tierResult(b, &t, scores))
	}
	if lvl := Level(r.Tiers); lvl >= 0 {
		r.Level = &TierRef{ID: b.Tiers[lvl].ID, Name: b.Tiers[lvl].Name, Rank: b.Tiers[lvl].Rank}
	}
	target := ChooseTarget(b, r.Tiers, a.Respondent.Role, opts.Target)
	r.Target = TierRef{ID: target.ID, Name: target.Name, Rank: target.Rank, Description: target.Description, Challenges: target.Challenges}
	r.Gaps = Gaps(b, target, scores)
	applyReliability(b, r)
	r.Notes = Notes(b, a.Values)
	// Round for output only after every decision is made.
	for i := range r.Dimensions {
		ds := &r.Dimensions[i]
		ds.Coverage = round2(ds.Coverage)
		if ds.Score != nil {
			s := round2(*ds.Score)
			ds.Score = &s
		}
	}
	for i := range r.Tiers {
		r.Tiers[i].Readiness = round2(r.Tiers[i].Readiness)
	}
	for i := range r.Gaps {
		g := &r.Gaps[i]
		g.Gap, g.Expected = round2(g.Gap), round2(g.Expected)
		if g.Score != nil {
			s := round2(*g.Score)
			g.Score = &s
		}
	}
	return r
}

func scoreDimension(b *questions.Bank, d *questions.Dimension, values map[string]questions.Value) DimensionScore {
	ds := DimensionScore{ID: d.ID, Name: d.Name, Weight: d.Weight}
	var sumWX, sumW, allW float64
	for i := range b.Questions {
		q := &b.Questions[i]
		if q.Dimension != d.ID {
			continue
		}
		ds.Total++
		allW += q.Weight
		v := values[q.ID]
		if v.Kind == questions.NotApplicable {
			ds.NA++
		}
		x, ok := Value(q, v)
		if !ok {
			continue
		}
		ds.Answered++
		sumWX += q.Weight * x
		sumW += q.Weight
	}
	if allW > 0 {
		ds.Coverage = sumW / allW
	}
	if sumW == 0 || clean(ds.Coverage) < clean(b.MinCoverage) {
		ds.Status = StatusInsufficient
		return ds
	}
	s := clean(100 * sumWX / sumW)
	ds.Score = &s
	ds.Status = StatusScored
	return ds
}

func tierResult(b *questions.Bank, t *questions.Tier, scores map[string]*float64) TierResult {
	tr := TierResult{ID: t.ID, Name: t.Name, Rank: t.Rank, Met: true}
	if len(t.Expectations) == 0 {
		tr.Readiness = 100
		return tr
	}
	var sumVR, sumV float64
	for _, d := range b.Dimensions { // bank order, so Blocking is too
		e, ok := t.Expectations[d.ID]
		if !ok {
			continue
		}
		s := scores[d.ID]
		r := 0.0
		switch {
		case s == nil:
			r = 0
		case e == 0:
			r = 1
		default:
			r = math.Min(1, clean(*s/e))
		}
		sumVR += d.Weight * r
		sumV += d.Weight
		if s == nil || clean(*s) < clean(e) {
			tr.Met = false
			tr.Blocking = append(tr.Blocking, d.ID)
		}
	}
	tr.Readiness = clean(100 * sumVR / sumV)
	return tr
}

// Level returns the index (in rank order) of the highest tier in the
// unbroken run of met tiers from the lowest rank, or -1 when the lowest
// tier is not met.
func Level(tiers []TierResult) int {
	lvl := -1
	for i, t := range tiers {
		if !t.Met {
			break
		}
		lvl = i
	}
	return lvl
}

// ChooseTarget picks the tier to measure gaps against: the explicit target
// if given; else the declared role when the level is below it (or there is
// no level); else the tier above the level (the lowest when there is no
// level, the top when the level is the top). tiers are in rank order.
func ChooseTarget(b *questions.Bank, tiers []TierResult, role, explicit string) *questions.Tier {
	if t, ok := b.Tier(explicit); ok {
		return t
	}
	lvl := Level(tiers)
	if t, ok := b.Tier(role); ok {
		lvlRank := 0
		if lvl >= 0 {
			lvlRank = b.Tiers[lvl].Rank
		}
		if lvl < 0 || lvlRank < t.Rank {
			return t
		}
	}
	switch {
	case lvl < 0:
		return &b.Tiers[0]
	case lvl == len(b.Tiers)-1:
		return &b.Tiers[lvl]
	default:
		return &b.Tiers[lvl+1]
	}
}

// Severity classifies a gap: met (0), small (0-10], moderate (10-25],
// large (>25).
func Severity(gap float64) string {
	switch g := clean(gap); {
	case g <= 0:
		return SeverityMet
	case g <= 10:
		return SeveritySmall
	case g <= 25:
		return SeverityModerate
	default:
		return SeverityLarge
	}
}

// Gaps lists the target's expectations against the scores, sorted by
// weight*gap descending, ties in bank order.
func Gaps(b *questions.Bank, target *questions.Tier, scores map[string]*float64) []Gap {
	type ranked struct {
		g   Gap
		key float64
		idx int
	}
	var rs []ranked
	for i, d := range b.Dimensions {
		e, ok := target.Expectations[d.ID]
		if !ok {
			continue
		}
		g := Gap{Dimension: d.ID, Name: d.Name, Expected: e, Actions: []Action{}}
		if s := scores[d.ID]; s == nil {
			g.Gap = e
			g.Severity = SeverityInsufficient
		} else {
			sc := *s
			g.Score = &sc
			g.Gap = clean(math.Max(0, e-sc))
			g.Severity = Severity(g.Gap)
		}
		for _, a := range d.Actions {
			if a.AppliesTo(target.ID) {
				g.Actions = append(g.Actions, Action{Kind: a.Kind, Text: a.Text})
			}
		}
		rs = append(rs, ranked{g: g, key: clean(d.Weight * g.Gap), idx: i})
	}
	sort.SliceStable(rs, func(i, j int) bool {
		if rs[i].key != rs[j].key {
			return rs[i].key > rs[j].key
		}
		return rs[i].idx < rs[j].idx
	})
	gaps := make([]Gap, len(rs))
	for i, r := range rs {
		gaps[i] = r.g
	}
	return gaps
}
