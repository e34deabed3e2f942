package assessment

import (
	"os"
	"testing"
	"time"

	"github.com/digilead/digilead/questions"
)

// exampleAnswers is the default bank and docs/examples/answers.yaml.
func exampleAnswers(tb testing.TB) (*questions.Bank, *questions.Answers) {
	tb.Helper()
	b := questions.Default()
	data, err := os.ReadFile("../docs/examples/answers.yaml")
	if err != nil {
		tb.Fatal(err)
	}
	a, err := questions.ParseAnswers("answers.yaml", data, b)
	if err != nil {
		tb.Fatal(err)
	}
	return b, a
}

// BenchmarkScore scores one answer set with the function Score, as
// `digilead assess` does: the Scorer is made for it.
func BenchmarkScore(b *testing.B) {
	bank, a := exampleAnswers(b)
	opts := Options{Now: time.Unix(1700000000, 0)}
	for b.Loop() {
		Score(bank, a, opts)
	}
}

// BenchmarkScorer scores with one Scorer again and again, as `digilead
// score` does.
func BenchmarkScorer(b *testing.B) {
	bank, a := exampleAnswers(b)
	opts := Options{Now: time.Unix(1700000000, 0)}
	s := NewScorer(bank)
	for b.Loop() {
		s.Score(a, opts)
	}
}
