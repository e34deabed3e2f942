package workshop

import (
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/ssh"
	"github.com/charmbracelet/wish"
	"github.com/muesli/termenv"

	"github.com/digilead/digilead/assessment"
	"github.com/digilead/digilead/assessment/session"
	"github.com/digilead/digilead/assessment/store"
	"github.com/digilead/digilead/questions/lang"
	"github.com/digilead/digilead/questions/safetext"
)

// safe shows control characters of outside text as escapes.
func safe(s string) string { return safetext.Terminal(s) }

// middleware is the one session handler: the questionnaire, accessible
// or not, fetching a result, or a refusal.
func (s *Server) middleware(ssh.Handler) ssh.Handler {
	return func(sess ssh.Session) {
		s.handlers.Add(1)
		defer s.handlers.Done()
		defer func() {
			if v := recover(); v != nil {
				s.refusal(sess.RemoteAddr(), sess.User(), fmt.Sprintf("internal error: %v", v))
				fmt.Fprintln(sess.Stderr(), "digilead: something went wrong on the server; your answers so far are kept. Please tell the trainer.")
				sess.Exit(1)
			}
		}()
		args := sess.Command()
		switch {
		case len(args) == 0:
			s.participate(sess, false)
		case len(args) == 1 && args[0] == "accessible":
			s.participate(sess, true)
		case args[0] == "fetch":
			s.fetch(sess, args[1:])
		default:
			s.refuse(sess, "command "+strconv.Quote(sess.RawCommand()), 1,
				"digilead: this server runs the workshop questionnaire only; there is no shell and no command %q.\nConnect with: %s\n", safe(args[0]), s.joinLine(sess))
		}
	}
}

// refuse tells the participant why in one message, logs it and ends the
// session with code.
func (s *Server) refuse(sess ssh.Session, why string, code int, format string, args ...any) {
	s.refusal(sess.RemoteAddr(), sess.User(), why)
	fmt.Fprintf(sess.Stderr(), format, args...)
	sess.Exit(code)
}

// hostPort is what the participant typed to reach the server.
func (s *Server) hostPort(sess ssh.Session) (string, int) {
	h, port := s.cfg.Host, 0
	if a, ok := sess.LocalAddr().(interface{ String() string }); ok {
		if hh, p, err := splitHostPort(a.String()); err == nil {
			if h == "" {
				h = hh
			}
			port = p
		}
	}
	return h, port
}

func splitHostPort(s string) (string, int, error) {
	i := strings.LastIndexByte(s, ':')
	if i < 0 {
		return "", 0, errors.New("no port")
	}
	p, err := strconv.Atoi(s[i+1:])
	return strings.Trim(s[:i], "[]"), p, err
}

// joinLine is the command that joins the workshop.
func (s *Server) joinLine(sess ssh.Session) string {
	h, p := s.hostPort(sess)
	return fmt.Sprintf("ssh -p %d %s", p, h)
}

// resumeLine is the command that resumes a participant's questionnaire.
func (s *Server) resumeLine(sess ssh.Session, token string) string {
	h, p := s.hostPort(sess)
	return fmt.Sprintf("ssh -p %d %s@%s", p, token, h)
}

// fetchLine is the command that fetches a participant's result.
func (s *Server) fetchLine(sess ssh.Session, token, rest string) string {
	return s.joinLine(sess) + " fetch " + token + rest
}

