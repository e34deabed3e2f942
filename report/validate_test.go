package report

import (
	"fmt"
	"strings"
	"testing"
)

// TestCappedSaysWhatWasNotShown: past the lines shown, bank validate
// says how many more problems, warnings or errors there are, by what
// they are and in the singular for one, not "lines".
func TestCappedSaysWhatWasNotShown(t *testing.T) {
	for _, tc := range []struct {
		name  string
		kinds []string // the kind of each line said, in order
		want  string   // the last line said
	}{
		{"one more problem", []string{"problem", "problem", "problem"}, "b.yaml: 1 more problem not shown; --all lists every one"},
		{"more warnings", []string{"warning", "warning", "warning", "warning"}, "b.yaml: 2 more warnings not shown; --all lists every one"},
		{"errors and warnings", []string{"error", "error", "error", "warning", "error", "warning"}, "b.yaml: 2 more errors and 2 more warnings not shown; --all lists every one"},
		{"every one shown", []string{"warning", "warning"}, "warning 2"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var said []string
			c := &capped{say: func(f string, args ...any) { said = append(said, strings.TrimSuffix(fmt.Sprintf(f, args...), "\n")) }, max: 2}
			for i, k := range tc.kinds {
				c.line(fmt.Sprintf("%s %d", k, i+1), k)
			}
			c.more("b.yaml", "--all lists every one")
			if got := said[len(said)-1]; got != tc.want {
				t.Errorf("got %q, want %q", got, tc.want)
			}
		})
	}
}
