package workshop

import (
	"bytes"
	"io"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"
	"unicode/utf8"

	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/ssh"
	"github.com/muesli/termenv"

	"github.com/digilead/digilead/questions/form"
)

// pump reads a session's keys in one goroutine for the session's whole
// life, so that the programs shown one after the other (the questionnaire,
// the report) each get every key meant for them: a program that ends
// leaves no read behind that would swallow the next program's first key.
// It also knows when the participant last typed (the idle timeout must
// not count the screen's own redrawing).
type pump struct {
	ch      chan []byte
	done    chan struct{} // closed at the end of input
	quit    chan struct{} // closed when the session is over
	pending []byte        // read but not handed out (pushed back)
	mu      sync.Mutex
	last    atomic.Int64 // unix nanoseconds of the last key
}

func newPump(r io.Reader) *pump {
	p := &pump{ch: make(chan []byte, 16), done: make(chan struct{}), quit: make(chan struct{})}
	p.last.Store(time.Now().UnixNano())
	go func() {
		defer close(p.done)
		for {
			buf := make([]byte, 512)
			n, err := r.Read(buf)
			if n > 0 {
				p.last.Store(time.Now().UnixNano())
				select {
				case p.ch <- buf[:n]:
				case <-p.quit:
					return
				}
			}
			if err != nil {
				return
			}
		}
	}()
	return p
}

// close lets the reading goroutine go once the session is over.
func (p *pump) close() { close(p.quit) }

// idle is how long ago the participant last typed.
func (p *pump) idle() time.Duration { return time.Since(time.Unix(0, p.last.Load())) }

// next returns the next keys, waiting until stop is closed or input ends.
func (p *pump) next(stop <-chan struct{}, timeout <-chan time.Time) ([]byte, bool) {
	p.mu.Lock()
	if len(p.pending) > 0 {
		b := p.pending
		p.pending = nil
		p.mu.Unlock()
		return b, true
	}
	p.mu.Unlock()
	select {
	case b := <-p.ch:
		return b, true
	case <-stop:
	case <-timeout:
	case <-p.done:
		select { // keys read before the end
		case b := <-p.ch:
			return b, true
		default:
		}
	}
	return nil, false
}

// unread puts keys back to be read first.
func (p *pump) unread(b []byte) {
	if len(b) == 0 {
		return
	}
	p.mu.Lock()
	p.pending = append(append([]byte(nil), b...), p.pending...)
	p.mu.Unlock()
}

// reader is one program's view of the keys: closing it ends that
// program's reads at once, without taking a key.
func (p *pump) reader() *phase {
	return &phase{p: p, stop: make(chan struct{})}
}

// phase reads the pump until it is closed.
type phase struct {
	p      *pump
	stop   chan struct{}
	mu     sync.Mutex
	closed bool
	buf    []byte
}

func (r *phase) Read(b []byte) (int, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if len(r.buf) == 0 && !r.closed {
		r.mu.Unlock()
		keys, ok := r.p.next(r.stop, nil)
		r.mu.Lock()
		if !ok {
			return 0, io.EOF
		}
		if r.closed { // closed meanwhile: the keys are the next program's
			r.p.unread(keys)
			return 0, io.EOF
		}
		r.buf = keys
	}
	if r.closed {
		return 0, io.EOF
	}
	n := copy(b, r.buf)
	r.buf = r.buf[n:]
	return n, nil
}

// Close ends the phase; keys it read but did not hand out go back.
func (r *phase) Close() error {
	r.mu.Lock()
	defer r.mu.Unlock()
	if !r.closed {
		r.closed = true
		close(r.stop)
		r.p.unread(r.buf)
		r.buf = nil
	}
	return nil
}

// frameTimer tells, at the first write after each key, how long ago the
// key was read.
type frameTimer struct {
	w      io.Writer
	keys   *pump
	seen   int64
	report func(time.Duration)
}

func (f *frameTimer) Write(b []byte) (int, error) {
	if last := f.keys.last.Load(); last != f.seen {
		f.seen = last
		f.report(time.Since(time.Unix(0, last)))
	}
	return f.w.Write(b)
}

// sizes keeps a session's window size and hands its changes to the
// program currently shown.
type sizes struct {
	mu   sync.Mutex
	last form.Window
	out  chan form.Window
}

