package form

import (
	"reflect"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/huh"
)

// huh moves the focus to the next question (and the next page) with
// commands: Enter returns a command whose message moves the focus, and
// Bubble Tea runs commands in goroutines while keys keep coming. Keys
// typed ahead (a fast typist, a paste, or keys that queued up while a
// busy server was slow to read them) could reach the question before the
// focus moved, and so land on the wrong question. The model holds such
// keys: after a key that may move the focus, later keys wait until every
// message the move sets off has been handled, then go on in order.

// holdKey reports whether the focus may move after key k.
func holdKey(k string) bool { return k == "enter" || k == "tab" || k == "shift+tab" }

// holdAtMost is how long keys are held at most, should a command of a
// move never answer: long enough for a move on a server so busy that its
// goroutines wait their turn for seconds (under -race on shared cores).
const holdAtMost = 10 * time.Second

// typeAhead is the model's keys held while the focus moves.
type typeAhead struct {
	held    []tea.KeyMsg
	waiting int // the settledMsg awaited; 0 when keys go through
	seq     int
}

// settledMsg comes after the messages of a focus move's commands.
type settledMsg struct{ id int }

// huhPackage is the package of huh's own messages (the moves between
// fields and groups), which set off the next step of a move.
var huhPackage = reflect.TypeOf((*huh.Form)(nil)).Elem().PkgPath()

func (m *model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case settledMsg:
		if msg.id != m.waiting {
			return m, nil // an earlier step's, or the safety tick of one settled
		}
		m.waiting = 0
		return m.replay()
	case tea.KeyMsg:
		if m.waiting != 0 {
			m.held = append(m.held, msg)
			return m, nil
		}
		_, cmd := m.update(msg)
		if holdKey(msg.String()) {
			return m, m.hold(cmd)
		}
		return m, cmd
	}
	_, cmd := m.update(msg)
	if m.waiting != 0 && isHuhMsg(msg) {
		// A step of the move set off another (the next field's, the
		// group's, the submit): wait for that one. A step that set off
		// nothing does not end the move: its other messages may still
		// be on their way, and the settled message comes after them.
		return m, m.hold(cmd)
	}
	return m, cmd
}

// hold holds keys until cmd's messages have been handled (or
// holdAtMost): a settledMsg follows them. A key that set nothing off
// holds nothing.
func (m *model) hold(cmd tea.Cmd) tea.Cmd {
	if cmd == nil {
		return nil
	}
	m.seq++
	id := m.seq
	m.waiting = id
	settled := func() tea.Msg { return settledMsg{id} }
	return tea.Batch(tea.Sequence(cmd, settled), tea.Tick(holdAtMost, func(time.Time) tea.Msg { return settledMsg{id} }))
}

// replay hands the held keys on, in order, until one holds again.
func (m *model) replay() (tea.Model, tea.Cmd) {
	var cmds []tea.Cmd
	for len(m.held) > 0 && m.waiting == 0 {
		k := m.held[0]
		m.held = m.held[1:]
		_, cmd := m.Update(k)
		cmds = append(cmds, cmd)
	}
	return m, tea.Batch(cmds...)
}

// isHuhMsg reports whether msg is one of huh's own messages.
func isHuhMsg(msg tea.Msg) bool {
	t := reflect.TypeOf(msg)
	return t != nil && t.PkgPath() == huhPackage
}
