package form

import (
	"bytes"
	"reflect"
	"runtime"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"

	"github.com/digilead/digilead/questions"
)

// driver runs the redrawn form's model without a program, so that a test
// can look at the screen after each key: every command's messages are
// handed back to the model at once, and commands that wait (the text
// cursor's blink) are dropped.
type driver struct {
	t *testing.T
	m *model
}

// drive builds the questionnaire's model for a width x height terminal,
// plain (no colour) with the charm theme, and starts it.
func drive(t *testing.T, b *questions.Bank, opts Options, width, height int) *driver {
	t.Helper()
	plain := lipgloss.NewRenderer(&bytes.Buffer{})
	plain.SetColorProfile(termenv.Ascii)
	plain.SetHasDarkBackground(true)
	opts.Renderer, opts.Out = plain, &bytes.Buffer{}
	if len(opts.Languages) == 0 {
		opts.Languages = []Language{{Tag: "en", Lang: languages(t, "en")[0].Lang, Bank: b}}
	}
	q := newQuestionnaire(b, opts)
	q.theme = themeFor("charm", plain)
	d := &driver{t: t, m: q.newModel()}
	d.send(tea.WindowSizeMsg{Width: width, Height: height})
	d.run(d.m.Init())
	return d
}

// send hands msg to the model and runs what it asks for.
func (d *driver) send(msg tea.Msg) {
	d.t.Helper()
	_, cmd := d.m.Update(msg)
	d.run(cmd)
}

// keys sends keys as a terminal does (see the key bytes in form_test.go).
func (d *driver) keys(keys ...tea.KeyMsg) {
	d.t.Helper()
	for _, k := range keys {
		d.send(k)
	}
}

var (
	kDown  = tea.KeyMsg{Type: tea.KeyDown}
	kUp    = tea.KeyMsg{Type: tea.KeyUp}
	kEnter = tea.KeyMsg{Type: tea.KeyEnter}
	kTab   = tea.KeyMsg{Type: tea.KeyTab}
	kLeft  = tea.KeyMsg{Type: tea.KeyLeft}
	kRight = tea.KeyMsg{Type: tea.KeyRight}
	kX     = tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{'x'}}
)

func (d *driver) run(cmd tea.Cmd) {
	for _, msg := range messages(cmd, 0) {
		d.send(msg)
	}
}

var cmdType = reflect.TypeFor[tea.Cmd]()

// timerWait is how long a command may take before it is taken for a
// timer (the text cursor blinks every 530 ms) and dropped: long enough
// for any other command on a loaded machine under -race.
const timerWait = 250 * time.Millisecond

// timers are the functions of the commands known to be timers, which are
// dropped without waiting timerWait for them: the text cursor's blink
// (530 ms, never sooner: the driver makes no other blink that would
// cancel it while it waits) and tea.Tick, whose only use here is hold's
// safety tick of holdAtMost. Any other command still gets timerWait.
var timers = []string{
	"github.com/charmbracelet/bubbles/cursor.(*Model).BlinkCmd.",
	"github.com/charmbracelet/bubbletea.Tick.",
}

// isTimer reports whether cmd is one of the known timers.
func isTimer(cmd tea.Cmd) bool {
	f := runtime.FuncForPC(reflect.ValueOf(cmd).Pointer())
	if f == nil {
		return false
	}
	name := f.Name()
	for _, t := range timers {
		if strings.Contains(name, t) {
			return true
		}
	}
	return false
}

// messages are what cmd produces, batches and sequences opened.
func messages(cmd tea.Cmd, depth int) []tea.Msg {
	if cmd == nil || depth > 20 || isTimer(cmd) {
		return nil
	}
	got := make(chan tea.Msg, 1)
	go func() { got <- cmd() }()
	var msg tea.Msg
	select {
	case msg = <-got:
	case <-time.After(timerWait):
		return nil // a timer
	}
	if msg == nil {
		return nil
	}
	if v := reflect.ValueOf(msg); v.Kind() == reflect.Slice && v.Type().Elem() == cmdType {
		var out []tea.Msg
		for i := range v.Len() {
			out = append(out, messages(v.Index(i).Interface().(tea.Cmd), depth+1)...)
		}
		return out
	}
	if _, ok := msg.(tea.QuitMsg); ok {
		return nil
	}
	return []tea.Msg{msg}
}

// screen is the model's view as a terminal shows it: lines without the
// spaces that pad them.
func (d *driver) screen() string {
	lines := strings.Split(d.m.View(), "\n")
	for i, l := range lines {
		lines[i] = strings.TrimRight(l, " ")
	}
	return strings.Join(lines, "\n") + "\n"
}
