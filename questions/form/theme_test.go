package form

import (
	"io"
	"reflect"
	"strings"
	"testing"

	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"
)

func renderer(p termenv.Profile, dark bool) *lipgloss.Renderer {
	r := lipgloss.NewRenderer(io.Discard)
	r.SetColorProfile(p)
	r.SetHasDarkBackground(dark)
	return r
}

// styles renders every style of a theme (a struct walked through its
// fields), in field order.
func styles(v reflect.Value, out *[]string) {
	if v.Type() == styleType {
		*out = append(*out, v.Interface().(lipgloss.Style).Render("x y"))
		return
	}
	if v.Kind() == reflect.Struct {
		for i := range v.NumField() {
			if v.Type().Field(i).IsExported() {
				styles(v.Field(i), out)
			}
		}
	}
}

// TestThemeForDrawsLikeHuhOnTheSessionsRenderer holds that every theme,
// rebound to a renderer, draws exactly as huh's own theme does when that
// renderer is the default one: same colours, borders, margins, padding
// and strings.
func TestThemeForDrawsLikeHuhOnTheSessionsRenderer(t *testing.T) {
	prev := lipgloss.DefaultRenderer()
	defer lipgloss.SetDefaultRenderer(prev)
	for _, name := range Themes() {
		for _, p := range []termenv.Profile{termenv.TrueColor, termenv.ANSI256, termenv.ANSI, termenv.Ascii} {
			for _, dark := range []bool{true, false} {
				lipgloss.SetDefaultRenderer(renderer(p, dark))
				var want, got []string
				styles(reflect.ValueOf(themes()[name]()).Elem(), &want)
				lipgloss.SetDefaultRenderer(renderer(termenv.Ascii, !dark))
				styles(reflect.ValueOf(themeFor(name, renderer(p, dark))).Elem(), &got)
				if len(got) != len(want) || len(want) < 40 {
					t.Fatalf("%s: %d styles, want %d (and more than 40)", name, len(got), len(want))
				}
				for i := range want {
					if got[i] != want[i] {
						t.Errorf("%s (profile %v, dark %v): style %d draws %q, huh's %q", name, p, dark, i, got[i], want[i])
					}
				}
			}
		}
	}
}

// TestThemeColoursFollowTheSessionNotTheProcess holds that the colours
// of a form come from its own renderer whatever the default renderer is:
// a plain session gets no escape codes beside a colour one, and the
// other way round.
func TestThemeColoursFollowTheSessionNotTheProcess(t *testing.T) {
	prev := lipgloss.DefaultRenderer()
	defer lipgloss.SetDefaultRenderer(prev)
	tests := []struct {
		process, session termenv.Profile
		escapes          bool
	}{
		{termenv.TrueColor, termenv.Ascii, false},
		{termenv.Ascii, termenv.TrueColor, true},
		{termenv.Ascii, termenv.ANSI256, true},
	}
	for _, tt := range tests {
		lipgloss.SetDefaultRenderer(renderer(tt.process, true))
		th := themeFor("charm", renderer(tt.session, true))
		s := th.Focused.Title.Render("Your name") + th.Focused.SelectSelector.Render() + th.Help.ShortKey.Render("enter")
		if got := strings.Contains(s, "\x1b["); got != tt.escapes {
			t.Errorf("process %v, session %v: escape codes %v, want %v: %q", tt.process, tt.session, got, tt.escapes, s)
		}
	}
}
