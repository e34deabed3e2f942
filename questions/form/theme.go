package form

import (
	"reflect"

	"github.com/charmbracelet/huh"
	"github.com/charmbracelet/lipgloss"
)

// styleType is the type rebound by themeFor.
var styleType = reflect.TypeFor[lipgloss.Style]()

// themeFor builds huh's theme name with every style drawn by r. huh v1's
// themes make their styles with lipgloss's default renderer, whose
// colours follow the process's own terminal; a form drawn on another
// terminal (an SSH session), or beside others, must use the renderer made
// for it, and nothing may change the default renderer while forms run.
func themeFor(name string, r *lipgloss.Renderer) *huh.Theme {
	t := themes[name]()
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
		out = out.Background(bg)
	}
	if t, right, b, l := s.GetMargin(); t|right|b|l != 0 {
		out = out.Margin(t, right, b, l)
	}
	if t, right, b, l := s.GetPadding(); t|right|b|l != 0 {
		out = out.Padding(t, right, b, l)
	}
	return out
}
