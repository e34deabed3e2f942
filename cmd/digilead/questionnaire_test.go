package main

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/digilead/digilead/assessment"
	"github.com/digilead/digilead/questions"
	"github.com/digilead/digilead/questions/e2e"
	"github.com/digilead/digilead/questions/questionstest"
)

// These tests answer the questionnaire in a real terminal: tmux runs the
// binary, sends keys and reads the screen.

// pane is a tmux session running one digilead command.
type pane struct {
	t        *testing.T
	sock     string
	dir      string // working directory: out files and the exit code
	data     string // XDG_DATA_HOME
	session  string // the session of the latest run
	runs     int
	deadline time.Duration
	// outlive makes the command's exit code be recorded after the pane is
	// killed: it runs in an inner shell that ignores SIGHUP (the binary
	// takes SIGHUP back with signal.Notify).
	outlive bool
}

// newPane starts a tmux server on its own socket: a slow end-to-end test
// (see internal/e2e), which fails when tmux is missing.
func newPane(t *testing.T) *pane {
	t.Helper()
	e2e.Tool(t, "apt-get install tmux", "tmux")
	// Not t.TempDir: the programs in the panes end a moment after the
	// server is killed, and may still write there (a draft, the exit
	// file) while t.TempDir's removal runs, which then fails.
	dir, err := os.MkdirTemp("", "digilead-pane-")
	if err != nil {
		t.Fatal(err)
	}
	p := &pane{t: t, sock: filepath.Join(dir, "tmux.sock"), dir: dir, data: filepath.Join(dir, "data"), deadline: 20 * time.Second}
	t.Cleanup(func() {
		exec.Command("tmux", "-S", p.sock, "kill-server").Run()
		for end := time.Now().Add(5 * time.Second); os.RemoveAll(dir) != nil && time.Now().Before(end); {
			time.Sleep(20 * time.Millisecond)
		}
	})
	return p
}

// run starts the binary with args in a width x height terminal, with
// stdout redirected to out (a file in the pane's directory).
func (p *pane) run(width, height int, out string, args ...string) {
	p.t.Helper()
	os.Remove(filepath.Join(p.dir, "exit"))
	quoted := make([]string, len(args))
	for i, a := range args {
		quoted[i] = strconv.Quote(a)
	}
	script := fmt.Sprintf("cd %q && env XDG_DATA_HOME=%q HOME=%q TERM=xterm-256color NO_COLOR=1 LC_ALL=C.UTF-8 DIGILEAD_LANG= %q %s > %q; echo $? > exit",
		p.dir, p.data, p.dir, binary, strings.Join(quoted, " "), out)
	if p.outlive {
		inner := filepath.Join(p.dir, "outlive.sh")
		if err := os.WriteFile(inner, []byte("trap '' HUP\n"+script+"\n"), 0o600); err != nil {
			p.t.Fatal(err)
		}
		script = "sh " + strconv.Quote(inner)
	}
	script += "; sleep 600"
	// The previous session stays (killing the last one stops the server
	// while the new one connects); Cleanup kills the server.
	p.runs++
	p.session = "run" + strconv.Itoa(p.runs)
	if out, err := exec.Command("tmux", "-S", p.sock, "new-session", "-d", "-s", p.session, "-x", strconv.Itoa(width), "-y", strconv.Itoa(height), "sh", "-c", script).CombinedOutput(); err != nil {
		p.t.Fatalf("tmux new-session: %v: %s", err, out)
	}
}

func (p *pane) tmux(args ...string) string {
	out, _ := exec.Command("tmux", append([]string{"-S", p.sock}, args...)...).Output()
	return string(out)
}

func (p *pane) screen() string { return p.tmux("capture-pane", "-p", "-t", p.session) }

// history is the screen with what scrolled off it.
func (p *pane) history() string {
	return p.tmux("capture-pane", "-p", "-J", "-t", p.session, "-S", "-1000")
}

// waitFor waits until text is on the screen.
func (p *pane) waitFor(text string) {
	p.t.Helper()
	end := time.Now().Add(p.deadline)
	for time.Now().Before(end) {
		if strings.Contains(p.screen(), text) {
			return
		}
		time.Sleep(10 * time.Millisecond)
	}
	p.t.Fatalf("timed out waiting for %q on the screen:\n%s", text, p.screen())
}

// keys sends tmux key names (Enter, Down, C-c …).
func (p *pane) keys(keys ...string) {
	p.tmux(append([]string{"send-keys", "-t", p.session}, keys...)...)
}

// typeText sends text literally.
func (p *pane) typeText(s string) { p.tmux("send-keys", "-t", p.session, "-l", s) }

// exitCode waits for the command to end and returns its exit code.
func (p *pane) exitCode() int {
	p.t.Helper()
	end := time.Now().Add(p.deadline)
	for time.Now().Before(end) {
		if data, err := os.ReadFile(filepath.Join(p.dir, "exit")); err == nil && strings.HasSuffix(string(data), "\n") {
			code, _ := strconv.Atoi(strings.TrimSpace(string(data)))
			return code
		}
		time.Sleep(20 * time.Millisecond)
	}
	p.t.Fatalf("the command did not end; screen:\n%s", p.screen())
	return 0
}

