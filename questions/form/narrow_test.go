package form

import (
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"

	"github.com/digilead/digilead/questions"
)

// firstLine is the first line of the screen: the progress line.
func firstLine(d *driver) string { return strings.SplitN(d.screen(), "\n", 2)[0] }

// TestProgressLineFitsNarrowTerminals: in 40 columns the progress line
// keeps to one line of 40 cells, and says with an ellipsis that some of
// it is left off (whole parts on a page of questions), instead of being
// cut by the terminal; in 80 it is whole.
func TestProgressLineFitsNarrowTerminals(t *testing.T) {
	b := questions.Default()
	d := drive(t, b, Options{Languages: languages(t, "fr"), Start: 3}, 40, 24)
	d.keys(kDown, kEnter, kDown, kEnter, kDown, kEnter)
	if got := firstLine(d); got != "Page 3 sur 16 · question 4 sur 4 · …" {
		t.Errorf("page 3's progress in 40 columns: %q", got)
	}
	d.send(tea.WindowSizeMsg{Width: 80, Height: 24})
	if got := firstLine(d); got != "Page 3 sur 16 · question 4 sur 4 · 3 sur 68 répondues" {
		t.Errorf("page 3's progress in 80 columns: %q", got)
	}
	for _, tag := range []string{"en", "cy", "fr"} {
		w := drive(t, b, Options{Languages: languages(t, tag)}, 40, 24)
		if got := firstLine(w); ansi.StringWidth(got) > 40 || !strings.HasSuffix(got, "…") || !strings.Contains(got, " · ") {
			t.Errorf("%s: the welcome progress in 40 columns: %q", tag, got)
		}
	}
}

// TestOptionsOutOfSightAreSaid: when a question's options do not all fit
// (a scenario in a 40x24 terminal), a line says there are more below,
// or above once the cursor has gone down to the last; when they fit,
// nothing is said.
func TestOptionsOutOfSightAreSaid(t *testing.T) {
	b := questions.Default()
	d := drive(t, b, Options{Languages: languages(t, "fr"), Start: 3}, 40, 24)
	d.keys(kDown, kEnter, kDown, kEnter, kDown, kEnter) // to learn-scenario, its 4th option out of sight
	last := "Vous inscrire à la prochaine"
	if s := d.screen(); d.m.focusKey() != "learn-scenario" || strings.Contains(s, last) || !strings.Contains(s, "↓ suite plus bas") || strings.Contains(s, "suite plus haut") {
		t.Fatalf("%s: the 4th option is out of sight, and should be said to be below:\n%s", d.m.focusKey(), s)
	}
	d.keys(kDown, kDown, kDown, kDown)
	if s := d.screen(); !strings.Contains(s, last) || !strings.Contains(s, "↑ suite plus haut") || strings.Contains(s, "suite plus bas") {
		t.Errorf("the cursor on the 4th option: it should be in sight, the first said to be above:\n%s", s)
	}
	d.send(tea.WindowSizeMsg{Width: 80, Height: 40})
	if s := d.screen(); strings.Contains(s, "suite plus") || !strings.Contains(s, last) {
		t.Errorf("in 80x40 every option fits, and no cue shows:\n%s", s)
	}
}
