package session

import (
	"strings"
	"testing"

	"github.com/digilead/digilead/questions"
	"github.com/digilead/digilead/questions/form"
	"github.com/digilead/digilead/questions/lang"
)

// welsh asks the test bank with Welsh words (the bank has no translation,
// so its own texts stay).
func welsh(t *testing.T) []form.Language {
	return []form.Language{{Tag: "cy", Lang: lang.Get("cy"), Bank: bank(t)}}
}

// TestSessionInALanguage asks in Welsh: the pages and the stop message
// are in Welsh, the draft and the result record the language, and a
// resumed session says so in Welsh.
func TestSessionInALanguage(t *testing.T) {
	st := newStore(t)
	r := ask(t, st, welcome+pageA, Options{Languages: welsh(t)}, nil)
	if !strings.Contains(r.screen, "Tudalen 1 o 2") || r.err == nil || !strings.Contains(r.err.Error(), "wedi stopio.") {
		t.Fatalf("stopped in Welsh? err %v\n%s", r.err, r.screen)
	}
	d, err := st.LoadDraft("two-pages")
	if err != nil || d.Language != "cy" {
		t.Fatalf("draft language %q (%v)", d.Language, err)
	}
	// Resumed without asking for a language: the draft's comes first.
	both := append(welsh(t)[:0:0], form.Language{Tag: "en", Lang: lang.English(), Bank: bank(t)}, welsh(t)[0])
	r = ask(t, st, pageB, Options{Resume: true, Languages: both}, nil)
	if r.err != nil {
		t.Fatalf("%v\n%s", r.err, r.screen)
	}
	if !strings.Contains(r.screen, "Yn ailddechrau'r asesiad") || r.delivered.Language != "cy" {
		t.Errorf("resumed in %q:\n%s", r.delivered.Language, r.screen)
	}
}

// TestLanguagesFollowTheRequest checks the language asked for comes first,
// fr-CA taking fr, and the bank's own when none serves.
func TestLanguagesFollowTheRequest(t *testing.T) {
	s, err := questions.DefaultSet()
	if err != nil {
		t.Fatal(err)
	}
	for requested, want := range map[string]string{"fr-CA": "fr", "cy": "cy", "": "en", "de": "en"} {
		langs, ok := Languages(s, requested)
		if langs[0].Tag != want || ok != (want != "en") || len(langs) != 3 {
			t.Errorf("%q: first %s (ok %v) of %d", requested, langs[0].Tag, ok, len(langs))
		}
		if langs[0].Bank.Language != want {
			t.Errorf("%q: the bank is in %q", requested, langs[0].Bank.Language)
		}
	}
}

// TestForObserversLeavesTheLanguagesAsTheyWere: the observer wording
// replaces each bank in a copy; the languages given keep theirs.
func TestForObserversLeavesTheLanguagesAsTheyWere(t *testing.T) {
	s, err := questions.DefaultSet()
	if err != nil {
		t.Fatal(err)
	}
	langs, _ := Languages(s, "cy")
	obs := ForObservers(langs)
	for i := range langs {
		if obs[i].Tag != langs[i].Tag || len(obs[i].Bank.Questions) != len(langs[i].Bank.ForObservers().Questions) || obs[i].Bank == langs[i].Bank {
			t.Errorf("%s: %d observer questions of %d, same bank %v", obs[i].Tag, len(obs[i].Bank.Questions), len(langs[i].Bank.Questions), obs[i].Bank == langs[i].Bank)
		}
	}
}
