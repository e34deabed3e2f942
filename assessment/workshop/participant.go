package workshop

import (
	"cmp"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"sync"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/ssh"
	"github.com/charmbracelet/wish"
	"github.com/muesli/termenv"
	gossh "golang.org/x/crypto/ssh"

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
		if c := connOf(sess.Context()); c != nil {
			defer c.run()()
		}
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
	if c := connOf(sess.Context()); c != nil {
		release, ok := c.claimSurvey()
		if !ok {
			s.refuse(sess, "a second questionnaire on one connection", 1, "digilead: this connection already has a questionnaire open; one person, one connection. Connect again with: %s\n", s.joinLine(sess))
			return
		}
		defer release()
	}
	user := sess.User()
	token := user
	st := s.store(token)
	returning := IsToken(user) && (st.hasDraft() || st.result() != "" || s.knows(user))
	if !returning {
		token = NewToken()
		st = s.store(token)
	}
	getenv := environ(sess.Environ())
	langs, _ := session.Languages(s.cfg.Set, lang.Requested("", getenv))
	p, tookOver, ok := s.enter(sess, token, returning, langs[0].Lang)
	if !ok {
		return
	}
	defer s.leave(p)
	// The participant's client sees the session end only once the room no
	// longer counts them: every Exit takes them off first.
	sess = leavingSession{Session: sess, leave: func() { s.leave(p) }}
	st.owner = p
	st.drafted = func(d *store.Draft) { s.pageDone(p, d) }

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
	profile := colorProfile(pty.Term, getenv)
	if accessible {
		profile = termenv.Ascii // a screen reader reads escape codes aloud
	}
	t := tty{sess: sess, keys: keys, sizes: z, renderer: sessionRenderer(sess, profile, dark), accessible: accessible || pty.Term == "dumb"}
	if s.cfg.Round != nil {
		s.observe(sess, t, p, st, langs, tookOver)
		return
	}

	// What the token has: a result, one waiting to be saved, or a draft.
	r, saved, resume := s.route(st)
	detail := "new"
	switch {
	case r != nil:
		detail = "back to their report"
	case resume:
		detail = "resuming"
	}
	if tookOver {
		detail += "; its earlier connection, still open, was closed"
	}
	s.emit(Event{Kind: Connected, Participant: p.n, Addr: host(sess.RemoteAddr()), User: shownUser(user), Pages: s.pages, Detail: detail})
	if r != nil {
		s.setFinished(p)
		s.showReport(t, r, token, p.lang, saved)
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
	resumeLine := s.resumeLine(sess, token)
	err := session.Run(sess.Context(), session.Terminal{
		In: formIn, Out: out, IsTerminal: true, Renderer: t.renderer, Term: pty.Term, Size: z.follow(), Shared: true,
	}, session.Options{
		Bank: s.cfg.Bank, Theme: s.cfg.Theme, Accessible: accessible, Resume: resume,
		Now: s.cfg.Now, Tool: s.cfg.Tool, Languages: langs,
		Notice:        func(l *lang.Lang) string { return l.T("workshop.notice", "Resume", resumeLine) },
		Footer:        func(l *lang.Lang) string { return l.T("workshop.footer", "Resume", resumeLine) },
		ResumeCommand: func(bool) string { return resumeLine },
	}, st, func(r *assessment.Result, savedTo string) error {
		in.Close()
		if savedTo == "" {
			s.keepUnsaved(p, st, r)
		} else {
			s.finish(p, savedTo)
		}
		s.showReport(t, r, token, lang.Get(cmp.Or(r.Language, p.lang.Tag())), savedTo != "")
		return nil
	})
	s.endSession(sess, p, err, resumeLine)
}

// endSession ends a participant's session as its questionnaire ended.
// Nothing of the session's own words reaches the participant: they name
// the server's files. The trainer's log has the error.
func (s *Server) endSession(sess ssh.Session, p *live, err error, resumeLine string) {
	var failed *storeError
	switch {
	case err == nil:
		sess.Exit(0)
	case errors.As(err, &failed) && failed.result:
		sess.Exit(1) // the report said it is not saved yet, and why
	case errors.As(err, &failed):
		s.ended(p, "draft not saved")
		say(sess.Stderr(), "\r\n%s\r\n", p.lang.T("workshop.draft_not_saved", "Resume", resumeLine))
		sess.Exit(1)
	case errors.Is(err, session.ErrInterrupted):
		if sess.Context().Err() != nil {
			s.ended(p, "connection closed")
		}
		s.ended(p, "stopped by the participant")
		say(sess.Stderr(), "\r\n%s\r\n", p.lang.T("workshop.stopped", "Resume", resumeLine))
		sess.Exit(130)
	default:
		s.ended(p, "error: "+safe(err.Error()))
		say(sess.Stderr(), "\r\n%s\r\n", p.lang.T("workshop.failed", "Resume", resumeLine))
		sess.Exit(1)
	}
}

// say writes a message to a participant.
func say(w io.Writer, format string, args ...any) { fmt.Fprintf(w, format, args...) }

// store is a participant's store.
func (s *Server) store(token string) *participantStore {
	return &participantStore{dir: s.cfg.Dir, token: token, s: s}
}

// knows reports whether a token is a participant's of this run.
func (s *Server) knows(token string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.people[token] != nil || s.unsaved[token] != nil
}

// tokenLock is the lock of a token's files: held to change who owns the
// token and for every write of its draft and result.
func (s *Server) tokenLock(token string) *sync.Mutex {
	s.mu.Lock()
	defer s.mu.Unlock()
	l := s.tokens[token]
	if l == nil {
		l = &sync.Mutex{}
		s.tokens[token] = l
	}
	return l
}

// route says what a token has, under its lock so that a result saved on
// retry meanwhile is not missed: its result (saved, or waiting to be
// saved), else whether it has a draft to resume.
func (s *Server) route(st *participantStore) (r *assessment.Result, saved, resume bool) {
	lock := s.tokenLock(st.token)
	lock.Lock()
	defer lock.Unlock()
	if r, _, err := st.loadResult(); err == nil {
		return r, true, false
	}
	s.mu.Lock()
	u := s.unsaved[st.token]
	s.mu.Unlock()
	if u != nil {
		return u.r, false, false
	}
	return nil, false, st.hasDraft()
}

// enter admits a participant: not past MaxParticipants, not a newcomer
// while draining. A token already connected (a dropped connection the
// server has not noticed yet, or the same person on another computer) is
// taken over: the new connection owns the token from now on, the old one
// is closed, and nothing it does any more reaches the files.
func (s *Server) enter(sess ssh.Session, token string, returning bool, l *lang.Lang) (p *live, tookOver, ok bool) {
	lock := s.tokenLock(token)
	lock.Lock()
	s.mu.Lock()
	old := s.live[token]
	var why, msg string
	switch {
	case old != nil: // the same person again: their seat
	case s.draining && !returning:
		why, msg = "closing: no newcomers", "digilead: this workshop is closing and takes no new participants. Thank you!\n"
	case len(s.live) >= s.cfg.MaxParticipants:
		why = fmt.Sprintf("full (%d participants)", s.cfg.MaxParticipants)
		msg = fmt.Sprintf("digilead: sorry, this workshop is full (%d participants at once). Please try again in a few minutes.\n", s.cfg.MaxParticipants)
	}
	if why != "" {
		s.mu.Unlock()
		lock.Unlock()
		s.refuse(sess, why, 1, "%s", msg)
		return nil, false, false
	}
	pe := s.people[token]
	if pe == nil {
		s.seq++
		pe = &person{n: s.seq}
		s.people[token] = pe
	}
	pe.dropped = false
	p = &live{n: pe.n, token: token, sess: sess, lang: l, done: make(chan struct{})}
	s.live[token] = p
	if old != nil {
		old.why = "replaced by a new connection"
	}
	s.mu.Unlock()
	lock.Unlock()
	if old != nil {
		s.replace(old)
	}
	return p, old != nil, true
}

// replace ends a questionnaire whose token another connection took over:
// it is told why (if anyone is still there), its connection is closed,
// and the new one goes on once it has ended (or after a few seconds: it
// can no longer write anyway).
func (s *Server) replace(old *live) {
	told := make(chan struct{})
	go func() {
		say(old.sess.Stderr(), "\r\n\n%s\r\n", old.lang.T("workshop.replaced"))
		close(told)
	}()
	select {
	case <-told:
	case <-time.After(500 * time.Millisecond):
	}
	hangUp(old.sess)
	select {
	case <-old.done:
	case <-time.After(5 * time.Second):
	}
}

// hangUp closes a session's connection: its questionnaire ends at once,
// even when the client is gone (closing the channel alone would wait for
// an answer that never comes).
func hangUp(sess ssh.Session) {
	if c, ok := sess.Context().Value(ssh.ContextKeyConn).(gossh.Conn); ok {
		c.Close()
		return
	}
	sess.Close()
}

// leavingSession is a participant's session whose Exit first takes them
// off the room's count (leave), so that the status never counts someone
// whose client has already seen the end.
type leavingSession struct {
	ssh.Session
	leave func()
}

func (l leavingSession) Exit(code int) error {
	l.leave()
	return l.Session.Exit(code)
}

// leave ends a participant's session: dropped unless finished or
// replaced by a new connection of theirs. Only the first call counts.
func (s *Server) leave(p *live) {
	s.mu.Lock()
	if p.left {
		s.mu.Unlock()
		return
	}
	p.left = true
	replaced := s.live[p.token] != p
	if !replaced {
		delete(s.live, p.token)
		if !p.finished {
			s.people[p.token].dropped = true
		}
	}
	dropped := !replaced && !p.finished
	why, page := cmp.Or(p.why, "connection closed"), p.page
	s.idleIfDone()
	s.mu.Unlock()
	if dropped {
		s.emit(Event{Kind: Dropped, Participant: p.n, Addr: host(p.sess.RemoteAddr()), Page: page, Pages: s.pages, Detail: why})
	}
	close(p.done)
}

// ended records why a questionnaire ended early, unless known already.
func (s *Server) ended(p *live, why string) {
	s.mu.Lock()
	p.why = cmp.Or(p.why, why)
	s.mu.Unlock()
}

// setFinished marks a participant as done answering.
func (s *Server) setFinished(p *live) {
	s.mu.Lock()
	s.done(p)
	s.mu.Unlock()
}

// done marks a participant as done answering, under mu: a drain waits
// for them no more.
func (s *Server) done(p *live) {
	if !p.finished {
		p.finishedAt = time.Now()
	}
	p.finished = true
	s.idleIfDone()
}

// readingUntil is when the last participant who finished may stop
// reading their report (finished plus ReportGrace), of those still
// connected; zero when there is none.
func (s *Server) readingUntil() time.Time {
	s.mu.Lock()
	defer s.mu.Unlock()
	var until time.Time
	for _, p := range s.live {
		if t := p.finishedAt.Add(s.cfg.ReportGrace); p.finished && t.After(until) {
			until = t
		}
	}
	return until
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
	s.done(p)
	s.addResult(path)
	s.summarise()
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
		var why, msg string
		select {
		case <-sess.Context().Done():
			return
		case <-limit:
			why, msg = "time limit", p.lang.T("workshop.time_limit", "Limit", s.cfg.MaxTime.String())
		case <-tick.C:
			if keys.idle() < s.cfg.IdleTimeout {
				continue
			}
			why, msg = "idle", p.lang.T("workshop.idle", "Limit", s.cfg.IdleTimeout.String())
		}
		s.ended(p, why)
		say(sess.Stderr(), "\r\n\n%s\r\n", p.lang.T("workshop.closed", "Why", msg, "Resume", s.resumeLine(sess, p.token)))
		time.Sleep(100 * time.Millisecond) // for the message to leave before the connection closes
		hangUp(sess)
		return
	}
}

