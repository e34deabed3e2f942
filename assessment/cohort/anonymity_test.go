package cohort

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

// member is one person of a generated cohort, as the test knows them.
type member struct {
	group    string
	scored   [3]bool // by dimension a, b, c
	assessed [3]bool // scored, with a gap listed
	short    [3]bool // assessed, with a gap above 0 (with_gap)
}

// randomCohort generates n people in random groups with random "not
// applicable" (insufficient) and gap patterns, and their entries.
func randomCohort(rng *rand.Rand, n int) ([]member, []*Entry) {
	names := []string{"", "finance", "health", "rail", "tax", "x"}
	weights := make([]int, len(names))
	for i := range weights {
		weights[i] = rng.IntN(5)
	}
	weights[1]++
	total := 0
	for _, w := range weights {
		total += w
	}
	var naRate, gapRate [3]float64
	for d := range 3 {
		naRate[d] = []float64{0, 0.1, 0.5, 0.8, 0.95}[rng.IntN(5)]
		gapRate[d] = []float64{0, 0.5, 0.9, 1, 1}[rng.IntN(5)]
	}
	ms := make([]member, n)
	es := make([]*Entry, n)
	for i := range n {
		pick := rng.IntN(total)
		g := 0
		for pick >= weights[g] {
			pick -= weights[g]
			g++
		}
		m := member{group: names[g]}
		var scores [3]float64
		gaps := map[string]float64{}
		for d := range 3 {
			scores[d] = nan
			if rng.Float64() >= naRate[d] {
				scores[d] = float64(rng.IntN(101))
				m.scored[d] = true
			}
			if rng.Float64() < gapRate[d] {
				gap := float64(rng.IntN(30))
				gaps[string(rune('a'+d))] = gap
				m.assessed[d] = m.scored[d]
				m.short[d] = m.scored[d] && gap > 0
			}
		}
		e := person([]string{"", "t1", "t2"}[rng.IntN(3)], scores[0], scores[1], scores[2], gaps)
		e.Respondent.ID, e.Respondent.Group = fmt.Sprint("p", i), m.group
		ms[i], es[i] = m, e
	}
	return ms, es
}

// shownSets are the sets of people behind the figures r shows of
// dimension d (index in a, b, c): the whole cohort's scored and assessed
// people, and each group's, when their figures are shown.
func shownSets(t *testing.T, r *Report, ms []member, d int) (sets [][]int, names []string) {
	t.Helper()
	named := map[string]bool{}
	for _, g := range r.Groups {
		if !g.Other {
			named[g.Name] = true
		}
	}
	add := func(name string, dim Dimension, gaps []Gap, in func(m member) bool) {
		var scored, assessedSet, short []int
		for i, m := range ms {
			if in(m) && m.scored[d] {
				scored = append(scored, i)
			}
			if in(m) && m.assessed[d] {
				assessedSet = append(assessedSet, i)
			}
			if in(m) && m.short[d] {
				short = append(short, i)
			}
		}
		if len(scored) != dim.N {
			t.Fatalf("%s: n %d, but %d scored", name, dim.N, len(scored))
		}
		if dim.Mean != nil {
			sets, names = append(sets, scored), append(names, name+" scores")
		} else if dim.N > 0 && dim.Withheld == "" {
			t.Errorf("%s: %d scored, figures null and not withheld", name, dim.N)
		}
		if g := gapOf(gaps, dim.ID); g != nil {
			sets, names = append(sets, assessedSet), append(names, name+" gaps")
			if g.WithGap != len(short) {
				t.Fatalf("%s: with_gap %d, but %d fall short", name, g.WithGap, len(short))
			}
			if g.MeanGap != nil {
				sets, names = append(sets, short), append(names, name+" shortfalls")
			} else if len(short) > 0 && g.MeanGapWithheld == "" {
				t.Errorf("%s: %d fall short, mean gap null and not withheld", name, len(short))
			}
		} else if len(assessedSet) > 0 && dim.GapWithheld == "" {
			t.Errorf("%s: %d assessed, no gap and not withheld", name, len(assessedSet))
		}
	}
	add("whole", r.Dimensions[d], r.Gaps, func(member) bool { return true })
	for _, g := range r.Groups {
		in := func(m member) bool { return m.group == g.Name }
		if g.Other {
			in = func(m member) bool { return !named[m.group] }
		}
		add(fmt.Sprintf("group %q", g.Name), g.Dimensions[d], g.Gaps, in)
	}
	return sets, names
}

