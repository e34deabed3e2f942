// Package compare sets two results of the same bank side by side: score
// changes per dimension, level and target changes, readiness per tier, and
// the gaps that closed and opened. It is pure: no I/O.
package compare

import (
	"fmt"
	"math"
	"time"

	"github.com/digilead/digilead/assessment"
	"github.com/digilead/digilead/questions"
	"github.com/digilead/digilead/questions/errtext"
	"github.com/digilead/digilead/questions/lang"
)

// Schema is the schema id of a comparison document.
const Schema = "digilead.compare/v1"

// Directions of a change.
const (
	Up   = "up"
	Down = "down"
	Same = "same"
)

// Which result a left-out dimension is in.
const (
	OnlyOld = "old"
	OnlyNew = "new"
)

// DifferentBanksError refuses to compare results scored with different
// banks (bank ids), whose scores mean different things. It is a
// errtext.ErrInvalid.
type DifferentBanksError struct {
	Old, New string // bank ids
	// Plan is set when Old is a development plan's bank (CheckPlan).
	Plan bool
}

func (e *DifferentBanksError) Error() string {
	if e.Plan {
		return fmt.Sprintf("the plan was made from a result of the bank %q and the result is of the bank %q, whose scores mean other things; check the plan against a newer result of %q", e.Old, e.New, e.Old)
	}
	return fmt.Sprintf("the results are from different banks (%q and %q) and cannot be compared; compare two results of the same bank", e.Old, e.New)
}

// Is makes the error a errtext.ErrInvalid.
func (e *DifferentBanksError) Is(target error) bool { return target == errtext.ErrInvalid }

// Comparison is the digilead.compare/v1 document.
type Comparison struct {
	Schema string `json:"schema"`
	// Bank is the bank both results were scored with (id and title of the
	// newer result).
	Bank assessment.BankName `json:"bank"`
	Old  Side                `json:"old"`
	New  Side                `json:"new"`
	// Level and Target say how the level and the target tier moved.
	Level  TierChange `json:"level"`
	Target TierChange `json:"target"`
	// Dimensions are the dimensions both results have, in the newer
	// result's order.
	Dimensions []Dimension `json:"dimensions"`
	// Tiers are the tiers both results have, in the newer result's order.
	Tiers []Tier `json:"tiers"`
	Gaps  Gaps   `json:"gaps"`
	// LeftOut are the dimensions only one result has (when the bank
	// versions differ); they are not compared.
	LeftOut []LeftOut `json:"left_out,omitempty"`
	// Notes are observations that do not change the comparison, in
	// English; NoteMsgs say them in any language (not kept in the
	// document).
	Notes    []string   `json:"notes,omitempty"`
	NoteMsgs []lang.Msg `json:"-"`
}

// Side describes one of the two results.
type Side struct {
	// Source is where the result was read from, when known (set by the
	// caller).
	Source      string              `json:"source,omitempty"`
	CompletedAt time.Time           `json:"completed_at"`
	BankVersion string              `json:"bank_version"`
	BankDigest  string              `json:"bank_digest,omitempty"`
	Level       *assessment.TierRef `json:"level"`
	// LevelProbability is the result's, when its bank decides levels by
	// the most-probable rule.
	LevelProbability *float64           `json:"level_probability,omitempty"`
	Target           assessment.TierRef `json:"target"`
}

// TierChange is a level or target before and after. A nil level is below
// the lowest tier ("Developing").
type TierChange struct {
	Old       *assessment.TierRef `json:"old"`
	New       *assessment.TierRef `json:"new"`
	Direction string              `json:"direction"`
}

