package form

import (
	"errors"
	"io"
	"slices"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/huh"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/cellbuf"
)

// choices is a field of the redrawn form that asks for one option
// (single) or any number of them (multi). Unlike huh's selects, where the
// option under the cursor is the value, it keeps the cursor apart from
// the answer: the answer given is marked (the theme's selected prefix,
// "✓" in most themes) and nothing is marked until the person gives one.
// A single question starts with no cursor at all, so Enter cannot answer
// it by default; ↓ or ↑ puts the cursor on the first or last option.
//
// An inline field (a setting on one line, such as the language) is a
// line of a page like any other: ↓ and ↑ move to the next and previous
// field, as they do elsewhere on the page, and only ← and → (the arrows,
// no letters, not wrapping round) change the option. No other key
// changes it, so that keys meant for another field (a name typed, ↓ to
// go down to it) cannot change it by accident.
type choices struct {
	key, title, desc string
	opts             []choice
	multi            bool
	// inline puts the options beside the title, on one line, when they
	// fit there; quiet shows the description only while focused; follow
	// (single) makes the option under the cursor the answer, as for a
	// setting such as the language, whose default is a fine answer.
	inline, quiet, follow bool
	// sideHelp says what ← and → do on an inline field, in the key help.
	sideHelp string
	// above and below say, in place of an option line, that options are
	// out of sight above or below when they do not all fit (see window).
	above, below string

	// cursor is the option under the cursor, -1 for none; picked is the
	// answer given (single), -1 for none; ticked are the options ticked
	// (multi), confirmed once answered.
	cursor   int
	picked   int
	ticked   []bool
	answered bool
	// given is the answer last given (values), to tell a changed one.
	given []string

	// check refuses a multi reply with the reason, shown under the page.
	check func(values []string) error
	// onAnswer is told the values of every answer given (one for a single
	// question), when it is new or changed; its command runs after.
	onAnswer func(values []string) tea.Cmd
	// noAnswer is the error of Enter on a single question with no cursor.
	noAnswer string

	// resized is set when the field's height changes (its description, a
	// detail or an error shows or goes): the page is laid out again before
	// it is drawn (see model.update). Nil for a field on its own.
	resized *bool

	focused       bool
	err           error
	width, height int
	theme         *huh.Theme
	keys          choiceKeys
	// wrapped are texts already wrapped, by text and width.
	wrapped map[wrapKey]string
}

// choice is one option: what it says, its value, and a detail shown under
// the options while the cursor is on it (a tier's description).
type choice struct {
	label, value, detail string
}

// choiceKeys are the keys of a choices field, from huh's key map (so in
// the questionnaire's language).
type choiceKeys struct {
	up, down, left, right, top, bottom, toggle, prev, next, submit key.Binding
	// side is ← and → together, for the help of an inline field.
	side key.Binding
}

// maxDetailLines is the most lines an option's detail takes; a longer one
// is cut with an ellipsis, so that the options above it stay on screen
// (details are shown in full line by line, in accessible mode).
const maxDetailLines = 3

// newChoices builds a field over opts whose current answer is the option
// with value current (single) or the options with values in current
// (multi); answered says whether that is an answer already given.
func newChoices(key string, opts []choice, multi bool, current []string, answered bool) *choices {
	c := &choices{key: key, opts: opts, multi: multi, cursor: -1, picked: -1, ticked: make([]bool, len(opts)), answered: answered}
	for i, o := range opts {
		if slices.Contains(current, o.value) {
			c.ticked[i] = multi
			if !multi && answered && c.picked < 0 {
				c.picked = i
			}
		}
	}
	switch {
	case c.picked >= 0:
		c.cursor = c.picked
	case multi:
		c.cursor = 0 // a tick is needed to choose: the cursor chooses nothing
	}
	if answered {
		c.given = c.values()
	}
	return c
}

// values are the answer given: the picked option's value (single) or the
// ticked ones' in option order (multi); nil when there is none.
func (c *choices) values() []string {
	if !c.multi {
		if c.picked < 0 {
			return nil
		}
		return []string{c.opts[c.picked].value}
	}
	var out []string
	for i, o := range c.opts {
		if c.ticked[i] {
			out = append(out, o.value)
		}
	}
	return out
}

func (c *choices) Init() tea.Cmd { return nil }

