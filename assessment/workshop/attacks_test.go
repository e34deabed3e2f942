package workshop_test

import (
	"errors"
	"io"
	"net"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	gossh "golang.org/x/crypto/ssh"

	"github.com/digilead/digilead/assessment"
	"github.com/digilead/digilead/assessment/store"
	"github.com/digilead/digilead/assessment/workshop"
	"github.com/digilead/digilead/assessment/workshop/workshoptest"
	"github.com/digilead/digilead/questions"
	"github.com/digilead/digilead/questions/e2e"
	"github.com/digilead/digilead/questions/errtext"
	"github.com/digilead/digilead/questions/questionstest"
)

// seedResult puts a finished participant's result in dir, as the server
// saves it, and returns it.
func seedResult(t testing.TB, dir, token, name string) *assessment.Result {
	t.Helper()
	b := questions.Default()
	a := &questions.Answers{Bank: b.ID, Respondent: questions.Respondent{Name: name}, Values: map[string]questions.Value{}}
	for _, q := range b.Questions {
		_, a.Values[q.ID] = workshoptest.Choice(&q)
	}
	r := assessment.Score(b, a, assessment.Options{Now: time.Now(), Tool: assessment.Tool{Name: "digilead", Version: "0.0.0-test"}})
	r.Respondent.ID = "workshop-0123456789ab"
	if _, err := store.WriteResult(dir, r.CompletedAt.UTC().Format("2006-01-02T150405Z")+"-"+workshop.TokenTag(token), r); err != nil {
		t.Fatal(err)
	}
	return r
}

// widestLine is the width of the widest line of output.
func widestLine(out string) int {
	w := 0
	for _, line := range strings.Split(out, "\n") {
		w = max(w, len([]rune(strings.TrimRight(line, "\r"))))
	}
	return w
}

// A window-change of 2,147,483,647 columns once took the server down: the
// report viewer padded every line to that width. Sizes are clamped where
// they come in, for the report viewer as for the form.
func TestHugeWindowSizesAreClamped(t *testing.T) {
	t.Parallel() // a server of its own on its own port
	s := start(t, nil)
	token := workshop.NewToken()
	seedResult(t, s.dir, token, "")
	p := join(t, s, token, workshoptest.Options{})
	_, err := p.WaitFor("q or Ctrl-C to close", wait)
	must(t, err)
	must(t, p.Session.WindowChange(40, 100000))
	seen, err := p.WaitFor("q or Ctrl-C to close", wait)
	must(t, err)
	// (A line of the frame may run on into the next once the cursor
	// movements between them are taken out: hence twice the clamp.)
	if w := widestLine(seen); w > 2000 {
		t.Fatalf("after a window-change to 100,000 columns the report is drawn %d columns wide", w)
	}
	for _, size := range [][2]int{{2147483647, 2147483647}, {-1, -1}, {0, 0}} {
		must(t, p.Session.WindowChange(size[0], size[1]))
	}
	seen, err = p.WaitFor("q or Ctrl-C to close", wait)
	must(t, err)
	must(t, p.Press("q"))
	_, err = p.WaitFor("fetch", wait)
	must(t, err)
	must(t, p.WaitEnd(wait))

	// The same sizes asked with the terminal, by a newcomer and by the
	// finished participant.
	for _, user := range []string{"wide", token} {
		q := join(t, s, user, workshoptest.Options{Width: 2147483647, Height: 2147483647})
		seen, err = q.WaitFor(map[string]string{"wide": "┃ Your name", token: "q or Ctrl-C to close"}[user], wait)
		must(t, err)
		if w := widestLine(seen); w > 2000 {
			t.Errorf("%s: a terminal of 2,147,483,647 columns is drawn %d wide", user, w)
		}
		q.Close()
	}
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	if m.HeapAlloc > 512<<20 {
		t.Errorf("the heap holds %d MiB after the window changes", m.HeapAlloc>>20)
	}
}