// Dimension is one dimension's score before and after.
type Dimension struct {
	ID   string             `json:"id"`
	Name questions.BankText `json:"name"`
	// Old and New are nil when the dimension was not scored (too few
	// answers); Change is then nil too.
	Old    *float64 `json:"old"`
	New    *float64 `json:"new"`
	Change *float64 `json:"change"`
	// MinReliableChange is the smallest change that is not measurement
	// error at the 95% level, set when both results carry an SEM for the
	// dimension: 1.96 x sqrt(SEM_old² + SEM_new²) when both were scored
	// by the most-probable rule (each with the SEM of its own answers),
	// else 1.96 x sqrt(2) x the newer result's SEM (the bank's recorded
	// SEM). A smaller change cannot be told from measurement error, and
	// Reliable is false.
	MinReliableChange *float64 `json:"min_reliable_change,omitempty"`
	Reliable          *bool    `json:"reliable,omitempty"`
	// ReliableUnknown is set when both results carry an SEM for the
	// dimension but one the test would use cannot be judged
	// (assessment.SEMUnjudged: worked out from answers given the same way
	// throughout, which make it as small as it gets). The test is then
	// not made: MinReliableChange and Reliable are absent, and no gap of
	// the dimension is marked WithinError.
	ReliableUnknown bool `json:"reliable_unknown,omitempty"`
}

// Tier is one tier's readiness before and after.
type Tier struct {
	ID           string             `json:"id"`
	Name         questions.BankText `json:"name"`
	OldReadiness float64            `json:"old_readiness"`
	NewReadiness float64            `json:"new_readiness"`
	Change       float64            `json:"change"`
	OldMet       bool               `json:"old_met"`
	NewMet       bool               `json:"new_met"`
}

// Gaps are the gaps to each result's own target that closed, opened and
// stayed open.
type Gaps struct {
	Closed    []Gap `json:"closed"`
	Opened    []Gap `json:"opened"`
	StillOpen []Gap `json:"still_open"`
}

// Gap is a dimension's gap before and after; a nil gap means the target
// of that result had no expectation for the dimension.
type Gap struct {
	Dimension   string             `json:"dimension"`
	Name        questions.BankText `json:"name"`
	OldGap      *float64           `json:"old_gap"`
	NewGap      *float64           `json:"new_gap"`
	OldSeverity string             `json:"old_severity,omitempty"`
	NewSeverity string             `json:"new_severity,omitempty"`
	// WithinError is set on a gap that closed or opened while the
	// dimension's score changed by less than its smallest reliable
	// change (Dimension.Reliable false): the gap closed, or opened,
	// within measurement error.
	WithinError bool `json:"within_error,omitempty"`
}

// LeftOut is a dimension that only one of the results has.
type LeftOut struct {
	ID   string             `json:"id"`
	Name questions.BankText `json:"name"`
	// Only is "old" or "new".
	Only string `json:"only"`
}

// Compare sets the old result against the new one. Results of different
// banks (bank ids) are refused with a *DifferentBanksError; results of
// different versions of one bank are compared on the dimensions they
// share, the others listed in LeftOut.
func Compare(older, newer *assessment.Result) (*Comparison, error) {
	if older.Bank.ID != newer.Bank.ID {
		return nil, &DifferentBanksError{Old: older.Bank.ID, New: newer.Bank.ID}
	}
	c := &Comparison{
		Schema:   Schema,
		Bank:     assessment.BankName{ID: newer.Bank.ID, Title: newer.Bank.Title},
		Old:      side(older),
		New:      side(newer),
		Level:    tierChange(older.Level, newer.Level),
		Target:   tierChange(&older.Target, &newer.Target),
		Gaps:     gaps(older, newer),
		NoteMsgs: notes(older, newer),
	}
	for _, m := range c.NoteMsgs {
		c.Notes = append(c.Notes, lang.English().Say(m))
	}
	var unjudged [2]bool
	c.Dimensions, c.LeftOut, unjudged = dimensions(older, newer, older.LevelRule == questions.LevelRuleMostProbable && newer.LevelRule == questions.LevelRuleMostProbable)
	if m, ok := unjudgedNote(unjudged); ok {
		c.NoteMsgs = append(c.NoteMsgs, m)
		c.Notes = append(c.Notes, lang.English().Say(m))
	}
	c.Tiers = tiers(older, newer)
	withinError(c.Gaps.Closed, c.Dimensions)
	withinError(c.Gaps.Opened, c.Dimensions)
	return c, nil
}

