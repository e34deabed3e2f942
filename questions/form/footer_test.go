package form

import (
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/digilead/digilead/questions"
	"github.com/digilead/digilead/questions/lang"
)

// A server's footer (the workshop's resume line) is under every page,
// and the page leaves room for it.
func TestFooterOnEveryPage(t *testing.T) {
	b := questions.Default()
	footer := "If you are disconnected, continue with: ssh -p 2222 k7qx-m9wa-4tpe@192.168.1.20"
	q := newQuestionnaire(b, Options{Footer: func(*lang.Lang) string { return footer }, Languages: []Language{{Tag: "en", Lang: lang.Get("en"), Bank: b}}})
	q.theme = themeFor("charm", q.renderer)
	m := q.newModel()
	m.Update(tea.WindowSizeMsg{Width: 100, Height: 40})
	for i := 0; i <= q.last(); i++ {
		view := m.View()
		if !strings.HasSuffix(strings.TrimRight(view, " \n"), footer) {
			t.Errorf("page %d does not end with the footer:\n%s", i, view)
		}
		if h := strings.Count(view, "\n") + 1; h > 40 {
			t.Errorf("page %d is %d lines high in a 40-line window", i, h)
		}
		m.turn(i + 1)
	}
	q = newQuestionnaire(b, Options{Languages: []Language{{Tag: "en", Lang: lang.Get("en"), Bank: b}}})
	q.theme = themeFor("charm", q.renderer)
	if v := q.newModel().View(); strings.Contains(v, "disconnected") {
		t.Errorf("a footer without Footer:\n%s", v)
	}
}
