package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/digilead/digilead/assessment/store"
	"github.com/digilead/digilead/questions"
	"github.com/digilead/digilead/questions/questionstest"
)

// These tests break the data directory under a questionnaire in a real
// terminal (see questionnaire_test.go). We may run as root, which writes
// through any mode bits, so a directory is made unwritable by putting a
// regular file where it should be.

// startAccessible starts an accessible questionnaire with JSON on stdout
// (me.json) and answers its welcome page.
func startAccessible(p *pane, args ...string) {
	p.t.Helper()
	p.run(100, 40, "me.json", append([]string{"--accessible", "--format", "json"}, args...)...)
	p.waitFor("3. Français")
	p.typeText("\n") // keep the language
	p.waitFor("Your name (optional")
	p.typeText("Pat\n")
	p.waitFor("Enter a number between 1 and 4")
	p.typeText("1\n")
}

// said is what the pane showed, its lines joined and runs of spaces made
// one, so that wrapped messages read whole.
func said(p *pane) string { return strings.Join(strings.Fields(p.history()), " ") }

// keptDraft checks that the bank's draft is in the data directory with
// mode 0600 and holds n answers.
func keptDraft(t *testing.T, data string, n int) {
	t.Helper()
	st := &store.Store{Dir: filepath.Join(data, "digilead")}
	b := questions.Default()
	d, err := st.LoadDraft(b.ID)
	if err != nil {
		t.Fatalf("the draft was not kept: %v", err)
	}
	checkMode(t, st.DraftPath(b.ID), 0o600)
	if len(d.Answers) != n {
		t.Errorf("the draft holds %d answers, want %d", len(d.Answers), n)
	}
}

// A finished questionnaire whose result cannot be saved still writes the
// result to stdout, keeps the draft, names the directory, and exits 1 (a
// file could not be written).
func TestResultCannotBeSaved(t *testing.T) {
	p := newPane(t)
	_, pages := pagesOf(t)
	results := filepath.Join(p.data, "digilead", "results")
	if err := os.MkdirAll(filepath.Dir(results), 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(results, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	startAccessible(p)
	want := p.answerAccessible(pages, len(pages))
	if code := p.exitCode(); code != 1 {
		t.Fatalf("exit %d, want 1; screen:\n%s", code, p.screen())
	}
	questionstest.SameValues(t, readResult(t, filepath.Join(p.dir, "me.json")).Answers, want)
	msg := said(p)
	draft := filepath.Join(p.data, "digilead", "drafts", "public-sector-digital-leadership.json")
	for _, w := range []string{
		"digilead: could not save the result: create " + results + ": not a directory",
		"The result was still written to the output.",
		"Your answers are kept in " + draft,
		"Set XDG_DATA_HOME to a writable directory",
	} {
		if !strings.Contains(msg, w) {
			t.Errorf("the message does not say %q:\n%s", w, msg)
		}
	}
	keptDraft(t, p.data, len(want))
}

// A data directory where no draft can be kept stops the questionnaire
// before the first question (no answer is typed in vain), with exit 1 and
// a message that names the directory and what to do.
func TestDraftCannotBeSaved(t *testing.T) {
	p := newPane(t)
	file := filepath.Join(p.dir, "file")
	if err := os.WriteFile(file, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	p.data = filepath.Join(file, "data")
	p.run(100, 40, "me.json", "--accessible", "--format", "json")
	if code := p.exitCode(); code != 1 {
		t.Fatalf("exit %d, want 1; screen:\n%s", code, p.screen())
	}
	msg := said(p)
	for _, w := range []string{
		"could not keep your progress: create " + filepath.Join(p.data, "digilead", "drafts") + ": not a directory",
		"Set XDG_DATA_HOME to a writable directory, or use --answers FILE",
	} {
		if !strings.Contains(msg, w) {
			t.Errorf("the message does not say %q:\n%s", w, msg)
		}
	}
	if out, _ := os.ReadFile(filepath.Join(p.dir, "me.json")); len(out) != 0 {
		t.Errorf("stdout is not empty: %q", out)
	}
}

// End of input (Ctrl-D on the terminal) in the middle of an accessible
// questionnaire keeps the draft and says how to resume, exit 130.
func TestEndOfInputMidQuestionnaire(t *testing.T) {
	p := newPane(t)
	_, pages := pagesOf(t)
	startAccessible(p)
	want := p.answerAccessible(pages, 1)
	p.waitFor("Page 2 of")
	p.keys("C-d")
	if code := p.exitCode(); code != 130 {
		t.Fatalf("exit %d, want 130; screen:\n%s", code, p.screen())
	}
	if msg := said(p); !strings.Contains(msg, "To continue where you left off, run: digilead assess --resume --accessible") {
		t.Errorf("the message does not say how to resume:\n%s", msg)
	}
	keptDraft(t, p.data, len(want))
}

// Closing the terminal (the pane is killed) in the middle of the
// questionnaire keeps the draft, exit 130. What it says is lost with the
// terminal; TestTerminalCtrlCThenResume checks the words.
func TestTerminalClosedMidQuestionnaire(t *testing.T) {
	p := newPane(t)
	p.outlive = true
	_, pages := pagesOf(t)
	p.run(100, 30, "me.json", "--format", "json")
	p.waitFor("Welcome")
	p.keys("Enter") // keep the language
	p.waitFor("┃ Your name")
	p.keys("Enter")
	p.waitFor("┃ Which tier")
	p.keys("Enter")
	p.waitFor("Page 1 of")
	n := 0
	for _, q := range pages[0] {
		p.answerFocused(q, 1)
		n++
	}
	p.waitFor("Page 2 of")
	p.tmux("kill-session", "-t", p.session)
	if code := p.exitCode(); code != 130 {
		t.Fatalf("exit %d, want 130", code)
	}
	keptDraft(t, p.data, n)
	if out, _ := os.ReadFile(filepath.Join(p.dir, "me.json")); len(out) != 0 {
		t.Errorf("stdout is not empty: %q", out)
	}
}
