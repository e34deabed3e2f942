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
	// LevelRule and LevelProbability are the result's, when it gives
	// them ("" and nil otherwise).
	LevelRule        string
	LevelProbability *float64
}

// DimensionFigure is one dimension's score (nil when insufficient).
type DimensionFigure struct {
	ID           string
	Score        *float64
	Insufficient bool
	// Coverage is the share of the dimension answered, 0..1; NaN when the
	// document does not give it.
	Coverage float64
	// Estimate and SE are the estimated true score and its standard
	// error, when the document gives them.
	Estimate, SE *float64
}

// TierFigure is one tier's outcome.
type TierFigure struct {
	ID        string
	Rank      int
	Met       bool
	Readiness float64
	// Probability is the probability of this tier or higher, when the
	// document gives it.
	Probability *float64
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
		case d.Estimate != nil && !in(*d.Estimate, 0, 100):
			return invalid("%s.estimate is %v; an estimated score is 0 to 100", field, *d.Estimate)
		case d.SE != nil && !in(*d.SE, 0, 100):
			return invalid("%s.se is %v; a standard error is 0 to 100", field, *d.SE)
		}
		scores[d.ID] = d.Score
	}
	for _, t := range f.Tiers {
		if !in(t.Readiness, 0, 100) {
			return invalid("tiers[%s].readiness is %v; readiness is 0 to 100", t.ID, t.Readiness)
		}
		if t.Probability != nil && !in(*t.Probability, 0, 1) {
			return invalid("tiers[%s].probability is %v; a probability is 0 to 1", t.ID, *t.Probability)
		}
	}
	if p := f.LevelProbability; p != nil && !in(*p, 0, 1) {
		return invalid("level_probability is %v; a probability is 0 to 1", *p)
	}
	if err := f.checkLevel(); err != nil {
		return err
	}
	if err := f.checkProbabilities(); err != nil {
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

// checkProbabilities checks the probabilities a result gives, under any
// rule: the probabilities of each tier or higher do not rise with rank,
// and the level's probability is the difference of its own and the next
// tier's. Under the most-probable rule, also that the tiers met are the
// level and those below it, and that no level is more probable.
func (f *Figures) checkProbabilities() error {
	tiers := slices.SortedStableFunc(slices.Values(f.Tiers), func(a, b TierFigure) int { return cmp.Compare(a.Rank, b.Rank) })
	lvl := slices.IndexFunc(tiers, func(t TierFigure) bool { return t.ID == f.Level })
	mostProbable := f.LevelRule == questions.LevelRuleMostProbable
	for i, t := range tiers {
		if mostProbable && t.Met != (i <= lvl) {
			return invalid("tiers[%s].met is %v but the level is %q: under the most-probable rule the tiers met are the level and those below it", t.ID, t.Met, f.Level)
		}
		if i > 0 && t.Probability != nil && tiers[i-1].Probability != nil && *t.Probability > *tiers[i-1].Probability+tolerance {
			return invalid("tiers[%s].probability is %v, more than the tier below it (%v); the probability of a tier or higher cannot rise with rank", t.ID, *t.Probability, *tiers[i-1].Probability)
		}
	}
	if f.LevelProbability == nil {
		return nil
	}
	at := func(i int) (float64, bool) {
		switch {
		case i < 0:
			return 1, true
		case i >= len(tiers):
			return 0, true
		case tiers[i].Probability == nil:
			return 0, false
		}
		return *tiers[i].Probability, true
	}
	hi, ok1 := at(lvl)
	lo, ok2 := at(lvl + 1)
	if want := hi - lo; ok1 && ok2 && math.Abs(*f.LevelProbability-want) > 2*tolerance {
		return invalid("level_probability is %v but the tiers' probabilities give %v; the result was changed after scoring", *f.LevelProbability, round2(want))
	}
	if !mostProbable {
		return nil
	}
	for i := -1; i < len(tiers); i++ {
		hi, ok1 := at(i)
		lo, ok2 := at(i + 1)
		if ok1 && ok2 && hi-lo > *f.LevelProbability+2*tolerance {
			name := "no level"
			if i >= 0 {
				name = tiers[i].ID
			}
			return invalid("level is %q with probability %v, but %s is more probable (%v); the most-probable rule reports the most probable level", f.Level, *f.LevelProbability, name, round2(hi-lo))
		}
	}
	return nil
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
		f.Dimensions = append(f.Dimensions, DimensionFigure{ID: d.ID, Score: d.Score, Insufficient: d.Status == StatusInsufficient, Coverage: d.Coverage, Estimate: d.Estimate, SE: d.SE})
	}
	for _, t := range r.Tiers {
		f.Tiers = append(f.Tiers, TierFigure{ID: t.ID, Rank: t.Rank, Met: t.Met, Readiness: t.Readiness, Probability: t.Probability})
	}
	f.LevelRule, f.LevelProbability = r.LevelRule, r.LevelProbability
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
