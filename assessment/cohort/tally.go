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
	// An open-addressing hash table of the distinct values: keys[i] is
	// math.Float64bits of a value, counts[i] how many times it was counted
	// (0: the slot is free).
	keys   []uint64
	counts []int
	used   int
	n      int
}

// Add counts one value.
func (t *Tally) Add(x float64) { t.addN(math.Float64bits(x), 1) }

func (t *Tally) addN(k uint64, n int) {
	if 2*(t.used+1) > len(t.keys) {
		t.grow()
	}
	mask := len(t.keys) - 1
	for i := slot(k, mask); ; i = (i + 1) & mask {
		switch {
		case t.counts[i] == 0:
			t.keys[i], t.counts[i] = k, n
			t.used++
			t.n += n
			return
		case t.keys[i] == k:
			t.counts[i] += n
			t.n += n
			return
		}
	}
}

// slot is where the table of size mask+1 looks for k first.
func slot(k uint64, mask int) int { return int((k*0x9E3779B97F4A7C15)>>32) & mask }

// grow doubles the table (64 slots at first).
func (t *Tally) grow() {
	keys, counts := t.keys, t.counts
	size := max(64, 2*len(keys))
	t.keys, t.counts, t.used, t.n = make([]uint64, size), make([]int, size), 0, 0
	for i, c := range counts {
		if c > 0 {
			t.addN(keys[i], c)
		}
	}
}

// Merge adds o's values.
func (t *Tally) Merge(o *Tally) {
	for i, c := range o.counts {
		if c > 0 {
			t.addN(o.keys[i], c)
		}
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
	rs := make([]run, 0, t.used)
	for i, n := range t.counts {
		if n > 0 {
			rs = append(rs, run{math.Float64frombits(t.keys[i]), n})
		}
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
