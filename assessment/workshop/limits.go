package workshop

import (
	"fmt"
	"math/rand/v2"
	"net"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/charmbracelet/ssh"
	gossh "golang.org/x/crypto/ssh"
)

// What a client may ask of the server is bounded here: the sizes it
// claims for its terminal, the environment it sends, the sessions it
// opens on one connection, and the connections that have not logged in
// (OpenSSH's MaxStartups, PerSourceMaxStartups and LoginGraceTime).

// The window sizes taken from a client: a size outside is clamped (a
// terminal of 2,147,483,647 columns is drawn at 1,000), a zero is the
// usual 80×24 (RFC 4254 §6.2: zero means the client does not say).
const (
	minColumns, maxColumns         = 20, 1000
	minRows, maxRows               = 5, 500
	defaultColumns, defaultRows    = 80, 24
	maxTermName                    = 64 // bytes of TERM kept
	maxEnvRequests, maxEnvValueLen = 32, 256
	// MaxSessions is how many sessions one connection may have open at
	// once: a questionnaire and a fetch (OpenSSH's MaxSessions is 10).
	MaxSessions = 2
)

// clampWindow is a client's window size as the server takes it.
func clampWindow(cols, rows uint32) (uint32, uint32) {
	clamp := func(v, def, lo, hi uint32) uint32 {
		if v == 0 {
			return def
		}
		return min(max(v, lo), hi)
	}
	return clamp(cols, defaultColumns, minColumns, maxColumns), clamp(rows, defaultRows, minRows, maxRows)
}

// ptyRequest and windowChange are the payloads of the requests that carry
// a window size (RFC 4254 §6.2, §6.7).
type ptyRequest struct {
	Term                         string
	Columns, Rows, Width, Height uint32
	Modes                        string
}

type windowChange struct {
	Columns, Rows, Width, Height uint32
}

// clampRequest rewrites the window size of a pty-req or window-change
// request to the sizes the server takes (pixels are dropped: nothing
// uses them), before anything reads it. It reports false for a request
// whose payload is not well formed.
func clampRequest(r *gossh.Request) bool {
	switch r.Type {
	case "pty-req":
		var p ptyRequest
		if gossh.Unmarshal(r.Payload, &p) != nil {
			return false
		}
		p.Columns, p.Rows = clampWindow(p.Columns, p.Rows)
		p.Width, p.Height = 0, 0
		if len(p.Term) > maxTermName {
			p.Term = p.Term[:maxTermName]
		}
		r.Payload = gossh.Marshal(p)
	case "window-change":
		var w windowChange
		if gossh.Unmarshal(r.Payload, &w) != nil {
			return false
		}
		w.Columns, w.Rows = clampWindow(w.Columns, w.Rows)
		w.Width, w.Height = 0, 0
		r.Payload = gossh.Marshal(w)
	}
	return true
}

// acceptedEnv reports whether an environment variable is taken: those the
// server reads (the language, colours), as OpenSSH's AcceptEnv, with a
// value of at most maxEnvValueLen bytes.
func acceptedEnv(payload []byte) bool {
	var kv struct{ Name, Value string }
	if gossh.Unmarshal(payload, &kv) != nil || len(kv.Value) > maxEnvValueLen {
		return false
	}
	switch kv.Name {
	case "LANG", "LANGUAGE", "DIGILEAD_LANG", "COLORTERM", "NO_COLOR":
		return true
	}
	return strings.HasPrefix(kv.Name, "LC_") && len(kv.Name) <= 32
}

// Startups bounds the connections that have not logged in yet, as
// OpenSSH's MaxStartups start:rate:full: from Start such connections on,
// a new one is refused with probability Rate percent, rising linearly to
// 100% at Full.
type Startups struct{ Start, Rate, Full int }

func (s Startups) String() string { return fmt.Sprintf("%d:%d:%d", s.Start, s.Rate, s.Full) }

