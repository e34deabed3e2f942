// Package workshop serves the questionnaire over SSH to a room of
// participants: each answers in their own terminal with nothing to
// install, sees their own gap report, and can take a copy of their
// result; the trainer gets the results in one directory and, live, the
// room's progress and its anonymous group summary.
//
// Nobody gets more than the questionnaire: no shell, no commands other
// than the accessible questionnaire and fetching one's own result, no
// subsystems, no forwarding of ports, agents or X11. Wrong workshop codes
// are slow and counted by address; sessions are counted and time out.
package workshop

import (
	"context"
	"crypto/subtle"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/ssh"
	"github.com/charmbracelet/wish"
	gossh "golang.org/x/crypto/ssh"

	"github.com/digilead/digilead/assessment"
	"github.com/digilead/digilead/assessment/cohort"
	"github.com/digilead/digilead/assessment/feedback"
	"github.com/digilead/digilead/assessment/store"
	"github.com/digilead/digilead/questions"
	"github.com/digilead/digilead/questions/errtext"
	"github.com/digilead/digilead/questions/form"
	"github.com/digilead/digilead/questions/lang"
)

// Look is how a document is drawn for the participant: their terminal's
// width and renderer (nil is plain), or linear text for a screen reader.
type Look struct {
	Width      int
	Renderer   *lipgloss.Renderer
	Accessible bool
	// Language is the tag of the language to draw in ("" for the bank's).
	Language string
}

// Render writes a result in a format (one of Config.Formats).
type Render func(w io.Writer, r *assessment.Result, format string, look Look) error

// Config configures a Server. Bank, Dir, HostKey and Render are needed;
// the zero value of the rest is the default said beside each.
type Config struct {
	Bank *questions.Bank
	// Set is the bank with its translations, when it has some: each
	// participant is asked in the language their SSH client asks for
	// (LANG, LC_*), or chooses on the welcome page.
	Set *questions.Set
	// Dir is the results directory; drafts are kept in Dir/.drafts.
	Dir     string
	HostKey gossh.Signer
	// Code is the workshop code participants give as their password; ""
	// lets anyone in (an open workshop).
	Code string
	// Host is the name or address participants connect to, for the lines
	// they are shown; "" is the address their connection reached.
	Host string
	// MaxParticipants is the most questionnaires at once (200).
	MaxParticipants int
	// IdleTimeout ends a questionnaire nobody typed in for that long
	// (30m); MaxTime ends any session that lasts that long (3h). Drafts
	// are kept.
	IdleTimeout, MaxTime time.Duration
	// MinGroup is the fewest results the group summary is shown for (5).
	MinGroup int
	// Theme is the questionnaire's theme ("charm").
	Theme string
	// Render draws results; Formats are the format names fetch accepts.
	Render  Render
	Formats []string
	Now     func() time.Time
	Tool    assessment.Tool
	// OnEvent is told of every event, one at a time.
	OnEvent func(Event)
	// OnFrame, when set, is told for each key a participant types how long
	// the server took from reading it to writing the screen that followed
	// (for benchmarks); it is called from many sessions at once.
	OnFrame func(time.Duration)

	// WrongCodeDelay is how long a wrong code waits for its answer (1s);
	// MaxTries the codes one connection may try (3); past LockoutLimit
	// wrong codes from one address within LockoutWindow (30 in 1m) the
	// address is refused for the rest of the window.
	WrongCodeDelay time.Duration
	MaxTries       int
	LockoutLimit   int
	LockoutWindow  time.Duration
	// QueryTimeout is how long a terminal has to say its background
	// colour (700ms).
	QueryTimeout time.Duration
	// ReportGrace is how long, once nobody is answering, a participant
	// who has just finished may read their report before Stop closes it
	// (default 30 s); those who finished longer ago are not waited for.
	ReportGrace time.Duration

	// LoginGraceTime closes a connection that has not begun a session
	// (logged in and asked for the questionnaire or a fetch) within it,
	// and one that has had no session for as long (120s, OpenSSH's
	// LoginGraceTime).
	LoginGraceTime time.Duration
	// MaxStartups bounds the connections not logged in yet, with random
	// early drop; MaxStartupsPerAddress, those from one address. Both are
	// sized by the room unless set (N:30:2N and N, N being
	// MaxParticipants): the whole room may type the code at the same
	// moment, even behind one address. A stalled connection (one that has
	// not begun to log in) gives way to a new one before a new one is
	// refused.
	MaxStartups           Startups
	MaxStartupsPerAddress int
	// RetryEvery is how often a result that could not be saved is tried
	// again (15s).
	RetryEvery time.Duration

	// Round, when set, makes the server take observers' feedback on the
	// round's subject instead of assessments: each picks their role and
	// answers the bank's observer questions; the feedback is saved in Dir.
	// About then says, in a language, who the answers are about and what
	// becomes of them, for an observer answering in role.
	Round *feedback.Round
	About func(l *lang.Lang, role string) string
}

