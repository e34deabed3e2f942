package questions_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/digilead/digilead/questions"
	"github.com/digilead/digilead/questions/errtext"
	"github.com/digilead/digilead/questions/questionstest"
)

const tinyBank = "testdata/translate/bank.yaml"

func tiny(t testing.TB) *questions.Bank { return questionstest.Load(t, tinyBank) }

// TestBuiltinTranslationsAreComplete fails when the built-in bank has a
// text (a question, its help, an option, a scale label, an action, a tier
// or dimension text) that its Welsh or French translation lacks, or
// translates from an earlier text; and checks a translated bank keeps the
// ids, scores and digest.
func TestBuiltinTranslationsAreComplete(t *testing.T) {
	s, err := questions.DefaultSet()
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Resolve(); err != nil {
		t.Fatal(err)
	}
	b := s.Bank
	for _, tag := range []string{"cy", "fr"} {
		tr := s.Translation(tag)
		if tr == nil {
			t.Fatalf("the built-in bank has no %s translation", tag)
		}
		missing, outdated := tr.Missing(b)
		for _, x := range missing {
			t.Errorf("%s: %s is not translated (%q)", tag, x.Path, x.Source)
		}
		for _, x := range outdated {
			t.Errorf("%s: %s was translated from an earlier text; now %q", tag, x.Path, x.Source)
		}
		if tr.Status != questions.StatusDraft && tr.Status != questions.StatusReviewed {
			t.Errorf("%s: status %q", tag, tr.Status)
		}
		in := s.In(tag)
		if in.Digest != b.Digest || in.ID != b.ID || in.Language != tag {
			t.Errorf("%s: translated bank %s %s %s, want %s %s %s", tag, in.ID, in.Digest, in.Language, b.ID, b.Digest, tag)
		}
		for i, q := range b.Questions {
			tq := in.Questions[i]
			if tq.ID != q.ID || tq.Type != q.Type || tq.Reverse != q.Reverse || tq.Weight != q.Weight || tq.Scale.Min != q.Scale.Min || tq.Scale.Max != q.Scale.Max || len(tq.Scale.Labels) != len(q.Scale.Labels) {
				t.Errorf("%s: question %s changed shape", tag, q.ID)
			}
			for j, o := range q.Options {
				if tq.Options[j].ID != o.ID || tq.Options[j].Score != o.Score {
					t.Errorf("%s: option %s.%s changed", tag, q.ID, o.ID)
				}
			}
			if q.Text == tq.Text {
				t.Errorf("%s: question %s reads as in English: %q", tag, q.ID, q.Text)
			}
		}
	}
}

