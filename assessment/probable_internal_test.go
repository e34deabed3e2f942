package assessment

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/digilead/digilead/questions"
)

// TestNormCDF holds the interpolated distribution function to math.Erfc.
func TestNormCDF(t *testing.T) {
	worst := 0.0
	for z := -10.0; z <= 10; z += 0.001 {
		want := 0.5 * math.Erfc(-z/math.Sqrt2)
		worst = math.Max(worst, math.Abs(normCDF(z)-want))
	}
	if worst > 1e-5 {
		t.Errorf("differs from 0.5 erfc(-z/sqrt 2) by up to %g", worst)
	}
	if normCDF(math.Inf(1)) != 1 || normCDF(math.Inf(-1)) != 0 || !math.IsNaN(normCDF(math.NaN())) {
		t.Error("infinities or NaN")
	}
}

// TestCDFTable: the generated table (cdftab.go) is the distribution at
// every step, to the last bit (go generate ./assessment writes it again).
func TestCDFTable(t *testing.T) {
	for i, got := range cdfTab {
		z := -cdfEnd + float64(i)/cdfSteps
		if want := 0.5 * math.Erfc(-z/math.Sqrt2); got != want {
			t.Fatalf("cdfTab[%d] = %v, want %v (run go generate ./assessment)", i, got, want)
		}
	}
}

// BenchmarkSolve works out the most-probable rule's posterior of random
// answer sets of the built-in bank, as scoring does for each.
func BenchmarkSolve(b *testing.B) {
	bank := *questions.Default()
	bank.LevelRule = questions.LevelRuleMostProbable
	s := NewScorer(&bank)
	rng := rand.New(rand.NewPCG(1, 1))
	type input struct {
		scores []*float64
		sums   []dimSums
	}
	var ins []input
	for range 200 {
		values := make([]questions.Value, len(bank.Questions))
		for i, q := range bank.Questions {
			switch q.Type {
			case questions.Likert:
				values[i] = questions.IntValue(q.Scale.Min + rng.IntN(q.Scale.Max-q.Scale.Min+1))
			case questions.YesNo:
				values[i] = questions.BoolValue(rng.IntN(2) == 0)
			case questions.Choice:
				values[i] = questions.OptionValue(q.Options[rng.IntN(len(q.Options))].ID)
			}
		}
		in := input{scores: make([]*float64, len(bank.Dimensions)), sums: make([]dimSums, len(bank.Dimensions))}
		nums := make([]float64, len(bank.Dimensions))
		for d := range bank.Dimensions {
			in.scores[d] = s.scoreDimension(d, values, &nums[d], in.sums).Score
		}
		ins = append(ins, in)
	}
	var p posterior
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		in := ins[i%len(ins)]
		s.prob.solve(in.scores, in.sums, &p, false)
	}
}
