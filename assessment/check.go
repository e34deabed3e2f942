package assessment

import (
	"cmp"
	"fmt"
	"math"
	"slices"

	"github.com/digilead/digilead/questions"
)

// Figures are what a result claims, as the consistency checks read them:
// DecodeResult fills them from a whole result, cohort from the part it
// decodes. A result file is outside data: an edited score, a readiness of
// 1e308 or a level that does not follow from the tiers met must be refused,
// not rendered and passed on as a valid result.
type Figures struct {
	Dimensions []DimensionFigure
	Tiers      []TierFigure
	// Level is the id of the level tier, "" for none.
	Level string
	Gaps  []GapFigure
}

// DimensionFigure is one dimension's score (nil when insufficient).
type DimensionFigure struct {
	ID           string
	Score        *float64
	Insufficient bool
	// Coverage is the share of the dimension answered, 0..1; NaN when the
	// document does not give it.
	Coverage float64
}

// TierFigure is one tier's outcome.
type TierFigure struct {
	ID        string
	Rank      int
	Met       bool
	Readiness float64
}

// GapFigure is one gap to the target. Expected and Severity are checked
// when given (Expected not NaN, Severity not "").
type GapFigure struct {
	Dimension string
	Score     *float64
	Expected  float64
	Gap       float64
	Severity  string
}

// tolerance absorbs the 2-decimal rounding of a result's figures.
const tolerance = 0.011

// Check refuses figures that a result scored by digilead cannot have:
// scores, readiness, expectations and gaps outside 0..100 (or not finite),
// coverage outside 0..1, a score without its status, a gap that does not
// follow from its dimension's score and expectation, a severity that does
// not fit the gap, and a level that is not the top of the unbroken run of
// met tiers. Errors wrap errtext.ErrInvalid and name the field.
func (f *Figures) Check() error {
	scores := make(map[string]*float64, len(f.Dimensions))
	for _, d := range f.Dimensions {
		field := "dimensions[" + d.ID + "]"
		switch {
		case d.Score == nil && !d.Insufficient:
			return invalid("%s.score is null but the dimension is not insufficient", field)
		case d.Score != nil && d.Insufficient:
			return invalid("%s.score is %v but the dimension is insufficient (its score must be null)", field, *d.Score)
		case d.Score != nil && !in(*d.Score, 0, 100):
			return invalid("%s.score is %v; a score is 0 to 100", field, *d.Score)
		case !math.IsNaN(d.Coverage) && !in(d.Coverage, 0, 1):
			return invalid("%s.coverage is %v; coverage is 0 to 1", field, d.Coverage)
		}
		scores[d.ID] = d.Score
	}
	for _, t := range f.Tiers {
		if !in(t.Readiness, 0, 100) {
			return invalid("tiers[%s].readiness is %v; readiness is 0 to 100", t.ID, t.Readiness)
		}
	}
	if err := f.checkLevel(); err != nil {
		return err
	}
	for _, g := range f.Gaps {
		if err := g.check(scores); err != nil {
			return err
		}
	}
	return nil
}

func (g GapFigure) check(scores map[string]*float64) error {
	field := "gaps[" + g.Dimension + "]"
	score, known := scores[g.Dimension]
	switch {
	case !known:
		return invalid("%s: no such dimension in the result", field)
	case !in(g.Gap, 0, 100):
		return invalid("%s.gap is %v; a gap is 0 to 100", field, g.Gap)
	case (score == nil) != (g.Score == nil) || score != nil && math.Abs(*score-*g.Score) > tolerance:
		return invalid("%s.score is %s but dimensions[%s].score is %s; the result was changed after scoring", field, figure(g.Score), g.Dimension, figure(score))
	}
	if !math.IsNaN(g.Expected) {
		if !in(g.Expected, 0, 100) {
			return invalid("%s.expected is %v; an expectation is 0 to 100", field, g.Expected)
		}
		want := g.Expected
		if score != nil {
			want = max(0, g.Expected-*score)
		}
		if math.Abs(g.Gap-want) > tolerance {
			return invalid("%s.gap is %v but the score %s against the expectation %v gives %v; the result was changed after scoring", field, g.Gap, figure(score), g.Expected, round2(want))
		}
	}
	if g.Severity != "" {
		want := Severity(g.Gap)
		if score == nil {
			want = SeverityInsufficient
		}
		if g.Severity != want {
			return invalid("%s.severity is %q but a gap of %v is %q", field, g.Severity, g.Gap, want)
		}
	}
	return nil
}

