package feedback_test

import (
	"encoding/json"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"testing"
	"time"

	"github.com/digilead/digilead/assessment"
	"github.com/digilead/digilead/assessment/feedback"
	"github.com/digilead/digilead/questions"
)

// This file is a second, independent check of the anonymity rule, as an
// outside reader of the report would make it: it reads the
// digilead.feedback-report/v1 document as JSON, by the field names of the
// contract, on the built-in bank; it works out from the raters' answers
// which raters stand behind every figure shown (each group's mean on each
// dimension, everyone else's in dimensions[].others with others_n, each
// question's), proving each set by recomputing the figure from it; and it
// then looks, with its own code, for any set of 1 to min-group-1 raters
// other than the manager that sums and differences of the shown totals
// single out. It shares nothing with the package's own check but the
// scorer.

// outsideRound is a generated round: each rater's role and answers.
type outsideRound struct {
	roles       []string
	answers     []map[string]questions.Value
	minGroup    int
	poolManager bool
}

// generateOutside makes a round on b: 0-8 raters per role (the manager
// present or not, now and then two), min-group 2-5, pooled or not, and
// "cannot say" holes: single answers, and whole dimensions a rater could
// not judge.
func generateOutside(b *questions.Bank, rng *rand.Rand) outsideRound {
	g := outsideRound{minGroup: 2 + rng.IntN(4), poolManager: rng.IntN(3) == 0}
	sizes := map[string]int{feedback.Peer: rng.IntN(9), feedback.DirectReport: rng.IntN(9), feedback.Other: rng.IntN(9)}
	switch rng.IntN(5) {
	case 0, 1:
	case 4:
		sizes[feedback.Manager] = 2
	default:
		sizes[feedback.Manager] = 1
	}
	naRate := []float64{0, 0, 0.1, 0.3}[rng.IntN(4)]
	dimNA := []float64{0, 0.05, 0.2}[rng.IntN(3)]
	for _, role := range feedback.Roles {
		for range sizes[role] {
			skip := map[string]bool{}
			for _, d := range b.Dimensions {
				skip[d.ID] = rng.Float64() < dimNA
			}
			a := map[string]questions.Value{}
			for i := range b.Questions {
				q := &b.Questions[i]
				if q.Observer == nil {
					continue
				}
				if skip[q.Dimension] || rng.Float64() < naRate {
					a[q.ID] = questions.NA
					continue
				}
				a[q.ID] = randomAnswer(q, rng)
			}
			g.roles, g.answers = append(g.roles, role), append(g.answers, a)
		}
	}
	return g
}

func randomAnswer(q *questions.Question, rng *rand.Rand) questions.Value {
	switch q.Type {
	case questions.Choice:
		return questions.OptionValue(q.Options[rng.IntN(len(q.Options))].ID)
	case questions.Multi:
		return questions.OptionsValue(q.Options[rng.IntN(len(q.Options))].ID)
	case questions.YesNo:
		return questions.BoolValue(rng.IntN(2) == 0)
	}
	return questions.IntValue(q.Scale.Min + rng.IntN(q.Scale.Max-q.Scale.Min+1))
}

// reportJSON is the report as a reader has it: decoded from its JSON.
type reportJSON struct {
	Groups []struct {
		Roles      []string           `json:"roles"`
		N          int                `json:"n"`
		Dimensions map[string]float64 `json:"dimensions"`
	} `json:"groups"`
	Dimensions []struct {
		ID      string   `json:"id"`
		Self    *float64 `json:"self"`
		Others  *float64 `json:"others"`
		OthersN int      `json:"others_n"`
		Gap     *float64 `json:"gap"`
		Flag    string   `json:"flag"`
	} `json:"dimensions"`
	Questions []struct {
		ID        string  `json:"id"`
		Dimension string  `json:"dimension"`
		Others    float64 `json:"others"`
		N         int     `json:"n"`
	} `json:"questions"`
	Withheld []struct {
		Roles  []string `json:"roles"`
		N      int      `json:"n"`
		Reason string   `json:"reason"`
	} `json:"withheld"`
}

// figure is one figure shown: what it is and the raters behind it.
type figure struct {
	name  string
	set   []int
	value float64
}