// tty is one participant's terminal.
type tty struct {
	sess       ssh.Session
	keys       *pump
	sizes      *sizes
	renderer   *lipgloss.Renderer
	accessible bool
}

// showReport shows a participant's report: scrollable in a redrawn
// terminal, as plain lines for a screen reader; then how to take a copy,
// or, when it is not saved yet, that it will be and how to come back.
func (s *Server) showReport(t tty, r *assessment.Result, token string, l *lang.Lang, saved bool) {
	before, after := "", l.T("workshop.copy", s.copyLines(t.sess, token)...)+"\n"
	if !saved { // said first, and again at the end
		after = l.T("workshop.not_saved", "Resume", s.resumeLine(t.sess, token)) + "\n"
		before = after + "\n"
	}
	shown := headed(r, l)
	if t.accessible {
		fmt.Fprint(t.sess, before)
		if err := s.cfg.Render(t.sess, shown, "text", Look{Accessible: true, Language: l.Tag()}); err != nil {
			fmt.Fprintf(t.sess.Stderr(), "digilead: %v\n", err)
		}
		fmt.Fprint(t.sess, "\n"+after)
		return
	}
	look := Look{Renderer: t.renderer, Language: l.Tag()}
	v := newViewer(func(width int) string {
		var b strings.Builder
		look.Width = width
		b.WriteString(before)
		if err := s.cfg.Render(&b, shown, "text", look); err != nil {
			return "digilead: " + err.Error()
		}
		return b.String() + "\n" + after
	}, look.Renderer, l)
	in := t.keys.reader()
	defer in.Close()
	prog := tea.NewProgram(v, tea.WithInput(in), tea.WithOutput(t.sess), tea.WithAltScreen(),
		tea.WithoutSignalHandler(), tea.WithContext(t.sess.Context()))
	stop := make(chan struct{})
	go sendSizes(prog, t.sizes.follow(), stop)
	go func() {
		select {
		case <-s.ending:
			prog.Quit()
		case <-stop:
		}
	}()
	prog.Run()
	close(stop)
	select {
	case <-s.ending: // closed by the server stopping, not by q
		after = s.endingWords(t.sess, token, l, saved) + "\n"
	default:
	}
	wish.Println(t.sess, "\n"+after)
}

// endingWords tell a participant whose report the server closed as it
// stopped that the workshop is ending: their result is saved, and how to
// take their copy; or, not saved yet, how to come back when the server
// is started again.
func (s *Server) endingWords(sess ssh.Session, token string, l *lang.Lang, saved bool) string {
	if !saved {
		return l.T("workshop.stopping", "Resume", s.resumeLine(sess, token))
	}
	return l.T("workshop.ending", s.copyLines(sess, token)...)
}

// copyLines are the commands that take a copy of a participant's result,
// as JSON and as HTML, for a message.
func (s *Server) copyLines(sess ssh.Session, token string) []any {
	return []any{"JSON", s.fetchLine(sess, token, " > my-result.json"), "HTML", s.fetchLine(sess, token, " --format html > my-report.html")}
}

// headed is the result as its report is headed: an anonymous
// participant's as "Participant" in the report's language, never their
// internal respondent id. The result saved is not changed.
func headed(r *assessment.Result, l *lang.Lang) *assessment.Result {
	if r.Respondent.Name != "" {
		return r
	}
	shown := *r
	shown.Respondent.Name = l.T("workshop.participant")
	return &shown
}
