package report

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/digilead/digilead/assessment"
	"github.com/digilead/digilead/questions"
	"github.com/digilead/digilead/questions/lang"
	"github.com/digilead/digilead/questions/questionstest"
)

var update = flag.Bool("update", false, "rewrite golden files")

// fixedTime is the completion time of the test results.
var fixedTime = time.Date(2024, 3, 1, 9, 30, 0, 0, time.UTC)

// exampleResult scores docs/examples/answers.yaml against the default bank
// with a fixed clock.
func exampleResult(t testing.TB) *assessment.Result {
	t.Helper()
	b, a := questionstest.Example(t)
	return assessment.Score(b, a, scoreOptions)
}

// trickyResult scores a small bank whose names hold characters every
// format must escape (pipes, markup, formula-like text) and a dimension
// with no answers.
func trickyResult(t testing.TB) *assessment.Result {
	t.Helper()
	return scoreFile(t, questionstest.Load(t, "testdata/tricky-bank.yaml"), "testdata/tricky-answers.yaml")
}

// scoreOptions fix the clock and the tool of the test results.
var scoreOptions = assessment.Options{Now: fixedTime, Tool: assessment.Tool{Name: "digilead", Version: "test"}}

// scoreFile scores the answers file at path against b.
func scoreFile(t testing.TB, b *questions.Bank, path string) *assessment.Result {
	t.Helper()
	return assessment.Score(b, questionstest.Answers(t, b, path), scoreOptions)
}

// TestFormatsGolden renders the fixed results in every format of this
// package against testdata/<result>.<ext>.golden.
func TestFormatsGolden(t *testing.T) {
	t.Parallel()
	results := map[string]*assessment.Result{"example": exampleResult(t), "tricky": trickyResult(t)}
	for format, ext := range map[string]string{"markdown": "md", "html": "html", "csv": "csv"} {
		render, err := Results.Lookup(format)
		if err != nil {
			t.Fatal(err)
		}
		for name, r := range results {
			t.Run(name+"."+ext, func(t *testing.T) {
				var buf bytes.Buffer
				if err := render(&buf, r, Options{Language: ownLanguage(t, r)}); err != nil {
					t.Fatal(err)
				}
				golden(t, name+"."+ext+".golden", buf.Bytes())
			})
		}
	}
}

// ownLanguage is English with the bank of r when it is the built-in one,
// as the commands show a result (the answers behind each priority need
// the bank).
func ownLanguage(t testing.TB, r *assessment.Result) *Language {
	s := builtin(t)
	if r.Bank.ID != s.Bank.ID {
		return nil
	}
	return NewLanguage(lang.English(), s.Bank, s.Bank)
}

// golden compares got with testdata/name, or rewrites it with -update.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./report -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from the golden file (run go test ./report -update to accept):\n%s", path, firstDiff(want, got))
	}
}

// firstDiff shows the first differing line.
func firstDiff(want, got []byte) string {
	wl, gl := bytes.Split(want, []byte("\n")), bytes.Split(got, []byte("\n"))
	for i := 0; i < max(len(wl), len(gl)); i++ {
		var w, g []byte
		if i < len(wl) {
			w = wl[i]
		}
		if i < len(gl) {
			g = gl[i]
		}
		if !bytes.Equal(w, g) {
			return fmt.Sprintf("line %d:\n want: %s\n  got: %s", i+1, w, g)
		}
	}
	return "(same lines, different bytes)"
}