// atoms counts the people lying in exactly the same sets, for every
// combination of sets that some people lie in.
func atoms(sets [][]int, people int) map[string]int {
	sig := make([][]byte, people)
	for k, s := range sets {
		for _, i := range s {
			if sig[i] == nil {
				sig[i] = make([]byte, len(sets))
			}
			sig[i][k] = '1'
		}
	}
	out := map[string]int{}
	for _, b := range sig {
		if b != nil {
			out[string(b)]++
		}
	}
	return out
}

// smallestDifference is the fewest people (at least 1) that a sum or
// difference of the sets' totals (coefficients -1, 0 and 1) rests on, by
// brute force; 0 when there is none.
func smallestDifference(sets [][]int, people int) int {
	small := 0
	coef := make([]int, len(sets))
	weight := make([]int, people)
	for {
		// Next combination, as a number in base 3.
		k := 0
		for k < len(coef) && coef[k] == 1 {
			coef[k] = -1
			k++
		}
		if k == len(coef) {
			return small
		}
		coef[k]++
		clear(weight)
		for j, s := range sets {
			for _, i := range s {
				weight[i] += coef[j]
			}
		}
		n := 0
		for _, w := range weight {
			if w != 0 {
				n++
			}
		}
		if n > 0 && (small == 0 || n < small) {
			small = n
		}
	}
}

// TestNoFigureRestsOnFewerThanMinGroup: in random cohorts (random groups,
// random "not applicable" and gaps, random --min-group, with and without
// --by), no figure shown rests on fewer than --min-group people, alone or
// by sums and differences of the figures shown: a dimension's (its
// scores, its gaps and their mean gaps, of the whole cohort and of each
// group) and the
// people's (levels and tiers: the whole cohort and each group).
func TestNoFigureRestsOnFewerThanMinGroup(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 23))
	shown, withheld, brute := 0, 0, 0
	for c := range 3000 {
		min := 2 + rng.IntN(5)
		ms, es := randomCohort(rng, 1+rng.IntN(40))
		o := Options{MinGroup: min}
		if rng.IntN(4) > 0 {
			o.By = "group"
		}
		b := New(o)
		for i, e := range es {
			b.Add(e, fmt.Sprint("r", i))
		}
		r, err := b.Report()
		if err != nil {
			if len(ms) >= min {
				t.Fatalf("case %d: %v", c, err)
			}
			continue
		}
		// People: the whole cohort and each group.
		for _, g := range r.Groups {
			if g.Participants < min {
				t.Errorf("case %d (min %d): group %q of %d people", c, min, g.Name, g.Participants)
			}
		}
		for d := range 3 {
			all, allNames := shownSets(t, r, ms, d)
			// Each family, the scores' and the gaps', on its own (see
			// anonymity.go).
			for _, family := range []string{" scores", " gaps", " shortfalls"} {
				var sets [][]int
				var names []string
				for k, name := range allNames {
					if strings.HasSuffix(name, family) {
						sets, names = append(sets, all[k]), append(names, name)
					}
				}
				for sig, n := range atoms(sets, len(ms)) {
					if n < min {
						var in []string
						for k := range sig {
							if sig[k] == '1' {
								in = append(in, names[k])
							}
						}
						t.Errorf("case %d (min %d, by %q), dimension %c: %d people lie in exactly %s: a figure of theirs can be worked out",
							c, min, o.By, 'a'+d, n, strings.Join(in, ", "))
					}
				}
				if len(sets) <= 8 {
					brute++
					if n := smallestDifference(sets, len(ms)); n > 0 && n < min {
						t.Errorf("case %d (min %d, by %q), dimension %c: a sum or difference of %v rests on %d people", c, min, o.By, 'a'+d, names, n)
					}
				}
			}
			if r.Dimensions[d].N >= min && r.Dimensions[d].Mean == nil {
				t.Errorf("case %d: dimension %c: %d scored (min %d), the whole cohort's figures withheld", c, 'a'+d, r.Dimensions[d].N, min)
			}
			for _, dim := range append([]Dimension{r.Dimensions[d]}, groupDims(r, d)...) {
				switch {
				case dim.Mean != nil:
					shown++
				case dim.N > 0:
					withheld++
				}
			}
		}
	}
	// The cases must exercise both sides of the rule.
	if shown < 1000 || withheld < 1000 || brute < 1000 {
		t.Errorf("%d figures shown, %d withheld, %d families checked by brute force: the cases miss a side", shown, withheld, brute)
	}
}