// DefaultLoginGraceTime is OpenSSH's LoginGraceTime.
const DefaultLoginGraceTime = 120 * time.Second

// RoomStartups are the limits on connections not logged in yet for a
// room of n: n of them at once (all at the password prompt, even behind
// one address: an office's, reaching a cloud server) are never refused;
// past n a new one is refused at random (30%, rising), and past 2n always.
func RoomStartups(n int) (Startups, int) {
	return Startups{Start: n, Rate: 30, Full: 2 * n}, n
}

// withDefaults fills in the defaults.
func (c Config) withDefaults() Config {
	def := func(d *time.Duration, v time.Duration) {
		if *d == 0 {
			*d = v
		}
	}
	defInt := func(n *int, v int) {
		if *n == 0 {
			*n = v
		}
	}
	defInt(&c.MaxParticipants, 200)
	defInt(&c.MinGroup, cohort.DefaultMinGroup)
	defInt(&c.MaxTries, 3)
	defInt(&c.LockoutLimit, 30)
	def(&c.IdleTimeout, 30*time.Minute)
	def(&c.MaxTime, 3*time.Hour)
	def(&c.WrongCodeDelay, time.Second)
	def(&c.LockoutWindow, time.Minute)
	def(&c.QueryTimeout, 700*time.Millisecond)
	def(&c.ReportGrace, 30*time.Second)
	def(&c.LoginGraceTime, DefaultLoginGraceTime)
	def(&c.RetryEvery, 15*time.Second)
	st, perAddr := RoomStartups(c.MaxParticipants)
	if c.MaxStartups == (Startups{}) {
		c.MaxStartups = st
	}
	defInt(&c.MaxStartupsPerAddress, perAddr)
	if c.Theme == "" {
		c.Theme = "charm"
	}
	if c.Now == nil {
		c.Now = time.Now
	}
	return c
}

// Server is a workshop's SSH server.
type Server struct {
	cfg   Config
	ssh   *ssh.Server
	guard *guard
	pages int // question pages of the bank

	gate *gate

	mu      sync.Mutex
	seq     int
	live    map[string]*live   // by token: one connection per person
	people  map[string]*person // by token, everyone of this run
	tokens  map[string]*sync.Mutex
	unsaved map[string]*unsaved // results not saved yet, by token
	entries []*cohort.Entry     // the results so far
	// given counts the observers' feedback saved (Config.Round).
	given    int
	summary  *cohort.Report
	refused  int
	quiet    map[string]*quietLog // refusals logged, by address
	draining bool
	idle     chan struct{} // closed when draining and nobody is answering
	// ending is closed when the server stops: the reports still open are
	// closed, each participant told the workshop is ending.
	ending   chan struct{}
	endOnce  sync.Once
	port     int
	handlers sync.WaitGroup
	retrying sync.Once
	stop     chan struct{} // closed by Close
	stopOnce sync.Once
	// writeResult writes a result file: store.WriteResult, unless a test
	// makes it fail (FailResults), as a full disk or a read-only folder
	// would, which root cannot be shown otherwise.
	writeResult func(dir, name string, r *assessment.Result) (string, error)

	evmu sync.Mutex
}

