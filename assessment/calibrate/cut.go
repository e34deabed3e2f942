package calibrate

import (
	"context"
	"math"
	"math/bits"
	"math/rand/v2"
	"slices"
)

// Scores are handled in hundredths of a point (results carry two
// decimals), so that every comparison is exact.
const full = 100 * 100

// groups are one pair's people with a score: the distinct scores of both
// groups together, ascending, and for each person of the upper group (the
// tier and above) and of the lower group (below the tier) the position of
// their score among them, sorted, so that the input order never matters.
type groups struct {
	values       []int64
	upper, lower []int
	// top is the highest score the dimension can give (assessment.MaxScore),
	// in hundredths: no cut above it can be met, so none is proposed.
	top int64
}

func newGroups(upper, lower []int64) groups {
	values := slices.Concat(upper, lower)
	slices.Sort(values)
	values = slices.Compact(values)
	pos := func(scores []int64) []int {
		out := make([]int, len(scores))
		for i, s := range scores {
			out[i], _ = slices.BinarySearch(values, s)
		}
		slices.Sort(out)
		return out
	}
	return groups{values: values, upper: pos(upper), lower: pos(lower), top: full}
}

// tiedRange is the range of cuts c that misclassify fewest people: every c
// with lo < c <= hi (lo <= c when loIncl) is among them, and so, when the
// best cuts are not adjacent, are some of the cuts between. In hundredths.
type tiedRange struct {
	lo, hi int64
	loIncl bool
	errors int
}

// cut is the midpoint of the range, the contrasting-groups cut, in points.
func (r tiedRange) cut() float64 { return float64(r.lo+r.hi) / 200 }

// bestCuts finds the tied range of best cuts from the number of people of
// each group at each of the distinct values (ascending). A person is
// placed at or above the tier when their score S >= c; the errors of c
// are the upper people with S < c plus the lower people with S >= c. As c
// rises past each value the errors change only there, so the candidates
// are the intervals [0, v1], (v1, v2], …, (vm, 100]: everyone placed at
// or above, the cuts between consecutive distinct values, nobody placed
// at or above (when vm < 100). The last runs to top, the highest score
// the dimension can give, not to 100: a cut above top is one nobody can
// meet.
func bestCuts(values []int64, up, low []int, nLow int, top int64) tiedRange {
	errs := nLow // [0, v1]: everyone passes, so every lower person is wrong
	best, first, last := errs, 0, 0
	m := len(values)
	for k := range m {
		errs += up[k] - low[k]
		if k == m-1 && values[k] >= top {
			break // nobody can score above top
		}
		switch {
		case errs < best:
			best, first, last = errs, k+1, k+1
		case errs == best:
			last = k + 1
		}
	}
	r := tiedRange{hi: top, loIncl: first == 0, errors: best}
	if first > 0 {
		r.lo = values[first-1]
	}
	if last < m {
		r.hi = values[last]
	}
	return r
}

// best is the tied range of the pair's own people.
func (g groups) best() tiedRange {
	up, low := g.counts(g.upper, g.lower)
	return bestCuts(g.values, up, low, len(g.lower), g.top)
}

// nobodyPasses reports whether placing nobody at or above the tier (a
// cut above every score) is among the cuts of r, those that misclassify
// fewest: then no cut separates the groups better than leaving the tier
// empty, and the midpoint would lie above every pilot score.
func (g groups) nobodyPasses(r tiedRange) bool {
	m := len(g.values)
	return m > 0 && r.hi == g.top && g.values[m-1] < g.top
}

func (g groups) counts(upper, lower []int) (up, low []int) {
	up, low = make([]int, len(g.values)), make([]int, len(g.values))
	for _, p := range upper {
		up[p]++
	}
	for _, p := range lower {
		low[p]++
	}
	return up, low
}

// misclassified counts, at cut c (hundredths), the upper people below it
// and the lower people at or above it.
func (g groups) misclassified(c int64) (upperBelow, lowerAbove int) {
	for _, p := range g.upper {
		if g.values[p] < c {
			upperBelow++
		}
	}
	for _, p := range g.lower {
		if g.values[p] >= c {
			lowerAbove++
		}
	}
	return upperBelow, lowerAbove
}

// bootstrap returns the cuts of reps resamples, sorted: each draws as many
// people as each group has, from that group, with replacement, and takes
// the midpoint of its own tied range. It returns nil as soon as ctx is
// done.
func (g groups) bootstrap(ctx context.Context, reps int, src *rand.PCG) []float64 {
	cuts := make([]float64, reps)
	up, low := make([]int, len(g.values)), make([]int, len(g.values))
	for r := range cuts {
		if ctx.Err() != nil {
			return nil
		}
		clear(up)
		clear(low)
		for range g.upper {
			up[g.upper[draw(src, len(g.upper))]]++
		}
		for range g.lower {
			low[g.lower[draw(src, len(g.lower))]]++
		}
		cuts[r] = bestCuts(g.values, up, low, len(g.lower), g.top).cut()
	}
	slices.Sort(cuts)
	return cuts
}

// draw returns a number in [0, n) from the generator's next output, by
// multiplication (the bias, n/2^64, is far below anything measured here).
// Unlike rand.IntN its algorithm is fixed here, so a seed gives the same
// interval in every Go release.
func draw(src *rand.PCG, n int) int {
	hi, _ := bits.Mul64(src.Uint64(), uint64(n))
	return int(hi)
}

// percentile is the nearest-rank percentile p (0 < p <= 1) of sorted
// values: the value at rank ceil(p * n).
func percentile(sorted []float64, p float64) float64 {
	rank := int(math.Ceil(p*float64(len(sorted)) - 1e-9))
	return sorted[max(rank, 1)-1]
}

// propose rounds the cut of a tied range to a whole point, halves up,
// without leaving the range: when rounding would cross a score, it takes
// the whole point in the range nearest the cut; when the range holds no
// whole point, the same at one decimal, then at two (the range's top is
// always a score with two decimals). In hundredths.
func propose(r tiedRange) int64 {
	mid := float64(r.lo+r.hi) / 2
	for _, unit := range []int64{100, 10, 1} {
		first := (r.lo/unit + 1) * unit
		if r.loIncl && r.lo%unit == 0 {
			first = r.lo
		}
		last := r.hi / unit * unit
		if first > last {
			continue
		}
		p := int64(math.Floor(mid/float64(unit)+0.5)) * unit
		return min(max(p, first), last)
	}
	return r.hi
}
