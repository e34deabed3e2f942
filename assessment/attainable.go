package assessment

import (
	"cmp"
	"math"
	"slices"

	"github.com/digilead/digilead/questions"
)

// exactSubsets is the most questions of a dimension for which MaxScore
// tries every set of answered questions (2^n sets); above it, it gives
// the bound of answering fractions of questions.
const exactSubsets = 16

// MaxScore returns the highest score any answers can give dimension d (by
// position), in points: the weighted mean, over the questions answered,
// of each question's highest value (1 for likert and yes/no questions,
// reverse keyed or not; the best option's score for a choice question;
// the sum of the options' scores, at most 1, for a multi question). The
// questions answered may be any set that covers the bank's min_coverage
// of the dimension's weight, as the scorer asks: leaving out a question
// whose best is low raises the mean. With up to 16 questions every set is
// tried, so the figure is exact (for a multi question, when every option
// can be picked together); with more it is an upper bound. It is 100 for
// a dimension whose every question can give 1, and 0 for one with no
// questions.
func MaxScore(b *questions.Bank, d int) float64 {
	type item struct{ w, best float64 }
	var items []item
	allW := 0.0
	for _, i := range b.DimensionQuestions(d) {
		q := &b.Questions[i]
		items = append(items, item{q.Weight, bestValue(q)})
		allW += q.Weight
	}
	if allW <= 0 {
		return 0
	}
	covers := func(w float64) bool { return w > 0 && clean(w/allW) >= clean(b.MinCoverage) }
	best := 0.0
	if n := len(items); n <= exactSubsets {
		for set := 1; set < 1<<n; set++ {
			var sumW, sumWX float64
			for k, it := range items {
				if set&(1<<k) != 0 {
					sumW += it.w
					sumWX += it.w * it.best
				}
			}
			if covers(sumW) {
				best = max(best, sumWX/sumW)
			}
		}
		return clean(100 * best)
	}
	// The best questions first, each answered whole until the coverage is
	// met, the last one only in the part needed: no set of whole questions
	// does better.
	slices.SortStableFunc(items, func(a, b item) int { return cmp.Compare(b.best, a.best) })
	need := math.Max(b.MinCoverage*allW, math.SmallestNonzeroFloat64)
	var sumW, sumWX float64
	for _, it := range items {
		w := math.Min(it.w, need-sumW)
		sumW += w
		sumWX += w * it.best
		if sumW >= need {
			break
		}
	}
	return clean(100 * sumWX / sumW)
}

// bestValue is the highest value an answer to q can have.
func bestValue(q *questions.Question) float64 {
	switch q.Type {
	case questions.Choice:
		best := 0.0
		for _, o := range q.Options {
			best = max(best, o.Score)
		}
		return best
	case questions.Multi:
		sum := 0.0
		for _, o := range q.Options {
			sum += max(0, o.Score)
		}
		return math.Min(1, sum)
	}
	return 1
}