// person is one participant of this run of the server, known by their
// token: counted once however often they connect.
type person struct {
	n       int
	dropped bool // left before the end and not back (yet)
}

// live is one participant's open questionnaire. The fields after mu's
// comment are read and written under Server.mu.
type live struct {
	n     int
	token string
	sess  ssh.Session
	done  chan struct{}
	// lang is the language the participant is spoken to in; set before
	// anything else of the session runs.
	lang *lang.Lang

	// Under Server.mu:
	page     int
	finished bool
	// finishedAt is when they finished (the machine's clock).
	finishedAt time.Time
	why        string // why it ended early, when known
	left       bool   // leave has run
}

// New makes a server for cfg; it reads the results already in Dir (a
// server started again after a stop goes on counting them).
func New(cfg Config) (*Server, error) {
	cfg = cfg.withDefaults()
	switch {
	case cfg.Bank == nil && cfg.Set != nil:
		cfg.Bank = cfg.Set.Bank
	case cfg.Set == nil && cfg.Bank != nil:
		cfg.Set = &questions.Set{Bank: cfg.Bank}
	}
	if cfg.Bank == nil || cfg.Dir == "" || cfg.HostKey == nil || cfg.Render == nil {
		return nil, errors.New("workshop: Bank, Dir, HostKey and Render are needed")
	}
	pageBank := cfg.Bank
	if cfg.Round != nil {
		if cfg.About == nil {
			return nil, errors.New("workshop: a Round needs About")
		}
		pageBank = cfg.Bank.ForObservers()
	}
	s := &Server{cfg: cfg, guard: newGuard(cfg.LockoutLimit, cfg.LockoutWindow, cfg.Now),
		gate:  newGate(cfg.MaxStartups, cfg.MaxStartupsPerAddress, cfg.LoginGraceTime),
		pages: form.Pages(pageBank), live: map[string]*live{}, people: map[string]*person{},
		tokens: map[string]*sync.Mutex{}, unsaved: map[string]*unsaved{}, quiet: map[string]*quietLog{},
		idle: make(chan struct{}), ending: make(chan struct{}), stop: make(chan struct{}),
		writeResult: store.WriteResult}
	if err := os.MkdirAll(filepath.Join(cfg.Dir, draftsDir), 0o700); err != nil {
		return nil, fmt.Errorf("results directory %s: %w", cfg.Dir, errtext.WithoutPath(err))
	}
	s.readResults()
	opts := []ssh.Option{
		func(srv *ssh.Server) error { srv.AddHostKey(cfg.HostKey); return nil },
		wish.WithBannerHandler(s.banner),
		// wish's idle timeout counts the screen's redrawing as activity,
		// so it only ends dead connections (and those that never log in);
		// watchIdle ends questionnaires nobody types in, first, saying so.
		wish.WithIdleTimeout(cfg.IdleTimeout + 30*time.Second),
		wish.WithMaxTimeout(cfg.MaxTime),
		wish.WithMiddleware(s.middleware),
		func(srv *ssh.Server) error {
			srv.ConnCallback = s.admit
			srv.ServerConfigCallback = func(ctx ssh.Context) *gossh.ServerConfig {
				return &gossh.ServerConfig{MaxAuthTries: cfg.MaxTries,
					AuthLogCallback: func(gossh.ConnMetadata, string, error) {
						if c := connOf(ctx); c != nil {
							c.attempt()
						}
					}}
			}
			srv.ChannelHandlers = map[string]ssh.ChannelHandler{"session": s.sessionChannel, "default": s.otherChannel}
			srv.RequestHandlers = map[string]ssh.RequestHandler{"tcpip-forward": s.forwardRequest, "cancel-tcpip-forward": s.forwardRequest}
			srv.SubsystemHandlers = map[string]ssh.SubsystemHandler{}
			return nil
		},
	}
	if cfg.Code != "" {
		opts = append(opts,
			wish.WithPasswordAuth(func(ctx ssh.Context, password string) bool { return s.checkCode(ctx, password) }),
			wish.WithKeyboardInteractiveAuth(func(ctx ssh.Context, ask gossh.KeyboardInteractiveChallenge) bool {
				answers, err := ask("", "", []string{"Workshop code: "}, []bool{false})
				return err == nil && len(answers) == 1 && s.checkCode(ctx, answers[0])
			}))
	}
	srv, err := wish.NewServer(opts...)
	if err != nil {
		return nil, fmt.Errorf("workshop server: %w", err)
	}
	s.ssh = srv
	return s, nil
}

