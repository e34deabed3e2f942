package review

import (
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/digilead/digilead/questions"
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
			f.Problem = fmt.Sprintf("It expects exactly the same %d dimensions as the lower tier %s and differs from it only in how high the bars are, so the levels do not say what people at each tier do differently.",
				len(t.Expectations), b.Tiers[i].ID)
			f.Fix = "Name in each tier's expectations only the dimensions that define the tier (plus a small common floor every tier shares), so each tier adds what people at that level actually do."
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
				f.Problem = fmt.Sprintf("It expects %g on %s, less than the %g of the lower tier %s: someone can meet this tier's bar on %s and still be held below it by the lower one.",
					e, d.ID, lower, b.Tiers[i].ID, d.ID)
				f.Fix = fmt.Sprintf("Raise %s's expectation on %s to at least %g, or lower the tier below.", t.ID, d.ID, lower)
				fs = append(fs, f)
				break
			}
		}
	}
	return append(fs, weakBlockers(b)...)
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
		var why []string
		if n < MinQuestions {
			why = append(why, fmt.Sprintf("only %d question(s)", n))
		}
		if dim.Reliability > 0 && dim.Reliability < MinReliability {
			why = append(why, fmt.Sprintf("a recorded reliability of %.2f", dim.Reliability))
		}
		if len(why) == 0 {
			continue
		}
		f := finding(CheckWeakBlocker, dim.Pos)
		f.Dimension = dim.ID
		f.Problem = fmt.Sprintf("It can keep people from the tier(s) %s, yet it has %s, so measurement error alone decides some levels.",
			strings.Join(blocks, ", "), strings.Join(why, " and "))
		f.Fix = fmt.Sprintf("Measure it with at least %d questions that hang together (reliability %.1f or more; see digilead bank stats), or take it out of the tiers' expectations.", MinQuestions, MinReliability)
		fs = append(fs, f)
	}
	return fs
}
