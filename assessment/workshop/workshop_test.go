package workshop_test

import (
	"bytes"
	"crypto/ed25519"
	"crypto/rand"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	gossh "golang.org/x/crypto/ssh"

	"github.com/digilead/digilead/assessment"
	"github.com/digilead/digilead/assessment/schematest"
	"github.com/digilead/digilead/assessment/workshop"
	"github.com/digilead/digilead/assessment/workshop/workshoptest"
	"github.com/digilead/digilead/questions"
	"github.com/digilead/digilead/questions/questionstest"
	"github.com/digilead/digilead/report"
	"github.com/digilead/digilead/report/dashboard"
)

const code = "lamp-wave-oak"

// wait is how long a test waits for any one screen.
const wait = 20 * time.Second

// events records a server's events.
type events struct {
	mu  sync.Mutex
	all []workshop.Event
}

func (e *events) add(ev workshop.Event) {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.all = append(e.all, ev)
}

// log is the events as the trainer's log shows them.
func (e *events) log() string {
	e.mu.Lock()
	defer e.mu.Unlock()
	var b strings.Builder
	for _, ev := range e.all {
		b.WriteString(dashboard.Line(ev) + "\n")
	}
	return b.String()
}

// count counts the events of a kind.
func (e *events) count(k workshop.Kind) int {
	e.mu.Lock()
	defer e.mu.Unlock()
	n := 0
	for _, ev := range e.all {
		if ev.Kind == k {
			n++
		}
	}
	return n
}

// server is a workshop server on loopback.
type server struct {
	*workshop.Server
	addr   string
	dir    string
	events *events
}

func render(w io.Writer, r *assessment.Result, format string, look workshop.Look) error {
	f, err := report.Results.Lookup(format)
	if err != nil {
		return err
	}
	return f(w, r, report.Options{Width: look.Width, Renderer: look.Renderer, Accessible: look.Accessible})
}