func TestAnOutsideReaderSinglesOutNoOne(t *testing.T) {
	b := questions.Default()
	rng := rand.New(rand.NewPCG(2026, 24))
	rounds := 300
	if testing.Short() {
		rounds = 100
	}
	self := assessment.Score(b, selfAnswers(b, rng), assessment.Options{Now: time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)})
	var shown, checkedCombinations, crossDimension int
	for n := range rounds {
		g := generateOutside(b, rng)
		bd := feedback.NewBuilder(b, feedback.Options{MinGroup: g.minGroup, PoolManager: g.poolManager})
		for i, a := range g.answers {
			f := &feedback.Feedback{Schema: feedback.Schema, Round: testRound, Bank: feedback.NewBankRef(b), Role: g.roles[i], CompletedAt: day0.Add(time.Duration(i) * time.Minute), Answers: a}
			if err := bd.Add(f, fmt.Sprint("doc", i)); err != nil {
				t.Fatal(err)
			}
		}
		rep, err := bd.Report(self)
		if err != nil {
			t.Fatal(err)
		}
		data, err := json.Marshal(rep)
		if err != nil {
			t.Fatal(err)
		}
		var r reportJSON
		if err := json.Unmarshal(data, &r); err != nil {
			t.Fatal(err)
		}
		name := fmt.Sprintf("round %d (min %d, pool %v, roles %v)", n, g.minGroup, g.poolManager, g.roles)
		exempt := func(i int) bool { return g.roles[i] == feedback.Manager && !g.poolManager }
		scores := make([][]*float64, len(g.answers))
		for i, a := range g.answers {
			scores[i] = bd.Score(a)
		}
		dimAt := map[string]int{}
		for i, d := range b.Dimensions {
			dimAt[d.ID] = i
		}
		families := map[string][]figure{}
		for _, gr := range r.Groups {
			all := membersOf(g.roles, gr.Roles, func(int) bool { return true })
			if len(all) != gr.N {
				t.Fatalf("%s: group %v says n=%d, it has %d raters", name, gr.Roles, gr.N, len(all))
			}
			for id, mean := range gr.Dimensions {
				di := dimAt[id]
				s := membersOf(g.roles, gr.Roles, func(i int) bool { return scores[i][di] != nil })
				families[id] = append(families[id], figure{fmt.Sprintf("group %v on %s", gr.Roles, id), s, mean})
			}
		}
		for _, d := range r.Dimensions {
			if d.Others == nil {
				if d.OthersN != 0 || d.Gap != nil || d.Flag != "" {
					t.Fatalf("%s: %s withholds others but gives others_n %d, gap %v, flag %q", name, d.ID, d.OthersN, d.Gap, d.Flag)
				}
				continue
			}
			di := dimAt[d.ID]
			s := membersOf(g.roles, feedback.Roles, func(i int) bool { return scores[i][di] != nil })
			if len(s) != d.OthersN {
				t.Fatalf("%s: %s says others_n=%d, %d raters scored it", name, d.ID, d.OthersN, len(s))
			}
			families[d.ID] = append(families[d.ID], figure{"others on " + d.ID, s, *d.Others})
		}
		for _, q := range r.Questions {
			question, _ := b.Question(q.ID)
			s := membersOf(g.roles, feedback.Roles, func(i int) bool { return g.answers[i][q.ID].Answered() })
			if len(s) != q.N {
				t.Fatalf("%s: question %s says n=%d, %d raters answered it", name, q.ID, q.N, len(s))
			}
			if question.Dimension != q.Dimension {
				t.Fatalf("%s: question %s is of %s, not %s", name, q.ID, question.Dimension, q.Dimension)
			}
			families[q.Dimension] = append(families[q.Dimension], figure{"question " + q.ID, s, q.Others})
			var sum float64
			for _, i := range s {
				x, _ := assessment.Value(question, g.answers[i][q.ID])
				sum += 100 * x
			}
			if got := sum / float64(len(s)); math.Abs(got-q.Others) > 0.006 {
				t.Fatalf("%s: question %s shows %v, its %d raters give %v", name, q.ID, q.Others, len(s), got)
			}
		}
		var everyone [][]int
		for id, fam := range families {
			di := dimAt[id]
			for _, f := range fam {
				if f.set == nil || f.name[:6] == "questi" {
					continue
				}
				var sum float64
				for _, i := range f.set {
					sum += *scores[i][di]
				}
				if got := sum / float64(len(f.set)); math.Abs(got-f.value) > 0.006 {
					t.Fatalf("%s: %s shows %v, its %d raters give %v", name, f.name, f.value, len(f.set), got)
				}
				if f.name[:6] == "others" {
					everyone = append(everyone, f.set)
				}
			}
			shown += len(fam)
			sets := make([][]int, len(fam))
			for i, f := range fam {
				sets[i] = f.set
				// Only the manager's own figure rests on no one anonymous.
				if k := anonymous(f.set, exempt); k > 0 && k < g.minGroup {
					t.Fatalf("%s: %s rests on %d raters besides the manager", name, f.name, k)
				}
			}
			if who := singledOut(sets, exempt, g.minGroup); who != nil {
				t.Fatalf("%s: on %s, the figures %v single out raters %v", name, id, names(fam), who)
			}
			if len(sets) <= 7 {
				checkedCombinations++
				if coef, who := combination(sets, exempt, g.minGroup); who != nil {
					t.Fatalf("%s: on %s, %v × %v single out raters %v", name, id, coef, names(fam), who)
				}
			}
		}
		// Different dimensions are different quantities: a difference
		// between two dimensions' figures is no one's answer. Count how
		// often their sets differ, to show the generator makes the case.
		if singledOut(everyone, exempt, g.minGroup) != nil {
			crossDimension++
		}
	}
	t.Logf("%d rounds: %d figures shown, %d families tried by brute force; in %d rounds dimensions' 'others' sets differ by fewer than min-group raters", rounds, shown, checkedCombinations, crossDimension)
	if crossDimension == 0 {
		t.Error("no round has dimensions scored by different raters: the generator misses the case")
	}
}

