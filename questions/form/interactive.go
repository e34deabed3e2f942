package form

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/huh"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"

	"github.com/digilead/digilead/questions/lang"
)

// maxFormWidth keeps lines of question text readable on wide terminals.
const maxFormWidth = 100

type (
	pageDoneMsg struct{}
	abortMsg    struct{}
	// failMsg stops the questionnaire with the caller's error (a draft
	// that could not be kept).
	failMsg struct{ err error }
)

// model runs the questionnaire as one Bubble Tea program: it shows one
// page's huh form at a time and swaps in the next when a page is done, so
// the keyboard and the screen are never handed between programs.
type model struct {
	q    *questionnaire
	page int
	form *huh.Form
	size tea.WindowSizeMsg
	hint lipgloss.Style
	// chosen is the option chosen on a draft's screen.
	chosen  string
	err     error
	aborted bool
	done    bool
	typeAhead
}

// start is the page to begin at: the draft's screen when there is a
// draft, else opts.Start within the pages there are.
func (q *questionnaire) start() int {
	if q.opts.Draft != nil {
		return offerPage
	}
	return max(0, min(q.opts.Start, q.last()))
}

// newForm builds the one-page huh form of page i, which reports its end
// to the model instead of quitting the program. It draws no help or
// errors of its own: the model draws them under the page (see footer).
func (m *model) newForm(i int) *huh.Form {
	q := m.q
	var g *huh.Group
	if i < 0 {
		g = q.offerGroup(i, &m.chosen)
	} else {
		q.page = i
		g = q.group(i)
	}
	f := huh.NewForm(g).WithTheme(q.theme).WithKeyMap(keyMap(q.l)).WithShowHelp(false).WithShowErrors(false)
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
	m.form = m.newForm(m.page)
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

func (m *model) Init() tea.Cmd {
	cmd := m.form.Init()
	if m.q.opts.Answers != nil {
		cmd = tea.Batch(cmd, m.skipAnswered())
	}
	return cmd
}

// skipAnswered moves the focus past the page's first questions that are
// answered already, to where a continued questionnaire left off (never
// past the page's last question: that would end the page).
func (m *model) skipAnswered() tea.Cmd {
	if m.page < 1 {
		return nil
	}
	var cmds []tea.Cmd
	qs := m.q.pages[m.page-1].questions
	for _, qq := range qs[:len(qs)-1] {
		if !m.q.items[qq.ID].answered {
			break
		}
		cmds = append(cmds, m.form.NextField())
	}
	return tea.Batch(cmds...)
}

// update is Update without the holding of keys typed ahead (see
// typeahead.go). A field whose height changed (a description or detail
// shown with the focus or the cursor) has the page laid out again at
// once, before the frame is drawn: a frame laid out for the old heights
// scrolls the page's top away.
func (m *model) update(msg tea.Msg) (tea.Model, tea.Cmd) {
	model, cmd := m.step(msg)
	if m.q.resized && m.size.Width > 0 {
		m.q.resized = false
		_, again := m.forward(m.fit(m.size))
		cmd = tea.Batch(cmd, again)
	}
	return model, cmd
}

func (m *model) step(msg tea.Msg) (tea.Model, tea.Cmd) {
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
				m.form = m.newForm(0)
				return m, tea.Batch(cmd, m.restart())
			}
			return model, cmd
		}
	case pageDoneMsg:
		if m.page < 0 {
			return m.decide()
		}
		return m.turn(m.page + 1)
	case failMsg:
		m.err = msg.err
		return m, tea.Quit
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

func (m *model) focusKey() string {
	if f := m.form.GetFocusedField(); f != nil {
		return f.GetKey()
	}
	return ""
}

// fit is the window size left for the form: the window less the
// progress line, the footer and the blank lines between.
func (m *model) fit(msg tea.WindowSizeMsg) tea.WindowSizeMsg {
	chrome := 3 + lipgloss.Height(strings.Join(m.footer(min(msg.Width, maxFormWidth)), "\n"))
	return tea.WindowSizeMsg{Width: min(msg.Width, maxFormWidth), Height: max(8, msg.Height-chrome)}
}

func (m *model) onFirstField() bool {
	return m.focusKey() == m.q.firstKey(m.page)
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
	return m.show(next)
}

// decide acts on the choice made on a draft's screen.
func (m *model) decide() (tea.Model, tea.Cmd) {
	next, err := m.q.decide(m.page, m.chosen)
	if err != nil {
		m.err = err
		return m, tea.Quit
	}
	model, cmd := m.show(next)
	if m.page > 0 {
		cmd = tea.Batch(cmd, m.skipAnswered()) // the draft continued
	}
	return model, cmd
}

// show makes page i the page shown.
func (m *model) show(i int) (tea.Model, tea.Cmd) {
	m.page = i
	m.form = m.newForm(i)
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
	width := min(m.size.Width, maxFormWidth)
	if width <= 0 {
		width = maxFormWidth
	}
	// The welcome page's first part ("Welcome") says little alone.
	head := fitProgress(m.q.progress(max(0, m.page), m.q.position(m.page, m.focusKey())), width, 1+b2i(m.page <= 0))
	return strings.Join(append([]string{head, "", m.form.View(), ""}, m.footer(width)...), "\n")
}

// footer is the lines under the page: what the keys do (or, after a key
// that could not be taken, why), and how to go back or stop. A line the
// page needs on every screen (a server's resume line) goes here.
func (m *model) footer(width int) []string {
	l := m.q.l
	keys := m.form.Help().ShortHelpView(m.form.KeyBinds())
	if errs := m.form.Errors(); len(errs) > 0 {
		keys = m.q.theme.Focused.ErrorMessage.Render(errs[0].Error())
	}
	hint := l.T("form.hint.stop", "Key", keyName(l, "ctrl+c"))
	if m.page > 0 {
		hint = l.T("form.hint.back", "Key", keyName(l, "shift+tab")) + " · " + hint
	}
	lines := []string{
		lipgloss.NewStyle().Width(width).Render(keys),
		m.hint.Width(width).Render(hint),
	}
	if m.q.opts.Footer != nil {
		lines = append(lines, m.hint.Width(width).Render(m.q.opts.Footer(l)))
	}
	return lines
}

// progressSep separates the parts of the progress line in every
// language's catalog (page, question, answered).
const progressSep = " · "

// fitProgress fits the progress line in width cells, on its one line
// (the page is laid out for one): the parts that do not fit are left
// off from the last, an ellipsis saying that something is ("Page 3 of
// 16 · question 4 of 4 · …"), keeping at least keep parts; when that
// does not fit, the line is cut at the width with an ellipsis instead.
func fitProgress(s string, width, keep int) string {
	if width <= 0 || ansi.StringWidth(s) <= width {
		return s
	}
	parts := strings.Split(s, progressSep)
	for n := len(parts) - 1; n >= keep; n-- {
		if line := strings.Join(parts[:n], progressSep) + progressSep + "…"; ansi.StringWidth(line) <= width {
			return line
		}
	}
	return ansi.Truncate(s, width, "…")
}