func (c *choices) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	k, ok := msg.(tea.KeyMsg)
	if !ok || !c.focused {
		return c, nil
	}
	if c.inline && !c.multi {
		return c.updateInline(k)
	}
	hadErr := c.err != nil
	c.err = nil
	n, was := len(c.opts), c.cursor
	switch {
	case key.Matches(k, c.keys.up, c.keys.left):
		if c.cursor <= 0 {
			c.cursor = n - 1
		} else {
			c.cursor--
		}
	case key.Matches(k, c.keys.down, c.keys.right):
		c.cursor = (c.cursor + 1) % n
	case key.Matches(k, c.keys.top):
		c.cursor = 0
	case key.Matches(k, c.keys.bottom):
		c.cursor = n - 1
	case key.Matches(k, c.keys.toggle):
		if c.multi && c.cursor >= 0 {
			c.ticked[c.cursor] = !c.ticked[c.cursor]
		}
	case key.Matches(k, c.keys.prev):
		return c, huh.PrevField
	case key.Matches(k, c.keys.next, c.keys.submit):
		model, cmd := c.answer()
		if hadErr != (c.err != nil) {
			c.relayout() // the error shows under the page or goes
		}
		return model, cmd
	}
	if c.cursor != was && c.hasDetail(was) != c.hasDetail(c.cursor) || hadErr {
		c.relayout() // a detail or an error shows or goes: the page's height changes
	}
	return c, c.moved(was)
}

// updateInline is Update for an inline single field: ← and → move along
// the options (stopping at either end), ↓ and ↑ go to the next and
// previous field as Tab and Shift+Tab do, and other keys do nothing.
func (c *choices) updateInline(k tea.KeyMsg) (tea.Model, tea.Cmd) {
	was := c.cursor
	switch {
	case key.Matches(k, c.keys.left):
		c.cursor = max(0, c.cursor-1)
	case key.Matches(k, c.keys.right):
		c.cursor = min(len(c.opts)-1, c.cursor+1)
	case key.Matches(k, c.keys.prev, c.keys.up):
		if !c.keys.prev.Enabled() {
			return c, nil // the page's first field
		}
		return c, huh.PrevField
	case key.Matches(k, c.keys.next, c.keys.submit, c.keys.down):
		return c.answer()
	}
	return c, c.moved(was)
}

// moved makes the option under the cursor the answer of a field that
// follows the cursor, when the cursor has moved from was.
func (c *choices) moved(was int) tea.Cmd {
	if !c.follow || c.multi || c.cursor == was || c.cursor < 0 {
		return nil
	}
	c.picked = c.cursor
	c.given = c.values()
	if c.onAnswer != nil {
		return c.onAnswer(c.values())
	}
	return nil
}

// hasDetail reports whether option i has a detail to show.
func (c *choices) hasDetail(i int) bool { return i >= 0 && c.opts[i].detail != "" }

// relayout asks for the page to be laid out again: the field's height
// has changed.
func (c *choices) relayout() {
	if c.resized != nil {
		*c.resized = true
	}
}

// answer takes the option under the cursor (single) or the ticked ones
// (multi) as the answer and moves on, or says why it cannot.
func (c *choices) answer() (tea.Model, tea.Cmd) {
	if !c.multi {
		if c.cursor < 0 {
			c.err = errors.New(c.noAnswer)
			return c, nil
		}
		c.picked = c.cursor
	}
	now := c.values()
	if c.multi && c.check != nil {
		if err := c.check(now); err != nil {
			c.err = err
			return c, nil
		}
	}
	var cmd tea.Cmd
	if (!c.answered || !slices.Equal(c.given, now)) && c.onAnswer != nil {
		cmd = c.onAnswer(now)
	}
	c.answered, c.given = true, now
	return c, tea.Batch(cmd, huh.NextField)
}

func (c *choices) View() string {
	st := c.styles()
	inner := c.width - st.Base.GetHorizontalFrameSize()
	if c.width <= 0 {
		inner = maxFormWidth
	}
	title := st.Title.Render(c.wrap(c.title, inner))
	if c.err != nil {
		title += st.ErrorIndicator.String()
	}
	head, inlined := c.inlineView(title, inner)
	if !inlined {
		head = title
	}
	parts := []string{head}
	if c.desc != "" && (c.focused || !c.quiet) {
		parts = append(parts, st.Description.Render(c.wrap(c.desc, inner)))
	}
	if !inlined {
		lines, starts := c.optionLines(inner)
		if c.height > 0 {
			lines = c.window(lines, starts, c.height-lipgloss.Height(strings.Join(parts, "\n")))
		}
		parts = append(parts, strings.Join(lines, "\n"))
	}
	return st.Base.Width(c.width).Render(strings.Join(parts, "\n"))
}

// inlineView is the title and the options on one line, when the field is
// inline and they fit in width.
func (c *choices) inlineView(title string, width int) (string, bool) {
	if !c.inline {
		return "", false
	}
	items := make([]string, len(c.opts))
	for i := range c.opts {
		items[i] = c.optionView(i, c.opts[i].label)
	}
	line := title + " " + strings.Join(items, " ")
	return line, lipgloss.Width(line) <= width && !strings.Contains(line, "\n")
}