// readResults counts the results already in the directory.
func (s *Server) readResults() {
	files, _ := filepath.Glob(filepath.Join(s.cfg.Dir, "*.json"))
	for _, f := range files {
		s.addResult(f)
	}
	s.summarise()
}

// addResult adds a saved result to the group summary's entries.
func (s *Server) addResult(path string) {
	data, err := os.ReadFile(path)
	if err != nil {
		return
	}
	if e, err := cohort.Decode(data); err == nil {
		s.entries = append(s.entries, e)
	} else if _, err := feedback.Decode(data); err == nil {
		s.given++
	}
}

// summarise recomputes the group summary in steps of MinGroup results:
// the summary of the first 5, 10, 15… (with MinGroup 5), so that nobody
// watching it change can tell one person's level from the difference.
// It is nil while the group is too small (or mixes banks).
func (s *Server) summarise() {
	n := len(s.entries) / s.cfg.MinGroup * s.cfg.MinGroup
	if s.summary != nil && s.summary.Participants == n {
		return
	}
	b := cohort.New(cohort.Options{MinGroup: s.cfg.MinGroup})
	for i, e := range s.entries[:n] {
		b.Add(e, fmt.Sprint(i))
	}
	s.summary, _ = b.Report()
}

// Serve answers connections on l until Close or Shutdown.
func (s *Server) Serve(l net.Listener) error {
	s.mu.Lock()
	if a, ok := l.Addr().(*net.TCPAddr); ok {
		s.port = a.Port
	}
	s.mu.Unlock()
	s.retrying.Do(func() { go s.retry() })
	err := s.ssh.Serve(l)
	if errors.Is(err, ssh.ErrServerClosed) {
		return nil
	}
	return err
}

// Info is what the trainer tells the room.
type Info struct {
	// Addrs are the addresses the server can be reached on.
	Addrs       []string
	Port        int
	Code        string
	Fingerprint string
	Dir         string
	// Log is the trainer's log file, "" for none.
	Log string
	// Pages are the question pages each participant (or, with a round,
	// each observer) goes through.
	Pages int
}

// Info describes the server listening on l.
func (s *Server) Info(l net.Addr) Info {
	in := Info{Addrs: Addresses(l), Code: s.cfg.Code, Fingerprint: Fingerprint(s.cfg.HostKey.PublicKey()), Dir: s.cfg.Dir, Pages: s.pages}
	if a, ok := l.(*net.TCPAddr); ok {
		in.Port = a.Port
	}
	if s.cfg.Host != "" {
		in.Addrs = append([]string{s.cfg.Host}, in.Addrs...)
	}
	return in
}

// Addresses lists the addresses a listener can be reached on: its own,
// or every address of the machine's interfaces that are up when it
// listens on all of them (IPv4 first, loopback last).
func Addresses(l net.Addr) []string {
	a, ok := l.(*net.TCPAddr)
	if !ok {
		return []string{l.String()}
	}
	if !a.IP.IsUnspecified() {
		return []string{a.IP.String()}
	}
	var v4, v6, loop []string
	ifaces, _ := net.Interfaces()
	for _, ifc := range ifaces {
		if ifc.Flags&net.FlagUp == 0 {
			continue
		}
		addrs, _ := ifc.Addrs()
		for _, ad := range addrs {
			ipn, ok := ad.(*net.IPNet)
			switch {
			case !ok, ipn.IP.IsLinkLocalUnicast():
			case ipn.IP.IsLoopback():
				loop = append(loop, ipn.IP.String())
			case ipn.IP.To4() != nil:
				v4 = append(v4, ipn.IP.String())
			default:
				v6 = append(v6, ipn.IP.String())
			}
		}
	}
	return append(append(v4, v6...), loop...)
}

