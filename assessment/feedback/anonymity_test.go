package feedback_test

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/digilead/digilead/assessment/feedback"
	"github.com/digilead/digilead/questions"
)

// generatedRound is a round made up by the property test: its raters'
// roles and answers, and how the report is asked for.
type generatedRound struct {
	docs        []*feedback.Feedback
	minGroup    int
	poolManager bool
}

func generate(b *questions.Bank, rng *rand.Rand) generatedRound {
	g := generatedRound{minGroup: 2 + rng.IntN(4), poolManager: rng.IntN(3) == 0}
	sizes := map[string]int{feedback.Manager: 0, feedback.Peer: rng.IntN(9), feedback.DirectReport: rng.IntN(9), feedback.Other: rng.IntN(9)}
	if rng.IntN(2) == 0 {
		sizes[feedback.Manager] = 1 + rng.IntN(2) // now and then two
	}
	naRate := []float64{0, 0.1, 0.3}[rng.IntN(3)]
	at := 0
	for _, role := range feedback.Roles {
		for range sizes[role] {
			over := map[string]questions.Value{}
			for _, id := range observerQuestions {
				if rng.Float64() < naRate {
					over[id] = questions.NA
				} else {
					over[id] = questions.IntValue(1 + rng.IntN(5))
				}
			}
			g.docs = append(g.docs, doc(b, role, 3, at, over))
			at++
		}
	}
	return g
}

// scoredBy reports whether a document scores dimension dim: at least half
// of the dimension's observer questions answered (the test bank's
// min_coverage, every weight 1).
func scoredBy(b *questions.Bank, f *feedback.Feedback, dim string) bool {
	total, answered := 0, 0
	for _, q := range b.QuestionsOf(dim) {
		if q.Observer == nil {
			continue
		}
		total++
		if f.Answers[q.ID].Answered() {
			answered++
		}
	}
	return total > 0 && 2*answered >= total
}

// TestNoFigureExposesFewerThanMinGroup generates many rounds (0-8 raters
// per role, with and without a manager, pooled or not, min-group 2-5,
// some answers "not applicable"), rebuilds from each report the set of
// raters behind every figure it shows, and checks that no figure, and no
// sum or difference of figures, rests on 1 to min-group-1 raters other
// than the manager: by the atoms of the sets, and by brute force over
// every combination of the figures' totals with coefficients -1, 0, 1.
func TestNoFigureExposesFewerThanMinGroup(t *testing.T) {
	b := testBank(t)
	rng := rand.New(rand.NewPCG(24, 2026))
	rounds := 1500
	if testing.Short() {
		rounds = 300
	}
	shownFigures, withheldFigures := 0, 0
	for n := range rounds {
		g := generate(b, rng)
		r := build(t, b, feedback.Options{MinGroup: g.minGroup, PoolManager: g.poolManager}, selfResult(t, b, 1+rng.IntN(5)), g.docs...)
		name := fmt.Sprintf("round %d (min %d, pool %v, roles %v)", n, g.minGroup, g.poolManager, roleCounts(g.docs))
		exempt := func(i int) bool { return g.docs[i].Role == feedback.Manager && !g.poolManager }
		withheldFigures += len(r.Withheld)

		// Every group shown is the manager's or holds min-group others.
		var showable []string
		for _, gr := range r.Groups {
			members := raters(g.docs, gr.Roles, func(int) bool { return true })
			if len(members) != gr.N {
				t.Fatalf("%s: group %v says n=%d, has %d raters", name, gr.Roles, gr.N, len(members))
			}
			if gr.Kind != "manager" && anonymous(members, exempt) < g.minGroup {
				t.Fatalf("%s: group %v shown with %d raters other than the manager", name, gr.Roles, anonymous(members, exempt))
			}
			showable = append(showable, gr.Roles...)
		}
		for _, dim := range b.Dimensions {
			var family [][]int
			for _, gr := range r.Groups {
				if _, ok := gr.Dimensions[dim.ID]; ok {
					family = append(family, raters(g.docs, gr.Roles, func(i int) bool { return scoredBy(b, g.docs[i], dim.ID) }))
				}
			}
			for _, q := range r.Questions {
				if q.Dimension == dim.ID {
					s := raters(g.docs, showable, func(i int) bool { return g.docs[i].Answers[q.ID].Answered() })
					if len(s) != q.N {
						t.Fatalf("%s: question %s says n=%d, has %d raters", name, q.ID, q.N, len(s))
					}
					family = append(family, s)
				}
			}
			// Everyone else is shown whenever it may be.
			if all := raters(g.docs, feedback.Roles, func(i int) bool { return scoredBy(b, g.docs[i], dim.ID) }); anonymous(all, exempt) >= g.minGroup && !slices.ContainsFunc(r.Groups, func(gr feedback.Group) bool {
				_, ok := gr.Dimensions[dim.ID]
				return gr.Kind == "everyone" && ok
			}) {
				t.Fatalf("%s: everyone else's %s withheld with %d raters", name, dim.ID, anonymous(all, exempt))
			}
			shownFigures += len(family)
			checkAtoms(t, name+" "+dim.ID, family, exempt, g.minGroup)
			checkCombinations(t, name+" "+dim.ID, family, exempt, g.minGroup)
		}
	}
	t.Logf("%d rounds: %d figures shown, %d withheld", rounds, shownFigures, withheldFigures)
}

