package levelsim

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/digilead/digilead/assessment"
	"github.com/digilead/digilead/questions"
)

// reported are the models docs/default-bank.md reports; the others are
// held out.
var reported = []string{"latent", "tiered", "noisy", "acquiescent"}

func isReported(id string) bool {
	for _, r := range reported {
		if r == id {
			return true
		}
	}
	return false
}

// TestMostProbableRuleOnTheBuiltInBank simulates honest respondents of
// every model answering the built-in bank and holds the most-probable
// rule to the targets of issue 22 in the four reported models: it agrees
// with the true level more often than the strict rule, places people
// below their true level about as often as above, and the probability it
// states is within 10 points of the share right in every tenth with at
// least 150 results. In the held-out models it must not do worse than the
// strict rule by more than 2 points, nor be further than 15 points from
// calibrated.
func TestMostProbableRuleOnTheBuiltInBank(t *testing.T) {
	b := questions.Default()
	for _, m := range Models {
		t.Run(m.ID, func(t *testing.T) {
			strict, probable := Compare(b, m, Options{Respondents: 2000, Seed: 22})
			gap, bin := probable.WorstBin(150)
			t.Logf("strict %.1f%% (below %.1f, above %.1f); most-probable %.1f%% (below %.1f, above %.1f); worst bin %.1f-%.1f: %+.1f points (%d results)",
				100*strict.Agree, 100*strict.Below, 100*strict.Above, 100*probable.Agree, 100*probable.Below, 100*probable.Above, bin.Lo, bin.Hi, 100*gap, bin.Results)
			if !isReported(m.ID) {
				if probable.Agree < strict.Agree-0.02 || math.Abs(gap) > 0.15 {
					t.Errorf("held-out model: agreement %.3f against the strict rule's %.3f, calibration off by %.3f", probable.Agree, strict.Agree, gap)
				}
				return
			}
			if probable.Agree < strict.Agree+0.02 {
				t.Errorf("agreement %.3f, the strict rule's %.3f: want at least 2 points more", probable.Agree, strict.Agree)
			}
			if d := probable.Below - probable.Above; math.Abs(d) > 0.05 {
				t.Errorf("%.1f%% placed below, %.1f%% above: want them within 5 points", 100*probable.Below, 100*probable.Above)
			}
			if math.Abs(gap) > 0.10 {
				t.Errorf("results stating %.2f on average are right %.2f of the time: more than 10 points off", bin.Stated, bin.Right)
			}
		})
	}
}

// TestStrictRuleCalibrated: a result of a strict bank states, in
// level_probability, the probability that the level the strict rule
// reports is the true level. On the built-in bank scored by the strict
// rule, in the models of honest answers the issue names (latent, tiered,
// noisy), the probability it states is within 10 points of the share right
// in every tenth with at least 150 results; docs/default-bank.md gives the
// other models and banks, where it is not.
func TestStrictRuleCalibrated(t *testing.T) {
	b := questions.Default()
	for _, id := range []string{"latent", "tiered", "noisy"} {
		m, _ := ModelByID(id)
		t.Run(id, func(t *testing.T) {
			strict, probable := Compare(b, m, Options{Respondents: 3000, Seed: 22})
			gap, bin := strict.WorstBin(150)
			t.Logf("strict rule: worst bin %.1f-%.1f: %+.1f points (%d results)", bin.Lo, bin.Hi, 100*gap, bin.Results)
			if math.Abs(gap) > 0.10 {
				t.Errorf("strict results stating %.2f on average are right %.2f of the time: more than 10 points off", bin.Stated, bin.Right)
			}
			// Every result states a probability, under either rule.
			if n := sumBins(strict.Bins); n != strict.Respondents || sumBins(probable.Bins) != probable.Respondents {
				t.Errorf("%d of %d strict results binned", n, strict.Respondents)
			}
		})
	}
}

func sumBins(bins []Bin) int {
	n := 0
	for _, b := range bins {
		n += b.Results
	}
	return n
}

// TestTrueLevel: the true level is the bank's expectations applied to
// the true scores, by the strict rule.
func TestTrueLevel(t *testing.T) {
	b := questions.Default()
	scores := make([]float64, len(b.Dimensions))
	for d := range scores {
		scores[d] = 100
	}
	if got := TrueLevel(b, scores); got != len(b.Tiers)-1 {
		t.Errorf("every true score 100: level %d", got)
	}
	scores[b.DimensionIndex("technology-adoption")] = 54.99
	if got := TrueLevel(b, scores); got != -1 {
		t.Errorf("a floor dimension short: level %d", got)
	}
}