// TestTranslationErrors checks each problem of a translation file is
// refused at its line.
func TestTranslationErrors(t *testing.T) {
	b := tiny(t)
	head := "schema: digilead.translation/v1\nbank: tiny\nlanguage: cy\n"
	tests := []struct {
		name, body, want string
	}{
		{"another bank", "schema: digilead.translation/v1\nbank: other\nlanguage: cy\n", `cy.yaml:2: bank: translates bank "other", but it is loaded with bank "tiny"`},
		{"unknown key", head + "titel: Teitl\n", "cy.yaml:4: titel: unknown field (did you mean \"title\"?)"},
		{"unknown tier", head + "tiers:\n  frist:\n    name: Cyntaf\n", `cy.yaml:5: tiers.frist: the bank has no tier "frist" (did you mean "first"?)`},
		{"unknown dimension", head + "dimensions:\n  visoin:\n    name: Gweledigaeth\n", `cy.yaml:5: dimensions.visoin: the bank has no dimension "visoin" (did you mean "vision"?)`},
		{"unknown question", head + "questions:\n  v3:\n    text: Beth?\n", `cy.yaml:5: questions.v3: the bank has no question "v3"`},
		{"unknown option", head + "questions:\n  d1:\n    options:\n      chek: Gwirio.\n", `cy.yaml:7: questions.d1.options.chek: the question has no option "chek" (did you mean "check"?)`},
		{"unknown question field", head + "questions:\n  v1:\n    txt: Beth?\n", `cy.yaml:6: questions.v1.txt: unknown field (did you mean "text"?)`},
		{"list too short", head + "tiers:\n  first:\n    challenges:\n      - Dal i fyny.\n", "cy.yaml:7: tiers.first.challenges: has 1 items, the bank's list has 2"},
		{"scale too long", head + "scale:\n  labels: [Isel, Canol, Uchel, Mwy]\n", "cy.yaml:5: scale.labels: has 4 items, the bank's list has 3"},
		{"own scale on a question without one", head + "questions:\n  v1:\n    scale_labels: [A, B, C]\n", "cy.yaml:6: questions.v1.scale_labels: the bank has no scale of its own"},
		{"options on a likert question", head + "questions:\n  v1:\n    options: {a: A}\n", "cy.yaml:6: questions.v1.options: the question has no options"},
		{"help the bank lacks", head + "questions:\n  v2:\n    help: Cymorth.\n", "cy.yaml:6: questions.v2.help: the bank has no help here to translate"},
		{"control character", head + "title: \"Teitl\\u001b[2J\"\n", "cy.yaml:4: title: holds the control character U+001B"},
		{"bidi override in a block", head + "description: |\n  Llinell un.\n  Llinell\u202e dau.\n", "cy.yaml:6: description: holds the control character U+202E"},
		{"bad language tag", "schema: digilead.translation/v1\nbank: tiny\nlanguage: cy_GB\n", `cy.yaml:3: language: "cy_GB" is a locale's form, not a language tag; write cy-GB`},
		{"the bank's own language", "schema: digilead.translation/v1\nbank: tiny\nlanguage: en\n", "cy.yaml:3: language: the bank is already in en"},
		{"unknown status", head + "status: finished\n", `cy.yaml:4: status: unknown status "finished"; use draft or reviewed`},
		{"duplicate key", head + "title: A\ntitle: B\n", "cy.yaml:5: title: duplicate key (first set at line 4)"},
		{"no language", "schema: digilead.translation/v1\nbank: tiny\n", "cy.yaml:1: language: missing"},
		{"not YAML", head + "title: [\n", "cy.yaml:5: YAML syntax"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, _, err := questions.ParseTranslation(questions.File{Name: "cy.yaml", Data: []byte(tt.body)}, b)
			var ps questions.Problems
			if !errors.As(err, &ps) || !errors.Is(err, errtext.ErrInvalid) {
				t.Fatalf("err = %v, want Problems", err)
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Errorf("problems:\n%v\nwant one holding %q", err, tt.want)
			}
		})
	}
}

// TestTranslationOfAnotherBankSaidOnce: a translation of another bank
// is one problem, at its bank line, that says what to do, not one for
// each of its ids the bank does not have.
func TestTranslationOfAnotherBankSaidOnce(t *testing.T) {
	body := "schema: digilead.translation/v1\nlanguage: cy\ntiers:\n  novice:\n    name: Newydd\nbank: other\nquestions:\n  q9:\n    text: Beth?\n"
	_, _, err := questions.ParseTranslation(questions.File{Name: "cy.yaml", Data: []byte(body)}, tiny(t))
	want := `cy.yaml:6: bank: translates bank "other", but it is loaded with bank "tiny"; load it with bank "other", or translate bank "tiny" with digilead bank translate`
	if err == nil || err.Error() != want {
		t.Errorf("got\n%v\nwant\n%s", err, want)
	}
}

// TestTranslationWarnings checks what a translation leaves untranslated is
// listed, every path, and a loaded translation is used for what it gives.
func TestTranslationWarnings(t *testing.T) {
	b := tiny(t)
	body := "schema: digilead.translation/v1\nbank: tiny\nlanguage: cy\ntitle: Banc bach\nquestions:\n  d1:\n    options:\n      check: Ei wirio.\n      trust: \"\"\n"
	tr, warnings, err := questions.ParseTranslation(questions.File{Name: "cy.yaml", Data: []byte(body)}, b)
	if err != nil {
		t.Fatal(err)
	}
	if len(warnings) != len(b.Texts())-2 {
		t.Errorf("%d warnings, want one per untranslated text (%d)", len(warnings), len(b.Texts())-2)
	}
	if !slices.ContainsFunc(warnings, func(p questions.Problem) bool { return p.Field == "questions.d1.options.trust" }) {
		t.Errorf("an option left \"\" is not listed:\n%v", warnings)
	}
	in := b.Translated(tr)
	if in.Title != "Banc bach" || in.Questions[2].Options[0].Label != "Ei wirio." || in.Questions[2].Options[1].Label != "Trust it." || in.Questions[0].Text != b.Questions[0].Text {
		t.Errorf("translated: %q %q %q %q", in.Title, in.Questions[2].Options[0].Label, in.Questions[2].Options[1].Label, in.Questions[0].Text)
	}
	if b.Title != "Tiny bank" {
		t.Error("Translated changed the bank it was given")
	}
}

