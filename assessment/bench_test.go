package assessment

import (
	"testing"
	"time"

	"github.com/digilead/digilead/questions/questionstest"
)

// BenchmarkScore scores one answer set with the function Score, as
// `digilead assess` does: the Scorer is made for it.
func BenchmarkScore(b *testing.B) {
	bank, a := questionstest.Example(b)
	opts := Options{Now: time.Unix(1700000000, 0)}
	for b.Loop() {
		Score(bank, a, opts)
	}
}

// BenchmarkScorer scores with one Scorer again and again, as `digilead
// score` does.
func BenchmarkScorer(b *testing.B) {
	bank, a := questionstest.Example(b)
	opts := Options{Now: time.Unix(1700000000, 0)}
	s := NewScorer(bank)
	for b.Loop() {
		s.Score(a, opts)
	}
}