func roleCounts(docs []*feedback.Feedback) map[string]int {
	m := map[string]int{}
	for _, d := range docs {
		m[d.Role]++
	}
	return m
}

// raters are the positions of the documents of the roles for which keep
// holds.
func raters(docs []*feedback.Feedback, roles []string, keep func(i int) bool) []int {
	var out []int
	for i, d := range docs {
		if slices.Contains(roles, d.Role) && keep(i) {
			out = append(out, i)
		}
	}
	return out
}

func anonymous(s []int, exempt func(int) bool) int {
	n := 0
	for _, i := range s {
		if !exempt(i) {
			n++
		}
	}
	return n
}

// checkAtoms fails when the sets' atoms (raters other than the manager
// lying in exactly the same sets) include one of 1 to min-1 raters.
func checkAtoms(t *testing.T, name string, family [][]int, exempt func(int) bool, min int) {
	t.Helper()
	masks := map[int]uint64{}
	for k, s := range family {
		for _, i := range s {
			if !exempt(i) {
				masks[i] |= 1 << k
			}
		}
	}
	count := map[uint64]int{}
	for _, m := range masks {
		count[m]++
	}
	for m, n := range count {
		if n < min {
			t.Fatalf("%s: an atom of %d raters (in figures %b) among %v", name, n, m, family)
		}
	}
}

// checkCombinations tries every combination of the figures' totals with
// coefficients in {-1, 0, 1}: none may come to the total of 1 to min-1
// raters other than the manager (each rater's coefficient the same, the
// others' 0).
func checkCombinations(t *testing.T, name string, family [][]int, exempt func(int) bool, min int) {
	t.Helper()
	k := len(family)
	if k > 12 {
		t.Fatalf("%s: %d figures, too many to try", name, k)
	}
	// in[r][i] says whether the r-th rater other than the manager is in
	// figure i.
	var in [][]bool
	for r := range maxRater(family) + 1 {
		if exempt(r) {
			continue
		}
		row := make([]bool, k)
		any := false
		for i, s := range family {
			row[i] = slices.Contains(s, r)
			any = any || row[i]
		}
		if any {
			in = append(in, row)
		}
	}
	coef := make([]int, k)
	total := 1
	for range k {
		total *= 3
	}
	for c := 1; c < total; c++ {
		x := c
		for i := range k {
			coef[i] = x%3 - 1
			x /= 3
		}
		value, n, isolated := 0, 0, true
		for _, row := range in {
			v := 0
			for i, ok := range row {
				if ok {
					v += coef[i]
				}
			}
			if v == 0 {
				continue
			}
			if value != 0 && v != value {
				isolated = false
				break
			}
			value = v
			n++
		}
		if isolated && n > 0 && n < min {
			t.Fatalf("%s: coefficients %v over %v isolate %d raters", name, coef, family, n)
		}
	}
}

func maxRater(family [][]int) int {
	m := -1
	for _, s := range family {
		for _, r := range s {
			m = max(m, r)
		}
	}
	return m
}

// TestGeneratedRoundsAreVaried keeps the property test honest: the
// generator makes rounds where figures are withheld by difference, pools
// are shown, and managers pooled.
func TestGeneratedRoundsAreVaried(t *testing.T) {
	b := testBank(t)
	rng := rand.New(rand.NewPCG(24, 2026))
	seen := map[string]bool{}
	for range 400 {
		g := generate(b, rng)
		r := build(t, b, feedback.Options{MinGroup: g.minGroup, PoolManager: g.poolManager}, selfResult(t, b, 3), g.docs...)
		for _, w := range r.Withheld {
			seen["withheld "+w.Reason] = true
			if w.Dimension != "" {
				seen["withheld dimension"] = true
			}
			if w.Question != "" {
				seen["withheld question"] = true
			}
		}
		for _, gr := range r.Groups {
			seen["shown "+gr.Kind] = true
			if gr.Kind == "pooled" && slices.Contains(gr.Roles, feedback.Manager) {
				seen["manager pooled"] = true
			}
		}
	}
	for _, want := range []string{"withheld too_few", "withheld difference", "withheld dimension", "withheld question", "shown manager", "shown role", "shown pooled", "shown everyone", "manager pooled"} {
		if !seen[want] {
			t.Errorf("no generated round has %s", want)
		}
	}
}