func selfAnswers(b *questions.Bank, rng *rand.Rand) *questions.Answers {
	a := &questions.Answers{Values: map[string]questions.Value{}}
	for i := range b.Questions {
		a.Values[b.Questions[i].ID] = randomAnswer(&b.Questions[i], rng)
	}
	return a
}

// membersOf are the raters of the roles for whom keep holds.
func membersOf(roles, of []string, keep func(i int) bool) []int {
	var out []int
	for i, r := range roles {
		if slices.Contains(of, r) && keep(i) {
			out = append(out, i)
		}
	}
	return out
}

func names(fam []figure) []string {
	var out []string
	for _, f := range fam {
		out = append(out, f.name)
	}
	return out
}

// singledOut intersects every shown set or its complement, over the
// raters other than the manager: each non-empty cell is a set the reader
// can total by sums and differences. It returns a cell of 1 to min-1
// raters, or nil.
func singledOut(sets [][]int, exempt func(int) bool, min int) []int {
	cells := map[string][]int{}
	seen := map[int]bool{}
	for _, s := range sets {
		for _, i := range s {
			seen[i] = true
		}
	}
	for i := range seen {
		if exempt(i) {
			continue
		}
		key := make([]byte, len(sets))
		for k, s := range sets {
			if slices.Contains(s, i) {
				key[k] = 1
			}
		}
		cells[string(key)] = append(cells[string(key)], i)
	}
	for _, c := range cells {
		if len(c) < min {
			slices.Sort(c)
			return c
		}
	}
	return nil
}

// combination tries every sum of the sets' totals with coefficients -1,
// 0 and 1, and returns one that comes to the total of 1 to min-1 raters
// other than the manager (the same weight on each, 0 on the rest).
func combination(sets [][]int, exempt func(int) bool, min int) ([]int, []int) {
	var raters []int
	for _, s := range sets {
		for _, i := range s {
			if !exempt(i) && !slices.Contains(raters, i) {
				raters = append(raters, i)
			}
		}
	}
	coef := make([]int, len(sets))
	for c := 1; c < int(math.Pow(3, float64(len(sets)))); c++ {
		x := c
		for k := range coef {
			coef[k], x = x%3-1, x/3
		}
		weight := 0
		var who []int
		for _, i := range raters {
			w := 0
			for k, s := range sets {
				if slices.Contains(s, i) {
					w += coef[k]
				}
			}
			if w == 0 {
				continue
			}
			if weight != 0 && w != weight {
				who = nil
				weight = math.MaxInt
				break
			}
			weight = w
			who = append(who, i)
		}
		if weight != math.MaxInt && len(who) > 0 && len(who) < min {
			return slices.Clone(coef), who
		}
	}
	return nil, nil
}