// Status is the room now.
func (s *Server) Status() Status {
	s.mu.Lock()
	defer s.mu.Unlock()
	st := Status{Connected: len(s.live), Pages: map[int]int{}, Finished: len(s.entries) + s.given,
		NotSaved: len(s.unsaved), Refused: s.refused, Draining: s.draining, Cohort: s.summary}
	st.LoggingIn, _ = s.gate.counts("")
	for _, p := range s.live {
		if !p.finished {
			st.Pages[p.n] = p.page
		}
	}
	for token, pe := range s.people {
		if pe.dropped && s.live[token] == nil {
			st.Dropped++
		}
	}
	return st
}

// Drain turns newcomers away (participants resuming a draft and fetching
// results still get in); Idle is closed once nobody is answering.
func (s *Server) Drain() {
	s.mu.Lock()
	if s.draining {
		s.mu.Unlock()
		return
	}
	s.draining = true
	n := s.answering()
	s.idleIfDone()
	s.mu.Unlock()
	s.emit(Event{Kind: Closing, Detail: fmt.Sprintf("%d still answering", n)})
}

// Idle is closed once the server drains and nobody is answering: those
// reading their report have finished.
func (s *Server) Idle() <-chan struct{} { return s.idle }

// answering counts the participants connected who have not finished;
// under mu.
func (s *Server) answering() int {
	n := 0
	for _, p := range s.live {
		if !p.finished {
			n++
		}
	}
	return n
}

// idleIfDone closes idle when draining and nobody is answering; under mu.
func (s *Server) idleIfDone() {
	if s.draining && s.answering() == 0 {
		select {
		case <-s.idle:
		default:
			close(s.idle)
		}
	}
}

// Close stops at once: every participant still answering is told how to
// come back, every report still open is closed (see EndReports), every
// connection is closed (drafts are kept) and Close returns when the
// sessions have ended, or after a few seconds.
func (s *Server) Close() error {
	s.stopOnce.Do(func() { close(s.stop) })
	var told sync.WaitGroup
	told.Add(1)
	go func() { defer told.Done(); s.EndReports() }()
	s.mu.Lock()
	for _, p := range s.live {
		if !p.finished {
			told.Add(1)
			go func() {
				defer told.Done()
				say(p.sess.Stderr(), "\r\n\n%s\r\n", p.lang.T("workshop.stopping", "Resume", s.resumeLine(p.sess, p.token)))
			}()
		}
	}
	s.mu.Unlock()
	waitAtMost(&told, time.Second) // a dead connection does not hold the stop up
	err := s.ssh.Close()
	waitAtMost(&s.handlers, 5*time.Second)
	return err
}

// EndReports closes the reports participants who finished are reading:
// each is told that the workshop is ending, that their result is saved
// and how to take their copy (or, not saved yet, how to come back), and
// their session ends. Reports opened afterwards close at once the same
// way. EndReports returns when those sessions have ended, or after a
// second.
func (s *Server) EndReports() {
	s.endOnce.Do(func() { close(s.ending) })
	var ended sync.WaitGroup
	s.mu.Lock()
	for _, p := range s.live {
		if p.finished {
			ended.Add(1)
			go func() { defer ended.Done(); <-p.done }()
		}
	}
	s.mu.Unlock()
	waitAtMost(&ended, time.Second)
}

// waitAtMost waits for wg, or d.
func waitAtMost(wg *sync.WaitGroup, d time.Duration) {
	done := make(chan struct{})
	go func() { wg.Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(d):
	}
}

// Shutdown stops listening and waits for open connections (fetches) to
// end, or ctx.
func (s *Server) Shutdown(ctx context.Context) error {
	err := s.ssh.Shutdown(ctx)
	if errors.Is(err, ssh.ErrServerClosed) {
		return nil
	}
	return err
}

