// Package workshoptest drives a workshop server as participants do, with
// golang.org/x/crypto/ssh clients over PTY sessions: it joins, reads the
// screen, presses keys and answers a bank page by page, for the tests and
// benchmarks of the server and of the command.
package workshoptest

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"time"

	gossh "golang.org/x/crypto/ssh"

	"github.com/digilead/digilead/questions"
)

// Key bytes as a terminal sends them.
const (
	Enter  = "\r"
	Down   = "\x1b[B"
	Up     = "\x1b[A"
	CtrlC  = "\x03"
	Toggle = "x"
)

// Config dials a client: password and keyboard-interactive with Code
// (both offered, as OpenSSH does).
func Config(user, code string) *gossh.ClientConfig {
	return &gossh.ClientConfig{
		User: user,
		Auth: []gossh.AuthMethod{
			gossh.Password(code),
			gossh.KeyboardInteractive(func(_, _ string, qs []string, _ []bool) ([]string, error) {
				answers := make([]string, len(qs))
				for i := range answers {
					answers[i] = code
				}
				return answers, nil
			}),
		},
		HostKeyCallback: gossh.InsecureIgnoreHostKey(), // loopback test servers
		Timeout:         20 * time.Second,
	}
}

// Participant is one SSH session with a terminal, as a participant's.
type Participant struct {
	Client  *gossh.Client
	Session *gossh.Session
	stdin   io.WriteCloser

	mu     sync.Mutex
	cond   *sync.Cond
	buf    []byte // output not yet waited past
	all    []byte // all the output, when recorded
	record bool
	ends   int // the output and the session that have ended (2: all)
	ended  bool
	sent   time.Time
	delays []time.Duration
	esc    escapes
	think  time.Duration
}

// escapes removes terminal escape sequences (CSI and OSC) from a stream
// of output, whatever chunks they come in, so screens can be matched as
// text.
type escapes struct{ state int }

const (
	text = iota
	escape
	csi
	osc
	oscEscape
)

func (e *escapes) strip(b []byte) []byte {
	out := make([]byte, 0, len(b))
	for _, c := range b {
		switch e.state {
		case text:
			if c == 0x1b {
				e.state = escape
			} else {
				out = append(out, c)
			}
		case escape:
			switch c {
			case '[':
				e.state = csi
			case ']':
				e.state = osc
			default:
				e.state = text
			}
		case csi:
			if c >= 0x40 && c <= 0x7e {
				e.state = text
			}
		case osc:
			if c == 0x07 {
				e.state = text
			} else if c == 0x1b {
				e.state = oscEscape
			}
		case oscEscape:
			e.state = text
		}
	}
	return out
}

// Options shape a session.
type Options struct {
	// Command is run instead of the shell ("accessible").
	Command string
	// Width and Height of the terminal; 100x40 when 0.
	Width, Height int
	// Term is the terminal type; "xterm-256color" when "".
	Term string
	// Silent leaves the background colour query unanswered, as some
	// terminals do.
	Silent bool
	// Think is how long, on average, the participant reads before each
	// answer (uniformly 0 to twice as long); 0 answers at once.
	Think time.Duration
	// Env is sent as the client's environment (as OpenSSH's SendEnv).
	Env map[string]string
	// Record keeps all the output for Transcript.
	Record bool
}

// Join connects to addr as user with the workshop code and opens a
// terminal session.
func Join(addr, user, code string, o Options) (*Participant, error) {
	c, err := gossh.Dial("tcp", addr, Config(user, code))
	if err != nil {
		return nil, err
	}
	p, err := Open(c, o)
	if err != nil {
		c.Close()
		return nil, err
	}
	return p, nil
}

// Open starts a terminal session on a connected client.
func Open(c *gossh.Client, o Options) (*Participant, error) {
	s, err := c.NewSession()
	if err != nil {
		return nil, err
	}
	p := &Participant{Client: c, Session: s, think: o.Think, record: o.Record}
	p.cond = sync.NewCond(&p.mu)
	if p.stdin, err = s.StdinPipe(); err != nil {
		return nil, err
	}
	out, err := s.StdoutPipe()
	if err != nil {
		return nil, err
	}
	s.Stderr = writerFunc(p.received)
	for k, v := range o.Env {
		s.Setenv(k, v) // refused variables are not an error, as for OpenSSH
	}
	w, h, term := o.Width, o.Height, o.Term
	if w == 0 {
		w, h = 100, 40
	}
	if term == "" {
		term = "xterm-256color"
	}
	if err := s.RequestPty(term, h, w, gossh.TerminalModes{gossh.ECHO: 0}); err != nil {
		return nil, err
	}
	go p.read(out, o.Silent)
	if o.Command != "" {
		err = s.Start(o.Command)
	} else {
		err = s.Shell()
	}
	if err != nil {
		return nil, err
	}
	go func() { s.Wait(); p.end() }()
	return p, nil
}

type writerFunc func([]byte)