func hostKey(t testing.TB) gossh.Signer {
	_, k, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	s, err := gossh.NewSignerFromKey(k)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// start serves the default bank on a loopback port; configure changes the
// configuration first.
func start(t testing.TB, configure func(*workshop.Config)) *server {
	t.Helper()
	return startWith(t, configure, nil)
}

// startWith is start, with before called on the server before it serves.
func startWith(t testing.TB, configure func(*workshop.Config), before func(*workshop.Server)) *server {
	t.Helper()
	ev := &events{}
	cfg := workshop.Config{
		Bank: questions.Default(), Dir: t.TempDir(), HostKey: hostKey(t), Code: code,
		Render: render, Formats: report.Results.Names(), MinGroup: 1,
		Tool: assessment.Tool{Name: "digilead", Version: "0.0.0-test"}, OnEvent: ev.add,
	}
	if configure != nil {
		configure(&cfg)
	}
	srv, err := workshop.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	if before != nil {
		before(srv)
	}
	go srv.Serve(l)
	t.Cleanup(func() { srv.Close() })
	return &server{Server: srv, addr: l.Addr().String(), dir: cfg.Dir, events: ev}
}

func join(t testing.TB, s *server, user string, o workshoptest.Options) *workshoptest.Participant {
	t.Helper()
	p, err := workshoptest.Join(s.addr, user, code, o)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(p.Close)
	return p
}

func must(t testing.TB, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// results reads the results in a directory, checking each against the
// schema.
func results(t testing.TB, dir string) map[string]*assessment.Result {
	t.Helper()
	files, _ := filepath.Glob(filepath.Join(dir, "*.json"))
	out := map[string]*assessment.Result{}
	for _, f := range files {
		data, err := os.ReadFile(f)
		must(t, err)
		schematest.Validate(t, "result.schema.json", data)
		r, err := assessment.DecodeResult(data)
		must(t, err)
		out[r.Respondent.Name] = r
	}
	return out
}

// finish answers pages from..last, then leaves the report.
func finish(t testing.TB, p *workshoptest.Participant, b *questions.Bank, from int, want map[string]questions.Value) {
	t.Helper()
	for i := from; i <= len(workshoptest.Pages(b)); i++ {
		must(t, p.AnswerPage(b, i, want, wait))
	}
	_, err := p.WaitFor("Your report", wait)
	must(t, err)
	must(t, p.Press("q"))
	_, err = p.WaitFor("fetch", wait)
	must(t, err)
	must(t, p.WaitEnd(wait))
}

func TestDroppedConnectionResumesWithItsAnswers(t *testing.T) {
	t.Parallel() // a server of its own on its own port
	s := start(t, nil)
	b := questions.Default()
	p := join(t, s, "sam", workshoptest.Options{})
	token, err := p.Welcome("Sam", wait)
	must(t, err)
	if !workshop.IsToken(token) {
		t.Fatalf("resume line names %q, not a token", token)
	}
	want := map[string]questions.Value{}
	must(t, p.AnswerPage(b, 1, want, wait))
	must(t, p.AnswerPage(b, 2, want, wait))
	_, err = p.WaitFor("Page 3 of", wait)
	must(t, err)
	p.Close() // the laptop is closed mid-page

	p = join(t, s, token, workshoptest.Options{})
	finish(t, p, b, 3, want)
	rs := results(t, s.dir)
	r, ok := rs["Sam"]
	if len(rs) != 1 || !ok {
		t.Fatalf("results: %v, want Sam's only", rs)
	}
	questionstest.SameValues(t, r.Answers, want)
	if r.Respondent.ID == "" || strings.Contains(r.Respondent.ID, token) {
		t.Errorf("respondent id %q: want a random id, not the token", r.Respondent.ID)
	}
	saved, _ := filepath.Glob(filepath.Join(s.dir, "*.json"))
	for _, f := range saved {
		if fi, err := os.Stat(f); err != nil || fi.Mode().Perm() != 0o600 {
			t.Errorf("result %s: %v; want mode 0600", f, err)
		}
	}
	if fi, err := os.Stat(filepath.Join(s.dir, ".drafts")); err != nil || fi.Mode().Perm() != 0o700 {
		t.Errorf("drafts folder: %v; want mode 0700", err)
	}
	if drafts, _ := filepath.Glob(filepath.Join(s.dir, ".drafts", "*")); len(drafts) != 0 {
		t.Errorf("drafts left after the result was saved: %v", drafts)
	}
	// One person, counted once: they dropped, came back and finished.
	if st := s.Status(); st.Finished != 1 || st.Dropped != 0 || st.Connected != 0 {
		t.Errorf("status: %d finished, %d dropped, %d connected; want 1, 0, 0:\n%s", st.Finished, st.Dropped, st.Connected, s.events.log())
	}

	// The result is theirs to fetch while the server runs, in any format.
	out, code := run(t, s, token, "fetch "+token)
	data, _ := os.ReadFile(saved[0])
	if code != 0 || out != string(data) {
		t.Errorf("fetch: exit %d, output is not the saved result:\n%.300s", code, out)
	}
	if out, code := run(t, s, "x", "fetch --format html "+token); code != 0 || !strings.Contains(out, "<html") {
		t.Errorf("fetch --format html: exit %d:\n%.300s", code, out)
	}
	if _, code := run(t, s, "x", "fetch "+workshop.NewToken()); code != 1 {
		t.Errorf("fetch of another token: exit %d, want 1", code)
	}
	// Coming back after the end shows the report again.
	p = join(t, s, token, workshoptest.Options{})
	_, err = p.WaitFor("Your report", wait)
	must(t, err)
}

// run runs a command over SSH without a terminal, returning its stdout
// and exit status.
func run(t testing.TB, s *server, user, cmd string) (string, int) {
	t.Helper()
	c, err := gossh.Dial("tcp", s.addr, workshoptest.Config(user, code))
	must(t, err)
	defer c.Close()
	sess, err := c.NewSession()
	must(t, err)
	var out, errOut bytes.Buffer
	sess.Stdout, sess.Stderr = &out, &errOut
	err = sess.Run(cmd)
	var exit *gossh.ExitError
	switch {
	case err == nil:
		return out.String(), 0
	case errors.As(err, &exit):
		return out.String() + errOut.String(), exit.ExitStatus()
	}
	t.Fatalf("%s: %v", cmd, err)
	return "", 0
}

func TestAccessibleModeOverSSH(t *testing.T) {
	t.Parallel() // a server of its own on its own port
	s := start(t, nil)
	b := questions.Default()
	p := join(t, s, "pat", workshoptest.Options{Command: "accessible"})
	_, err := p.WaitFor("Your name (optional", wait)
	must(t, err)
	must(t, p.Press("Pat\r"))
	_, err = p.WaitFor(fmt.Sprintf("Enter a number between 1 and %d", len(b.Tiers)+1), wait)
	must(t, err)
	must(t, p.Press("1\r"))
	want := answerAccessible(t, p, b)
	out, err := p.WaitFor("fetch", wait)
	must(t, err)
	if !strings.Contains(out, "Dimension scores, out of 100") || strings.Contains(out, "\x1b[") {
		t.Errorf("the accessible report is not plain linear text:\n%.2000s", out)
	}
	must(t, p.WaitEnd(wait))
	questionstest.SameValues(t, results(t, s.dir)["Pat"].Answers, want)
}

// answerAccessible answers every page of b line by line, as a screen
// reader's user does (the second option, or the first of a multi
// question ticked), and returns the answers given.
func answerAccessible(t *testing.T, p *workshoptest.Participant, b *questions.Bank) map[string]questions.Value {
	t.Helper()
	want := map[string]questions.Value{}
	pages := workshoptest.Pages(b)
	for i, qs := range pages {
		_, err := p.WaitFor(fmt.Sprintf("Page %d of %d", i+1, len(pages)), wait)
		must(t, err)
		var lines strings.Builder
		for _, q := range qs {
			if q.Type == questions.Multi {
				lines.WriteString("1\r0\r")
				want[q.ID] = questions.OptionsValue(q.Options[0].ID)
				continue
			}
			lines.WriteString("2\r")
			_, want[q.ID] = choiceOf(q, 1)
		}
		must(t, p.Press(lines.String()))
		_, err = p.WaitFor(fmt.Sprintf("Page %d is done", i+1), wait)
		must(t, err)
		must(t, p.Press("\r"))
	}
	return want
}

// choiceOf is the n-th option of a single-answer question (from 0).
func choiceOf(q *questions.Question, n int) (string, questions.Value) {
	switch q.Type {
	case questions.Likert:
		return "", questions.IntValue(q.Scale.Min + n)
	case questions.YesNo:
		return "", questions.BoolValue(n == 0)
	}
	return "", questions.OptionValue(q.Options[n].ID)
}

func TestNobodyGetsMoreThanTheQuestionnaire(t *testing.T) {
	t.Parallel() // a server of its own on its own port
	s := start(t, nil)
	if out, code := run(t, s, "eve", "sh"); code != 1 || !strings.Contains(out, "no shell") {
		t.Errorf("exec sh: exit %d, %q; want a refusal and exit 1", code, out)
	}
	c, err := gossh.Dial("tcp", s.addr, workshoptest.Config("eve", code))
	must(t, err)
	defer c.Close()
	sess, err := c.NewSession()
	must(t, err)
	if err := sess.RequestSubsystem("sftp"); err == nil {
		t.Error("the sftp subsystem was granted")
	}
	sess.Close()
	if conn, err := c.Dial("tcp", "127.0.0.1:22"); err == nil {
		conn.Close()
		t.Error("local port forwarding was allowed")
	}
	if l, err := c.Listen("tcp", "127.0.0.1:0"); err == nil {
		l.Close()
		t.Error("remote port forwarding was allowed")
	}
	sess, err = c.NewSession()
	must(t, err)
	for _, req := range []string{"auth-agent-req@openssh.com", "x11-req"} {
		if ok, err := sess.SendRequest(req, true, nil); ok || err != nil {
			t.Errorf("%s: granted %v, %v", req, ok, err)
		}
	}
	if err := sess.Run("fetch ../../etc/passwd"); err == nil {
		t.Error("fetch of a path succeeded")
	}
	log := s.events.log()
	for _, why := range []string{`command "sh"`, "subsystem sftp", "port forwarding", "remote port forwarding", "agent forwarding", "X11 forwarding", "is not a token"} {
		if !strings.Contains(log, why) {
			t.Errorf("the log does not tell the refusal %q:\n%s", why, log)
		}
	}
}

func TestWrongCodesAreSlowAndPastTheLimitRefusedWhileASessionCarriesOn(t *testing.T) {
	t.Parallel() // a server of its own on its own port
	// A shorter delay than the default second (TestDocumentedDefaults),
	// still far longer than a wrong code takes to be answered without it.
	const delay = 200 * time.Millisecond
	s := start(t, func(c *workshop.Config) { c.WrongCodeDelay = delay })
	p := join(t, s, "in-early", workshoptest.Options{})
	_, err := p.WaitFor("┃ Your name", wait)
	must(t, err)

	// A client that would try five times gets three, each answered after
	// WrongCodeDelay at least.
	begin := time.Now()
	if _, err := gossh.Dial("tcp", s.addr, guesser("eve")); err == nil {
		t.Fatal("a wrong code was accepted")
	}
	if d := time.Since(begin); d < 3*delay {
		t.Errorf("three wrong codes were answered in %v, want at least %v each", d, delay)
	}
	if n := s.events.count(workshop.Refused); n != 3 {
		t.Errorf("%d wrong codes were tried on one connection, want 3:\n%s", n, s.events.log())
	}
	// 30 wrong codes within the minute lock the address out: 9 more
	// connections of 3 tries (the first made 3).
	var wg sync.WaitGroup
	for range 9 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			gossh.Dial("tcp", s.addr, guesser("eve"))
		}()
	}
	wg.Wait()
	if _, err := gossh.Dial("tcp", s.addr, workshoptest.Config("bob", code)); err == nil {
		t.Error("a new connection from a locked-out address got in, even with the right code")
	}
	if !strings.Contains(s.events.log(), "locked out") {
		t.Errorf("the lockout is not in the log:\n%s", s.events.log())
	}
	// The session that was in before goes on.
	must(t, p.Press("Ann", workshoptest.Enter))
	_, err = p.WaitFor("┃ Which tier", wait)
	must(t, err)
}

