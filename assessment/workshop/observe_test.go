package workshop_test

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/digilead/digilead/assessment/feedback"
	"github.com/digilead/digilead/assessment/schematest"
	"github.com/digilead/digilead/assessment/workshop"
	"github.com/digilead/digilead/assessment/workshop/workshoptest"
	"github.com/digilead/digilead/questions"
	"github.com/digilead/digilead/questions/lang"
	"github.com/digilead/digilead/questions/questionstest"
)

// observed serves the default bank's round on Sam: observers answer.
func observed(t *testing.T) (*server, *feedback.Round) {
	t.Helper()
	b := questions.Default()
	if !b.Observed() {
		t.Fatal("the built-in bank has no observer wording")
	}
	r := feedback.RoundFor("k5qwfxtz3m7rvn2hyb4ajd6ceu", b)
	r.Subject, r.Roles = "Sam Jones", []string{feedback.Manager, feedback.Peer, feedback.DirectReport}
	s := start(t, func(c *workshop.Config) {
		c.Round = r
		c.About = func(l *lang.Lang, role string) string { return "About Sam Jones, as " + role + "." }
	})
	return s, r
}

// feedbacks reads the feedback in a directory, checking each against the
// schema.
func feedbacks(t *testing.T, dir string) []*feedback.Feedback {
	t.Helper()
	files, _ := filepath.Glob(filepath.Join(dir, "*.json"))
	var out []*feedback.Feedback
	for _, f := range files {
		data, err := os.ReadFile(f)
		must(t, err)
		schematest.Validate(t, "feedback.schema.json", data)
		fb, err := feedback.Decode(data)
		must(t, err)
		out = append(out, fb)
		info, _ := os.Stat(f)
		if info.Mode().Perm() != 0o600 {
			t.Errorf("%s has mode %v", f, info.Mode().Perm())
		}
	}
	return out
}

var observerResume = regexp.MustCompile(`ssh -p \d+ ([a-z0-9-]+)@`)

// TestObserversAnswerOverSSH: an observer gives the code, picks their
// role, answers the observer questions in the observer wording and
// leaves feedback in the results folder that names no one; dropped, they
// resume; back after it is saved, they are thanked, not asked again.
func TestObserversAnswerOverSSH(t *testing.T) {
	t.Parallel() // a server of its own on its own port
	s, r := observed(t)
	obs := questions.Default().ForObservers()
	p := join(t, s, "alex", workshoptest.Options{})
	seen, err := p.WaitFor("How do you work with them?", wait)
	must(t, err)
	if !strings.Contains(seen, "Sam Jones") || strings.Contains(seen, "other (") {
		t.Errorf("role choice:\n%s", seen)
	}
	must(t, p.Press("7", workshoptest.Enter)) // not a choice: asked again
	_, err = p.WaitFor("Type its number", wait)
	must(t, err)
	must(t, p.Press("2", workshoptest.Enter)) // peer
	seen, err = p.WaitFor("About Sam Jones, as peer.", wait)
	must(t, err)
	if strings.Contains(seen, "Your name") || strings.Contains(seen, "Which tier") {
		t.Errorf("an observer is asked about themself:\n%s", seen)
	}
	more, err := p.WaitFor("Begin", wait)
	must(t, err)
	m := observerResume.FindStringSubmatch(seen + more)
	if m == nil {
		t.Fatalf("no resume line:\n%s", seen+more)
	}
	must(t, p.Press(workshoptest.Enter))
	want := map[string]questions.Value{}
	must(t, p.AnswerPage(obs, 1, want, wait))
	_, err = p.WaitFor("Page 2 of", wait)
	must(t, err)
	p.Close() // dropped mid-way

	p = join(t, s, m[1], workshoptest.Options{})
	_, err = p.WaitFor("How do you work with them?", wait)
	must(t, err)
	must(t, p.Press("2", workshoptest.Enter))
	for i := 2; i <= len(workshoptest.Pages(obs)); i++ {
		must(t, p.AnswerPage(obs, i, want, wait))
	}
	_, err = p.WaitFor("your feedback on Sam Jones is saved", wait)
	must(t, err)
	must(t, p.WaitEnd(wait))

	fs := feedbacks(t, s.dir)
	if len(fs) != 1 {
		t.Fatalf("%d feedback documents, want 1", len(fs))
	}
	f := fs[0]
	if f.Round != r.Round || f.Role != feedback.Peer || f.ID == "" {
		t.Errorf("feedback = %+v", f)
	}
	questionstest.SameValues(t, f.Answers, want)
	if len(want) != len(obs.Questions) {
		t.Errorf("%d answers, want the %d observer questions", len(want), len(obs.Questions))
	}
	// Back once more: thanked, not asked again.
	p = join(t, s, m[1], workshoptest.Options{})
	_, err = p.WaitFor("is saved already", wait)
	must(t, err)
	must(t, p.WaitEnd(wait))
	if n := len(feedbacks(t, s.dir)); n != 1 {
		t.Errorf("%d feedback documents after coming back, want 1", n)
	}
	if s.events.count(workshop.Finished) != 1 || s.Status().Finished != 1 {
		t.Errorf("status %+v, events:\n%s", s.Status(), s.events.log())
	}
}

// TestObserversInARoom: several observers at once, each document its
// own.
func TestObserversInARoom(t *testing.T) {
	t.Parallel() // a server of its own on its own port
	s, _ := observed(t)
	obs := questions.Default().ForObservers()
	must(t, workshoptest.ObserveAll(s.addr, code, []int{1, 3, 3, 2}, obs, wait))
	time.Sleep(50 * time.Millisecond)
	count := map[string]int{}
	for _, f := range feedbacks(t, s.dir) {
		count[f.Role]++
	}
	if count[feedback.Manager] != 1 || count[feedback.DirectReport] != 2 || count[feedback.Peer] != 1 {
		t.Errorf("roles saved: %v", count)
	}
}

// TestObserverAccessibleOverSSH: a screen reader's user answers as an
// observer, line by line, in plain text.
func TestObserverAccessibleOverSSH(t *testing.T) {
	t.Parallel() // a server of its own on its own port
	s, _ := observed(t)
	obs := questions.Default().ForObservers()
	p := join(t, s, "ana", workshoptest.Options{Command: "accessible"})
	_, err := p.WaitFor("Type its number", wait)
	must(t, err)
	must(t, p.Press("3\r"))
	seen, err := p.WaitFor("About Sam Jones, as report.", wait)
	must(t, err)
	if strings.Contains(seen, "\x1b[") {
		t.Errorf("escape codes for a screen reader:\n%s", seen)
	}
	want := answerAccessible(t, p, obs)
	_, err = p.WaitFor("is saved", wait)
	must(t, err)
	must(t, p.WaitEnd(wait))
	fs := feedbacks(t, s.dir)
	if len(fs) != 1 || fs[0].Role != feedback.DirectReport {
		t.Fatalf("feedback: %+v", fs)
	}
	questionstest.SameValues(t, fs[0].Answers, want)
}
