package report

import (
	"bytes"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// TestWrapKeepsNoBreakSpaces: wrap breaks at ASCII spaces only; a
// no-break space (U+00A0, U+202F) is kept inside its word, so French "?"
// ":" and "»" stay on the line of the word before them.
func TestWrapKeepsNoBreakSpaces(t *testing.T) {
	for _, c := range []struct {
		s     string
		width int
		want  []string
	}{
		{"a b c", 3, []string{"a b", "c"}},
		{"Niveau\u00a0: en cours", 8, []string{"Niveau\u00a0:", "en cours"}},
		{"«\u00a0Qu'est-ce\u00a0?\u00a0» → Oui", 12, []string{"«\u00a0Qu'est-ce\u00a0?\u00a0»", "→ Oui"}},
		{"taux\u202f%\u202f; suite", 6, []string{"taux\u202f%\u202f;", "suite"}},
		{"tab\tand\nline", 20, []string{"tab and line"}},
	} {
		if got := wrap(c.s, c.width); !slices.Equal(got, c.want) {
			t.Errorf("wrap(%q, %d) = %q, want %q", c.s, c.width, got, c.want)
		}
	}
}

// TestFrenchPunctuationNeverStartsALine renders the example result in
// French, plain and accessible, at several widths: no line starts with
// the punctuation French puts a no-break space before (":", "?", "!",
// ";", "%", "»"), the no-break spaces are kept, and quoted answers are
// separated by "\u00a0; " (list.semicolon), not "; ".
func TestFrenchPunctuationNeverStartsALine(t *testing.T) {
	r := exampleResult(t)
	bad := regexp.MustCompile(`(?m)^\s*[:?!;%»]`)
	for _, acc := range []bool{false, true} {
		for _, w := range []int{60, 67, 80, 93, 120} {
			var buf bytes.Buffer
			if err := Results.all()["text"](&buf, r, Options{Width: w, Accessible: acc, Language: in(t, "fr")}); err != nil {
				t.Fatal(err)
			}
			out := buf.String()
			if m := bad.FindString(out); m != "" {
				t.Errorf("accessible %v, width %d: a line starts with %q:\n%s", acc, w, m, out)
			}
			// Joined back, the paragraphs hold their no-break spaces.
			joined := strings.Join(strings.Fields(strings.ReplaceAll(out, "\u00a0", "\x00")), " ")
			if strings.Contains(joined, " :") || strings.Contains(joined, " ?") || !strings.Contains(joined, "\x00;") || regexp.MustCompile(`[^\x00]; «`).MatchString(joined) {
				t.Errorf("accessible %v, width %d: a no-break space lost, or quoted answers joined by \"; \":\n%s", acc, w, out)
			}
		}
	}
}