// emit hands an event to OnEvent, one at a time.
func (s *Server) emit(e Event) {
	if s.cfg.OnEvent == nil {
		return
	}
	if e.Time.IsZero() {
		e.Time = s.cfg.Now()
	}
	s.evmu.Lock()
	defer s.evmu.Unlock()
	s.cfg.OnEvent(e)
}

// refusal counts and tells a refusal.
func (s *Server) refusal(addr net.Addr, user, why string) {
	s.mu.Lock()
	s.refused++
	s.mu.Unlock()
	s.emit(Event{Kind: Refused, Addr: host(addr), User: shownUser(user), Detail: why})
}

// quietLog is when a refusal from an address was last logged, and how
// many were counted since without a line.
type quietLog struct {
	last time.Time
	held int
}

// quietRefusal counts a refusal of a connection and tells it, but at most
// once a minute for each address: a client opening connections by the
// thousand does not fill the trainer's log. The next line says how many
// were not told.
func (s *Server) quietRefusal(addr, why string) {
	now := s.cfg.Now()
	s.mu.Lock()
	s.refused++
	q := s.quiet[addr]
	if q != nil && now.Sub(q.last) < time.Minute {
		q.held++
		s.mu.Unlock()
		return
	}
	if len(s.quiet) > 10000 { // many addresses: forget those of past minutes
		for a, old := range s.quiet {
			if now.Sub(old.last) >= time.Minute {
				delete(s.quiet, a)
			}
		}
	}
	held := 0
	if q != nil {
		held = q.held
	}
	s.quiet[addr] = &quietLog{last: now}
	s.mu.Unlock()
	if held > 0 {
		why += fmt.Sprintf(" (and %d more from this address in the minute before, not logged one by one)", held)
	}
	s.emit(Event{Kind: Refused, Addr: addr, Detail: why})
}

// admit takes a new connection, or refuses it (nil): past the startups
// allowed, in total or from its address (see gate).
func (s *Server) admit(ctx ssh.Context, nc net.Conn) net.Conn {
	addr := host(nc.RemoteAddr())
	c, why, evicted := s.gate.admit(nc, addr, s.expired)
	if evicted != nil {
		evicted.Close()
		s.quietRefusal(evicted.addr, "connection closed to make room: it had not begun to log in")
	}
	if c == nil {
		s.quietRefusal(addr, "connection refused: "+why)
		return nil
	}
	ctx.SetValue(connKey, c)
	return c
}

// expired tells of a connection closed at the end of the login grace
// time; one whose sessions are over closes without a word.
func (s *Server) expired(c *conn, starting bool) {
	if starting {
		s.quietRefusal(c.addr, fmt.Sprintf("connection closed: not logged in within the login grace time (%v)", s.cfg.LoginGraceTime))
	}
}

// shownUser is a user name as the trainer may see it: never a token (the
// screen may be on a projector), control characters as escapes, at most
// 40 characters.
func shownUser(u string) string {
	if IsToken(u) {
		return "(returning)"
	}
	if r := []rune(u); len(r) > 40 {
		u = string(r[:40]) + "…"
	}
	return safe(u)
}

// banner is shown before the code is asked: what to type, or why the
// address is refused.
func (s *Server) banner(ctx ssh.Context) string {
	if s.cfg.Code == "" {
		return ""
	}
	if left, locked := s.guard.locked(host(ctx.RemoteAddr())); locked {
		return fmt.Sprintf("digilead workshop: too many wrong workshop codes came from your address (%s) in the last minute.\r\nNew connections from it are refused for %d more seconds; please wait and try again.\r\n",
			host(ctx.RemoteAddr()), int(left.Seconds()+0.999))
	}
	return "digilead workshop: the password is the workshop code shown by your trainer.\r\n"
}