// withinError marks the gaps whose dimension's change is not reliable
// (Gap.WithinError).
func withinError(gs []Gap, ds []Dimension) {
	for i := range gs {
		for _, d := range ds {
			if d.ID == gs[i].Dimension && d.Reliable != nil && !*d.Reliable {
				gs[i].WithinError = true
			}
		}
	}
}

func side(r *assessment.Result) Side {
	return Side{CompletedAt: r.CompletedAt, BankVersion: r.Bank.Version, BankDigest: r.Bank.Digest, Level: r.Level, LevelProbability: r.LevelProbability, Target: r.Target}
}

// tierName is t without what a result carries only for its target
// (description and challenges).
func tierName(t *assessment.TierRef) *assessment.TierRef {
	if t == nil {
		return nil
	}
	return &assessment.TierRef{ID: t.ID, Name: t.Name, Rank: t.Rank}
}

// tierChange compares two tiers by rank; nil ranks below every tier.
func tierChange(older, newer *assessment.TierRef) TierChange {
	c := TierChange{Old: tierName(older), New: tierName(newer), Direction: Same}
	rank := func(t *assessment.TierRef) int {
		if t == nil {
			return 0
		}
		return t.Rank
	}
	switch ro, rn := rank(older), rank(newer); {
	case rn > ro:
		c.Direction = Up
	case rn < ro:
		c.Direction = Down
	}
	return c
}

// unjudgedNote says which result's measurement error could not be
// judged (unjudged: the older's, the newer's), when either could not.
func unjudgedNote(unjudged [2]bool) (lang.Msg, bool) {
	switch unjudged {
	case [2]bool{true, true}:
		return lang.M("compare.note.straight_lining.both"), true
	case [2]bool{true, false}:
		return lang.M("compare.note.straight_lining.old"), true
	case [2]bool{false, true}:
		return lang.M("compare.note.straight_lining.new"), true
	}
	return lang.Msg{}, false
}

// dimensions pairs the dimensions by id, in the newer result's order, and
// lists those only one result has. ownSEM says whether each result's SEM
// is its own (the most-probable rule's). unjudged says whether the older
// and the newer result's SEM kept the reliable-change test from being
// made on some dimension (Dimension.ReliableUnknown).
func dimensions(older, newer *assessment.Result, ownSEM bool) (ds []Dimension, left []LeftOut, unjudged [2]bool) {
	olds := map[string]assessment.DimensionScore{}
	for _, d := range older.Dimensions {
		olds[d.ID] = d
	}
	seen := map[string]bool{}
	for _, n := range newer.Dimensions {
		o, ok := olds[n.ID]
		if !ok {
			left = append(left, LeftOut{ID: n.ID, Name: n.Name, Only: OnlyNew})
			continue
		}
		seen[n.ID] = true
		// The test uses the older SEM only when each is the result's
		// own (reliableThreshold).
		un := [2]bool{ownSEM && assessment.SEMUnjudged(older, &o), assessment.SEMUnjudged(newer, &n)}
		d := dimension(o, n, ownSEM, un != [2]bool{})
		if d.ReliableUnknown {
			unjudged[0], unjudged[1] = unjudged[0] || un[0], unjudged[1] || un[1]
		}
		ds = append(ds, d)
	}
	for _, o := range older.Dimensions {
		if !seen[o.ID] {
			left = append(left, LeftOut{ID: o.ID, Name: o.Name, Only: OnlyOld})
		}
	}
	return ds, left, unjudged
}

// reliableFactor times the SEM gives the smallest change that is not
// measurement error at 95%: the standard error of a difference of two
// scores is sqrt(2) x SEM.
var reliableFactor = 1.96 * math.Sqrt2

// dimension pairs a dimension's scores. unjudged says that an SEM the
// reliable-change test would use cannot be judged: the test is then not
// made (Dimension.ReliableUnknown).
func dimension(o, n assessment.DimensionScore, ownSEM, unjudged bool) Dimension {
	d := Dimension{ID: n.ID, Name: n.Name, Old: copyNum(o.Score), New: copyNum(n.Score)}
	if o.Score == nil || n.Score == nil {
		return d
	}
	ch := round2(*n.Score - *o.Score)
	d.Change = &ch
	switch {
	case o.SEM == nil || n.SEM == nil:
	case unjudged:
		d.ReliableUnknown = true
	default:
		threshold, _ := reliableThreshold(o.SEM, n.SEM, ownSEM)
		reliable := math.Abs(ch) >= clean(threshold)
		rmin := round2(threshold)
		d.MinReliableChange, d.Reliable = &rmin, &reliable
	}
	return d
}

