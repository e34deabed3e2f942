package workshop

import (
	"fmt"

	"github.com/charmbracelet/bubbles/viewport"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"

	"github.com/digilead/digilead/questions/form"
	"github.com/digilead/digilead/questions/lang"
)

// viewer shows the participant's report, fitted to their terminal and
// scrollable: arrows, PgUp/PgDn, Home/End; only q or Ctrl-C leave (Enter
// and Esc, pressed out of habit after the last question, show how to).
type viewer struct {
	render func(width int) string
	l      *lang.Lang
	vp     viewport.Model
	width  int
	footer lipgloss.Style
	ready  bool
	hint   bool // tell how to close
}

func newViewer(render func(width int) string, r *lipgloss.Renderer, l *lang.Lang) *viewer {
	return &viewer{render: render, l: l, footer: r.NewStyle().Faint(true)}
}

func (v *viewer) Init() tea.Cmd { return nil }

func (v *viewer) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		if !v.ready || msg.Width != v.width {
			v.vp = viewport.New(msg.Width, max(1, msg.Height-1))
			v.vp.SetContent(v.render(msg.Width))
			v.width, v.ready = msg.Width, true
		}
		v.vp.Height = max(1, msg.Height-1)
		return v, nil
	case tea.KeyMsg:
		v.hint = false
		switch msg.String() {
		case "q", "Q", "ctrl+c":
			return v, tea.Quit
		case "enter", "esc":
			v.hint = true
			return v, nil
		case "home", "g":
			v.vp.GotoTop()
			return v, nil
		case "end", "G":
			v.vp.GotoBottom()
			return v, nil
		}
	}
	var cmd tea.Cmd
	v.vp, cmd = v.vp.Update(msg)
	return v, cmd
}

func (v *viewer) View() string {
	if !v.ready {
		return ""
	}
	footer := v.l.T("workshop.viewer", "Percent", v.l.Percent(fmt.Sprintf("%3.0f", v.vp.ScrollPercent()*100)))
	if v.hint {
		footer = v.l.T("workshop.viewer_close")
	}
	return v.vp.View() + "\n" + v.footer.Render(footer)
}

// sendSizes hands a terminal's sizes to a program until stop.
func sendSizes(p *tea.Program, sizes <-chan form.Window, stop <-chan struct{}) {
	for {
		select {
		case <-stop:
			return
		case w := <-sizes:
			p.Send(tea.WindowSizeMsg{Width: w.Width, Height: w.Height})
		}
	}
}
