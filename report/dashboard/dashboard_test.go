package dashboard

import (
	"io"
	"strings"
	"sync"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"

	"github.com/digilead/digilead/assessment/cohort"
	"github.com/digilead/digilead/assessment/workshop"
	"github.com/digilead/digilead/report"
)

func TestLine(t *testing.T) {
	at := time.Date(2026, 11, 29, 10, 4, 5, 0, time.UTC)
	tests := []struct {
		e    workshop.Event
		want string
	}{
		{workshop.Event{Kind: workshop.Connected, Participant: 3, Addr: "10.0.0.7", User: "sam", Detail: "new"},
			`2026-11-29T10:04:05Z connected participant=3 from=10.0.0.7 user="sam" (new)`},
		{workshop.Event{Kind: workshop.PageDone, Participant: 3, Page: 4, Pages: 13},
			`2026-11-29T10:04:05Z page done participant=3 next=4/13`},
		{workshop.Event{Kind: workshop.PageDone, Participant: 3, Page: 14, Pages: 13},
			`2026-11-29T10:04:05Z page done participant=3 next=report`},
		{workshop.Event{Kind: workshop.Dropped, Participant: 3, Addr: "10.0.0.7", Page: 5, Pages: 13, Detail: "idle"},
			`2026-11-29T10:04:05Z dropped participant=3 from=10.0.0.7 page=5/13 (idle)`},
		{workshop.Event{Kind: workshop.Refused, Addr: "10.0.0.9", User: `eve\x1b[31m`, Detail: "wrong workshop code"},
			`2026-11-29T10:04:05Z refused from=10.0.0.9 user="eve\x1b[31m" (wrong workshop code)`},
		{workshop.Event{Kind: workshop.Refused, Addr: "10.0.0.9", User: "raw\x1b[2Jname", Detail: "sub\x07system"},
			`2026-11-29T10:04:05Z refused from=10.0.0.9 user="raw\x1b[2Jname" (sub\x07system)`},
	}
	for _, tt := range tests {
		tt.e.Time = at
		if got := Line(tt.e); got != tt.want {
			t.Errorf("Line(%+v)\n got %s\nwant %s", tt.e, got, tt.want)
		}
		if strings.ContainsAny(Line(tt.e), "\x1b\x07") {
			t.Errorf("Line(%+v) holds a control character", tt.e)
		}
	}
}

// room is a workshop as the dashboard sees it.
type room struct {
	mu      sync.Mutex
	status  workshop.Status
	drained int
	idle    chan struct{}
}

func (r *room) Status() workshop.Status { r.mu.Lock(); defer r.mu.Unlock(); return r.status }
func (r *room) Drain()                  { r.mu.Lock(); r.drained++; r.mu.Unlock() }
func (r *room) Idle() <-chan struct{}   { return r.idle }

func TestDashboardShowsTheRoomAndStopsInTwoSteps(t *testing.T) {
	levelID := "frontline"
	summary := &cohort.Report{Participants: 6,
		Levels: []cohort.LevelCount{{Name: "Developing", Count: 2}, {ID: &levelID, Name: "Frontline executor", Count: 4}},
		Tiers:  []cohort.Tier{{ID: "frontline", Name: "Frontline executor", Met: 4, ReadinessMean: 71.5}},
		Gaps:   []cohort.Gap{{Dimension: "ai", Name: "Responsible use of AI", WithGap: 5, Assessed: 6, Share: 0.8333, MeanGap: new(12.25)}},
	}
	r := &room{idle: make(chan struct{}), status: workshop.Status{Connected: 3, Pages: map[int]int{1: 0, 2: 4, 3: 4}, Finished: 6, Dropped: 1, Cohort: summary}}
	d := New(workshop.Info{Addrs: []string{"192.168.1.20", "10.0.0.2"}, Port: 2222, Code: "lamp-wave-oak", Fingerprint: "SHA256:abc"}, r, 13)
	d.Event(workshop.Event{Time: time.Now(), Kind: workshop.Finished, Participant: 9})
	m := &model{d: d, st: newStyles(report.Plain()), status: r.Status()}
	m.Update(tea.WindowSizeMsg{Width: 100, Height: 40})
	view := m.View()
	for _, want := range []string{
		"Participants type: ssh -p 2222 192.168.1.20", "10.0.0.2", "Workshop code (the password): lamp-wave-oak", "SHA256:abc",
		"connected 3   answering 3   finished 6   dropped 1", "On page: welcome: 1 · 4/13: 2",
		"Group summary · 6 people (anonymous; updated by whole groups)", "Developing 2 · Frontline executor 4", "Frontline executor: 72%, met by 4",
		"1. Responsible use of AI: 5 of 6 (83%), mean gap 12.2 points", "finished participant=9",
	} {
		if !strings.Contains(view, want) {
			t.Errorf("the dashboard does not show %q:\n%s", want, view)
		}
	}
	if _, cmd := m.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{'q'}}); cmd != nil {
		cmd()
	}
	if r.drained != 1 || d.StoppedNow || !strings.Contains(m.View(), "Closing: no newcomers. Waiting for 3 still answering") {
		t.Errorf("after q: drained %d, stopped now %v:\n%s", r.drained, d.StoppedNow, m.View())
	}
	if _, cmd := m.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{'q'}}); cmd == nil || !d.StoppedNow {
		t.Error("a second q does not stop at once")
	}
}

