package form

import (
	"context"
	"errors"
	"fmt"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/huh"
	"github.com/charmbracelet/lipgloss"

	"github.com/digilead/digilead/questions/lang"
)

// maxFormWidth keeps lines of question text readable on wide terminals.
const maxFormWidth = 100

// chromeLines are the lines drawn around the page's fields: the progress
// line and a blank above, a blank and the hint below, and the lines huh's
// own height sum misses (the blank before its help).
const chromeLines = 6

type (
	pageDoneMsg struct{}
	abortMsg    struct{}
)

// model runs the questionnaire as one Bubble Tea program: it shows one
// page's huh form at a time and swaps in the next when a page is done, so
// the keyboard and the screen are never handed between programs.
type model struct {
	q       *questionnaire
	page    int
	form    *huh.Form
	size    tea.WindowSizeMsg
	hint    lipgloss.Style
	err     error
	aborted bool
	done    bool
	typeAhead
}

// start is the page to begin at, within the pages there are.
func (q *questionnaire) start() int { return max(0, min(q.opts.Start, q.last())) }

// newForm builds the one-page huh form of page i, which reports its end
// to the model instead of quitting the program.
func (q *questionnaire) newForm(i int) *huh.Form {
	q.moves = nil
	f := huh.NewForm(q.group(i)).WithTheme(q.theme).WithKeyMap(keyMap(q.l)).WithShowHelp(true)
	for _, move := range q.moves {
		move()
	}
	f.SubmitCmd = func() tea.Msg { return pageDoneMsg{} }
	f.CancelCmd = func() tea.Msg { return abortMsg{} }
	return f
}

// keyMap is huh's, without filtering (typing a letter should never hide
// the scale), its help in the questionnaire's language (see keyHelp).
func keyMap(l *lang.Lang) *huh.KeyMap {
	km := huh.NewDefaultKeyMap()
	for _, b := range []*key.Binding{&km.Select.Filter, &km.Select.SetFilter, &km.Select.ClearFilter, &km.MultiSelect.Filter, &km.MultiSelect.SetFilter, &km.MultiSelect.ClearFilter} {
		b.SetEnabled(false)
	}
	keyHelp(l, km)
	return km
}

func (q *questionnaire) newModel() *model {
	m := &model{q: q, page: q.start(), hint: q.renderer.NewStyle().Faint(true)}
	m.form = q.newForm(m.page)
	return m
}

// runInteractive asks in the terminal with a redrawn form.
func (q *questionnaire) runInteractive(ctx context.Context) error {
	m := q.newModel()
	popts := []tea.ProgramOption{tea.WithInput(q.opts.In), tea.WithOutput(q.opts.Out), tea.WithContext(ctx)}
	if q.opts.Shared {
		popts = append(popts, tea.WithoutSignalHandler())
	}
	p := tea.NewProgram(m, popts...)
	if q.opts.Size != nil {
		stop := make(chan struct{})
		defer close(stop)
		go forwardSizes(p, q.opts.Size, stop)
	}
	_, err := p.Run()
	switch {
	case m.err != nil:
		return m.err
	case m.done:
		return nil
	case m.aborted, err == nil, errors.Is(err, tea.ErrInterrupted), errors.Is(err, tea.ErrProgramKilled):
		return ErrInterrupted
	}
	return fmt.Errorf("questionnaire: %w", err)
}

// forwardSizes hands the terminal's sizes to the program until stop.
func forwardSizes(p *tea.Program, sizes <-chan Window, stop <-chan struct{}) {
	for {
		select {
		case <-stop:
			return
		case w, ok := <-sizes:
			if !ok {
				return
			}
			p.Send(tea.WindowSizeMsg{Width: w.Width, Height: w.Height})
		}
	}
}

func (m *model) Init() tea.Cmd { return m.form.Init() }

// update is Update without the holding of keys typed ahead (see
// typeahead.go).
func (m *model) update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.size = msg
		return m.forward(m.fit(msg))
	case tea.KeyMsg:
		if msg.String() == "shift+tab" && m.page > 0 && m.onFirstField() {
			return m.turn(m.page - 1)
		}
		if m.page == 0 {
			// The welcome page is shown again in the language chosen.
			model, cmd := m.forward(msg)
			if m.q.switchLanguage() {
				m.form = m.q.newForm(0)
				return m, tea.Batch(cmd, m.restart())
			}
			return model, cmd
		}
	case pageDoneMsg:
		return m.turn(m.page + 1)
	case abortMsg:
		m.aborted = true
		return m, tea.Quit
	}
	return m.forward(msg)
}

// forward hands a message to the page's form.
func (m *model) forward(msg tea.Msg) (tea.Model, tea.Cmd) {
	f, cmd := m.form.Update(msg)
	if f, ok := f.(*huh.Form); ok {
		m.form = f
	}
	return m, cmd
}

// fit is the window size left for the form.
func (m *model) fit(msg tea.WindowSizeMsg) tea.WindowSizeMsg {
	return tea.WindowSizeMsg{Width: min(msg.Width, maxFormWidth), Height: max(8, msg.Height-chromeLines-m.footerLines(msg.Width))}
}

// footer is the line under the hint (Options.Footer) at width, "" when
// there is none.
func (m *model) footer(width int) string {
	if m.q.opts.Footer == nil {
		return ""
	}
	return m.hint.Width(min(max(width, 1), maxFormWidth)).Render(m.q.opts.Footer(m.q.l))
}

// footerLines is how many lines the footer takes at width.
func (m *model) footerLines(width int) int {
	if f := m.footer(width); f != "" {
		return lipgloss.Height(f)
	}
	return 0
}

func (m *model) onFirstField() bool {
	f := m.form.GetFocusedField()
	return f != nil && f.GetKey() == m.q.firstKey(m.page)
}

// turn leaves the page for page next, or ends after the last page.
func (m *model) turn(next int) (tea.Model, tea.Cmd) {
	if err := m.q.leave(m.page, next); err != nil {
		m.err = err
		return m, tea.Quit
	}
	if next > m.q.last() {
		m.done = true
		return m, tea.Quit
	}
	m.page = next
	m.form = m.q.newForm(next)
	return m, m.restart()
}

// restart starts the page's new form, fitted to the window.
func (m *model) restart() tea.Cmd {
	cmd := m.form.Init()
	if m.size.Width > 0 {
		_, c := m.forward(m.fit(m.size))
		cmd = tea.Batch(cmd, c)
	}
	return cmd
}

func (m *model) View() string {
	if m.done || m.aborted || m.err != nil {
		return ""
	}
	l := m.q.l
	hint := l.T("form.hint.stop", "Key", keyName(l, "ctrl+c"))
	if m.page > 0 {
		hint = l.T("form.hint.back", "Key", keyName(l, "shift+tab")) + " · " + hint
	}
	width := min(m.size.Width, maxFormWidth)
	if width <= 0 {
		width = maxFormWidth
	}
	view := m.q.progress(m.page) + "\n\n" + m.form.View() + "\n\n" + m.hint.Width(width).Render(hint)
	if f := m.footer(width); f != "" {
		view += "\n" + f
	}
	return view
}