// checkLevel checks the level against the tiers met: the top of the
// unbroken run counted from the lowest rank.
func (f *Figures) checkLevel() error {
	tiers := slices.SortedStableFunc(slices.Values(f.Tiers), func(a, b TierFigure) int { return cmp.Compare(a.Rank, b.Rank) })
	want := ""
	for _, t := range tiers {
		if !t.Met {
			break
		}
		want = t.ID
	}
	if f.Level == want {
		return nil
	}
	if want == "" {
		return invalid("level is %q but the lowest tier is not met (the level must be null)", f.Level)
	}
	return invalid("level is %q but the tiers met make it %q", f.Level, want)
}

// in reports whether x is a finite number in lo..hi.
func in(x, lo, hi float64) bool { return x >= lo && x <= hi }

func figure(p *float64) string {
	if p == nil {
		return "null"
	}
	return fmt.Sprint(*p)
}

// figures are what r claims, for Check.
func (r *Result) figures() *Figures {
	f := &Figures{}
	for _, d := range r.Dimensions {
		f.Dimensions = append(f.Dimensions, DimensionFigure{ID: d.ID, Score: d.Score, Insufficient: d.Status == StatusInsufficient, Coverage: d.Coverage})
	}
	for _, t := range r.Tiers {
		f.Tiers = append(f.Tiers, TierFigure{ID: t.ID, Rank: t.Rank, Met: t.Met, Readiness: t.Readiness})
	}
	if r.Level != nil {
		f.Level = r.Level.ID
	}
	for _, g := range r.Gaps {
		f.Gaps = append(f.Gaps, GapFigure{Dimension: g.Dimension, Score: g.Score, Expected: g.Expected, Gap: g.Gap, Severity: g.Severity})
	}
	return f
}

// Verify checks that r's scores follow from its answers when r was scored
// with bank b (same id and digest) and carries answers: it scores the
// answers again and compares every dimension score and the level. It
// returns nil when b is another bank or r has no answers: then there is
// nothing to compare with.
func Verify(b *questions.Bank, r *Result) error {
	if b == nil || r.Bank.ID != b.ID || r.Bank.Digest != b.Digest || len(r.Answers) == 0 {
		return nil
	}
	a := &questions.Answers{Bank: b.ID, Respondent: r.Respondent, Values: map[string]questions.Value{}}
	for id, v := range r.Answers {
		pv, err := b.ParseValue(id, v.Raw())
		if err != nil {
			return invalid("answers.%s: %v", id, err)
		}
		a.Values[id] = pv
	}
	if _, ok := b.Tier(a.Respondent.Role); !ok {
		a.Respondent.Role = ""
	}
	again := Score(b, a, Options{Target: r.Target.ID, Now: r.CompletedAt})
	for i, d := range again.Dimensions {
		if i >= len(r.Dimensions) || r.Dimensions[i].ID != d.ID {
			return invalid("dimensions: the result does not list the bank's dimensions in the bank's order")
		}
		got := r.Dimensions[i].Score
		if (got == nil) != (d.Score == nil) || got != nil && math.Abs(*got-*d.Score) > tolerance {
			return invalid("dimensions[%s].score is %s, but the answers give %s: the result was changed after scoring", d.ID, figure(got), figure(d.Score))
		}
	}
	if lvl := levelID(again.Level); lvl != levelID(r.Level) {
		return invalid("level is %q, but the answers give %q: the result was changed after scoring", levelID(r.Level), lvl)
	}
	return nil
}

func levelID(t *TierRef) string {
	if t == nil {
		return ""
	}
	return t.ID
}