// guesser is a client that tries five wrong codes.
func guesser(user string) *gossh.ClientConfig {
	c := workshoptest.Config(user, "wrong-code")
	c.Auth = []gossh.AuthMethod{gossh.RetryableAuthMethod(gossh.Password("wrong-code"), 5)}
	return c
}

func TestFullWorkshopRefusesPolitely(t *testing.T) {
	t.Parallel() // a server of its own on its own port
	s := start(t, func(c *workshop.Config) { c.MaxParticipants = 1 })
	p := join(t, s, "first", workshoptest.Options{})
	_, err := p.WaitFor("┃ Your name", wait)
	must(t, err)
	q := join(t, s, "second", workshoptest.Options{})
	out, err := q.WaitFor("try again", wait)
	must(t, err)
	if !strings.Contains(out, "sorry, this workshop is full (1 participants at once)") {
		t.Errorf("refusal: %q", out)
	}
	must(t, q.WaitEnd(wait))
}

func TestIdleSessionEndsKeepingItsDraft(t *testing.T) {
	t.Parallel() // a server of its own on its own port
	s := start(t, func(c *workshop.Config) { c.IdleTimeout = 3 * time.Second })
	b := questions.Default()
	p := join(t, s, "sleepy", workshoptest.Options{})
	token, err := p.Welcome("Sleepy", wait)
	must(t, err)
	must(t, p.AnswerPage(b, 1, nil, wait))
	out, err := p.WaitFor("so it is closed", wait) // the form redraws meanwhile; keys count, not output
	must(t, err)
	if !strings.Contains(out, "nothing was typed for 3s") {
		t.Errorf("idle message: %q", out)
	}
	must(t, p.WaitEnd(wait))
	if _, err := os.Stat(filepath.Join(s.dir, ".drafts", token+".json")); err != nil {
		t.Errorf("the draft was not kept: %v", err)
	}
}

