// Package questionstest loads banks and answers files for tests anywhere in the module.
package questionstest

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"testing"

	"github.com/digilead/digilead/questions"
)

// ExampleAnswers is the module path of docs/examples/answers.yaml, answers
// to the default bank.
const ExampleAnswers = "docs/examples/answers.yaml"

// Root is the absolute path of the module's root directory (where go.mod
// is), found from this file's own path so that it is right from any test.
func Root() string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Join(filepath.Dir(file), "..", "..")
}

// Path returns the absolute path of rel, a slash-separated path from the
// module root such as "docs/examples/answers.yaml".
func Path(rel string) string { return filepath.Join(Root(), filepath.FromSlash(rel)) }

// Load loads the bank at path (a file, or a directory of bank files),
// failing the test if it does not load.
func Load(t testing.TB, path string) *questions.Bank {
	t.Helper()
	b, err := questions.Load(path)
	if err != nil {
		t.Fatalf("bank %s does not load:\n%v", path, err)
	}
	return b
}

// Parse parses a bank from YAML source, failing the test if it is not
// valid; name is the file name its problems would be reported with.
func Parse(t testing.TB, name, yaml string) *questions.Bank {
	t.Helper()
	b, err := questions.Parse(questions.File{Name: name, Data: []byte(yaml)})
	if err != nil {
		t.Fatalf("bank %s does not load:\n%v", name, err)
	}
	return b
}

// ReadFile returns the content of the file at path, failing the test if it
// cannot be read.
func ReadFile(t testing.TB, path string) []byte {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// Answers reads the answers file at path and checks it against b, failing
// the test if it cannot be read or does not fit the bank.
func Answers(t testing.TB, b *questions.Bank, path string) *questions.Answers {
	t.Helper()
	a, err := questions.ParseAnswers(path, ReadFile(t, path), b)
	if err != nil {
		t.Fatalf("answers %s:\n%v", path, err)
	}
	return a
}

// Example returns the default bank and its example answers
// (docs/examples/answers.yaml).
func Example(t testing.TB) (*questions.Bank, *questions.Answers) {
	t.Helper()
	b := questions.Default()
	return b, Answers(t, b, Path(ExampleAnswers))
}

// SameValues fails the test unless got holds exactly the answers in want,
// values compared as they print.
func SameValues(t testing.TB, got, want map[string]questions.Value) {
	t.Helper()
	if len(got) != len(want) {
		t.Errorf("got %d answers, want %d", len(got), len(want))
	}
	for id, w := range want {
		if g := got[id]; fmt.Sprint(g) != fmt.Sprint(w) {
			t.Errorf("%s = %+v, want %+v", id, g, w)
		}
	}
}
