// Package dashboard shows a workshop to its trainer: on a terminal, a
// live screen with what to tell the room, how many are where and, once
// enough have finished, the group's anonymous summary; in the trainer's
// log (a file, and stderr when it is not a terminal), one plain line per
// event. The screen may be on a projector: it shows counts, never a
// name, an address or a token; the log has the details.
package dashboard

import (
	"fmt"
	"io"
	"maps"
	"os"
	"slices"
	"strings"
	"sync"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"

	"github.com/digilead/digilead/assessment/cohort"
	"github.com/digilead/digilead/assessment/workshop"
	"github.com/digilead/digilead/questions/errtext"
	"github.com/digilead/digilead/questions/safetext"
)

// Line is an event as one plain line of a log, without escape
// sequences: time, what happened, then its details.
func Line(e workshop.Event) string {
	var b strings.Builder
	b.WriteString(e.Time.UTC().Format(time.RFC3339))
	b.WriteString(" " + string(e.Kind))
	if e.Participant > 0 {
		fmt.Fprintf(&b, " participant=%d", e.Participant)
	}
	if e.Addr != "" {
		b.WriteString(" from=" + e.Addr)
	}
	if e.User != "" {
		b.WriteString(` user="` + e.User + `"`)
	}
	if e.Token != "" {
		b.WriteString(" token=" + e.Token)
	}
	switch {
	case e.Kind == workshop.PageDone && e.Page > e.Pages:
		b.WriteString(" next=report")
	case e.Kind == workshop.PageDone:
		fmt.Fprintf(&b, " next=%d/%d", e.Page, e.Pages)
	case e.Kind == workshop.Dropped:
		fmt.Fprintf(&b, " page=%d/%d", min(e.Page, e.Pages), e.Pages)
	}
	if e.Detail != "" {
		b.WriteString(" (" + e.Detail + ")")
	}
	return safetext.Terminal(b.String())
}

// Listening is the lines that open a log: where the server listens and
// what to tell the room.
func Listening(in workshop.Info) string {
	code := in.Code
	if code == "" {
		code = "(none: open workshop)"
	}
	return safetext.Terminal(fmt.Sprintf("%s listening addresses=%s port=%d code=%s fingerprint=%s results=%s\n",
		time.Now().UTC().Format(time.RFC3339), strings.Join(in.Addrs, ","), in.Port, code, in.Fingerprint, in.Dir))
}

// Log writes one line per event to w.
func Log(w io.Writer) func(workshop.Event) {
	var mu sync.Mutex
	return func(e workshop.Event) {
		mu.Lock()
		defer mu.Unlock()
		io.WriteString(w, Line(e)+"\n")
	}
}

// OpenLog opens the trainer's log file at path for appending (mode 0600:
// it names addresses and user names, and the tokens of results that
// could not be saved).
func OpenLog(path string) (*os.File, error) {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_APPEND|os.O_CREATE, 0o600)
	if err != nil {
		return nil, fmt.Errorf("the workshop log %s: %w\nName a writable file with --log", path, errtext.WithoutPath(err))
	}
	return f, nil
}

// Tee hands each event to every sink, in turn.
func Tee(sinks ...func(workshop.Event)) func(workshop.Event) {
	return func(e workshop.Event) {
		for _, sink := range sinks {
			sink(e)
		}
	}
}

// screenLine is an event as the screen shows it: the time of day, what
// happened and the participant's number; no address, user name, token or
// detail (those are in the log).
func screenLine(e workshop.Event) string {
	line := e.Time.Format("15:04:05") + " " + string(e.Kind)
	if e.Participant > 0 {
		line += fmt.Sprintf(" participant=%d", e.Participant)
	}
	return line
}

// Room is what the dashboard needs of the server.
type Room interface {
	Status() workshop.Status
	Drain()
	Idle() <-chan struct{}
}

// Dashboard is the live screen. Events feeds it; Run shows it until the
// workshop is over.
type Dashboard struct {
	info   workshop.Info
	room   Room
	pages  int
	mu     sync.Mutex
	recent []string
	// StoppedNow is set when the trainer stopped at once (a second q or
	// Ctrl-C) instead of waiting for everyone.
	StoppedNow bool
}

// New makes a dashboard of a workshop whose bank has pages question
// pages.
func New(info workshop.Info, room Room, pages int) *Dashboard {
	return &Dashboard{info: info, room: room, pages: pages}
}

// recentEvents is how many events the screen lists.
const recentEvents = 8

// Event records an event for the screen, without its details.
func (d *Dashboard) Event(e workshop.Event) {
	d.mu.Lock()
	defer d.mu.Unlock()
	d.recent = append(d.recent, screenLine(e))
	if len(d.recent) > recentEvents {
		d.recent = d.recent[len(d.recent)-recentEvents:]
	}
}