// focusText is the shortest start of q's text, of at least four words,
// that no other question of the default bank begins with: many of its
// questions begin "In the last 12 months, …", and waiting for words that
// the previous question also begins with would send keys before the
// focus has moved.
func focusText(t *testing.T, q *questions.Question) string {
	t.Helper()
	b := questions.Default()
	words := strings.Fields(q.Text)
	n := min(4, len(words))
	for ; n < len(words); n++ {
		prefix, unique := strings.Join(words[:n], " ")+" ", true
		for _, o := range b.Questions {
			if o.ID != q.ID && strings.HasPrefix(o.Text+" ", prefix) {
				unique = false
				break
			}
		}
		if unique {
			break
		}
	}
	return strings.Join(words[:n], " ")
}

// answerFocused waits until q has the focus (huh marks it with a bar),
// then chooses its option-th option (from 0), or ticks the first of a
// multi question. It returns the answer given. An unanswered question has
// no cursor: the first Down puts it on the first option.
func (p *pane) answerFocused(q *questions.Question, option int) questions.Value {
	p.t.Helper()
	p.waitFor("┃ " + focusText(p.t, q))
	if q.Type == questions.Multi {
		p.keys("x", "Enter")
		return questions.OptionsValue(q.Options[0].ID)
	}
	for range option + 1 {
		p.keys("Down")
	}
	p.keys("Enter")
	return nthOption(q, option)
}

// nthOption is the answer of a select question's option i (0-based), the
// options as shown: "not applicable" after the question's own.
func nthOption(q *questions.Question, i int) questions.Value {
	switch {
	case q.Type == questions.Likert && i <= q.Scale.Max-q.Scale.Min:
		return questions.IntValue(q.Scale.Min + i)
	case q.Type == questions.YesNo && i < 2:
		return questions.BoolValue(i == 0)
	case q.Type == questions.Choice && i < len(q.Options):
		return questions.OptionValue(q.Options[i].ID)
	}
	return questions.NA
}

// pagesOf groups the default bank's questions by dimension.
func pagesOf(t *testing.T) (*questions.Bank, [][]*questions.Question) {
	t.Helper()
	b := questions.Default()
	var pages [][]*questions.Question
	for _, d := range b.Dimensions {
		pages = append(pages, b.QuestionsOf(d.ID))
	}
	return b, pages
}

func readResult(t *testing.T, path string) *assessment.Result {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(data), "\x1b") {
		t.Fatalf("%s holds escape codes: the form leaked into stdout", path)
	}
	r, err := assessment.DecodeResult(data)
	if err != nil {
		t.Fatalf("%s: %v\n%s", path, err, data)
	}
	return r
}

func checkMode(t *testing.T, path string, want os.FileMode) {
	t.Helper()
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if fi.Mode().Perm() != want {
		t.Errorf("%s has mode %v, want %v", path, fi.Mode().Perm(), want)
	}
}

func TestTerminalWholeBankWithJSONOnStdout(t *testing.T) {
	p := newPane(t)
	b, pages := pagesOf(t)
	p.run(120, 40, "me.json", "--format", "json")
	p.waitFor(fmt.Sprintf("Welcome · %d questions in %d areas", len(b.Questions), len(pages)))
	p.waitFor("nothing is sent anywhere")
	p.keys("Enter") // keep the language
	p.waitFor("┃ Your name")
	p.typeText("Pat")
	p.keys("Enter")
	p.waitFor("┃ Which tier")
	p.keys("Up", "Enter") // from "rather not say" to the top tier
	want := map[string]questions.Value{}
	for i, qs := range pages {
		p.waitFor(fmt.Sprintf("Page %d of %d", i+1, len(pages)))
		for _, q := range qs {
			want[q.ID] = p.answerFocused(q, 1)
		}
	}
	if code := p.exitCode(); code != 0 {
		t.Fatalf("exit %d; screen:\n%s", code, p.screen())
	}
	r := readResult(t, filepath.Join(p.dir, "me.json"))
	questionstest.SameValues(t, r.Answers, want)
	if r.Respondent.Name != "Pat" || r.Respondent.Role != b.Tiers[len(b.Tiers)-1].ID {
		t.Errorf("respondent = %+v", r.Respondent)
	}
	saved, _ := filepath.Glob(filepath.Join(p.data, "digilead", "results", "*.json"))
	if len(saved) != 1 {
		t.Fatalf("saved results: %v, want one", saved)
	}
	checkMode(t, saved[0], 0o600)
	if drafts, _ := filepath.Glob(filepath.Join(p.data, "digilead", "drafts", "*.json")); len(drafts) != 0 {
		t.Errorf("a finished assessment left its draft: %v", drafts)
	}
}

