package cohort

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"
)

// TestTallyIsTheSortedList compares a tally's figures with Mean, SD and
// Quantile of the sorted values, to the last bit, on many random cohorts:
// scores of few distinct values (ratios of small integers, rounded as
// results round them), of many, and merged tallies.
func TestTallyIsTheSortedList(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for c := range 3000 {
		n := 1 + rng.IntN(400)
		var values []float64
		var whole, half1, half2 Tally
		for i := range n {
			var x float64
			switch c % 3 {
			case 0: // k of m questions on a 1..6 scale, in 0..100
				m := 1 + rng.IntN(6)
				x = math.Round(100*float64(rng.IntN(5*m+1))/float64(5*m)*100) / 100
			case 1: // any score to 2 decimals
				x = math.Round(rng.Float64()*10000) / 100
			default: // a few values only, ties everywhere
				x = float64(rng.IntN(4)) * 25
			}
			values = append(values, x)
			whole.Add(x)
			if i%2 == 0 {
				half1.Add(x)
			} else {
				half2.Add(x)
			}
		}
		half1.Merge(&half2)
		slices.Sort(values)
		for _, tl := range []*Tally{&whole, &half1} {
			s := tl.Summary()
			want := Summary{OK: true, Mean: Mean(values), Min: values[0], Max: values[n-1],
				P25: Quantile(values, 0.25), Median: Quantile(values, 0.5), P75: Quantile(values, 0.75)}
			want.SD, want.SDOK = SD(values)
			if s != want || tl.N() != n {
				t.Fatalf("cohort %d (n %d): tally %+v\nsorted list %+v", c, n, s, want)
			}
		}
	}
	if s := (&Tally{}).Summary(); s.OK {
		t.Errorf("an empty tally has figures: %+v", s)
	}
}
