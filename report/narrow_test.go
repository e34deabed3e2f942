package report

import (
	"bytes"
	"io"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
)

// overlong names the lines of out wider than width that hold more than
// one word: a terminal of width columns would break them mid-word. A
// word alone on its line (a long compound, a path) cannot be wrapped.
func overlong(out string, width int) []string {
	var bad []string
	for _, l := range strings.Split(out, "\n") {
		if ansi.StringWidth(l) > width && strings.Contains(strings.TrimSpace(l), " ") {
			bad = append(bad, l)
		}
	}
	return bad
}

// TestNarrowTerminalWrapsProse: below MinWidth (a person zooming works in
// a narrow terminal) the accessible documents wrap at the terminal's
// width entirely, and the visual result's prose and bars do too: no line
// of two words or more is wider than the terminal, which would break
// words in the middle. Down to MinProse, in every language.
func TestNarrowTerminalWrapsProse(t *testing.T) {
	t.Parallel()
	r, p, c := exampleResult(t), examplePlan(t), examplePlanCheck(t)
	fb := feedbackFixture(t, roundDocs)
	for _, tag := range []string{"en", "cy", "fr"} {
		for _, w := range []int{20, 33, 40, 59} {
			for _, acc := range []bool{true, false} {
				o := Options{Width: w, Accessible: acc, Language: in(t, tag)}
				docs := map[string]func(io.Writer) error{
					"result": func(b io.Writer) error { return Results.all()["text"](b, r, o) },
					"plan":   func(b io.Writer) error { return Plans.all()["text"](b, p, o) },
				}
				if acc { // these lay out tables when not accessible
					docs["plan check"] = func(b io.Writer) error { return PlanChecks.all()["text"](b, c, o) }
					docs["feedback"] = func(b io.Writer) error { return FeedbackReports.all()["text"](b, fb, o) }
				}
				for name, render := range docs {
					var buf bytes.Buffer
					if err := render(&buf); err != nil {
						t.Fatal(err)
					}
					if bad := overlong(buf.String(), w); len(bad) > 0 {
						t.Errorf("%s %s, accessible %v, %d columns: %d lines too wide, the first %q", tag, name, acc, w, len(bad), bad[0])
					}
				}
			}
		}
	}
}

// TestNarrowGolden renders the example result at 40 columns, the
// accessible report in French and the visual one in English: the width a
// person zooming a terminal reads at (existing goldens, at 60 columns or
// more, are unchanged).
func TestNarrowGolden(t *testing.T) {
	t.Parallel()
	r := exampleResult(t)
	for _, c := range []struct {
		name, tag  string
		accessible bool
	}{{"example.fr.accessible.40.txt", "fr", true}, {"example.en.40.txt", "en", false}} {
		var buf bytes.Buffer
		if err := Results.all()["text"](&buf, r, Options{Width: 40, Accessible: c.accessible, Language: in(t, c.tag)}); err != nil {
			t.Fatal(err)
		}
		golden(t, c.name+".golden", buf.Bytes())
	}
}
