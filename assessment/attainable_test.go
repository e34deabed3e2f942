package assessment_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/digilead/digilead/assessment"
	"github.com/digilead/digilead/questions"
	"github.com/digilead/digilead/questions/questionstest"
)

// unreachBank is QA's bank whose dimension e can score at most 45 (36.7
// with every question answered): its option scores are all below 1.
func unreachBank(t *testing.T, extra string) *questions.Bank {
	return questionstest.Parse(t, "unreach.yaml", `schema: digilead/v1
id: unreach
title: "Unreachable"
version: "1"
`+extra+`tiers:
  - {id: a, name: A, rank: 1, description: x, expectations: {d: 30}}
  - {id: b, name: B, rank: 2, description: x, expectations: {d: 30, e: 95}}
dimensions:
  - {id: d, name: D, description: x}
  - {id: e, name: E, description: x}
questions:
  - {id: q1, dimension: d, text: "How often did you test?"}
  - {id: q2, dimension: d, text: "How often did you skip checks?", reverse: true}
  - {id: q3, dimension: d, text: "How often did you ask users?"}
  - {id: m1, dimension: e, type: multi, text: "Which did you use?", options: [{id: x, label: Forms, score: 0.2}, {id: y, label: Maps, score: 0.2}]}
  - {id: m2, dimension: e, type: choice, text: "Pick one", options: [{id: x, label: Forms, score: 0}, {id: y, label: Maps, score: 0.5}]}
  - {id: m3, dimension: e, type: choice, text: "Pick another", options: [{id: x, label: Forms, score: 0.1}, {id: y, label: Maps, score: 0.2}]}
`)
}

func TestMaxScore(t *testing.T) {
	for _, c := range []struct {
		name  string
		extra string
		d, e  float64
	}{
		// Half the weight is enough: m2 and m1 answered, m3 left out.
		{"default coverage", "", 100, 45},
		{"every question", "min_coverage: 1\n", 100, 36.666666667},
		{"any one question", "min_coverage: 0\n", 100, 50},
	} {
		t.Run(c.name, func(t *testing.T) {
			b := unreachBank(t, c.extra)
			if got := assessment.MaxScore(b, 0); got != c.d {
				t.Errorf("d: MaxScore = %v, want %v", got, c.d)
			}
			if got := assessment.MaxScore(b, 1); got != c.e {
				t.Errorf("e: MaxScore = %v, want %v", got, c.e)
			}
		})
	}
}

// TestMaxScoreIsReached scores the best answers and checks the scorer
// gives exactly MaxScore; and that past 16 questions the bound still
// holds.
func TestMaxScoreIsReached(t *testing.T) {
	b := unreachBank(t, "")
	a := &questions.Answers{Values: map[string]questions.Value{}}
	a.Values["m1"] = questions.Value{Kind: questions.Picks, Opts: []string{"x", "y"}}
	a.Values["m2"] = questions.Value{Kind: questions.Pick, Opt: "y"}
	r := assessment.Score(b, a, assessment.Options{})
	if s := r.Dimensions[1].Score; s == nil || *s != assessment.MaxScore(b, 1) {
		t.Fatalf("best answers score %v, MaxScore %v", s, assessment.MaxScore(b, 1))
	}

	var qs strings.Builder
	for i := range 20 {
		fmt.Fprintf(&qs, "  - {id: c%d, dimension: e, type: choice, text: \"Pick %d\", options: [{id: x, label: Low, score: 0}, {id: y, label: High, score: %g}]}\n", i, i, 0.05*float64(i))
	}
	big := questionstest.Parse(t, "big.yaml", `schema: digilead/v1
id: big
title: "Big"
version: "1"
tiers:
  - {id: a, name: A, rank: 1, description: x, expectations: {e: 10}}
dimensions:
  - {id: e, name: E, description: x}
questions:
`+qs.String())
	// The ten best questions (0.5 to 0.95) answered: mean 0.725.
	if got := assessment.MaxScore(big, 0); got != 72.5 {
		t.Errorf("20 questions: MaxScore = %v, want 72.5", got)
	}
}