// TestTrueScoreIsTheMeanScore: the true score computed from the response
// process is the mean of the simulated scores (within their standard
// error).
func TestTrueScoreIsTheMeanScore(t *testing.T) {
	b := questions.Default()
	s := assessment.NewScorer(b)
	for _, m := range Models {
		sim := New(b, m)
		rng := rand.New(rand.NewPCG(5, 6))
		r := sim.Draw(rng)
		truth := sim.TrueScores(r)
		const n = 600
		sum := make([]float64, len(truth))
		for range n {
			vals := map[string]questions.Value{}
			sim.Answer(r, rng, vals)
			res := s.Score(&questions.Answers{Values: vals}, assessment.Options{})
			for d, ds := range res.Dimensions {
				sum[d] += *ds.Score
			}
		}
		for d := range truth {
			// An answer's SD is at most half its range: a dimension of four
			// questions has an SD of at most 25 points.
			if mean := sum[d] / n; math.Abs(mean-truth[d]) > 4*25/math.Sqrt(n) {
				t.Errorf("%s: %s mean score %.2f, true score %.2f", m.ID, b.Dimensions[d].ID, mean, truth[d])
			}
		}
	}
}

// TestNoStrategyReachesATier: answering without reading seldom reaches a
// tier under the most-probable rule: random answers and always the
// longest scenario option in under 5% of cases (the bar of bank review),
// and straight-lining any point of the scale reaches no tier the strict
// rule does not, and never the top one.
func TestNoStrategyReachesATier(t *testing.T) {
	b := questions.Default()
	strict := assessment.NewScorer(WithRule(b, questions.LevelRuleStrict))
	probable := assessment.NewScorer(WithRule(b, questions.LevelRuleMostProbable))
	anyTier := func(s *assessment.Scorer, answer func(*rand.Rand, map[string]questions.Value), n int) float64 {
		reached := 0
		for i := range n {
			rng := rand.New(rand.NewPCG(9, uint64(i)))
			vals := map[string]questions.Value{}
			answer(rng, vals)
			if s.Score(&questions.Answers{Values: vals}, assessment.Options{}).Level != nil {
				reached++
			}
		}
		return float64(reached) / float64(n)
	}
	random := func(rng *rand.Rand, vals map[string]questions.Value) {
		for _, q := range b.Questions {
			switch q.Type {
			case questions.Likert:
				vals[q.ID] = questions.IntValue(q.Scale.Min + rng.IntN(q.Scale.Max-q.Scale.Min+1))
			case questions.YesNo:
				vals[q.ID] = questions.BoolValue(rng.IntN(2) == 1)
			case questions.Choice:
				vals[q.ID] = questions.OptionValue(q.Options[rng.IntN(len(q.Options))].ID)
			}
		}
	}
	longest := func(rng *rand.Rand, vals map[string]questions.Value) {
		random(rng, vals)
		for _, q := range b.Questions {
			if q.Type == questions.Choice {
				best := q.Options[0]
				for _, o := range q.Options {
					if len([]rune(o.Label)) > len([]rune(best.Label)) {
						best = o
					}
				}
				vals[q.ID] = questions.OptionValue(best.ID)
			}
		}
	}
	for name, answer := range map[string]func(*rand.Rand, map[string]questions.Value){"random": random, "longest option": longest} {
		s, p := anyTier(strict, answer, 2000), anyTier(probable, answer, 2000)
		t.Logf("%s: a tier reached by %.1f%% under the strict rule, %.1f%% under the most-probable one", name, 100*s, 100*p)
		if p > 0.05 {
			t.Errorf("%s answers reach a tier %.1f%% of the time: want under 5%%", name, 100*p)
		}
	}
	for v := b.Scale.Min; v <= b.Scale.Max; v++ {
		pos := float64(v-b.Scale.Min) / float64(b.Scale.Max-b.Scale.Min)
		straight := func(_ *rand.Rand, vals map[string]questions.Value) {
			for _, q := range b.Questions {
				switch q.Type {
				case questions.Likert:
					vals[q.ID] = questions.IntValue(q.Scale.Min + int(math.Round(pos*float64(q.Scale.Max-q.Scale.Min))))
				case questions.YesNo:
					vals[q.ID] = questions.BoolValue(math.Round(pos) == 1)
				case questions.Choice:
					vals[q.ID] = questions.OptionValue(q.Options[int(math.Round(pos*float64(len(q.Options)-1)))].ID)
				}
			}
		}
		vals := map[string]questions.Value{}
		straight(nil, vals)
		rs := strict.Score(&questions.Answers{Values: vals}, assessment.Options{})
		rp := probable.Score(&questions.Answers{Values: vals}, assessment.Options{})
		t.Logf("straight-lining %d: level %v under the strict rule, %v (probability %v) under the most-probable one", v, levelOf(rs), levelOf(rp), *rp.LevelProbability)
		if rank(rp) > rank(rs) || rank(rp) == len(b.Tiers) {
			t.Errorf("straight-lining %d reaches %s (the strict rule: %s)", v, levelOf(rp), levelOf(rs))
		}
	}
}

func levelOf(r *assessment.Result) string {
	if r.Level == nil {
		return "no tier"
	}
	return r.Level.ID
}

func rank(r *assessment.Result) int {
	if r.Level == nil {
		return 0
	}
	return r.Level.Rank
}

// ExampleCompare runs the harness on one model.
func ExampleCompare() {
	strict, probable := Compare(questions.Default(), Models[1], Options{Respondents: 200, Seed: 1})
	fmt.Println(strict.Respondents == probable.Respondents, probable.Agree > strict.Agree)
	// Output: true true
}