// watch follows the session's window changes until it ends.
func (z *sizes) watch(winch <-chan ssh.Window) {
	for w := range winch {
		cols, rows := clampWindow(uint32(max(0, w.Width)), uint32(max(0, w.Height))) // clamped at the door too
		z.mu.Lock()
		z.last = form.Window{Width: int(cols), Height: int(rows)}
		if z.out != nil {
			replace(z.out, z.last)
		}
		z.mu.Unlock()
	}
}

// follow returns a channel with the size now and every change after,
// for the next program; the previous program's channel gets no more.
func (z *sizes) follow() <-chan form.Window {
	z.mu.Lock()
	defer z.mu.Unlock()
	z.out = make(chan form.Window, 1)
	if z.last.Width > 0 {
		z.out <- z.last
	}
	return z.out
}

// replace puts w in a channel of one, replacing a size not yet taken.
func replace(ch chan form.Window, w form.Window) {
	select {
	case ch <- w:
	default:
		select {
		case <-ch:
		default:
		}
		ch <- w
	}
}

// colorProfile is what the participant's terminal can show, from what the
// SSH client sends: TERM (and COLORTERM or NO_COLOR where the client
// passes them on; OpenSSH sends only TERM by default).
func colorProfile(term string, getenv func(string) string) termenv.Profile {
	ct := strings.ToLower(getenv("COLORTERM"))
	switch {
	case getenv("NO_COLOR") != "", term == "", term == "dumb":
		return termenv.Ascii
	case ct == "truecolor" || ct == "24bit":
		return termenv.TrueColor
	case strings.Contains(term, "256color"):
		return termenv.ANSI256
	}
	for _, t := range []string{"direct", "truecolor", "24bit", "kitty", "wezterm", "alacritty", "ghostty", "foot", "contour"} {
		if strings.Contains(term, t) {
			return termenv.TrueColor
		}
	}
	return termenv.ANSI
}

// environ looks a variable up in a session's environment.
func environ(env []string) func(string) string {
	return func(k string) string {
		for _, kv := range env {
			if v, ok := strings.CutPrefix(kv, k+"="); ok {
				return v
			}
		}
		return ""
	}
}

// queryBackground asks the participant's terminal for its background
// colour (OSC 11), followed by a request every terminal answers (DA1), and
// reports whether it is dark; ok is false when the terminal did not say
// within timeout. Keys typed meanwhile are kept for the questionnaire.
func queryBackground(w io.Writer, p *pump, timeout time.Duration) (dark, ok bool) {
	if _, err := io.WriteString(w, "\x1b]11;?\x07\x1b[c"); err != nil {
		return true, false
	}
	deadline := time.After(timeout)
	var got []byte
	for {
		keys, more := p.next(nil, deadline)
		if !more {
			p.unread(got)
			return true, false
		}
		got = append(got, keys...)
		start := bytes.Index(got, []byte("\x1b[?"))
		if start < 0 {
			continue
		}
		end := bytes.IndexByte(got[start:], 'c')
		if end < 0 {
			continue
		}
		answer := got[:start+end+1]
		rest := got[start+end+1:]
		osc := bytes.Index(answer, []byte("\x1b]11;"))
		if osc >= 0 {
			p.unread(append(append([]byte(nil), answer[:osc]...), rest...))
			dark, ok = darkColor(string(answer[osc+5 : start]))
			return dark, ok
		}
		p.unread(append(append([]byte(nil), answer[:start]...), rest...))
		return true, false
	}
}

// darkColor reads an X11 colour ("rgb:RRRR/GGGG/BBBB", then BEL or ST)
// and reports whether it is dark (HSL lightness under a half).
func darkColor(s string) (dark, ok bool) {
	s = strings.TrimRight(s, "\x07\x1b\\")
	spec, found := strings.CutPrefix(s, "rgb:")
	parts := strings.Split(spec, "/")
	if !found || len(parts) != 3 {
		return true, false
	}
	var c [3]float64
	for i, h := range parts {
		v, err := strconv.ParseUint(h, 16, 16)
		if err != nil || len(h) == 0 || len(h) > 4 {
			return true, false
		}
		c[i] = float64(v) / float64(uint64(1)<<(4*len(h))-1)
	}
	return (max(c[0], c[1], c[2])+min(c[0], c[1], c[2]))/2 < 0.5, true
}