func TestDashboardFitsItsTerminal(t *testing.T) {
	r := &room{idle: make(chan struct{}), status: workshop.Status{Pages: map[int]int{}}}
	d := New(workshop.Info{Addrs: []string{"192.168.1.20"}, Port: 2222, Fingerprint: "SHA256:abc"}, r, 13)
	for i := range 20 {
		d.Event(workshop.Event{Time: time.Now(), Kind: workshop.Connected, Participant: i, User: strings.Repeat("long-name-", 8)})
	}
	m := &model{d: d, st: newStyles(report.Plain()), status: r.Status()}
	m.Update(tea.WindowSizeMsg{Width: 60, Height: 20})
	lines := strings.Split(m.View(), "\n")
	if len(lines) > 20 || !strings.Contains(strings.Join(lines[len(lines)-2:], " "), "q: stop taking newcomers") {
		t.Errorf("%d lines for a 20-line terminal, or the keys are not last:\n%s", len(lines), m.View())
	}
	for _, l := range lines {
		if w := len([]rune(l)); w > 60 {
			t.Errorf("line of %d columns in a 60-column terminal: %q", w, l)
		}
	}
	if !strings.Contains(m.View(), "Open workshop: no code is asked") {
		t.Error("an open workshop is not said")
	}
}

// What the screen shows may be projected: whatever the events carry
// (addresses, user names, tokens, details from outside), the screen shows
// counts and participant numbers only; the log has the details.
func TestDashboardShowsNoNamesOrAddresses(t *testing.T) {
	r := &room{idle: make(chan struct{}), status: workshop.Status{Connected: 2, Pages: map[int]int{1: 3}, Finished: 1, NotSaved: 1}}
	d := New(workshop.Info{Addrs: []string{"192.168.1.20"}, Port: 2222, Fingerprint: "SHA256:abc", Log: "/srv/team-day/workshop.log"}, r, 13)
	secret := []string{"jsmith", "10.0.0.7", "k7qx-m9wa-4tpe", "no space left", `command \"sh\"`}
	events := []workshop.Event{
		{Kind: workshop.Connected, Participant: 3, Addr: "10.0.0.7", User: "jsmith", Detail: "new"},
		{Kind: workshop.Finished, Participant: 3, Addr: "10.0.0.7"},
		{Kind: workshop.Dropped, Participant: 4, Addr: "10.0.0.7", Detail: "idle"},
		{Kind: workshop.Refused, Addr: "10.0.0.7", User: "jsmith", Detail: `command \"sh\"`},
		{Kind: workshop.NotSaved, Participant: 5, Token: "k7qx-m9wa-4tpe", Detail: "result not saved: no space left"},
	}
	var log strings.Builder
	sink := Tee(d.Event, Log(&log))
	for _, e := range events {
		e.Time = time.Date(2026, 11, 29, 10, 4, 5, 0, time.UTC)
		sink(e)
	}
	m := &model{d: d, st: newStyles(report.Plain()), status: r.Status()}
	m.Update(tea.WindowSizeMsg{Width: 120, Height: 60})
	view := m.View()
	for _, s := range secret {
		if strings.Contains(view, s) {
			t.Errorf("the screen shows %q:\n%s", s, view)
		}
		if !strings.Contains(log.String(), s) {
			t.Errorf("the log lacks %q:\n%s", s, log.String())
		}
	}
	for _, want := range []string{"finished participant=3", "1 result could not be saved", "/srv/team-day/workshop.log"} {
		if !strings.Contains(view, want) {
			t.Errorf("the screen does not show %q:\n%s", want, view)
		}
	}
}

// TestWithheldGapsAreNotCalledMet: when the room's gaps are all withheld
// (too few people behind them), the dashboard does not say that everyone
// meets what their target expects.
func TestWithheldGapsAreNotCalledMet(t *testing.T) {
	st := newStyles(lipgloss.NewRenderer(io.Discard))
	for _, tc := range []struct {
		withheld string
		want     string
	}{
		{"too_few", "none shown: 1 withheld, too few people behind them"},
		{"", "none: everyone meets what their target expects"},
	} {
		var b strings.Builder
		cohortLines(&b, st, &cohort.Report{Dimensions: []cohort.Dimension{{ID: "a", GapWithheld: tc.withheld}}})
		if !strings.Contains(b.String(), tc.want) {
			t.Errorf("gap withheld %q: %q; want %q", tc.withheld, b.String(), tc.want)
		}
	}
}