func TestUserNameEscapesNeverReachTheLog(t *testing.T) {
	t.Parallel() // a server of its own on its own port
	s := start(t, nil)
	p := join(t, s, "mallory\x1b[2J\x1b]0;pwned\x07\r", workshoptest.Options{})
	_, err := p.WaitFor("┃ Your name", wait)
	must(t, err)
	run(t, s, "eve\x1b[31m", "sh")
	log := s.events.log()
	if !strings.Contains(log, `mallory\x1b[2J`) || !strings.Contains(log, `eve\x1b[31m`) {
		t.Errorf("the user names are not in the log as escapes:\n%s", log)
	}
	if strings.ContainsAny(log, "\x1b\x07\r") {
		t.Errorf("control characters reached the log:\n%q", log)
	}
}

func TestFormFollowsTheWindowSize(t *testing.T) {
	t.Parallel() // a server of its own on its own port
	s := start(t, nil)
	p := join(t, s, "wide", workshoptest.Options{Width: 100, Height: 40})
	seen, err := p.WaitFor("┃ Your name", wait)
	must(t, err)
	if w := widest(seen); w <= 60 || w > 100 {
		t.Errorf("at 100 columns the welcome page is %d columns wide:\n%s", w, seen)
	}
	must(t, p.Session.WindowChange(40, 50))
	// Frames drawn before the change was read may come first.
	for deadline := time.Now().Add(wait); ; {
		seen, err = p.WaitFor("┃ Your name", time.Until(deadline))
		must(t, err)
		if w := widest(seen); w > 0 && w <= 50 {
			return
		}
	}
}

// widest is the width of the widest line of the last frame drawn from
// the top of the welcome page.
func widest(screen string) int {
	top := strings.LastIndex(screen, "Welcome ·")
	if top < 0 {
		return 0
	}
	frame := screen[top:]
	w := 0
	for _, line := range strings.Split(frame, "\n") {
		w = max(w, len([]rune(strings.TrimRight(line, " \r"))))
	}
	return w
}