func (f writerFunc) Write(b []byte) (int, error) { f(b); return len(b), nil }

// read collects the output; it answers the background colour query as a
// dark terminal would, unless silent.
func (p *Participant) read(out io.Reader, silent bool) {
	buf := make([]byte, 32<<10)
	for {
		n, err := out.Read(buf)
		if n > 0 {
			if !silent && bytes.Contains(buf[:n], []byte("\x1b]11;?")) {
				io.WriteString(p.stdin, "\x1b]11;rgb:1e1e/1e1e/2e2e\x07\x1b[?62;22c")
			}
			p.received(buf[:n])
		}
		if err != nil {
			p.end()
			return
		}
	}
}

// end counts the end of the output or of the session (whose stderr may
// come after the output's end); with both, the session is over.
func (p *Participant) end() {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.ends++
	p.ended = p.ends == 2
	p.cond.Broadcast()
}

func (p *Participant) received(b []byte) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if !p.sent.IsZero() {
		p.delays = append(p.delays, time.Since(p.sent))
		p.sent = time.Time{}
	}
	text := p.esc.strip(b)
	p.buf = append(p.buf, text...)
	if p.record {
		p.all = append(p.all, text...)
	}
	p.cond.Broadcast()
}

// ErrEnded is returned when the session ended before the text came.
var ErrEnded = errors.New("the session ended")

// WaitFor waits until text appears in the output after what was already
// waited past, and returns the output up to its end.
func (p *Participant) WaitFor(text string, timeout time.Duration) (string, error) {
	deadline := time.Now().Add(timeout)
	timer := time.AfterFunc(timeout, func() { p.mu.Lock(); p.cond.Broadcast(); p.mu.Unlock() })
	defer timer.Stop()
	p.mu.Lock()
	defer p.mu.Unlock()
	for {
		if i := bytes.Index(p.buf, []byte(text)); i >= 0 {
			seen := string(p.buf[:i+len(text)])
			p.buf = p.buf[i+len(text):]
			return seen, nil
		}
		if p.ended {
			return "", fmt.Errorf("waiting for %q: %w; output ends %q", text, ErrEnded, tail(p.buf))
		}
		if time.Now().After(deadline) {
			return "", fmt.Errorf("timed out after %v waiting for %q; output ends %q", timeout, text, tail(p.buf))
		}
		p.cond.Wait()
	}
}

// WaitEnd waits until the session's output ends.
func (p *Participant) WaitEnd(timeout time.Duration) error {
	_, err := p.WaitFor("\x00never\x00", timeout)
	if errors.Is(err, ErrEnded) {
		return nil
	}
	return err
}

func tail(b []byte) string {
	if len(b) > 600 {
		b = b[len(b)-600:]
	}
	return string(b)
}

// Transcript is all the output so far, without escape sequences
// (Options.Record).
func (p *Participant) Transcript() string {
	p.mu.Lock()
	defer p.mu.Unlock()
	return string(p.all)
}

// Take returns the output received and not yet waited past, and waits
// past it.
func (p *Participant) Take() string {
	p.mu.Lock()
	defer p.mu.Unlock()
	s := string(p.buf)
	p.buf = p.buf[:0]
	return s
}

// Press types keys; the time until the next output is measured (Delays).
func (p *Participant) Press(keys ...string) error {
	p.mu.Lock()
	p.sent = time.Now()
	p.mu.Unlock()
	_, err := io.WriteString(p.stdin, strings.Join(keys, ""))
	return err
}

// Delays are the times from each key press to the output that followed.
func (p *Participant) Delays() []time.Duration {
	p.mu.Lock()
	defer p.mu.Unlock()
	return append([]time.Duration(nil), p.delays...)
}

// Close ends the connection (as a dropped laptop would).
func (p *Participant) Close() { p.Client.Close() }

var resumeLine = regexp.MustCompile(`ssh -p (\d+) ([a-z0-9-]+)@`)

// Welcome waits for the welcome page, reads the participant's token
// from the resume line, keeps the language offered first (when the bank
// has several), gives a name and keeps "rather not say".
func (p *Participant) Welcome(name string, timeout time.Duration) (token string, err error) {
	seen, err := p.WaitFor("Your name", timeout)
	if err != nil {
		return "", err
	}
	if strings.Contains(seen, "┃ Language") {
		if err := p.Press(Enter); err != nil {
			return "", err
		}
		more, err := p.WaitFor("┃ Your name", timeout)
		if err != nil {
			return "", err
		}
		seen += more
	} else if !strings.Contains(seen, "┃ Your name") {
		more, err := p.WaitFor("┃ Your name", timeout)
		if err != nil {
			return "", err
		}
		seen += more
	}
	m := resumeLine.FindStringSubmatch(seen)
	if m == nil {
		return "", fmt.Errorf("no resume line on the welcome page: %q", seen)
	}
	if err := p.Press(name, Enter); err != nil {
		return "", err
	}
	if _, err := p.WaitFor("┃ Which tier", timeout); err != nil {
		return "", err
	}
	return m[2], p.Press(Enter)
}

