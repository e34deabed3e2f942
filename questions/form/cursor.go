package form

import (
	"slices"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/huh"
)

// huh v1.0.0 scrolls a select's options to line N when its cursor starts
// on option N, hiding the options above it once labels wrap. So in the
// redrawn form a select starts on its first option and is moved to the
// current choice with key presses, after the form has set its key map.

var (
	keyDown   = tea.KeyMsg{Type: tea.KeyDown}
	keyUp     = tea.KeyMsg{Type: tea.KeyUp}
	keyToggle = tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{'x'}}
)

// press sends keys to a field.
func press(f huh.Field, keys ...tea.KeyMsg) {
	for _, k := range keys {
		f.Update(k)
	}
}

// repeat is n copies of key k.
func repeat(k tea.KeyMsg, n int) []tea.KeyMsg {
	keys := make([]tea.KeyMsg, max(0, n))
	for i := range keys {
		keys[i] = k
	}
	return keys
}

// selectOn builds a select over opts bound to v, whose cursor is moved to
// *v's option by moves once the form exists. The theme is given first:
// huh sizes the options as they are set, and without a theme it builds
// its own for every option drawn.
func selectOn(opts []huh.Option[string], v *string, moves *[]func(), theme *huh.Theme) *huh.Select[string] {
	idx := slices.IndexFunc(opts, func(o huh.Option[string]) bool { return o.Value == *v })
	*v = ""
	s := huh.NewSelect[string]()
	if theme != nil {
		s.WithTheme(theme)
	}
	s.Options(opts...).Accessor(binding[string]{v})
	*moves = append(*moves, func() { press(s, repeat(keyDown, idx)...) })
	return s
}

// multiOn builds a multi-select over opts bound to v, whose choices are
// ticked by moves once the form exists, leaving the cursor on the first
// option.
func multiOn(opts []huh.Option[string], v *[]string, moves *[]func(), theme *huh.Theme) *huh.MultiSelect[string] {
	picked := *v
	*v = nil
	m := huh.NewMultiSelect[string]()
	if theme != nil {
		m.WithTheme(theme)
	}
	m.Options(opts...).Value(v)
	*moves = append(*moves, func() {
		at := 0
		for i, o := range opts {
			if slices.Contains(picked, o.Value) {
				press(m, repeat(keyDown, i-at)...)
				press(m, keyToggle)
				at = i
			}
		}
		press(m, repeat(keyUp, at)...)
	})
	return m
}
