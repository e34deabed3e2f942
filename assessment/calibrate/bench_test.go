package calibrate

import (
	"testing"

	"github.com/digilead/digilead/assessment/calibrate/calibratetest"
	"github.com/digilead/digilead/questions"
)

// BenchmarkCalibrate calibrates the built-in bank (every tier expects
// every dimension) from a 1,000-person pilot: scoring, the cuts and 1,000
// bootstrap resamples of each pair, and the level rule with the
// proposals.
func BenchmarkCalibrate(b *testing.B) {
	bank := questions.Default()
	means := map[string]map[string]float64{}
	people := map[string]int{}
	for i, t := range bank.Tiers {
		means[t.ID] = map[string]float64{}
		for _, d := range bank.Dimensions {
			means[t.ID][d.ID] = 45 + 15*float64(i)
		}
		people[t.ID] = 1000 / len(bank.Tiers)
	}
	people[bank.Tiers[0].ID] += 1000 % len(bank.Tiers)
	raws := calibratetest.Pilot(bank, calibratetest.Spec{People: people, Means: means, SD: 10, Seed: 1})
	pilot := make([]*questions.Answers, len(raws))
	for i, raw := range raws {
		var err error
		if pilot[i], err = bank.CheckAnswers(raw); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportAllocs()
	for b.Loop() {
		c := New(bank)
		for _, a := range pilot {
			c.Add(a)
		}
		if r := c.Report(Options{Seed: 1}); r.Proposed == 0 {
			b.Fatal("nothing proposed")
		}
	}
}
