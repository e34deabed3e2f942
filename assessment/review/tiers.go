package review

import (
	"maps"
	"slices"

	"github.com/digilead/digilead/assessment"
	"github.com/digilead/digilead/questions"
	"github.com/digilead/digilead/questions/lang"
)

// MinReliability is the recorded reliability below which a dimension
// should not decide a tier.
const MinReliability = 0.7

// tiers runs the tier checks. b.Tiers are in rank order.
func tiers(b *questions.Bank) []Finding {
	var fs []Finding
	for j := range b.Tiers {
		t := &b.Tiers[j]
		if i := sameDimensionsBelow(b, j); i >= 0 {
			f := finding(CheckSameDimensions, t.Pos)
			f.Tier = t.ID
			f.say(lang.M("review.same_dims.fix"), lang.P("review.same_dims.problem", len(t.Expectations), "Tier", b.Tiers[i].ID))
			fs = append(fs, f)
		}
		for _, d := range b.Dimensions {
			e, ok := t.Expectations[d.ID]
			if !ok {
				continue
			}
			for i := j - 1; i >= 0; i-- {
				lower, ok := b.Tiers[i].Expectations[d.ID]
				if !ok || lower <= e {
					continue
				}
				f := finding(CheckFallingExpect, t.Pos)
				f.Tier, f.Dimension = t.ID, d.ID
				f.say(lang.M("review.falling.fix", "Tier", t.ID, "Dimension", d.ID, "Lower", lang.Number(lower)),
					lang.M("review.falling.problem", "Expected", lang.Number(e), "Dimension", d.ID, "Lower", lang.Number(lower), "LowerTier", b.Tiers[i].ID))
				fs = append(fs, f)
				break
			}
		}
	}
	fs = append(fs, Unreachable(b)...)
	return append(fs, weakBlockers(b)...)
}

// Unreachable finds expectations above the highest score any answers can
// give their dimension (assessment.MaxScore): with option scores below 1,
// and questions left out down to min_coverage, the strict rule never meets
// the tier, and under the most-probable rule only measurement error can
// place someone at it. bank validate warns of them too.
func Unreachable(b *questions.Bank) []Finding {
	var fs []Finding
	for d := range b.Dimensions {
		dim := &b.Dimensions[d]
		top := -1.0
		for j := range b.Tiers {
			t := &b.Tiers[j]
			e, ok := t.Expectations[dim.ID]
			if !ok {
				continue
			}
			if top < 0 {
				top = assessment.MaxScore(b, d)
			}
			if e <= top {
				continue
			}
			f := finding(CheckUnreachable, t.Pos)
			f.Tier, f.Dimension = t.ID, dim.ID
			f.say(lang.M("review.unreachable.fix", "Tier", t.ID, "Dimension", dim.ID, "Max", lang.Number(top)),
				lang.M("review.unreachable.problem", "Expected", lang.Number(e), "Dimension", dim.ID, "Max", lang.Number(top)))
			fs = append(fs, f)
		}
	}
	return fs
}

// sameDimensionsBelow returns the nearest tier below tier j whose
// expectations name exactly the same dimensions, or -1.
func sameDimensionsBelow(b *questions.Bank, j int) int {
	set := slices.Sorted(maps.Keys(b.Tiers[j].Expectations))
	if len(set) == 0 {
		return -1
	}
	for i := j - 1; i >= 0; i-- {
		if slices.Equal(set, slices.Sorted(maps.Keys(b.Tiers[i].Expectations))) {
			return i
		}
	}
	return -1
}

// weakBlockers finds dimensions that decide a tier (an expectation above
// 0) but are measured by too few questions or unreliably.
func weakBlockers(b *questions.Bank) []Finding {
	var fs []Finding
	for d := range b.Dimensions {
		dim := &b.Dimensions[d]
		var blocks []string
		for _, t := range b.Tiers {
			if t.Expectations[dim.ID] > 0 {
				blocks = append(blocks, t.ID)
			}
		}
		if len(blocks) == 0 {
			continue
		}
		n := len(b.DimensionQuestions(d))
		var why []any
		if n < MinQuestions {
			why = append(why, lang.P("review.why.few", n))
		}
		if dim.Reliability > 0 && dim.Reliability < MinReliability {
			why = append(why, lang.M("review.why.reliability", "R", lang.Decimal{X: dim.Reliability, Places: 2}))
		}
		if len(why) == 0 {
			continue
		}
		f := finding(CheckWeakBlocker, dim.Pos)
		f.Dimension = dim.ID
		f.say(lang.M("review.weak_blocker.fix", "Min", MinQuestions, "R", lang.Decimal{X: MinReliability, Places: 1}),
			lang.P("review.weak_blocker.problem", len(blocks), "Tiers", lang.Joined{Items: lang.Items(blocks), Sep: "list.separator"}, "Why", lang.Joined{Items: why, Sep: "list.and"}))
		fs = append(fs, f)
	}
	return fs
}
