package assessment_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/digilead/digilead/assessment"
	"github.com/digilead/digilead/questions"
	"github.com/digilead/digilead/questions/questionstest"
)

// unreachBank is testdata/unreachable.yaml, QA's bank whose dimension e
// can score at most 45 (36.7 with every question answered), with extra
// top-level keys.
func unreachBank(t *testing.T, extra string) *questions.Bank {
	yaml := string(questionstest.ReadFile(t, "testdata/unreachable.yaml"))
	return questionstest.Parse(t, "unreachable.yaml", strings.Replace(yaml, "version: \"1\"\n", "version: \"1\"\n"+extra, 1))
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