// One connection opening many sessions once took every seat. A
// connection gets MaxSessions channels and one questionnaire; seats are
// people.
func TestOneConnectionTakesOneSeat(t *testing.T) {
	t.Parallel() // a server of its own on its own port
	s := start(t, func(c *workshop.Config) { c.MaxParticipants = 2 })
	c, err := gossh.Dial("tcp", s.addr, workshoptest.Config("greedy", code))
	must(t, err)
	defer c.Close()
	first, err := workshoptest.Open(c, workshoptest.Options{})
	must(t, err)
	_, err = first.WaitFor("┃ Your name", wait)
	must(t, err)
	second, err := workshoptest.Open(c, workshoptest.Options{})
	must(t, err)
	out, err := second.WaitFor("one person, one connection", wait)
	if err != nil {
		t.Errorf("a second questionnaire on one connection: %v (%q)", err, out)
	}
	var opened int
	for range 60 {
		if sess, err := c.NewSession(); err == nil {
			opened++
			defer sess.Close()
		}
	}
	if opened > workshop.MaxSessions-1 {
		t.Errorf("%d more sessions opened on a connection with one open, want at most %d", opened, workshop.MaxSessions-1)
	}
	if st := s.Status(); st.Connected != 1 {
		t.Errorf("one connection counts as %d people", st.Connected)
	}
	p := join(t, s, "next", workshoptest.Options{})
	if _, err := p.WaitFor("┃ Your name", wait); err != nil {
		t.Errorf("the next person was turned away: %v\n%s", err, s.events.log())
	}
}

// Connections that never log in were once kept for the idle timeout (30
// minutes), without limit. They are bounded per address and in total,
// give way to one that logs in, and close at the login grace time.
func TestConnectionsThatNeverLogInAreBounded(t *testing.T) {
	e2e.Slow(t)
	s := start(t, func(c *workshop.Config) {
		c.LoginGraceTime = 2 * time.Second
		c.MaxStartups = workshop.Startups{Start: 5, Rate: 30, Full: 10}
		c.MaxStartupsPerAddress = 4
	})
	var idle []net.Conn
	for range 30 {
		c, err := net.Dial("tcp", s.addr)
		must(t, err)
		defer c.Close()
		idle = append(idle, c)
	}
	if open := workshoptest.StillOpen(idle); len(open) > 4 {
		t.Errorf("%d of 30 connections that never log in are kept open, want at most 4 (per address)", len(open))
	}
	// A participant from the same address gets in.
	p := join(t, s, "real", workshoptest.Options{})
	_, err := p.WaitFor("┃ Your name", wait)
	must(t, err)
	// At the grace time the rest are closed; the participant goes on.
	time.Sleep(2500 * time.Millisecond)
	if open := workshoptest.StillOpen(idle); len(open) > 0 {
		t.Errorf("connections %v are still open after the login grace time", open)
	}
	if st := s.Status(); st.LoggingIn != 0 || st.Connected != 1 {
		t.Errorf("status: %d logging in, %d connected; want 0, 1", st.LoggingIn, st.Connected)
	}
	must(t, p.Press("Ann", workshoptest.Enter))
	_, err = p.WaitFor("┃ Which tier", wait)
	must(t, err)
	// The log tells the refusals without a line each.
	if n := strings.Count(s.events.log(), " refused "); n == 0 || n > 3 {
		t.Errorf("%d refusal lines for 30 connections, want 1 to 3:\n%s", n, s.events.log())
	}
}

// A result that could not be saved was once reported as finished, with
// fetch lines for a file that did not exist and the server's paths. Both
// sides are now told the truth, the draft stays and saving is retried.
func TestAResultNotSavedIsSaidAndRetried(t *testing.T) {
	t.Parallel() // a server of its own on its own port
	var full atomic.Bool
	full.Store(true)
	s := startWith(t, func(c *workshop.Config) { c.RetryEvery = 200 * time.Millisecond },
		func(s *workshop.Server) { workshop.FailResults(s, &full) })
	b := questions.Default()
	p := join(t, s, "sam", workshoptest.Options{})
	token, err := p.Welcome("Sam", wait)
	must(t, err)
	for i := 1; i <= len(workshoptest.Pages(b)); i++ {
		must(t, p.AnswerPage(b, i, nil, wait))
	}
	seen, err := p.WaitFor("could not be saved", wait)
	must(t, err)
	must(t, p.Press("q"))
	rest, err := p.WaitFor("ssh -p", wait) // the resume line, after the report
	must(t, err)
	seen += rest
	_ = p.WaitEnd(wait)
	seen += p.Take()
	for _, never := range []string{"fetch", s.dir, ".drafts", "XDG_DATA_HOME", "no space left"} {
		if strings.Contains(seen, never) {
			t.Errorf("the participant was shown %q:\n%s", never, seen)
		}
	}
	log := s.events.log()
	if !strings.Contains(log, "not saved participant=1") || !strings.Contains(log, "token="+token) || !strings.Contains(log, "no space left") {
		t.Errorf("the trainer's log does not say whose result was not saved, and why:\n%s", log)
	}
	if strings.Contains(log, " finished ") {
		t.Errorf("the log says finished for a result not saved:\n%s", log)
	}
	if st := s.Status(); st.Finished != 0 || st.NotSaved != 1 || st.Dropped != 0 {
		t.Errorf("status: %d finished, %d not saved, %d dropped; want 0, 1, 0", st.Finished, st.NotSaved, st.Dropped)
	}
	draft := filepath.Join(s.dir, ".drafts", token+".json")
	if _, err := os.Stat(draft); err != nil {
		t.Errorf("the draft was not kept: %v", err)
	}

	// Coming back before it is saved: the report, and still the truth.
	q := join(t, s, token, workshoptest.Options{})
	_, err = q.WaitFor("could not be saved", wait)
	must(t, err)
	q.Close()

	full.Store(false) // the trainer frees some space
	deadline := time.Now().Add(wait)
	for s.Status().Finished != 1 && time.Now().Before(deadline) {
		time.Sleep(50 * time.Millisecond)
	}
	if st := s.Status(); st.Finished != 1 || st.NotSaved != 0 {
		t.Fatalf("after the folder was fixed: %d finished, %d not saved:\n%s", st.Finished, st.NotSaved, s.events.log())
	}
	if !strings.Contains(s.events.log(), "(saved on retry)") {
		t.Errorf("the log does not say the result was saved on retry:\n%s", s.events.log())
	}
	if _, err := os.Stat(draft); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("the draft is still there once the result is saved: %v", err)
	}
	if rs := results(t, s.dir); len(rs) != 1 || rs["Sam"] == nil {
		t.Errorf("results: %v, want Sam's", rs)
	}
	q = join(t, s, token, workshoptest.Options{})
	_, err = q.WaitFor("q or Ctrl-C to close", wait)
	must(t, err)
	must(t, q.Press("q"))
	_, err = q.WaitFor("To take your own copy", wait)
	must(t, err)
}