// ParseStartups reads "start:rate:full", or a single number N, which is
// N:100:N (refuse from N on), as OpenSSH reads MaxStartups.
func ParseStartups(v string) (Startups, error) {
	parts := strings.Split(v, ":")
	nums := make([]int, len(parts))
	for i, p := range parts {
		n, err := strconv.Atoi(p)
		if err != nil || (len(parts) != 1 && len(parts) != 3) {
			return Startups{}, fmt.Errorf("%q is not START:RATE:FULL (e.g. 100:30:200) or a number", v)
		}
		nums[i] = n
	}
	s := Startups{Start: nums[0], Rate: 100, Full: nums[0]}
	if len(nums) == 3 {
		s.Rate, s.Full = nums[1], nums[2]
	}
	switch {
	case s.Start < 1 || s.Full < s.Start:
		return Startups{}, fmt.Errorf("%q: START must be 1 or more, and FULL at least START", v)
	case s.Rate < 1 || s.Rate > 100:
		return Startups{}, fmt.Errorf("%q: RATE is a percentage, from 1 to 100", v)
	}
	return s, nil
}

// gate admits connections and follows each until it has a session: it
// bounds those not logged in, in total and per address, and closes a
// connection that has no session running for the login grace time.
type gate struct {
	mu       sync.Mutex
	startups Startups
	perAddr  int
	grace    time.Duration
	// drop decides a random early drop: true with probability p percent.
	drop     func(p int) bool
	starting map[*conn]struct{} // connections not yet in a session
	byAddr   map[string]int     // of starting, by address
}

func newGate(st Startups, perAddr int, grace time.Duration) *gate {
	return &gate{startups: st, perAddr: perAddr, grace: grace,
		drop:     func(p int) bool { return rand.IntN(100) < p },
		starting: map[*conn]struct{}{}, byAddr: map[string]int{}}
}

// conn is one client connection as the gate follows it.
type conn struct {
	net.Conn
	g    *gate
	addr string
	at   time.Time

	heard atomic.Bool // the client has sent something

	mu        sync.Mutex
	starting  bool // counted by the gate: no session has begun yet
	loggingIn bool // an authentication attempt was made
	closed    bool
	sessions  int  // session channels open
	running   int  // sessions whose handler runs
	survey    bool // a questionnaire runs on it
	timer     *time.Timer
	// onExpire is told when the grace time closes the connection.
	onExpire func(c *conn, starting bool)
}

// stallAfter is how long a connection may take to begin to log in
// before it counts as stalled: a real client sends its first login
// request a few round trips after connecting.
const stallAfter = 10 * time.Second

// admit decides on a new connection from addr: nil when it is refused,
// with why. When the limits are reached, a stalled connection (one that
// has not begun to log in, and has sent nothing or been at it for
// stallAfter) gives way first: the oldest such is closed (evicted) and
// the new one takes its place. Only when there is none is the new one
// refused, at random or for good.
func (g *gate) admit(nc net.Conn, addr string, onExpire func(*conn, bool)) (c *conn, why string, evicted *conn) {
	g.mu.Lock()
	defer g.mu.Unlock()
	why = g.refusal(addr)
	if why != "" {
		if evicted = g.stalled(addr); evicted != nil {
			g.forget(evicted)
			why = ""
		}
	}
	if why != "" {
		return nil, why, nil
	}
	c = &conn{Conn: nc, g: g, addr: addr, at: time.Now(), starting: true, onExpire: onExpire}
	g.starting[c] = struct{}{}
	g.byAddr[addr]++
	c.mu.Lock()
	c.timer = time.AfterFunc(g.grace, c.expire)
	c.mu.Unlock()
	return c, "", evicted
}

// refusal says why a new connection from addr would be refused now; ""
// admits it.
func (g *gate) refusal(addr string) string {
	n, st := len(g.starting), g.startups
	switch {
	case g.byAddr[addr] >= g.perAddr:
		return fmt.Sprintf("%d connections from this address not logged in yet", g.perAddr)
	case n >= st.Full:
		return fmt.Sprintf("%d connections not logged in yet (full %d)", n, st.Full)
	case n >= st.Start:
		p := st.Rate
		if st.Full > st.Start {
			p += (100 - st.Rate) * (n - st.Start) / (st.Full - st.Start)
		}
		if g.drop(p) {
			return fmt.Sprintf("%d connections not logged in yet (from %d, dropped at random)", n, st.Start)
		}
	}
	return ""
}