// sessionRenderer is the lipgloss renderer for one participant's
// terminal: its colour profile and background, nothing of the server's.
func sessionRenderer(w io.Writer, profile termenv.Profile, dark bool) *lipgloss.Renderer {
	r := lipgloss.NewRenderer(w)
	r.SetColorProfile(profile)
	r.SetHasDarkBackground(dark)
	return r
}

// lineEditor turns the keys of a raw terminal (an SSH client that asked
// for a terminal sends every key as typed, without echo) into lines, as a
// terminal's line discipline would: typed characters are echoed, Backspace
// erases, Enter ends the line, Ctrl-C and Ctrl-D (on an empty line) end the
// input. The accessible questionnaire reads its answers line by line.
type lineEditor struct {
	in   io.Reader
	echo io.Writer
	// line is the line being typed: at most maxLine bytes, more are
	// dropped, as a terminal's line discipline does (Linux keeps 4096).
	line []byte
	out  []byte
	eof  bool
	// oneLine stops the editing at the end of a line: the keys typed
	// after it are kept in rest, unechoed, for whatever reads next.
	oneLine bool
	rest    []byte
}

func (l *lineEditor) Read(b []byte) (int, error) {
	for len(l.out) == 0 {
		if l.eof {
			return 0, io.EOF
		}
		if len(l.rest) > 0 {
			keys := l.rest
			l.rest = nil
			l.edit(keys)
			continue
		}
		var key [64]byte
		n, err := l.in.Read(key[:])
		l.edit(key[:n])
		if err != nil && len(l.out) == 0 {
			return 0, err
		}
	}
	n := copy(b, l.out)
	l.out = l.out[n:]
	return n, nil
}

// edit applies keys to the line being typed.
func (l *lineEditor) edit(keys []byte) {
	for i := 0; i < len(keys) && !l.eof; i++ {
		switch c := keys[i]; {
		case c == '\r' || c == '\n':
			if c == '\n' && i > 0 && keys[i-1] == '\r' {
				continue
			}
			io.WriteString(l.echo, "\r\n")
			l.out = append(append(l.out, l.line...), '\n')
			l.line = l.line[:0]
			if l.oneLine {
				if c == '\r' && i+1 < len(keys) && keys[i+1] == '\n' {
					i++
				}
				l.rest = append([]byte(nil), keys[i+1:]...)
				return
			}
		case c == 0x7f || c == 0x08:
			if len(l.line) > 0 {
				_, size := utf8.DecodeLastRune(l.line)
				l.line = l.line[:len(l.line)-size]
				io.WriteString(l.echo, "\b \b")
			}
		case c == 0x03 || (c == 0x04 && len(l.line) == 0):
			io.WriteString(l.echo, "\r\n")
			l.eof = true
		case c == 0x1b:
			i += escapeLength(keys[i:]) - 1 // arrows and the like: not text
		case c >= 0x20 && len(l.line) < maxLine:
			l.line = append(l.line, c)
			l.echo.Write([]byte{c})
		}
	}
}

// readLine reads one line typed on the session's keys, echoed as typed
// (without its end); the keys typed after it are left for the next
// reader, such as the questionnaire that follows. ok is false when the
// participant stops (Ctrl-C, Ctrl-D) or the input ends.
func readLine(keys *pump, echo io.Writer) (line string, ok bool) {
	in := keys.reader()
	l := &lineEditor{in: in, echo: echo, oneLine: true}
	buf := make([]byte, maxLine+1)
	n, err := l.Read(buf)
	in.Close()
	keys.unread(l.rest)
	if err != nil {
		return "", false
	}
	return strings.TrimSuffix(string(buf[:n]), "\n"), true
}

// maxLine is the longest line the line editor keeps, in bytes.
const maxLine = 4096

// escapeLength is the length of the escape sequence at the start of b.
func escapeLength(b []byte) int {
	if len(b) < 2 || (b[1] != '[' && b[1] != 'O') {
		return 1
	}
	for i := 2; i < len(b); i++ {
		if b[i] >= 0x40 && b[i] <= 0x7e {
			return i + 1
		}
	}
	return len(b)
}