// plug is a TCP proxy whose plug can be pulled: from then on nothing
// passes either way and neither side is told, as when a laptop's Wi-Fi
// drops.
type plug struct {
	addr   string
	pulled atomic.Bool
}

func newPlug(t *testing.T, target string) *plug {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	must(t, err)
	t.Cleanup(func() { l.Close() })
	p := &plug{addr: l.Addr().String()}
	go func() {
		for {
			in, err := l.Accept()
			if err != nil {
				return
			}
			out, err := net.Dial("tcp", target)
			if err != nil {
				in.Close()
				continue
			}
			t.Cleanup(func() { in.Close(); out.Close() })
			go p.pass(in, out)
			go p.pass(out, in)
		}
	}()
	return p
}

// pass copies from r to w until the plug is pulled, then reads on and
// drops what it reads (the sender's window never fills, as with a
// vanished peer's buffers).
func (p *plug) pass(r io.Reader, w io.Writer) {
	buf := make([]byte, 32<<10)
	for {
		n, err := r.Read(buf)
		if n > 0 && !p.pulled.Load() {
			w.Write(buf[:n])
		}
		if err != nil {
			return
		}
	}
}

// A participant whose Wi-Fi dropped was once refused when they came back
// ("still open in another connection") for up to the idle timeout. The
// token takes over: the old session ends for real, and the answers go on.
func TestReconnectTakesOverALostConnection(t *testing.T) {
	t.Parallel() // a server of its own on its own port
	s := start(t, nil)
	b := questions.Default()
	wifi := newPlug(t, s.addr)
	_, token, want := onPageTwo(t, wifi.addr)
	wifi.pulled.Store(true)

	back := join(t, s, token, workshoptest.Options{})
	if err := back.AnswerPage(b, 2, want, wait); err != nil {
		t.Fatalf("coming back with the token: %v\n%s", err, s.events.log())
	}
	if st := s.Status(); st.Connected != 1 {
		t.Errorf("%d connected after the takeover, want 1 (the old session ended)", st.Connected)
	}
	finish(t, back, b, 3, want)
	if rs := results(t, s.dir); len(rs) != 1 || rs["Sam"] == nil {
		t.Fatalf("results: %v", rs)
	}
	if st := s.Status(); st.Finished != 1 || st.Dropped != 0 {
		t.Errorf("status: %d finished, %d dropped; want 1, 0", st.Finished, st.Dropped)
	}
}

// onPageTwo is Sam, connected to addr, on page 2 after answering page 1
// (want).
func onPageTwo(t *testing.T, addr string) (*workshoptest.Participant, string, map[string]questions.Value) {
	t.Helper()
	p, err := workshoptest.Join(addr, "sam", code, workshoptest.Options{})
	must(t, err)
	t.Cleanup(p.Close)
	token, err := p.Welcome("Sam", wait)
	must(t, err)
	want := map[string]questions.Value{}
	must(t, p.AnswerPage(questions.Default(), 1, want, wait))
	_, err = p.WaitFor("Page 2 of", wait)
	must(t, err)
	return p, token, want
}

