package calibrate

import (
	"context"
	"math/rand/v2"
	"testing"
)

// hundredths turns scores in points into the hundredths cuts work in.
func hundredths(xs ...float64) []int64 {
	out := make([]int64, len(xs))
	for i, x := range xs {
		out[i] = int64(x*100 + 0.5)
	}
	return out
}

// TestBestCuts checks the tied range, its midpoint and the proposal on
// cases worked out by hand. A person passes a cut c when S >= c.
func TestBestCuts(t *testing.T) {
	tests := []struct {
		name         string
		upper, lower []float64
		lo, hi       float64
		loIncl       bool
		errors       int
		cut, propose float64
	}{
		// 30 40 50 | 70 80 90: no error for 50 < c <= 70.
		{"a gap between the groups", []float64{70, 80, 90}, []float64{30, 40, 50}, 50, 70, false, 0, 60, 60},
		// 40L 50L 60U 65L 70U 80U: errors 3 [0,40], 2 (40,50], 1 (50,60],
		// 2 (60,65], 1 (65,70], 2 (70,80], 3 (80,100]. The best cuts are
		// (50,60] and (65,70]: the tied range runs from 50 to 70.
		{"ties apart: the midpoint of the whole range", []float64{60, 70, 80}, []float64{40, 50, 65}, 50, 70, false, 1, 60, 60},
		// 62.5L | 63U: the range (62.5, 63] holds the whole point 63.
		{"rounding stays in the range", []float64{63, 70}, []float64{55, 62.5}, 62.5, 63, false, 0, 62.75, 63},
		// (62.1, 62.8]: no whole point; 62.45 rounds to 62.5 at one decimal.
		{"no whole point in the range", []float64{62.8, 70}, []float64{55, 62.1}, 62.1, 62.8, false, 0, 62.45, 62.5},
		// (62.41, 62.44]: no tenth either; 62.425 rounds to 62.43.
		{"no tenth in the range", []float64{62.44}, []float64{62.41}, 62.41, 62.44, false, 0, 62.425, 62.43},
		// (40, 49.6]: 44.8 rounds to 45.
		{"whole point", []float64{49.6, 80}, []float64{30, 40}, 40, 49.6, false, 0, 44.8, 45},
		// (40, 49]: 44.5 rounds half up to 45.
		{"halves round up", []float64{49, 80}, []float64{30, 40}, 40, 49, false, 0, 44.5, 45},
		// The lower group scores higher: everyone passing (c <= 20) misses
		// the 2 lower people, fewer than any other cut.
		{"everyone passes", []float64{20, 22, 24}, []float64{80, 90}, 0, 20, true, 2, 10, 10},
		// Nobody can score above 100, so no cut leaves everyone out.
		{"top score 100", []float64{100, 100}, []float64{90, 100}, 90, 100, false, 1, 95, 95},
		// Leaving everyone out would misclassify only the upper person, but
		// no expectation can be above 100: the best possible is everyone in.
		{"lower people at 100", []float64{80}, []float64{100, 100}, 0, 80, true, 2, 40, 40},
		// Everyone has the same score: [0,50] misses the 1 lower person,
		// (50,100] the 2 upper ones.
		{"one score", []float64{50, 50}, []float64{50}, 0, 50, true, 1, 25, 25},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			g := newGroups(hundredths(tt.upper...), hundredths(tt.lower...))
			r := g.best()
			want := tiedRange{lo: hundredths(tt.lo)[0], hi: hundredths(tt.hi)[0], loIncl: tt.loIncl, errors: tt.errors}
			if r != want {
				t.Errorf("tied range %+v, want %+v", r, want)
			}
			if r.cut() != tt.cut {
				t.Errorf("cut %v, want %v", r.cut(), tt.cut)
			}
			if p := float64(propose(r)) / 100; p != tt.propose {
				t.Errorf("proposal %v, want %v", p, tt.propose)
			}
		})
	}
}

func TestMisclassified(t *testing.T) {
	g := newGroups(hundredths(60, 70, 80), hundredths(40, 50, 65))
	for _, tc := range []struct {
		cut                    float64
		upperBelow, lowerAbove int
	}{{60, 0, 1}, {65, 1, 1}, {65.01, 1, 0}, {0, 0, 3}, {100, 3, 0}} {
		ub, la := g.misclassified(hundredths(tc.cut)[0])
		if ub != tc.upperBelow || la != tc.lowerAbove {
			t.Errorf("at %v: %d upper below, %d lower above; want %d, %d", tc.cut, ub, la, tc.upperBelow, tc.lowerAbove)
		}
	}
}

func TestPercentile(t *testing.T) {
	sorted := make([]float64, 1000)
	for i := range sorted {
		sorted[i] = float64(i + 1)
	}
	// Nearest rank: the value at rank ceil(p * n).
	if lo, hi := percentile(sorted, 0.05), percentile(sorted, 0.95); lo != 50 || hi != 950 {
		t.Errorf("5%% and 95%% of 1..1000: %v, %v; want 50, 950", lo, hi)
	}
	if got := percentile([]float64{7, 8, 9}, 0.05); got != 7 {
		t.Errorf("5%% of 3 values: %v, want the first", got)
	}
}

// TestBootstrapOfSeparatedGroups: groups that never overlap give every
// resample a cut between them.
func TestBootstrapOfSeparatedGroups(t *testing.T) {
	g := newGroups(hundredths(70, 75, 80, 85), hundredths(20, 30, 40, 50))
	for _, c := range g.bootstrap(context.Background(), 200, rand.NewPCG(1, 2)) {
		if c <= 20 || c > 85 {
			t.Fatalf("a resample's cut %v lies outside (20, 85]", c)
		}
	}
}

// TestBestCutsStopAtTop: the candidate cuts end at the highest score the
// dimension can give, not at 100, so no cut is one nobody can meet; and a
// range that holds "nobody passes" is told apart.
func TestBestCutsStopAtTop(t *testing.T) {
	// 50L 60U 70L, top 80: errors 2 [0,50], 1 (50,60], 2 (60,70], 1
	// (70,80]: the tied range runs from 50 to 80, not to 100, and holds
	// placing nobody.
	g := newGroups(hundredths(60), hundredths(50, 70))
	g.top = 8000
	r := g.best()
	if want := (tiedRange{lo: 5000, hi: 8000, errors: 1}); r != want {
		t.Fatalf("tied range %+v, want %+v", r, want)
	}
	if r.cut() != 65 || !g.nobodyPasses(r) {
		t.Errorf("cut %v, nobody passes %v; want 65, true", r.cut(), g.nobodyPasses(r))
	}
	// 20U 40L 40L, top 50: placing nobody misses the 1 upper person, any
	// cut at or below 40 the 2 lower ones.
	g = newGroups(hundredths(20), hundredths(40, 40))
	g.top = 5000
	if r := g.best(); !g.nobodyPasses(r) || r.hi != 5000 || r.lo != 4000 {
		t.Errorf("tied range %+v: want (40, 50], nobody passing", r)
	}
	// At a top the data reach, nobody passing is no candidate.
	g = newGroups(hundredths(20), hundredths(50, 50))
	g.top = 5000
	if r := g.best(); g.nobodyPasses(r) {
		t.Errorf("tied range %+v: nobody can score above the top", r)
	}
	// Separated groups: the cut lies between them.
	g = newGroups(hundredths(40, 45), hundredths(10, 20))
	g.top = 5000
	if r := g.best(); g.nobodyPasses(r) || r.lo != 2000 || r.hi != 4000 {
		t.Errorf("tied range %+v: want (20, 40]", r)
	}
}