// checkCode checks a workshop code. A wrong one is answered after
// WrongCodeDelay and counted against the address; an address locked out
// is refused whatever it gives.
func (s *Server) checkCode(ctx ssh.Context, given string) bool {
	addr := host(ctx.RemoteAddr())
	if _, locked := s.guard.locked(addr); locked {
		s.refusal(ctx.RemoteAddr(), ctx.User(), "address locked out after too many wrong codes")
		return false
	}
	if subtle.ConstantTimeCompare([]byte(normalCode(given)), []byte(normalCode(s.cfg.Code))) == 1 {
		return true
	}
	why := "wrong workshop code"
	if s.guard.wrongCode(addr) {
		why += fmt.Sprintf("; %d within %v: address locked out", s.cfg.LockoutLimit, s.cfg.LockoutWindow)
	}
	s.refusal(ctx.RemoteAddr(), ctx.User(), why)
	select {
	case <-time.After(s.cfg.WrongCodeDelay):
	case <-ctx.Done():
	}
	return false
}

// normalCode forgives capitals, spaces for hyphens and surrounding blanks.
func normalCode(c string) string {
	return strings.Join(strings.Fields(strings.ReplaceAll(strings.ToLower(c), "-", " ")), "-")
}

// sessionChannel serves a session channel, refusing the requests that
// would give more than the questionnaire.
func (s *Server) sessionChannel(srv *ssh.Server, conn *gossh.ServerConn, nc gossh.NewChannel, ctx ssh.Context) {
	if c := connOf(ctx); c != nil {
		if !c.openSession() {
			nc.Reject(gossh.ResourceShortage, fmt.Sprintf("at most %d sessions at a time on one connection; open a new connection", MaxSessions))
			s.quietRefusal(host(ctx.RemoteAddr()), fmt.Sprintf("session refused: %d already open on the connection", MaxSessions))
			return
		}
		defer c.closeSession()
	}
	ssh.DefaultSessionHandler(srv, conn, guardedChannel{nc, s, ctx}, ctx)
}

// guardedChannel is a session channel whose requests pass a filter.
type guardedChannel struct {
	gossh.NewChannel
	s   *Server
	ctx ssh.Context
}

func (g guardedChannel) Accept() (gossh.Channel, <-chan *gossh.Request, error) {
	ch, reqs, err := g.NewChannel.Accept()
	if err != nil {
		return ch, reqs, err
	}
	out := make(chan *gossh.Request)
	go func() {
		defer close(out)
		envs := 0
		for r := range reqs {
			if why := refusedRequest(r); why != "" {
				r.Reply(false, nil)
				g.s.refusal(g.ctx.RemoteAddr(), g.ctx.User(), why)
				continue
			}
			if r.Type == "env" {
				// Taken only as OpenSSH's AcceptEnv would, and a few: the
				// server keeps them for the session's life.
				if envs++; envs > maxEnvRequests || !acceptedEnv(r.Payload) {
					r.Reply(false, nil)
					continue
				}
			}
			if !clampRequest(r) {
				r.Reply(false, nil)
				continue
			}
			out <- r
		}
	}()
	return ch, out, nil
}

// refusedRequest says why a session request is refused; "" lets it pass.
func refusedRequest(r *gossh.Request) string {
	switch r.Type {
	case "auth-agent-req@openssh.com":
		return "agent forwarding"
	case "x11-req":
		return "X11 forwarding"
	case "subsystem":
		var p struct{ Name string }
		gossh.Unmarshal(r.Payload, &p)
		return "subsystem " + safe(p.Name)
	}
	return ""
}

// otherChannel refuses every channel but sessions: port forwarding
// (direct-tcpip) and the like.
func (s *Server) otherChannel(_ *ssh.Server, _ *gossh.ServerConn, nc gossh.NewChannel, ctx ssh.Context) {
	nc.Reject(gossh.Prohibited, "only the questionnaire is available on this server")
	s.refusal(ctx.RemoteAddr(), ctx.User(), "channel "+safe(nc.ChannelType())+" (port forwarding)")
}

// forwardRequest refuses remote port forwarding.
func (s *Server) forwardRequest(ctx ssh.Context, _ *ssh.Server, r *gossh.Request) (bool, []byte) {
	s.refusal(ctx.RemoteAddr(), ctx.User(), "remote port forwarding")
	return false, nil
}