func TestTerminalCtrlCThenResume(t *testing.T) {
	p := newPane(t)
	b, pages := pagesOf(t)
	p.run(100, 30, "me.json", "--format", "json")
	p.waitFor("Welcome")
	p.keys("Enter") // keep the language
	p.waitFor("┃ Your name")
	p.typeText("Pat")
	p.keys("Enter")
	p.waitFor("┃ Which tier")
	p.keys("Enter")
	want := map[string]questions.Value{}
	for i, qs := range pages[:2] {
		p.waitFor(fmt.Sprintf("Page %d of", i+1))
		for _, q := range qs {
			want[q.ID] = p.answerFocused(q, 2)
		}
	}
	p.waitFor(fmt.Sprintf("Page 3 of %d", len(pages)))
	p.keys("C-c")
	if code := p.exitCode(); code != 130 {
		t.Fatalf("Ctrl-C: exit %d, want 130; screen:\n%s", code, p.screen())
	}
	p.waitFor("To continue where you left off, run: digilead assess --resume")
	drafts, _ := filepath.Glob(filepath.Join(p.data, "digilead", "drafts", "*.json"))
	if len(drafts) != 1 {
		t.Fatalf("drafts after Ctrl-C: %v, want one", drafts)
	}
	checkMode(t, drafts[0], 0o600)

	p.run(100, 30, "me.json", "assess", "--resume", "--format", "json")
	p.waitFor(fmt.Sprintf("Page 3 of %d · question 1 of %d · %d of %d answered", len(pages), len(pages[2]), len(want), len(b.Questions)))
	if h := p.history(); !strings.Contains(strings.Join(strings.Fields(h), " "), fmt.Sprintf("continuing at page 3 of %d", len(pages))) {
		t.Errorf("resuming does not say where it continues:\n%s", h)
	}
	for i, qs := range pages[2:] {
		p.waitFor(fmt.Sprintf("Page %d of", i+3))
		for _, q := range qs {
			want[q.ID] = p.answerFocused(q, 1)
		}
	}
	if code := p.exitCode(); code != 0 {
		t.Fatalf("resume: exit %d; screen:\n%s", code, p.screen())
	}
	r := readResult(t, filepath.Join(p.dir, "me.json"))
	questionstest.SameValues(t, r.Answers, want)
	if r.Respondent.Name != "Pat" {
		t.Errorf("the name given before Ctrl-C was lost: %+v", r.Respondent)
	}
}

func TestTerminalAccessibleWholeBank(t *testing.T) {
	p := newPane(t)
	b, pages := pagesOf(t)
	p.run(60, 30, "report.txt", "--accessible")
	p.waitFor("3. Français")
	p.typeText("\n") // keep the language
	p.waitFor("Your name (optional")
	p.typeText("Pat\n")
	p.waitFor("Enter a number between 1 and 4")
	p.typeText("1\n")
	want := p.answerAccessible(pages, len(pages))
	if code := p.exitCode(); code != 0 {
		t.Fatalf("exit %d; screen:\n%s", code, p.screen())
	}
	report, err := os.ReadFile(filepath.Join(p.dir, "report.txt"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(report), "Dimension scores, out of 100") || strings.ContainsAny(string(report), "█░\x1b") {
		t.Errorf("stdout is not the accessible report:\n%s", report)
	}
	// The last lines suggest the next commands.
	if screen := p.screen(); !strings.Contains(screen, "digilead report --last --format html") || !strings.Contains(screen, "digilead plan --last") {
		t.Errorf("no next steps after the questionnaire:\n%s", screen)
	}
	saved, _ := filepath.Glob(filepath.Join(p.data, "digilead", "results", "*.json"))
	if len(saved) != 1 {
		t.Fatalf("saved results: %v, want one", saved)
	}
	r := readResult(t, saved[0])
	questionstest.SameValues(t, r.Answers, want)
	if r.Respondent.Role != b.Tiers[0].ID {
		t.Errorf("role = %q, want %q", r.Respondent.Role, b.Tiers[0].ID)
	}
}

// answerAccessible answers the first n pages of an accessible
// questionnaire whose welcome page is done (the second option of each
// question, the first of a multi question) and returns the answers given.
func (p *pane) answerAccessible(pages [][]*questions.Question, n int) map[string]questions.Value {
	p.t.Helper()
	want := map[string]questions.Value{}
	for i, qs := range pages[:n] {
		p.waitFor(fmt.Sprintf("Page %d of %d", i+1, len(pages)))
		var lines strings.Builder
		for _, q := range qs {
			if q.Type == questions.Multi {
				lines.WriteString("1\n0\n") // tick the first option, confirm
				want[q.ID] = questions.OptionsValue(q.Options[0].ID)
				continue
			}
			lines.WriteString("2\n")
			want[q.ID] = nthOption(q, 1)
		}
		p.typeText(lines.String())
		p.waitFor(fmt.Sprintf("Page %d is done", i+1))
		p.typeText("\n")
	}
	return want
}

func TestResumeWithoutDraft(t *testing.T) {
	p := newPane(t)
	p.run(80, 20, "out", "assess", "--resume")
	if code := p.exitCode(); code != 2 {
		t.Fatalf("exit %d, want 2; screen:\n%s", code, p.screen())
	}
	p.waitFor("there is no unfinished assessment")
}