func groupDims(r *Report, d int) []Dimension {
	var out []Dimension
	for _, g := range r.Groups {
		out = append(out, g.Dimensions[d])
	}
	return out
}

// TestOnePersonScoredIsWithheld: the case QA found. Five people, only one
// scored on a dimension: its figures are null, and say why.
func TestOnePersonScoredIsWithheld(t *testing.T) {
	es := []*Entry{person("", 40, 45, 50, map[string]float64{"a": 10, "b": 20})}
	for range 4 {
		es = append(es, person("", 60, nan, 50, map[string]float64{"a": 0, "b": 20}))
	}
	r := build(t, Options{}, es...)
	b := r.Dimensions[1]
	if b.N != 1 || b.Insufficient != 4 || b.Mean != nil || b.Min != nil || b.Median != nil || b.Max != nil || b.Withheld != ReasonTooFew {
		t.Errorf("one scored of 5: %+v; want n 1, null figures, withheld too_few", b)
	}
	if b.GapWithheld != ReasonTooFew || slices.ContainsFunc(r.Gaps, func(g Gap) bool { return g.Dimension == "b" }) {
		t.Errorf("one assessed of 5: gap %q shown in %+v", b.GapWithheld, r.Gaps)
	}
	if a := r.Dimensions[0]; a.Mean == nil || a.Withheld != "" || r.MinGroup != DefaultMinGroup {
		t.Errorf("everyone scored: %+v, min_group %d", a, r.MinGroup)
	}
}

// TestGroupDimensionWithheldByDifference: a group's dimension is hidden
// when the whole cohort's less it leaves fewer than --min-group scored.
func TestGroupDimensionWithheldByDifference(t *testing.T) {
	var es []*Entry
	add := func(group string, n int, a float64) {
		for range n {
			e := person("", a, 50, 50, nil)
			e.Respondent.ID, e.Respondent.Group = fmt.Sprint("p", len(es)), group
			es = append(es, e)
		}
	}
	add("finance", 6, 70)
	add("health", 5, 60)
	add("health", 1, nan) // a health person not scored on a
	add("tax", 4, 20)
	add("tax", 1, nan) // tax: 5 people, 4 scored on a
	r := build(t, Options{MinGroup: 5, By: "group"}, es...)
	got := map[string]string{}
	for _, g := range r.Groups {
		d := g.Dimensions[0]
		got[g.Name] = fmt.Sprintf("%d %s %s", d.N, num(d.Median), d.Withheld)
	}
	// Whole 15 scored on a; finance 6 leaves 9; health 5 would leave the
	// 4 of tax: health goes (difference), tax is too few.
	want := map[string]string{"finance": "6 70 ", "health": "5 null difference", "tax": "4 null too_few"}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("group %s: %q, want %q", k, got[k], v)
		}
	}
	if d := r.Dimensions[0]; d.N != 15 || d.Mean == nil {
		t.Errorf("whole: %+v", d)
	}
}

// TestMeanGapOfFewIsWithheld: ten assessed, one of whom falls short. The
// gap (1 of 10) is shown, but its mean gap would be that one person's
// own: null, and says why. Its order among the gaps tells nothing of it.
func TestMeanGapOfFewIsWithheld(t *testing.T) {
	var es []*Entry
	for i := range 10 {
		gaps := map[string]float64{"a": 0, "b": 0, "c": 0}
		if i == 0 {
			gaps = map[string]float64{"a": 3, "b": 0, "c": 25}
		}
		if i < 5 {
			gaps["b"] = 10
		}
		es = append(es, person("", 60, 60, 60, gaps))
	}
	r := build(t, Options{}, es...)
	got := map[string]string{}
	var order []string
	for _, g := range r.Gaps {
		got[g.Dimension] = fmt.Sprintf("%d/%d %s %s", g.WithGap, g.Assessed, num(g.MeanGap), g.MeanGapWithheld)
		order = append(order, g.Dimension)
	}
	want := map[string]string{"a": "1/10 null too_few", "b": "5/10 10 ", "c": "1/10 null too_few"}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("gap %s: %q, want %q", k, got[k], v)
		}
	}
	// a and c tie on count and share: bank order, not c's larger mean gap.
	if strings.Join(order, " ") != "b a c" {
		t.Errorf("gaps in order %v, want b a c", order)
	}
}
