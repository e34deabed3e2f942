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

// TestAnswersExamplesFitTheBank scores the answers file shown in
// `digilead assess --help`, and the one in docs/bank-format.md, against
// the built-in bank (exit 0), and checks that each answer is of the kind
// its comment names (vis-horizon: 4  # likert: …) and that "na" goes to a
// question that offers it: pasted into a file, an example works.
func TestAnswersExamplesFitTheBank(t *testing.T) {
	t.Parallel()
	help := digilead(t, "", nil, "assess", "--help")
	_, block, _ := strings.Cut(help.stdout, "An answers file is YAML or JSON:\n\n")
	block, _, _ = strings.Cut(block, "\n\n")
	format, err := os.ReadFile("../../docs/bank-format.md")
	if err != nil {
		t.Fatal(err)
	}
	_, doc, _ := strings.Cut(string(format), "## Answers files")
	_, doc, _ = strings.Cut(doc, "```yaml\n")
	doc, _, _ = strings.Cut(doc, "```")
	b := questions.Default()
	answer := regexp.MustCompile(`(?m)^\s*([a-z0-9-]+): (\[[^]]*\]|\S+)\s+# (likert|choice|multi|yesno|not applicable)`)
	dir := t.TempDir()
	for name, example := range map[string]string{"assess --help": block, "docs/bank-format.md": doc} {
		lines := answer.FindAllStringSubmatch(example, -1)
		if len(lines) < 4 {
			t.Fatalf("%s: %d commented answers in\n%s\nis the pattern stale?", name, len(lines), example)
		}
		for _, l := range lines {
			q, ok := b.Question(l[1])
			switch {
			case !ok:
				t.Errorf("%s: %s is no question of the built-in bank", name, l[1])
			case l[3] == "not applicable" && (l[2] != "na" || !q.AllowNA):
				t.Errorf("%s: %s: %s is not a question that offers na", name, l[1], l[2])
			case l[3] != "not applicable" && q.Type != l[3]:
				t.Errorf("%s: %s is a %s question, the example says %s", name, l[1], q.Type, l[3])
			}
		}
		f := filepath.Join(dir, strings.NewReplacer(" ", "-", "/", "-").Replace(name)+".yaml")
		if err := os.WriteFile(f, []byte(dedent(example)), 0o600); err != nil {
			t.Fatal(err)
		}
		if r := digilead(t, "", nil, "assess", "--answers", f, "--format", "json"); r.code != 0 {
			t.Errorf("%s: the example answers file: exit %d\n%s\n%s", name, r.code, example, r.stderr)
		}
	}
}

// dedent takes the indent of its first line off every line of s.
func dedent(s string) string {
	indent := len(s) - len(strings.TrimLeft(s, " "))
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		lines[i] = strings.TrimPrefix(l, strings.Repeat(" ", indent))
	}
	return strings.Join(lines, "\n")
}

// TestQuestionnaireLengthAgrees: README and the root help say how many
// questions the built-in bank asks and about how many minutes they take,
// the figures the welcome page computes (Bank.Minutes).
func TestQuestionnaireLengthAgrees(t *testing.T) {
	t.Parallel()
	b := questions.Default()
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	help := digilead(t, "", nil, "--help").stdout
	for name, text := range map[string]string{"README.md": string(readme), "digilead --help": help} {
		text = strings.Join(strings.Fields(text), " ")
		m := regexp.MustCompile(`about (\d+) (?:calm )?minutes`).FindStringSubmatch(text)
		if m == nil {
			t.Errorf("%s says nothing of about how many minutes; is the pattern stale?", name)
		} else if m[1] != fmt.Sprint(b.Minutes()) {
			t.Errorf("%s says about %s minutes; the built-in bank's %d questions take about %d", name, m[1], len(b.Questions), b.Minutes())
		}
	}
	if want := fmt.Sprintf("Answer %d questions", len(b.Questions)); !strings.Contains(string(readme), want) {
		t.Errorf("README does not say %q", want)
	}
}