// participate runs one participant's questionnaire, or shows a finished
// participant's report again.
func (s *Server) participate(sess ssh.Session, accessible bool) {
	pty, winch, ok := sess.Pty()
	if !ok {
		s.refuse(sess, "no terminal", 1, "digilead: the questionnaire needs a terminal; connect with: ssh -t %s\n", strings.TrimPrefix(s.joinLine(sess), "ssh "))
		return
	}
	user := sess.User()
	token := user
	st := s.store(token)
	returning := IsToken(user) && (st.hasDraft() || st.result() != "")
	if !returning {
		token = NewToken()
		st = s.store(token)
	}
	p, ok := s.enter(sess, token, returning)
	if !ok {
		return
	}
	defer s.leave(p)
	st.drafted = func(d *store.Draft) { s.pageDone(p, d) }
	detail := "new"
	switch {
	case st.result() != "":
		detail = "back to their report"
	case returning:
		detail = "resuming"
	}
	s.emit(Event{Kind: Connected, Participant: p.n, Addr: host(sess.RemoteAddr()), User: shownUser(user), Pages: s.pages, Detail: detail})

	keys := newPump(sess)
	defer keys.close()
	z := &sizes{}
	go z.watch(winch)
	go s.watchIdle(sess, keys, p)
	dark := true
	if pty.Term != "dumb" && !accessible {
		if d, ok := queryBackground(sess, keys, s.cfg.QueryTimeout); ok {
			dark = d
		}
	}
	getenv := environ(sess.Environ())
	langs, _ := session.Languages(s.cfg.Set, lang.Requested("", getenv))
	p.lang = langs[0].Lang
	profile := colorProfile(pty.Term, getenv)
	if accessible {
		profile = termenv.Ascii // a screen reader reads escape codes aloud
	}
	t := tty{sess: sess, keys: keys, sizes: z, renderer: sessionRenderer(sess, profile, dark), accessible: accessible || pty.Term == "dumb"}

	if r, _, err := st.loadResult(); err == nil {
		p.finished = true
		s.showReport(t, r, token, p.lang)
		sess.Exit(0)
		return
	}
	in := keys.reader()
	var formIn io.Reader = in
	if t.accessible {
		formIn = &lineEditor{in: in, echo: sess}
	}
	var out io.Writer = sess
	if s.cfg.OnFrame != nil {
		out = &frameTimer{w: sess, keys: keys, report: s.cfg.OnFrame}
	}
	err := session.Run(sess.Context(), session.Terminal{
		In: formIn, Out: out, IsTerminal: true, Renderer: t.renderer, Term: pty.Term, Size: z.follow(), Shared: true,
	}, session.Options{
		Bank: s.cfg.Bank, Theme: s.cfg.Theme, Accessible: accessible, Resume: st.hasDraft(),
		Now: s.cfg.Now, Tool: s.cfg.Tool, Languages: langs,
		Notice:        func(l *lang.Lang) string { return l.T("workshop.notice", "Resume", s.resumeLine(sess, token)) },
		ResumeCommand: func(bool) string { return s.resumeLine(sess, token) },
	}, st, func(r *assessment.Result, savedTo string) error {
		in.Close()
		s.finish(p, savedTo)
		s.showReport(t, r, token, lang.Get(cmpOr(r.Language, p.lang.Tag())))
		return nil
	})
	switch {
	case err == nil:
		sess.Exit(0)
	case errors.Is(err, session.ErrInterrupted):
		p.why = cmpOr(p.why, "stopped by the participant")
		if sess.Context().Err() != nil {
			p.why = cmpOr(p.why, "connection closed")
		}
		fmt.Fprintf(sess.Stderr(), "%s\n", err)
		sess.Exit(130)
	default:
		p.why = cmpOr(p.why, "error: "+safe(err.Error()))
		fmt.Fprintf(sess.Stderr(), "digilead: %v\n", err)
		sess.Exit(1)
	}
}

