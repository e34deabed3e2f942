package form

import (
	"errors"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/digilead/digilead/questions"
	"github.com/digilead/digilead/questions/lang"
)

var update = flag.Bool("update", false, "rewrite golden files")

// golden compares got with testdata/name, or rewrites it with -update.
func golden(t *testing.T, name string, got string) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		os.MkdirAll("testdata", 0o755)
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./questions/form -update to create it)", err)
	}
	if got != string(want) {
		t.Errorf("%s differs (run go test ./questions/form -update to accept):\n--- got\n%s\n--- want\n%s", path, got, want)
	}
}

// languages are the built-in bank's languages, tag first.
func languages(t *testing.T, tag string) []Language {
	t.Helper()
	s, err := questions.DefaultSet()
	if err != nil {
		t.Fatal(err)
	}
	langs := []Language{{Tag: tag, Lang: lang.Get(tag), Bank: s.In(tag)}}
	for _, other := range s.Languages() {
		if other != tag {
			langs = append(langs, Language{Tag: other, Lang: lang.Get(other), Bank: s.In(other)})
		}
	}
	return langs
}

// firstPage draws the redrawn form's welcome page in a language, plain,
// as a 80x24 terminal shows it first (the first field has the focus).
func firstPage(t *testing.T, tag string) *driver {
	t.Helper()
	return drive(t, questions.Default(), Options{Languages: languages(t, tag), DraftPath: "/home/ana/.local/share/digilead/drafts/public-sector-digital-leadership.json"}, 80, 24)
}

// TestFirstPageGolden draws the questionnaire's welcome page in English,
// Welsh and French, redrawn and line by line: the bank's title and intro,
// the languages offered, the name and role fields and the key help, all
// in the language; redrawn, also with the tier question focused and the
// cursor on the first tier, whose description shows under it.
func TestFirstPageGolden(t *testing.T) {
	for _, tag := range []string{"en", "cy", "fr"} {
		t.Run(tag, func(t *testing.T) {
			d := firstPage(t, tag)
			page := d.screen()
			golden(t, "welcome."+tag+".golden", page)
			d.keys(kTab, kTab, kUp, kUp, kUp)
			golden(t, "welcome-role."+tag+".golden", d.screen())
			if tag == "en" {
				return
			}
			for _, english := range []string{"Welcome", "Your name", "enter", "next", "Which tier", "I would rather"} {
				if strings.Contains(page, english) {
					t.Errorf("the %s welcome page holds %q", tag, english)
				}
			}
		})
		if tag == "en" {
			continue
		}
		t.Run(tag+".accessible", func(t *testing.T) {
			_, screen := runAccessible(t, questions.Default(), "\n", Options{Languages: languages(t, tag)})
			golden(t, "welcome."+tag+".accessible.golden", screen)
		})
	}
}

// TestWelcomePageSwitchesLanguage chooses Welsh on an English welcome
// page: the page is drawn again in Welsh, and the answers say Welsh.
func TestWelcomePageSwitchesLanguage(t *testing.T) {
	t.Parallel() // a program of its own; it waits on frames more than it works
	b := questions.Default()
	var last Progress
	term, done := run(t, b, Options{Languages: languages(t, "en"), OnChange: func(p Progress) error { last = p; return nil }})
	term.waitFor("Welcome")
	term.press("\x1b[D") // ←: Cymraeg, English, Français: to Cymraeg
	term.waitFor("Croeso")
	term.press(enter)
	term.waitFor("┃ Eich enw")
	term.press(ctrlC)
	var in Interrupted
	if o := wait(t, done); !errors.As(o.err, &in) || !errors.Is(o.err, ErrInterrupted) || in.Language != "cy" {
		t.Fatalf("err = %v, want an interruption in Welsh", o.err)
	}
	if last.Language != "" {
		t.Errorf("a page was left before Ctrl-C: %+v", last)
	}

	// Accessible: 1 chooses Cymraeg, and the page is said again in Welsh.
	_, screen := runAccessible(t, b, "1\nAna\n", Options{Languages: languages(t, "en")})
	if !strings.Contains(screen, "Croeso ·") || !strings.Contains(screen, "Eich enw (dewisol") {
		t.Errorf("the accessible welcome page did not switch to Welsh:\n%s", screen)
	}
}

// TestWelcomePageArrowsMoveBetweenFields: on the welcome page ↓ and ↑
// move between the fields, as the key help says, and only ← and → change
// the language, without wrapping round; a name typed (h and l among its
// letters, which move huh's selects) changes nothing but the name.
func TestWelcomePageArrowsMoveBetweenFields(t *testing.T) {
	d := firstPage(t, "fr") // Cymraeg, English, Français: Français chosen
	if help := d.screen(); !strings.Contains(help, "←/→ changer de langue") || !strings.Contains(help, "↓ suivant") || strings.Contains(help, "↓ bas") {
		t.Errorf("the language field's key help does not say what ←/→ and ↓ do:\n%s", help)
	}
	d.keys(kDown)
	if got := d.m.focusKey(); got != fieldName || d.m.q.choice != "fr" {
		t.Fatalf("↓ on the language: focus %q, language %q; want the name field, fr", got, d.m.q.choice)
	}
	for _, r := range "hjkl Hélène" {
		d.keys(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{r}})
	}
	if d.m.q.choice != "fr" || d.m.q.name != "" && d.m.q.name != "hjkl Hélène" {
		t.Errorf("typing a name: language %q, name %q", d.m.q.choice, d.m.q.name)
	}
	if s := d.screen(); !strings.Contains(s, "hjkl Hélène") || !strings.Contains(s, "Votre nom") {
		t.Errorf("the name typed is not on the French page:\n%s", s)
	}
	d.keys(kUp)
	if got := d.m.focusKey(); got != fieldLanguage {
		t.Fatalf("↑ on the name: focus %q, want the language", got)
	}
	d.keys(kRight, kUp, tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{'h'}})
	if d.m.q.choice != "fr" || d.m.focusKey() != fieldLanguage {
		t.Errorf("→ on the last language, ↑ on the first field, h: language %q, focus %q; want fr, unchanged", d.m.q.choice, d.m.focusKey())
	}
	d.keys(kLeft)
	if s := d.screen(); d.m.q.choice != "en" || !strings.Contains(s, "Your name") || !strings.Contains(s, "←/→ change language") {
		t.Errorf("←: language %q, want en and the page in English:\n%s", d.m.q.choice, s)
	}
	d.keys(kTab)
	if got := d.m.focusKey(); got != fieldName || d.m.q.choice != "en" {
		t.Errorf("Tab on the language: focus %q, language %q; want the name field, en", got, d.m.q.choice)
	}
}