// stalled is the oldest stalled connection, from addr when the address
// is at its limit: the one to give way.
func (g *gate) stalled(addr string) *conn {
	perAddr := g.byAddr[addr] >= g.perAddr
	now := time.Now()
	var oldest *conn
	for c := range g.starting {
		c.mu.Lock()
		stalled := !c.loggingIn && (!c.heard.Load() || now.Sub(c.at) >= stallAfter)
		c.mu.Unlock()
		if stalled && (!perAddr || c.addr == addr) && (oldest == nil || c.at.Before(oldest.at)) {
			oldest = c
		}
	}
	return oldest
}

// Read reads from the client, noting that it said something.
func (c *conn) Read(b []byte) (int, error) {
	n, err := c.Conn.Read(b)
	if n > 0 {
		c.heard.Store(true)
	}
	return n, err
}

// forget stops counting c as starting; the caller holds g.mu.
func (g *gate) forget(c *conn) {
	if _, ok := g.starting[c]; !ok {
		return
	}
	delete(g.starting, c)
	if g.byAddr[c.addr]--; g.byAddr[c.addr] <= 0 {
		delete(g.byAddr, c.addr)
	}
}

// counts are the connections not logged in, in total and from addr.
func (g *gate) counts(addr string) (int, int) {
	g.mu.Lock()
	defer g.mu.Unlock()
	return len(g.starting), g.byAddr[addr]
}

// attempt records an authentication attempt: the client has begun to
// log in (it finished the key exchange).
func (c *conn) attempt() {
	c.mu.Lock()
	c.loggingIn = true
	c.mu.Unlock()
}

// expire closes a connection with no session running at the end of its
// grace time.
func (c *conn) expire() {
	c.mu.Lock()
	if c.running > 0 || c.closed {
		c.mu.Unlock()
		return
	}
	starting := c.starting
	c.mu.Unlock()
	if c.onExpire != nil {
		c.onExpire(c, starting)
	}
	c.Close()
}

// openSession counts a session channel; false when the connection has
// MaxSessions open already.
func (c *conn) openSession() bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.sessions >= MaxSessions {
		return false
	}
	c.sessions++
	return true
}

func (c *conn) closeSession() {
	c.mu.Lock()
	c.sessions--
	c.mu.Unlock()
}

// run counts a session's handler while it runs: the first one ends the
// connection's start (it no longer counts against the startups), and a
// connection without one is closed after the grace time.
func (c *conn) run() (done func()) {
	c.mu.Lock()
	c.running++
	c.timer.Stop()
	wasStarting := c.starting
	c.starting = false
	c.mu.Unlock()
	if wasStarting {
		c.g.mu.Lock()
		c.g.forget(c)
		c.g.mu.Unlock()
	}
	return func() {
		c.mu.Lock()
		defer c.mu.Unlock()
		if c.running--; c.running == 0 && !c.closed {
			c.timer.Reset(c.g.grace)
		}
	}
}

// claimSurvey claims the connection's one questionnaire.
func (c *conn) claimSurvey() (release func(), ok bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.survey {
		return nil, false
	}
	c.survey = true
	return func() { c.mu.Lock(); c.survey = false; c.mu.Unlock() }, true
}

// Close closes the connection and stops counting it.
func (c *conn) Close() error {
	c.mu.Lock()
	c.closed = true
	c.timer.Stop()
	c.mu.Unlock()
	c.g.mu.Lock()
	c.g.forget(c)
	c.g.mu.Unlock()
	return c.Conn.Close()
}

// connKey finds a session's connection (as the gate follows it) in its
// context.
var connKey = &struct{ name string }{"digilead workshop connection"}

// connOf is the connection of a context, nil when it has none (a server
// without a gate in a test).
func connOf(ctx ssh.Context) *conn {
	c, _ := ctx.Value(connKey).(*conn)
	return c
}