// Two reconnects with one token at once: one person, one questionnaire.
// The later takes over and the earlier is closed, saying why; never do
// both go on.
func TestTwoReconnectsWithOneTokenNeverBothGetIn(t *testing.T) {
	t.Parallel() // a server of its own on its own port
	s := start(t, nil)
	b := questions.Default()
	p, token, want := onPageTwo(t, s.addr)

	var both [2]*workshoptest.Participant
	var wg sync.WaitGroup
	for i := range both {
		wg.Add(1)
		go func() {
			defer wg.Done()
			q, err := workshoptest.Join(s.addr, token, code, workshoptest.Options{})
			if err != nil {
				t.Error(err)
				return
			}
			t.Cleanup(q.Close)
			both[i] = q
		}()
	}
	wg.Wait()
	if t.Failed() {
		return
	}
	// The first connection and one of the two are closed, saying why.
	closed := make(chan int, 3)
	for i, q := range append([]*workshoptest.Participant{p}, both[:]...) {
		go func() {
			if _, err := q.WaitFor("opened again from another connection", wait); err == nil {
				closed <- i
			} else {
				closed <- -1
			}
		}()
	}
	var went []int
	for len(went) < 2 {
		i := <-closed
		if i < 0 {
			break
		}
		went = append(went, i)
	}
	if len(went) != 2 || !slices.Contains(went, 0) {
		t.Fatalf("closed as replaced: %v of [first, second, third]; want the first and one other\n%s", went, s.events.log())
	}
	stay := both[0]
	if slices.Contains(went, 1) {
		stay = both[1]
	}
	if st := s.Status(); st.Connected != 1 {
		t.Errorf("%d connected, want 1", st.Connected)
	}
	finish(t, stay, b, 2, want)
	if rs := results(t, s.dir); len(rs) != 1 {
		t.Errorf("%d results for one person", len(rs))
	}
}

// A host key other users can read was once used without a word. It is
// refused, with how to fix it; the key digilead made has its mode set
// back to 0600.
func TestHostKeyReadableByOthers(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("no Unix modes")
	}
	dir := t.TempDir()
	own := filepath.Join(dir, workshop.HostKeyName)
	if _, note, err := workshop.HostKey(own); err != nil || !strings.Contains(note, "created") {
		t.Fatalf("a new key: %q, %v", note, err)
	}
	data, err := os.ReadFile(own)
	must(t, err)
	given := filepath.Join(dir, "my_host_key")
	for _, mode := range []os.FileMode{0o644, 0o640, 0o604, 0o606} {
		must(t, os.WriteFile(given, data, 0o600))
		must(t, os.Chmod(given, mode))
		_, _, err := workshop.HostKey(given)
		if err == nil || !errors.Is(err, errtext.ErrInvalid) || !strings.Contains(err.Error(), "chmod 600 "+given) {
			t.Errorf("--host-key of mode %04o: %v; want a refusal saying chmod 600", mode, err)
		}
		must(t, os.Chmod(own, mode))
		_, note, err := workshop.HostKey(own)
		fi, _ := os.Stat(own)
		if err != nil || !strings.Contains(note, "now 0600") || fi.Mode().Perm() != 0o600 {
			t.Errorf("digilead's own key of mode %04o: %q, %v, now %04o; want it set to 0600, saying so", mode, note, err, fi.Mode().Perm())
		}
	}
	must(t, os.Chmod(given, 0o600))
	if _, note, err := workshop.HostKey(given); err != nil || note != "" {
		t.Errorf("a key of mode 0600: %q, %v", note, err)
	}
}