// Pages are a bank's question pages, in order: the questions of each
// dimension that has some, as the questionnaire asks them.
func Pages(b *questions.Bank) [][]*questions.Question {
	var pages [][]*questions.Question
	for _, d := range b.Dimensions {
		if qs := b.QuestionsOf(d.ID); len(qs) > 0 {
			pages = append(pages, qs)
		}
	}
	return pages
}

// Choice is how a participant answers a question: its second option (or,
// for a multi question, the first ticked), the keys and the answer. An
// unanswered question has no cursor until the first ↓, which puts it on
// the first option.
func Choice(q *questions.Question) ([]string, questions.Value) {
	switch q.Type {
	case questions.Multi:
		return []string{Toggle, Enter}, questions.OptionsValue(q.Options[0].ID)
	case questions.Likert:
		return []string{Down, Down, Enter}, questions.IntValue(q.Scale.Min + 1)
	case questions.YesNo:
		return []string{Down, Down, Enter}, questions.BoolValue(false)
	}
	return []string{Down, Down, Enter}, questions.OptionValue(q.Options[1].ID)
}

// AnswerPage answers page i (from 1) of b with Choice, waiting for each
// question to have the focus, and records the answers in want.
func (p *Participant) AnswerPage(b *questions.Bank, i int, want map[string]questions.Value, timeout time.Duration) error {
	pages := Pages(b)
	if _, err := p.WaitFor(fmt.Sprintf("Page %d of %d", i, len(pages)), timeout); err != nil {
		return err
	}
	for _, q := range pages[i-1] {
		if _, err := p.WaitFor("┃ "+Focus(pages[i-1], q), timeout); err != nil {
			return err
		}
		keys, v := Choice(q)
		if p.think > 0 {
			time.Sleep(rand.N(2 * p.think))
		}
		if err := p.Press(keys...); err != nil {
			return err
		}
		if want != nil {
			want[q.ID] = v
		}
	}
	return nil
}

// Focus is the text that shows q has the focus on its page: "┃ " and
// the first words of its text, as many as tell it from every other
// question of the page (at least four). Questions that begin alike ("In
// the last 12 months, …") would otherwise each match the other's frames,
// and keys meant for one would be typed while another has the focus.
func Focus(page []*questions.Question, q *questions.Question) string {
	words := strings.Fields(q.Text)
	for n := 4; n < len(words); n++ {
		prefix := strings.Join(words[:n], " ")
		alike := false
		for _, o := range page {
			if o != q && strings.Contains(o.Text, prefix) {
				alike = true
			}
		}
		if !alike {
			return prefix
		}
	}
	return q.Text
}

// StillOpen are the indexes of the raw connections the server keeps
// open: it may have sent its version, and has not closed them within a
// moment.
func StillOpen(conns []net.Conn) []int {
	var mu sync.Mutex
	var open []int
	var wg sync.WaitGroup
	for i, c := range conns {
		wg.Add(1)
		go func() {
			defer wg.Done()
			c.SetReadDeadline(time.Now().Add(300 * time.Millisecond))
			_, err := io.Copy(io.Discard, c)
			if ne := net.Error(nil); errors.As(err, &ne) && ne.Timeout() {
				mu.Lock()
				open = append(open, i)
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	return open
}

// Observe answers a feedback round (a server given a round) as an
// observer whose session has just begun: picks the role-th role offered
// (from 1), begins, answers every page of b, the bank as observers answer
// it (questions.Bank.ForObservers), with Choice, recording the answers in
// want (when not nil), and waits for the thanks.
func (p *Participant) Observe(role int, b *questions.Bank, want map[string]questions.Value, timeout time.Duration) error {
	if _, err := p.WaitFor("Type its number", timeout); err != nil {
		return err
	}
	if err := p.Press(strconv.Itoa(role), Enter); err != nil {
		return err
	}
	if _, err := p.WaitFor("Begin", timeout); err != nil {
		return err
	}
	if err := p.Press(Enter); err != nil {
		return err
	}
	for i := 1; i <= len(Pages(b)); i++ {
		if err := p.AnswerPage(b, i, want, timeout); err != nil {
			return fmt.Errorf("page %d: %w", i, err)
		}
	}
	_, err := p.WaitFor("is saved", timeout)
	return err
}

// ObserveAll has observers join addr with code at once, one for each of
// roles (the role-th offered, from 1), and answer as Observe does; it
// returns the first error.
func ObserveAll(addr, code string, roles []int, b *questions.Bank, timeout time.Duration) error {
	errs := make(chan error, len(roles))
	for _, role := range roles {
		go func() {
			p, err := Join(addr, "observer", code, Options{})
			if err == nil {
				defer p.Close()
				err = p.Observe(role, b, nil, timeout)
			}
			errs <- err
		}()
	}
	var first error
	for range roles {
		if err := <-errs; err != nil && first == nil {
			first = err
		}
	}
	return first
}