// Run shows the dashboard on a terminal until the workshop is over: the
// trainer pressed q and everyone still answering finished, or pressed q
// twice or Ctrl-C, or stop was closed (a signal) and everyone finished.
func (d *Dashboard) Run(in io.Reader, out io.Writer, r *lipgloss.Renderer, stop <-chan struct{}) error {
	m := &model{d: d, st: newStyles(r), status: d.room.Status()}
	p := tea.NewProgram(m, tea.WithInput(in), tea.WithOutput(out), tea.WithAltScreen(), tea.WithoutSignalHandler())
	go func() {
		select {
		case <-stop:
			p.Send(drainMsg{})
		case <-d.room.Idle():
		}
	}()
	go func() {
		<-d.room.Idle()
		p.Send(idleMsg{})
	}()
	_, err := p.Run()
	return err
}

type (
	tickMsg  struct{}
	drainMsg struct{}
	idleMsg  struct{}
)

type model struct {
	d             *Dashboard
	st            styles
	status        workshop.Status
	width, height int
	draining      bool
}

func tick() tea.Cmd {
	return tea.Tick(500*time.Millisecond, func(time.Time) tea.Msg { return tickMsg{} })
}

func (m *model) Init() tea.Cmd { return tick() }

func (m *model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.width, m.height = msg.Width, msg.Height
	case tickMsg:
		m.status = m.d.room.Status()
		return m, tick()
	case idleMsg:
		return m, tea.Quit
	case drainMsg:
		return m.drain()
	case tea.KeyMsg:
		switch msg.String() {
		case "q", "Q":
			if m.draining {
				m.d.StoppedNow = true
				return m, tea.Quit
			}
			return m.drain()
		case "ctrl+c":
			m.d.StoppedNow = true
			return m, tea.Quit
		}
	}
	return m, nil
}

// drain turns newcomers away; the screen stays until those answering
// are done.
func (m *model) drain() (tea.Model, tea.Cmd) {
	m.draining = true
	return m, func() tea.Msg { m.d.room.Drain(); return nil }
}

type styles struct {
	title, label, value, dim, warn lipgloss.Style
}

func newStyles(r *lipgloss.Renderer) styles {
	return styles{
		title: r.NewStyle().Bold(true).Foreground(lipgloss.AdaptiveColor{Light: "#5A56E0", Dark: "#7571F9"}),
		label: r.NewStyle().Faint(true),
		value: r.NewStyle().Bold(true),
		dim:   r.NewStyle().Faint(true),
		warn:  r.NewStyle().Foreground(lipgloss.AdaptiveColor{Light: "#C2410C", Dark: "#FB923C"}),
	}
}

func (m *model) View() string {
	var b strings.Builder
	st, s, in := m.st, m.status, m.d.info
	line := func(format string, args ...any) { fmt.Fprintf(&b, format+"\n", args...) }
	line("%s", st.title.Render("digilead workshop"))
	line("")
	join := fmt.Sprintf("ssh -p %d %s", in.Port, firstOr(in.Addrs, "HOST"))
	line("%s %s", st.label.Render("Participants type:"), st.value.Render(join))
	if len(in.Addrs) > 1 {
		line("%s %s", st.label.Render("  (or another address of this machine:"), strings.Join(in.Addrs[1:], ", ")+")")
	}
	if in.Code != "" {
		line("%s %s", st.label.Render("Workshop code (the password):"), st.value.Render(in.Code))
	} else {
		line("%s", st.warn.Render("Open workshop: no code is asked; anyone who can reach this port can take part."))
	}
	line("%s %s", st.label.Render("Host key fingerprint:"), in.Fingerprint)
	line("")
	line("%s %s   %s %s   %s %s   %s %s",
		st.label.Render("connected"), st.value.Render(fmt.Sprint(s.Connected)),
		st.label.Render("answering"), st.value.Render(fmt.Sprint(len(s.Pages))),
		st.label.Render("finished"), st.value.Render(fmt.Sprint(s.Finished)),
		st.label.Render("dropped"), st.value.Render(fmt.Sprint(s.Dropped)))
	if s.LoggingIn > 0 || s.Refused > 0 {
		line("%s %s   %s %s", st.label.Render("logging in"), fmt.Sprint(s.LoggingIn), st.label.Render("refused"), fmt.Sprint(s.Refused))
	}
	if len(s.Pages) > 0 {
		line("%s %s", st.label.Render("On page:"), pagesLine(s.Pages, m.d.pages))
	}
	if s.NotSaved > 0 {
		line("%s", st.warn.Render(fmt.Sprintf("%d %s could not be saved: the results folder is full or cannot be written. Their drafts are kept and saving is tried again; the log says which and why.",
			s.NotSaved, errtext.Plural(s.NotSaved, "result", "results"))))
	}
	line("")
	if s.Cohort != nil {
		cohortLines(&b, st, s.Cohort)
	} else {
		line("%s", st.dim.Render(fmt.Sprintf("The group summary appears once enough people have finished (%d so far).", s.Finished)))
	}
	if in.Log != "" {
		line("")
		line("%s %s", st.label.Render("Addresses, user names and errors are in the log:"), in.Log)
	}
	m.d.mu.Lock()
	recent := slices.Clone(m.d.recent)
	m.d.mu.Unlock()
	if len(recent) > 0 {
		line("")
		line("%s", st.label.Render("Recent events"))
		for _, r := range recent {
			line("  %s", r)
		}
	}
	line("")
	keys := st.dim.Render("q: stop taking newcomers and wait for those answering · Ctrl-C: stop now (drafts are kept)")
	if m.draining {
		keys = st.warn.Render(fmt.Sprintf("Closing: no newcomers. Waiting for %d still answering; q again or Ctrl-C stops now (their drafts are kept).", len(s.Pages)))
	}
	return fit(b.String(), keys, m.width, m.height)
}

