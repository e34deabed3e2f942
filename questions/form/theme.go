package form

import (
	"reflect"
	"strconv"

	"github.com/charmbracelet/huh"
	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"
)

// styleType is the type rebound by themeFor.
var styleType = reflect.TypeFor[lipgloss.Style]()

// themeFor builds huh's theme name with every style drawn by r. huh v1's
// themes make their styles with lipgloss's default renderer, whose
// colours follow the process's own terminal; a form drawn on another
// terminal (an SSH session), or beside others, must use the renderer made
// for it, and nothing may change the default renderer while forms run.
func themeFor(name string, r *lipgloss.Renderer) *huh.Theme {
	t := themes()[name]()
	rebind(reflect.ValueOf(t).Elem(), r)
	return t
}

// rebind replaces every lipgloss style in v (a struct, walked through its
// fields) by the same style made by r.
func rebind(v reflect.Value, r *lipgloss.Renderer) {
	if v.Type() == styleType {
		v.Set(reflect.ValueOf(restyle(v.Interface().(lipgloss.Style), r)))
		return
	}
	if v.Kind() != reflect.Struct {
		return
	}
	for i := range v.NumField() {
		if f := v.Field(i); f.CanSet() {
			rebind(f, r)
		}
	}
}

// restyle is s made by r: every property s sets and its string. Inherit
// leaves out margins and padding, so they are copied too, and would give
// the margins the background, so that is set after.
func restyle(s lipgloss.Style, r *lipgloss.Renderer) lipgloss.Style {
	out := r.NewStyle().Inherit(s.UnsetBackground()).SetString(s.Value())
	if bg := s.GetBackground(); bg != (lipgloss.NoColor{}) {
		out = out.Background(resolve(bg, r))
	}
	// Colours are converted for the terminal once, here, not at every
	// frame (converting #rrggbb to 256 colours is most of a frame's work).
	for _, c := range colours {
		if v := c.get(out); v != (lipgloss.NoColor{}) {
			out = c.set(out, resolve(v, r))
		}
	}
	if t, right, b, l := s.GetMargin(); t|right|b|l != 0 {
		out = out.Margin(t, right, b, l)
	}
	if t, right, b, l := s.GetPadding(); t|right|b|l != 0 {
		out = out.Padding(t, right, b, l)
	}
	return out
}

// colours are the colour properties of a style other than its
// background (set apart: see restyle).
var colours = []struct {
	get func(lipgloss.Style) lipgloss.TerminalColor
	set func(lipgloss.Style, lipgloss.TerminalColor) lipgloss.Style
}{
	{lipgloss.Style.GetForeground, lipgloss.Style.Foreground},
	{lipgloss.Style.GetBorderTopForeground, lipgloss.Style.BorderTopForeground},
	{lipgloss.Style.GetBorderRightForeground, lipgloss.Style.BorderRightForeground},
	{lipgloss.Style.GetBorderBottomForeground, lipgloss.Style.BorderBottomForeground},
	{lipgloss.Style.GetBorderLeftForeground, lipgloss.Style.BorderLeftForeground},
	{lipgloss.Style.GetBorderTopBackground, lipgloss.Style.BorderTopBackground},
	{lipgloss.Style.GetBorderRightBackground, lipgloss.Style.BorderRightBackground},
	{lipgloss.Style.GetBorderBottomBackground, lipgloss.Style.BorderBottomBackground},
	{lipgloss.Style.GetBorderLeftBackground, lipgloss.Style.BorderLeftBackground},
}

// resolve is colour c as r draws it: the light or dark choice made, and
// converted to r's colour profile.
func resolve(c lipgloss.TerminalColor, r *lipgloss.Renderer) lipgloss.TerminalColor {
	var spec string
	switch c := c.(type) {
	case lipgloss.Color:
		spec = string(c)
	case lipgloss.AdaptiveColor:
		spec = c.Light
		if r.HasDarkBackground() {
			spec = c.Dark
		}
	default:
		return c
	}
	switch tc := r.ColorProfile().Color(spec).(type) {
	case termenv.ANSIColor:
		return lipgloss.Color(strconv.Itoa(int(tc)))
	case termenv.ANSI256Color:
		return lipgloss.Color(strconv.Itoa(int(tc)))
	case termenv.RGBColor:
		return lipgloss.Color(string(tc))
	}
	return lipgloss.NoColor{}
}
