package itemstats

import (
	"math/rand/v2"
	"testing"

	"github.com/digilead/digilead/questions"
)

// BenchmarkAnalyse adds answer sets to the default bank (66 questions in
// 16 dimensions) and computes the report: the per-set cost is what bank
// stats pays per input line after decoding.
func BenchmarkAnalyse(b *testing.B) {
	bank := questions.Default()
	rng := rand.New(rand.NewPCG(1, 2))
	sets := make([]map[string]questions.Value, 1000)
	for i := range sets {
		sets[i] = map[string]questions.Value{}
		for _, q := range bank.Questions {
			switch q.Type {
			case questions.Likert:
				sets[i][q.ID] = questions.IntValue(q.Scale.Min + rng.IntN(q.Scale.Max-q.Scale.Min+1))
			case questions.YesNo:
				sets[i][q.ID] = questions.BoolValue(rng.IntN(2) == 1)
			case questions.Choice:
				sets[i][q.ID] = questions.OptionValue(q.Options[rng.IntN(len(q.Options))].ID)
			case questions.Multi:
				sets[i][q.ID] = questions.OptionsValue(q.Options[rng.IntN(len(q.Options))].ID)
			}
		}
	}
	b.ReportAllocs()
	for b.Loop() {
		a := New(bank)
		for _, s := range sets {
			a.Add(s)
		}
		if r := a.Report(); r.Respondents != len(sets) {
			b.Fatal(r.Respondents)
		}
	}
}