// optionView is option i with the cursor (or room for it), its mark and
// label (one line of it).
func (c *choices) optionView(i int, label string) string {
	st := c.styles()
	cursor := st.SelectSelector.String()
	if c.multi {
		cursor = st.MultiSelectSelector.String()
	}
	if !c.focused || i != c.cursor {
		cursor = strings.Repeat(" ", lipgloss.Width(cursor))
	}
	if c.marked(i) {
		return cursor + st.SelectedPrefix.String() + st.SelectedOption.Render(label)
	}
	return cursor + st.UnselectedPrefix.String() + st.UnselectedOption.Render(label)
}

// marked reports whether option i is (part of) the answer shown.
func (c *choices) marked(i int) bool {
	if c.multi {
		return c.ticked[i]
	}
	return i == c.picked
}

// optionLines are the options one under another, each label wrapped
// under itself, and the line each option starts on.
func (c *choices) optionLines(width int) (lines []string, starts []int) {
	indent := c.indent()
	for i, o := range c.opts {
		starts = append(starts, len(lines))
		label := strings.Split(c.wrap(o.label, max(8, width-indent)), "\n")
		lines = append(lines, c.optionView(i, label[0]))
		st := c.styles().UnselectedOption
		if c.marked(i) {
			st = c.styles().SelectedOption
		}
		for _, l := range label[1:] {
			lines = append(lines, strings.Repeat(" ", indent)+st.Render(l))
		}
		if i == c.cursor {
			lines = append(lines, c.detailLines(width)...)
		}
	}
	return lines, starts
}

// indent is the width of the cursor and the mark before a label.
func (c *choices) indent() int {
	st := c.styles()
	return lipgloss.Width(st.SelectSelector.String()) + lipgloss.Width(st.UnselectedPrefix.String())
}

// window keeps at most h of the option lines: from the first, or so that
// the cursor's option ends the window when it would be below. When some
// are out of sight, a line says so above or below the window (c.above,
// c.below; the cursor's option stays in sight), so that an option that
// does not fit is not taken for one that is not there; ↓ and ↑ bring it
// into sight.
func (c *choices) window(lines []string, starts []int, h int) []string {
	h = max(1, h)
	if len(lines) <= h {
		return lines
	}
	pick := func(n int) int {
		if c.cursor < 0 {
			return 0
		}
		end := len(lines)
		if c.cursor+1 < len(starts) {
			end = starts[c.cursor+1]
		}
		return min(max(0, end-n), starts[c.cursor])
	}
	n := h
	first := pick(n)
	if h < 3 || c.above == "" || c.below == "" {
		return lines[first : first+n]
	}
	// A line for each cue: fewer options in sight may need a cue that
	// more did not, so until the window settles.
	var up, down bool
	for range 3 {
		up, down = first > 0, first+n < len(lines)
		next := h - b2i(up) - b2i(down)
		if next == n {
			break
		}
		n = next
		first = pick(n)
	}
	up, down = first > 0, first+n < len(lines)
	out := make([]string, 0, h)
	if up {
		out = append(out, c.cue(c.above))
	}
	out = append(out, lines[first:first+n]...)
	if down {
		out = append(out, c.cue(c.below))
	}
	return out
}