func cmpOr(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

// store is a participant's store.
func (s *Server) store(token string) *participantStore {
	return &participantStore{dir: s.cfg.Dir, token: token,
		lock: func() (func(), error) { return func() {}, nil }, // enter keeps one connection per token
	}
}

// enter admits a participant: not past MaxParticipants, not a newcomer
// while draining. A token already connected (a dropped connection the
// server has not noticed yet) is closed first: one connection per token.
func (s *Server) enter(sess ssh.Session, token string, returning bool) (*live, bool) {
	s.mu.Lock()
	old := s.live[token]
	s.mu.Unlock()
	if old != nil {
		old.why = "replaced by a new connection"
		old.sess.Close()
		select {
		case <-old.done:
		case <-time.After(10 * time.Second):
			s.refuse(sess, "token still in use", 1, "digilead: your questionnaire is still open in another connection; close that one and try again.\n")
			return nil, false
		}
	}
	s.mu.Lock()
	var why, msg string
	switch {
	case s.draining && !returning:
		why, msg = "closing: no newcomers", "digilead: this workshop is closing and takes no new participants. Thank you!\n"
	case len(s.live) >= s.cfg.MaxParticipants:
		why = fmt.Sprintf("full (%d participants)", s.cfg.MaxParticipants)
		msg = fmt.Sprintf("digilead: sorry, this workshop is full (%d participants at once). Please try again in a few minutes.\n", s.cfg.MaxParticipants)
	}
	if why != "" {
		s.mu.Unlock()
		s.refuse(sess, why, 1, "%s", msg)
		return nil, false
	}
	s.seq++
	p := &live{n: s.seq, token: token, sess: sess, done: make(chan struct{})}
	s.live[token] = p
	s.mu.Unlock()
	return p, true
}

// leave ends a participant's session: dropped unless finished.
func (s *Server) leave(p *live) {
	s.mu.Lock()
	if s.live[p.token] == p {
		delete(s.live, p.token)
	}
	if !p.finished {
		s.dropped++
	}
	s.idleIfDone()
	s.mu.Unlock()
	if !p.finished {
		s.emit(Event{Kind: Dropped, Participant: p.n, Addr: host(p.sess.RemoteAddr()), Page: p.page, Pages: s.pages, Detail: cmpOr(p.why, "connection closed")})
	}
	close(p.done)
}

// pageDone records the page a participant goes to (a draft was kept).
func (s *Server) pageDone(p *live, d *store.Draft) {
	s.mu.Lock()
	same := p.page == d.Page // a draft is kept after every answer: one event per page
	p.page = d.Page
	s.mu.Unlock()
	if !same {
		s.emit(Event{Kind: PageDone, Participant: p.n, Page: d.Page, Pages: s.pages})
	}
}

// finish records a saved result.
func (s *Server) finish(p *live, path string) {
	s.mu.Lock()
	p.finished = true
	if path != "" {
		s.addResult(path)
		s.summarise()
	}
	s.mu.Unlock()
	s.emit(Event{Kind: Finished, Participant: p.n, Pages: s.pages})
}

// watchIdle ends a questionnaire nobody typed in for IdleTimeout, and any
// at MaxTime, saying so; the draft is kept.
func (s *Server) watchIdle(sess ssh.Session, keys *pump, p *live) {
	tick := time.NewTicker(max(min(s.cfg.IdleTimeout/4, 5*time.Second), 10*time.Millisecond))
	defer tick.Stop()
	limit := time.After(s.cfg.MaxTime)
	for {
		var msg string
		select {
		case <-sess.Context().Done():
			return
		case <-limit:
			p.why, msg = "time limit", p.lang.T("workshop.time_limit", "Limit", s.cfg.MaxTime.String())
		case <-tick.C:
			if keys.idle() < s.cfg.IdleTimeout {
				continue
			}
			p.why, msg = "idle", p.lang.T("workshop.idle", "Limit", s.cfg.IdleTimeout.String())
		}
		fmt.Fprintf(sess.Stderr(), "\r\n\n%s\r\n", p.lang.T("workshop.closed", "Why", msg, "Resume", s.resumeLine(sess, p.token)))
		sess.Close()
		return
	}
}

// notice is what the welcome page says in a workshop.

// tty is one participant's terminal.
type tty struct {
	sess       ssh.Session
	keys       *pump
	sizes      *sizes
	renderer   *lipgloss.Renderer
	accessible bool
}

// showReport shows a participant's report: scrollable in a redrawn
// terminal, as plain lines for a screen reader; then how to take a copy.
func (s *Server) showReport(t tty, r *assessment.Result, token string, l *lang.Lang) {
	copyLines := l.T("workshop.copy", "JSON", s.fetchLine(t.sess, token, " > my-result.json"), "HTML", s.fetchLine(t.sess, token, " --format html > my-report.html")) + "\n"
	if t.accessible {
		if err := s.cfg.Render(t.sess, r, "text", Look{Accessible: true, Language: l.Tag()}); err != nil {
			fmt.Fprintf(t.sess.Stderr(), "digilead: %v\n", err)
		}
		fmt.Fprint(t.sess, "\n"+copyLines)
		return
	}
	look := Look{Renderer: t.renderer, Language: l.Tag()}
	v := newViewer(func(width int) string {
		var b strings.Builder
		look.Width = width
		if err := s.cfg.Render(&b, r, "text", look); err != nil {
			return "digilead: " + err.Error()
		}
		return b.String() + "\n" + copyLines
	}, look.Renderer, l)
	in := t.keys.reader()
	defer in.Close()
	prog := tea.NewProgram(v, tea.WithInput(in), tea.WithOutput(t.sess), tea.WithAltScreen(),
		tea.WithoutSignalHandler(), tea.WithContext(t.sess.Context()))
	stop := make(chan struct{})
	go sendSizes(prog, t.sizes.follow(), stop)
	prog.Run()
	close(stop)
	wish.Println(t.sess, "\n"+copyLines)
}
