package main

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/digilead/digilead/questions"
	"github.com/digilead/digilead/questions/e2e"
)

// TestReadmeJQExamplesNeverNull runs each jq filter README gives for a
// result's JSON (digilead … --format json | jq FILTER) on two results:
// the example's (a tier met) and one below the lowest tier, whose level
// is null. Neither may print null: README's examples answer everyone.
func TestReadmeJQExamplesNeverNull(t *testing.T) {
	jq := e2e.Tool(t, "apt-get install jq", "jq")
	t.Parallel()
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	filters := regexp.MustCompile(`(?m)^digilead[^|\n]*(?:--format|-f) json \| jq (-r )?'([^']*)'`).FindAllStringSubmatch(string(readme), -1)
	if len(filters) == 0 {
		t.Fatal("README has no jq example of a result; is the pattern stale?")
	}
	if bare := regexp.MustCompile(`(?m)\| jq \.level\b`).FindString(string(readme)); bare != "" {
		t.Errorf("README has %q, which prints null below the lowest tier", bare)
	}
	data := t.TempDir()
	low := filepath.Join(data, "low.yaml")
	// Every likert answer at the bottom of its scale, every yes/no a no:
	// below the lowest tier.
	if err := os.WriteFile(low, []byte(lowAnswers(t)), 0o600); err != nil {
		t.Fatal(err)
	}
	for name, answers := range map[string]string{"example": exampleAnswers, "below every tier": low} {
		r := mustRun(t, data, "", nil, "assess", "--answers", answers, "--format", "json")
		for _, f := range filters {
			args := []string{f[2]}
			if f[1] != "" {
				args = []string{"-r", f[2]}
			}
			cmd := exec.Command(jq, args...)
			cmd.Stdin = strings.NewReader(r.stdout)
			out, err := cmd.Output()
			if err != nil {
				t.Fatalf("jq %s: %v", f[2], err)
			}
			if got := strings.TrimSpace(string(out)); got == "" || got == "null" {
				t.Errorf("%s: jq '%s' prints %q", name, f[2], got)
			}
		}
	}
}

// lowAnswers is an answers file of the built-in bank below its lowest
// tier: every likert answer at the bottom of its scale, the first option
// of every choice, no to every yes/no question.
func lowAnswers(t *testing.T) string {
	t.Helper()
	var sb strings.Builder
	sb.WriteString("answers:\n")
	for _, q := range questions.Default().Questions {
		switch q.Type {
		case questions.Likert:
			fmt.Fprintf(&sb, "  %s: %d\n", q.ID, q.Scale.Min)
		case questions.Choice:
			fmt.Fprintf(&sb, "  %s: %s\n", q.ID, q.Options[0].ID)
		case questions.Multi:
			fmt.Fprintf(&sb, "  %s: [%s]\n", q.ID, q.Options[0].ID)
		case questions.YesNo:
			fmt.Fprintf(&sb, "  %s: no\n", q.ID)
		}
	}
	return sb.String()
}
