package assessment

import (
	"encoding/json"
	"math"
	"testing"

	"github.com/digilead/digilead/assessment/batch/batchtest"
	"github.com/digilead/digilead/questions"
	"github.com/digilead/digilead/questions/questionstest"
)

// TestOutlineIsTheResult scores generated answer sets both ways, with and
// without a target for everyone, and compares every figure.
func TestOutlineIsTheResult(t *testing.T) {
	banks := map[string]*questions.Bank{"default": questions.Default(), "small": questionstest.Load(t, "testdata/small.yaml"), "tricky": questionstest.Load(t, "../report/testdata/tricky-bank.yaml"), "stats": questionstest.Load(t, "../cmd/digilead/testdata/stats-bank.yaml")}
	// Each bank under the other level rule too.
	for name, b := range banks {
		other := *b
		other.LevelRule = questions.LevelRuleMostProbable
		if b.MostProbable() {
			other.LevelRule = questions.LevelRuleStrict
		}
		banks[name+"/"+other.LevelRule] = &other
	}
	for name, b := range banks {
		s := NewScorer(b)
		var o Outline
		for _, target := range append([]string{""}, b.TierIDs()...) {
			for i := 0; i < 300; i++ {
				a := checkedSet(t, b, i)
				r := s.Score(a, Options{Target: target})
				values := make([]questions.Value, len(b.Questions))
				for qi, q := range b.Questions {
					values[qi] = a.Values[q.ID]
				}
				s.Outline(values, a.Respondent.Role, target, &o)
				for d, ds := range r.Dimensions {
					if got := o.Scores[d]; (ds.Score == nil) != math.IsNaN(got) || ds.Score != nil && *ds.Score != got {
						t.Fatalf("%s #%d target %q: %s score %v, result %v", name, i, target, ds.ID, got, ds.Score)
					}
				}
				for ti, tr := range r.Tiers {
					if o.Met[ti] != tr.Met || o.Readiness[ti] != tr.Readiness {
						t.Fatalf("%s #%d: tier %s %v %v, result %v %v", name, i, tr.ID, o.Met[ti], o.Readiness[ti], tr.Met, tr.Readiness)
					}
				}
				if lvl := levelID(r.Level); (o.Level < 0) != (lvl == "") || o.Level >= 0 && b.Tiers[o.Level].ID != lvl {
					t.Fatalf("%s #%d: level %d, result %q", name, i, o.Level, lvl)
				}
				if p := r.LevelProbability; (p == nil) != math.IsNaN(o.LevelProbability) || p != nil && *p != o.LevelProbability {
					t.Fatalf("%s #%d: level probability %v, result %v", name, i, o.LevelProbability, p)
				}
				if b.Tiers[o.Target].ID != r.Target.ID {
					t.Fatalf("%s #%d: target %d, result %s", name, i, o.Target, r.Target.ID)
				}
				gaps := 0
				for _, g := range r.Gaps {
					d := b.DimensionIndex(g.Dimension)
					if g.Score == nil {
						if !math.IsNaN(o.Gaps[d]) {
							t.Fatalf("%s #%d: gap %s %v without a score", name, i, g.Dimension, o.Gaps[d])
						}
						continue
					}
					gaps++
					if o.Gaps[d] != g.Gap {
						t.Fatalf("%s #%d: gap %s %v, result %v", name, i, g.Dimension, o.Gaps[d], g.Gap)
					}
				}
				for _, g := range o.Gaps {
					if !math.IsNaN(g) {
						gaps--
					}
				}
				if gaps != 0 {
					t.Fatalf("%s #%d: the outline has gaps the result has not", name, i)
				}
			}
		}
	}
}

// checkedSet is the i-th generated answer set of b, checked as score reads it.
func checkedSet(t *testing.T, b *questions.Bank, i int) *questions.Answers {
	t.Helper()
	data, err := json.Marshal(batchtest.AnswerSet(b, i, batchtest.Options{Seed: 3, SkipRate: 0.15, NARate: 0.1}))
	if err != nil {
		t.Fatal(err)
	}
	raw, err := questions.DecodeAnswers(data)
	if err != nil {
		t.Fatal(err)
	}
	a, err := b.CheckAnswers(raw)
	if err != nil {
		t.Fatal(err)
	}
	return a
}