// fit wraps the body and the keys to the terminal's width and keeps the
// keys and as many lines of the body above them as the height allows.
func fit(body, keys string, width, height int) string {
	if width > 0 {
		body, keys = ansi.Wrap(body, width, " "), ansi.Wrap(keys, width, " ")
	}
	lines := strings.Split(strings.TrimRight(body, "\n"), "\n")
	foot := strings.Split(keys, "\n")
	if height > 0 && len(lines)+len(foot) > height {
		lines = lines[:max(0, height-len(foot))]
	}
	return strings.Join(append(lines, foot...), "\n")
}

func firstOr(xs []string, def string) string {
	if len(xs) == 0 {
		return def
	}
	return xs[0]
}

// pagesLine says how many are on each page, e.g. "welcome 2 · 3: 4 · 7: 1".
func pagesLine(pages map[int]int, total int) string {
	count := map[int]int{}
	for _, p := range pages {
		count[p]++
	}
	var parts []string
	for _, p := range slices.Sorted(maps.Keys(count)) {
		name := fmt.Sprintf("%d/%d", p, total)
		switch {
		case p == 0:
			name = "welcome"
		case p > total:
			name = "report"
		}
		parts = append(parts, fmt.Sprintf("%s: %d", name, count[p]))
	}
	return strings.Join(parts, " · ")
}

// cohortLines is the group summary in a few lines: the same figures as
// digilead cohort, of the first whole groups to finish (the server
// updates it in steps of --min-group people).
func cohortLines(b *strings.Builder, st styles, c *cohort.Report) {
	fmt.Fprintf(b, "%s\n", st.title.Render(fmt.Sprintf("Group summary · %d %s (anonymous; updated by whole groups)", c.Participants, errtext.Plural(c.Participants, "person", "people"))))
	var levels []string
	for _, l := range c.Levels {
		levels = append(levels, fmt.Sprintf("%s %d", safetext.Terminal(string(l.Name)), l.Count))
	}
	fmt.Fprintf(b, "%s %s\n", st.label.Render("Levels:"), strings.Join(levels, " · "))
	fmt.Fprintf(b, "%s\n", st.label.Render("Mean readiness for each tier:"))
	for _, t := range c.Tiers {
		fmt.Fprintf(b, "  %s: %.0f%%, met by %d\n", safetext.Terminal(string(t.Name)), t.ReadinessMean, t.Met)
	}
	fmt.Fprintf(b, "%s\n", st.label.Render("Most common gaps:"))
	shown := 0
	for _, g := range c.Gaps {
		if g.WithGap == 0 || shown == 3 {
			break
		}
		shown++
		mean := ""
		if g.MeanGap != nil {
			mean = fmt.Sprintf(", mean gap %.1f points", *g.MeanGap)
		}
		fmt.Fprintf(b, "  %d. %s: %d of %d (%.0f%%)%s\n", shown, safetext.Terminal(string(g.Name)), g.WithGap, g.Assessed, g.Share*100, mean)
	}
	withheld := 0
	for _, d := range c.Dimensions {
		if d.GapWithheld != "" {
			withheld++
		}
	}
	switch {
	case shown == 0 && withheld > 0:
		fmt.Fprintf(b, "  none shown: %d withheld, too few people behind them\n", withheld)
	case shown == 0:
		fmt.Fprintf(b, "  none: everyone meets what their target expects\n")
	}
}