// The resume line is on every page, and in the last words before the
// connection closes: stopped by the participant (never the server's
// paths), or the server stopping.
func TestResumeLineOnEveryPageAndAtTheEnd(t *testing.T) {
	t.Parallel() // a server of its own on its own port
	s := start(t, nil)
	b := questions.Default()
	p := join(t, s, "sam", workshoptest.Options{Record: true})
	token, err := p.Welcome("Sam", wait)
	must(t, err)
	for i := 1; i <= 3; i++ {
		must(t, p.AnswerPage(b, i, nil, wait))
	}
	_, err = p.WaitFor("Page 4 of", wait)
	must(t, err)
	// The form draws the footer under every page (questions/form
	// TestFooterOnEveryPage); the terminal gets it again only where it
	// changed, so the transcript has it once, under the welcome page.
	seen := p.Transcript()
	welcome := seen[:strings.Index(seen, "Page 1 of")]
	if !strings.Contains(welcome, "If you are disconnected, continue with: ssh -p ") || !strings.Contains(welcome, token+"@") {
		t.Errorf("no resume line under the page:\n%s", welcome)
	}
	must(t, p.Press(workshoptest.CtrlC))
	_ = p.WaitEnd(wait)
	last := p.Take()
	if !strings.Contains(last, "to continue, type: ssh -p") || !strings.Contains(last, token+"@") {
		t.Errorf("stopping: no resume line:\n%s", last)
	}
	if strings.Contains(last, s.dir) || strings.Contains(last, ".drafts") {
		t.Errorf("stopping: a server path was shown:\n%s", last)
	}

	q := join(t, s, token, workshoptest.Options{})
	_, err = q.WaitFor("Page 4 of", wait)
	must(t, err)
	s.Close()
	_ = q.WaitEnd(wait)
	if last := q.Take(); !strings.Contains(last, "server is stopping") || !strings.Contains(last, token+"@") {
		t.Errorf("the server stopping: no resume line:\n%s", last)
	}
}

// Only q or Ctrl-C close the report (Enter, pressed once more after the
// last question, shows how); an anonymous report is headed "Participant"
// in the participant's language, never with an internal id.
func TestTheReportClosesOnlyOnQAndNamesNoId(t *testing.T) {
	t.Parallel() // a server of its own on its own port
	set, err := questions.LoadSet(nil, nil)
	must(t, err)
	s := start(t, func(c *workshop.Config) { c.Bank, c.Set = nil, set })
	for _, tt := range []struct{ lang, heading string }{{"en_GB.UTF-8", "Participant"}, {"cy_GB.UTF-8", "Cyfranogwr"}, {"fr_FR.UTF-8", "Participant"}} {
		token := workshop.NewToken()
		r := seedResult(t, s.dir, token, "")
		p := join(t, s, token, workshoptest.Options{Env: map[string]string{"LANG": tt.lang}})
		seen, err := p.WaitFor("Ctrl-C", wait)
		must(t, err)
		if !strings.Contains(seen, tt.heading) || strings.Contains(seen, r.Respondent.ID) {
			t.Errorf("%s: the report is not headed %q, or shows the id %s:\n%s", tt.lang, tt.heading, r.Respondent.ID, seen)
		}
		must(t, p.Press(workshoptest.Enter))
		if _, err := p.WaitFor("Ctrl-C).", wait); err != nil {
			t.Errorf("%s: Enter does not say how to close the report: %v", tt.lang, err)
		}
		must(t, p.Press("q"))
		must(t, p.WaitEnd(wait))
	}
	// A fetched copy is headed the same; the saved result is untouched.
	token := workshop.NewToken()
	r := seedResult(t, s.dir, token, "")
	if out, code := run(t, s, "x", "fetch --format markdown "+token); code != 0 || !strings.Contains(out, "Participant") || strings.Contains(out, r.Respondent.ID) {
		t.Errorf("fetch --format markdown: exit %d:\n%.400s", code, out)
	}
	if out, _ := run(t, s, "x", "fetch "+token); !strings.Contains(out, r.Respondent.ID) || strings.Contains(out, "Participant") {
		t.Errorf("the fetched JSON is not the saved result:\n%.400s", out)
	}
}

// Keys typed ahead over SSH land on their own questions: each page's
// keys come at once, as keys that queued up while a busy server was slow
// to read them do (what TestDroppedConnectionResumesWithItsAnswers hit
// under -race).
func TestKeysTypedAheadOverSSHLandOnTheirQuestions(t *testing.T) {
	t.Parallel() // a server of its own on its own port
	s := start(t, nil)
	b := questions.Default()
	p := join(t, s, "sam", workshoptest.Options{Record: true})
	_, err := p.Welcome("Sam", wait)
	must(t, err)
	want := map[string]questions.Value{}
	for _, page := range workshoptest.Pages(b) {
		_, err := p.WaitFor("┃ "+workshoptest.Focus(page, page[0]), wait)
		if err != nil {
			tr := p.Transcript()
			t.Fatalf("%v\nthe screen ends:\n%s\n%s", err, tr[max(0, len(tr)-6000):], s.events.log())
		}
		var keys []string
		for _, q := range page {
			k, v := workshoptest.Choice(q)
			keys = append(keys, k...)
			want[q.ID] = v
		}
		must(t, p.Press(keys...))
	}
	_, err = p.WaitFor("Your report", wait)
	must(t, err)
	must(t, p.Press("q"))
	must(t, p.WaitEnd(wait))
	questionstest.SameValues(t, results(t, s.dir)["Sam"].Answers, want)
}
