package workshop

import (
	"net"
	"sync"
	"time"
)

// guard counts wrong workshop codes by client address and locks out an
// address that gave too many within a window. Correct codes are never
// counted: a room behind one address is not locked out by a few typos.
type guard struct {
	mu     sync.Mutex
	limit  int
	window time.Duration
	now    func() time.Time
	wrong  map[string][]time.Time // by address, within the window
	until  map[string]time.Time   // locked out until
}

func newGuard(limit int, window time.Duration, now func() time.Time) *guard {
	return &guard{limit: limit, window: window, now: now, wrong: map[string][]time.Time{}, until: map[string]time.Time{}}
}

// locked reports whether addr is locked out, and for how long still.
func (g *guard) locked(addr string) (time.Duration, bool) {
	g.mu.Lock()
	defer g.mu.Unlock()
	left := g.until[addr].Sub(g.now())
	if left <= 0 {
		delete(g.until, addr)
		return 0, false
	}
	return left, true
}

// wrongCode counts a wrong code from addr, and reports whether addr is
// now locked out: the limit was reached within the window. The lockout
// lasts until the window that saw them is over.
func (g *guard) wrongCode(addr string) bool {
	g.mu.Lock()
	defer g.mu.Unlock()
	now := g.now()
	times := g.wrong[addr]
	for len(times) > 0 && now.Sub(times[0]) >= g.window {
		times = times[1:]
	}
	times = append(times, now)
	g.wrong[addr] = times
	if len(times) < g.limit {
		return false
	}
	g.until[addr] = times[0].Add(g.window)
	delete(g.wrong, addr)
	return true
}

// host is the address of a client without its port.
func host(a net.Addr) string {
	if a == nil {
		return ""
	}
	h, _, err := net.SplitHostPort(a.String())
	if err != nil {
		return a.String()
	}
	return h
}