var emptyEntry = regexp.MustCompile(`(?m)^(\s*(?:- |[A-Za-z0-9._-]+: ))""$`)

// fill translates every empty entry of a translation file with prefix
// and the English text in the comment above it.
func fill(data []byte, prefix string) []byte {
	lines := strings.Split(string(data), "\n")
	var source []string
	for i, l := range lines {
		trimmed := strings.TrimSpace(l)
		switch {
		case strings.HasPrefix(trimmed, "# en: "):
			source = []string{strings.TrimPrefix(trimmed, "# en: ")}
		case strings.HasPrefix(trimmed, "#   ") && source != nil:
			source = append(source, strings.TrimPrefix(trimmed, "#   "))
		case emptyEntry.MatchString(l):
			q, _ := json.Marshal(prefix + strings.Join(source, " "))
			lines[i] = emptyEntry.ReplaceAllString(l, "${1}") + string(q)
			source = nil
		}
	}
	return []byte(strings.Join(lines, "\n"))
}

// TestTranslateRoundTrip translates a bank, fills the file in, checks it
// validates without warnings, then changes the bank (two texts edited, an
// option and a question added, two actions swapped) and merges: exactly
// the two edited entries are marked for review, the new texts are added
// empty, the swapped actions keep their translations, and nothing else is
// lost.
func TestTranslateRoundTrip(t *testing.T) {
	b := tiny(t)
	var first bytes.Buffer
	if _, err := questions.WriteTranslation(&first, b, "cy", "Cymraeg", nil); err != nil {
		t.Fatal(err)
	}
	filled := fill(first.Bytes(), "CY ")
	tr, warnings, err := questions.ParseTranslation(questions.File{Name: "cy.yaml", Data: filled}, b)
	if err != nil || len(warnings) > 0 {
		t.Fatalf("the filled translation: %v\nwarnings:\n%v\n%s", err, warnings, filled)
	}
	if got := b.Translated(tr).Questions[0].Text; got != "CY How often do you look ahead?" {
		t.Fatalf("translated text %q", got)
	}

	dir := t.TempDir()
	src := string(questionstest.ReadFile(t, tinyBank))
	src = strings.Replace(src, "How sure are you of the direction?", "How sure are you of where we are going?", 1)
	src = strings.Replace(src, "Check a figure.", "Check a figure against its source.", 1)
	src = strings.Replace(src, "      - {kind: training, text: Take a course.}\n      - {kind: reading, text: Read a book.}", "      - {kind: reading, text: Read a book.}\n      - {kind: training, text: Take a course.}", 1)
	src = strings.Replace(src, "      - {id: trust, label: Trust it., score: 0}", "      - {id: trust, label: Trust it., score: 0}\n      - {id: ask, label: Ask who made it., score: 0.5}", 1)
	src += "  - id: d2\n    dimension: data\n    text: How often do you check a figure?\n"
	bankPath, trPath := filepath.Join(dir, "bank.yaml"), filepath.Join(dir, "cy.yaml")
	os.WriteFile(bankPath, []byte(src), 0o644)
	os.WriteFile(trPath, filled, 0o644)

	nb, old, err := questions.LoadToTranslate(context.Background(), []string{bankPath, trPath}, nil, "cy")
	if err != nil || old == nil {
		t.Fatalf("LoadToTranslate: %v (old %v)", err, old)
	}
	var merged bytes.Buffer
	sum, err := questions.WriteTranslation(&merged, nb, "cy", "Cymraeg", old)
	if err != nil {
		t.Fatal(err)
	}
	if sum.Review != 2 || sum.Texts != len(nb.Texts()) || sum.Translated != sum.Texts-2 {
		t.Errorf("summary %+v, want %d texts, all but the 2 new translated, 2 for review", sum, len(nb.Texts()))
	}
	mt, warnings, err := questions.ParseTranslation(questions.File{Name: "cy.yaml", Data: merged.Bytes()}, nb)
	if err != nil {
		t.Fatalf("the merged translation: %v\n%s", err, merged.String())
	}
	var review, untranslated []string
	for _, w := range warnings {
		if strings.Contains(w.Msg, "review") {
			review = append(review, w.Field)
		} else {
			untranslated = append(untranslated, w.Field)
		}
	}
	if want := []string{"dimensions.data.actions.0", "questions.v2.text"}; !slices.Equal(sorted(review), want) {
		t.Errorf("marked for review %v, want exactly %v\n%s", review, want, merged.String())
	}
	if want := []string{"questions.d1.options.ask", "questions.d2.text"}; !slices.Equal(sorted(untranslated), want) {
		t.Errorf("untranslated %v, want %v", untranslated, want)
	}
	in := nb.Translated(mt)
	if got := in.Dimensions[0].Actions; got[0].Text != "CY Read a book." || got[1].Text != "CY Take a course." {
		t.Errorf("swapped actions lost their translations: %+v", got)
	}
	if in.Questions[1].Text != "How sure are you of where we are going?" {
		t.Errorf("an entry marked for review is used: %q", in.Questions[1].Text)
	}
	if !strings.Contains(merged.String(), "# REVIEW: the text below changed") {
		t.Error("the merged file does not mark the changed entries where they are")
	}
	// Once reviewed (its path taken out of review:), an entry is used.
	reviewed := strings.Replace(merged.String(), "  - questions.v2.text\n", "", 1)
	rt, _, err := questions.ParseTranslation(questions.File{Name: "cy.yaml", Data: []byte(reviewed)}, nb)
	if err != nil {
		t.Fatal(err)
	}
	if got := nb.Translated(rt).Questions[1].Text; got != "CY How sure are you of the direction?" {
		t.Errorf("a reviewed entry is not used: %q", got)
	}
}