// cue is a line that says options are out of sight, under the labels.
func (c *choices) cue(s string) string {
	return strings.Repeat(" ", c.indent()) + c.styles().Description.Render(s)
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

// detailLines are the detail of the option under the cursor, shown
// under it while the field has the focus; none when it has none.
func (c *choices) detailLines(width int) []string {
	if !c.focused || !c.hasDetail(c.cursor) {
		return nil
	}
	indent := c.indent()
	lines := strings.Split(c.wrap(c.opts[c.cursor].detail, max(8, width-indent)), "\n")
	if len(lines) > maxDetailLines {
		lines = lines[:maxDetailLines]
		lines[maxDetailLines-1] = strings.TrimRight(lines[maxDetailLines-1], " ,.;") + "…"
	}
	for i, l := range lines {
		lines[i] = strings.Repeat(" ", indent) + c.styles().Description.Render(l)
	}
	return lines
}

// wrap breaks s into lines of at most limit cells, as huh does, once for
// each width: the field's texts do not change, and cellbuf.Wrap takes a
// parser with a 4 MB buffer from a pool that every garbage collection
// empties. A line that fits is kept as it is.
func (c *choices) wrap(s string, limit int) string {
	if limit < 1 || !strings.Contains(s, "\n") && ansi.StringWidth(s) <= limit {
		return s
	}
	k := wrapKey{s, limit}
	if w, ok := c.wrapped[k]; ok {
		return w
	}
	if c.wrapped == nil {
		c.wrapped = map[wrapKey]string{}
	}
	w := cellbuf.Wrap(s, limit, ",.-; ")
	c.wrapped[k] = w
	return w
}

type wrapKey struct {
	s     string
	limit int
}

func (c *choices) styles() *huh.FieldStyles {
	if c.focused {
		return &c.theme.Focused
	}
	return &c.theme.Blurred
}

// Focus and Blur ask for the page to be laid out again when the field's
// height changes with its focus (its description or a detail shows only
// while focused); laying out costs more than a frame, so only then.
func (c *choices) Focus() tea.Cmd { c.focused = true; c.refocused(); return nil }
func (c *choices) Blur() tea.Cmd  { c.focused = false; c.err = nil; c.refocused(); return nil }

func (c *choices) refocused() {
	if c.quiet || slices.ContainsFunc(c.opts, func(o choice) bool { return o.detail != "" }) {
		c.relayout()
	}
}
func (c *choices) Error() error { return c.err }
func (c *choices) Skip() bool   { return false }
func (c *choices) Zoom() bool   { return false }

// Run and RunAccessible are huh's ways to ask a field on its own; the
// questionnaire asks its fields in a form, or line by line (accessible.go).
func (c *choices) Run() error { return huh.NewForm(huh.NewGroup(c)).Run() }
func (c *choices) RunAccessible(io.Writer, io.Reader) error {
	return errors.New("choices: ask in accessible mode with the questionnaire's own prompts")
}

func (c *choices) KeyBinds() []key.Binding {
	if c.multi {
		return []key.Binding{c.keys.up, c.keys.down, c.keys.toggle, c.keys.prev, c.keys.next, c.keys.submit}
	}
	if c.inline {
		// ↑ and ↓ go to the previous and next field (↑ named only when
		// there is one), ← and → change the option.
		return []key.Binding{c.keys.side, c.keys.up, c.keys.down, c.keys.next, c.keys.submit}
	}
	return []key.Binding{c.keys.up, c.keys.down, c.keys.prev, c.keys.next, c.keys.submit}
}

func (c *choices) WithTheme(t *huh.Theme) huh.Field {
	if c.theme == nil {
		c.theme = t
	}
	return c
}

func (c *choices) WithKeyMap(k *huh.KeyMap) huh.Field {
	if c.multi {
		m := k.MultiSelect
		c.keys = choiceKeys{up: m.Up, down: m.Down, top: m.GotoTop, bottom: m.GotoBottom, toggle: m.Toggle, prev: m.Prev, next: m.Next, submit: m.Submit}
	} else {
		s := k.Select
		c.keys = choiceKeys{up: s.Up, down: s.Down, left: s.Left, right: s.Right, top: s.GotoTop, bottom: s.GotoBottom, prev: s.Prev, next: s.Next, submit: s.Submit}
		c.keys.left.SetEnabled(c.inline)
		c.keys.right.SetEnabled(c.inline)
		if c.inline {
			// The arrows only: letters are for the fields around it.
			c.keys.left = key.NewBinding(key.WithKeys("left"))
			c.keys.right = key.NewBinding(key.WithKeys("right"))
			c.keys.side = key.NewBinding(key.WithKeys("left", "right"), key.WithHelp("←/→", c.sideHelp))
			c.keys.up = key.NewBinding(key.WithKeys("up"), key.WithHelp(s.Up.Help().Key, s.Prev.Help().Desc))
			c.keys.down = key.NewBinding(key.WithKeys("down"), key.WithHelp(s.Down.Help().Key, k.Input.Next.Help().Desc))
		}
	}
	return c
}

func (c *choices) WithAccessible(bool) huh.Field { return c }
func (c *choices) WithWidth(w int) huh.Field     { c.width = w; return c }
func (c *choices) WithHeight(h int) huh.Field    { c.height = h; return c }

func (c *choices) WithPosition(p huh.FieldPosition) huh.Field {
	c.keys.prev.SetEnabled(!p.IsFirst())
	if c.inline && !c.multi {
		c.keys.up.SetEnabled(!p.IsFirst())
		c.keys.down.SetEnabled(!p.IsLast())
	}
	c.keys.next.SetEnabled(!p.IsLast())
	c.keys.submit.SetEnabled(p.IsLast())
	return c
}

func (c *choices) GetKey() string { return c.key }

func (c *choices) GetValue() any {
	if c.multi {
		return c.values()
	}
	if v := c.values(); len(v) == 1 {
		return v[0]
	}
	return ""
}
