package cohort

import "math"

// The figures of a sorted list of scores, computed the plain way: the
// reference the Tally's exact figures are held to (TestTallyIsTheSortedList).

// Mean is the arithmetic mean of xs (not empty).
func Mean(xs []float64) float64 {
	sum := 0.0
	for _, x := range xs {
		sum += x
	}
	return sum / float64(len(xs))
}

// SD is the sample standard deviation (n-1 in the denominator); ok is
// false for fewer than two values.
func SD(xs []float64) (sd float64, ok bool) {
	if len(xs) < 2 {
		return 0, false
	}
	m := Mean(xs)
	ss := 0.0
	for _, x := range xs {
		ss += (x - m) * (x - m)
	}
	return math.Sqrt(ss / float64(len(xs)-1)), true
}

// Quantile is the p-quantile of sorted xs by linear interpolation between
// order statistics ("type 7": R's and numpy's default, Excel's
// PERCENTILE.INC).
func Quantile(sorted []float64, p float64) float64 {
	h := float64(len(sorted)-1) * p
	lo := math.Floor(h)
	i := int(lo)
	if i+1 >= len(sorted) {
		return sorted[len(sorted)-1]
	}
	return sorted[i] + (h-lo)*(sorted[i+1]-sorted[i])
}