func sorted(s []string) []string { return slices.Sorted(slices.Values(s)) }

// TestDigestLeavesTranslationsOut checks translation files in a bank's
// directory are not part of the bank: the digest is the bank file's.
func TestDigestLeavesTranslationsOut(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "bank.yaml"), questionstest.ReadFile(t, tinyBank), 0o644)
	alone := questionstest.Load(t, filepath.Join(dir, "bank.yaml"))
	os.WriteFile(filepath.Join(dir, "cy.yaml"), []byte("schema: digilead.translation/v1\nbank: tiny\nlanguage: cy\ntitle: Banc bach\n"), 0o644)
	s, err := questions.LoadSet([]string{dir}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if s.Bank.Digest != alone.Digest {
		t.Errorf("digest with a translation beside the bank %s, alone %s", s.Bank.Digest, alone.Digest)
	}
	if got := s.Languages(); !slices.Equal(got, []string{"en", "cy"}) {
		t.Errorf("languages %v", got)
	}
	if s.In("cy").Title != "Banc bach" {
		t.Error("the translation in the bank's directory is not used")
	}
	if _, err := questions.Load(filepath.Join(dir, "cy.yaml")); err == nil || !strings.Contains(err.Error(), "this is a translation") {
		t.Errorf("a translation loaded as a bank: %v", err)
	}
}

// TestTranslationWarningsAtTheirLine places a text left "" at its line
// of the file, as bank validate promises (FILE:LINE); a text the file
// leaves out altogether has no line to give.
func TestTranslationWarningsAtTheirLine(t *testing.T) {
	b := tiny(t)
	body := "schema: digilead.translation/v1\nbank: tiny\nlanguage: cy\ntitle: \"\"\ndescription: ~\n"
	_, warnings, err := questions.ParseTranslation(questions.File{Name: "cy.yaml", Data: []byte(body)}, b)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{"title": "cy.yaml:4: title: not translated", "description": "cy.yaml:5: description: not translated"}
	for _, w := range warnings {
		if s, ok := want[w.Field]; ok && w.String() != s {
			t.Errorf("%s; want %s", w, s)
		}
		if _, ok := want[w.Field]; !ok && w.Pos != (questions.Pos{File: "cy.yaml"}) {
			t.Errorf("%s: a text the file leaves out is placed at %+v", w.Field, w.Pos)
		}
	}
}
