// Package assesstest scores answers files for tests anywhere in the module.
package assesstest

import (
	"os"
	"testing"

	"github.com/digilead/digilead/assessment"
	"github.com/digilead/digilead/questions"
)

// ScoreFile scores the answers file at path against b, failing the test
// if the file cannot be read or does not fit the bank.
func ScoreFile(t testing.TB, b *questions.Bank, path string, opts assessment.Options) *assessment.Result {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	a, err := questions.ParseAnswers(path, data, b)
	if err != nil {
		t.Fatal(err)
	}
	return assessment.Score(b, a, opts)
}
