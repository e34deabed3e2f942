package cohort

import (
	"cmp"
	"math"
	"slices"
)

// Tally counts the values of a distribution: its figures are exact, in
// memory proportional to the number of distinct values rather than the
// number of people. Dimension scores take few distinct values (a score is
// a weighted ratio of small integers, rounded to two decimals), so a
// million people's scores fit in a few hundred counts.
//
// The figures are those of the sorted list of every value, computed the
// same way, operation for operation: the mean adds the values in
// ascending order, the SD adds their squared deviations in that order,
// and the quartiles interpolate between the order statistics they fall
// between (type 7). They are therefore equal, to the last bit, to Mean,
// SD and Quantile of the sorted values.
type Tally struct {
	counts map[uint64]int // math.Float64bits(value) -> count
	n      int
}

// Add counts one value.
func (t *Tally) Add(x float64) { t.addN(x, 1) }

func (t *Tally) addN(x float64, n int) {
	if t.counts == nil {
		t.counts = make(map[uint64]int, 64)
	}
	t.counts[math.Float64bits(x)] += n
	t.n += n
}

// Merge adds o's values.
func (t *Tally) Merge(o *Tally) {
	for k, n := range o.counts {
		t.addN(math.Float64frombits(k), n)
	}
}

// N is the number of values counted.
func (t *Tally) N() int { return t.n }

// run is a distinct value and how many times it was counted.
type run struct {
	x float64
	n int
}

// runs are the distinct values in ascending order (-0 before 0).
func (t *Tally) runs() []run {
	rs := make([]run, 0, len(t.counts))
	for k, n := range t.counts {
		rs = append(rs, run{math.Float64frombits(k), n})
	}
	slices.SortFunc(rs, func(a, b run) int {
		return cmp.Or(cmp.Compare(a.x, b.x), cmp.Compare(math.Float64bits(b.x), math.Float64bits(a.x)))
	})
	return rs
}

// Summary is the figures of a tally; ok is false when it is empty, sdOK
// when it has fewer than two values.
type Summary struct {
	Mean, SD, Min, P25, Median, P75, Max float64
	OK, SDOK                             bool
}

// Summary computes the figures (see Tally), unrounded.
func (t *Tally) Summary() Summary {
	rs := t.runs()
	if t.n == 0 {
		return Summary{}
	}
	s := Summary{OK: true, Min: rs[0].x, Max: rs[len(rs)-1].x}
	sum := 0.0
	for _, r := range rs {
		for range r.n {
			sum += r.x
		}
	}
	s.Mean = sum / float64(t.n)
	if t.n >= 2 {
		ss := 0.0
		for _, r := range rs {
			d := (r.x - s.Mean) * (r.x - s.Mean)
			for range r.n {
				ss += d
			}
		}
		s.SD, s.SDOK = math.Sqrt(ss/float64(t.n-1)), true
	}
	s.P25, s.Median, s.P75 = quantile(rs, t.n, 0.25), quantile(rs, t.n, 0.5), quantile(rs, t.n, 0.75)
	return s
}

// quantile is Quantile of the n sorted values the runs stand for.
func quantile(rs []run, n int, p float64) float64 {
	h := float64(n-1) * p
	lo := math.Floor(h)
	i := int(lo)
	if i+1 >= n {
		return rs[len(rs)-1].x
	}
	xi, xj := at(rs, i), at(rs, i+1)
	return xi + (h-lo)*(xj-xi)
}

// at is the i-th smallest value (from 0) of the runs.
func at(rs []run, i int) float64 {
	for _, r := range rs {
		if i < r.n {
			return r.x
		}
		i -= r.n
	}
	return math.NaN()
}