// tiers pairs the tiers by id, in the newer result's order.
func tiers(older, newer *assessment.Result) []Tier {
	olds := map[string]assessment.TierResult{}
	for _, t := range older.Tiers {
		olds[t.ID] = t
	}
	var ts []Tier
	for _, n := range newer.Tiers {
		o, ok := olds[n.ID]
		if !ok {
			continue
		}
		ts = append(ts, Tier{
			ID: n.ID, Name: n.Name,
			OldReadiness: o.Readiness, NewReadiness: n.Readiness, Change: round2(n.Readiness - o.Readiness),
			OldMet: o.Met, NewMet: n.Met,
		})
	}
	return ts
}

// gaps sorts each dimension's gap into closed (open before, met now),
// opened (open now, not before) and still open. Each result's gaps are to
// its own target. Closed gaps are in the older result's order (largest
// first), the others in the newer result's.
func gaps(older, newer *assessment.Result) Gaps {
	olds, news := gapIndex(older), gapIndex(newer)
	g := Gaps{Closed: []Gap{}, Opened: []Gap{}, StillOpen: []Gap{}}
	for _, o := range older.Gaps {
		if n, ok := news[o.Dimension]; ok && isOpen(o) && !isOpen(n) {
			g.Closed = append(g.Closed, pair(&o, &n))
		}
	}
	for _, n := range newer.Gaps {
		if !isOpen(n) {
			continue
		}
		o, ok := olds[n.Dimension]
		switch {
		case !ok:
			g.Opened = append(g.Opened, pair(nil, &n))
		case isOpen(o):
			g.StillOpen = append(g.StillOpen, pair(&o, &n))
		default:
			g.Opened = append(g.Opened, pair(&o, &n))
		}
	}
	return g
}

func gapIndex(r *assessment.Result) map[string]assessment.Gap {
	m := make(map[string]assessment.Gap, len(r.Gaps))
	for _, g := range r.Gaps {
		m[g.Dimension] = g
	}
	return m
}

func isOpen(g assessment.Gap) bool { return g.Severity != assessment.SeverityMet }

// pair joins a dimension's old and new gap; either may be nil.
func pair(o, n *assessment.Gap) Gap {
	var g Gap
	if o != nil {
		g.Dimension, g.Name, g.OldGap, g.OldSeverity = o.Dimension, o.Name, copyNum(&o.Gap), o.Severity
	}
	if n != nil {
		g.Dimension, g.Name, g.NewGap, g.NewSeverity = n.Dimension, n.Name, copyNum(&n.Gap), n.Severity
	}
	return g
}

// notes says what a reader should know: different bank versions or
// contents, and results given in the wrong order.
func notes(older, newer *assessment.Result) []lang.Msg {
	var ns []lang.Msg
	switch {
	case older.Bank.Version != newer.Bank.Version:
		ns = append(ns, lang.M("compare.note.versions", "Old", older.Bank.Version, "New", newer.Bank.Version))
	case older.Bank.Digest != "" && newer.Bank.Digest != "" && older.Bank.Digest != newer.Bank.Digest:
		ns = append(ns, lang.M("compare.note.content", "Version", newer.Bank.Version))
	}
	if older.CompletedAt.After(newer.CompletedAt) {
		ns = append(ns, lang.M("compare.note.order"))
	}
	if older.Target.ID != newer.Target.ID {
		ns = append(ns, lang.M("compare.note.target", "Old", older.Target.Name, "New", newer.Target.Name))
	}
	return ns
}

func copyNum(x *float64) *float64 {
	if x == nil {
		return nil
	}
	v := *x
	return &v
}

func round2(x float64) float64 { return math.Round(x*100) / 100 }

// clean rounds away floating-point noise before a comparison.
func clean(x float64) float64 { return math.Round(x*1e9) / 1e9 }
