package questions_test

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/digilead/digilead/questions"
)

// TestObserverProblems checks observer wording in a bank: a mapping of
// text and help, text required, each problem at FILE:LINE.
func TestObserverProblems(t *testing.T) {
	with := func(s string) string { return strings.Replace(valid, "    text: Q", "    text: Q\n"+s, 1) }
	tests := []struct {
		name string
		yaml string
		want []string
	}{
		{"text and help", with("    observer:\n      text: Did this person Q?\n      help: H"), nil},
		{"text only, flow style", with("    observer: {text: \"Did they Q?\"}"), nil},
		{"help without text", with("    observer:\n      help: H"),
			[]string{`bank.yaml:17: questions[q].observer.text: missing; write the question about the person observed ("In the last 12 months, how often did this person …?"), or remove observer if only the person can answer it`}},
		{"empty mapping", with("    observer: {}"),
			[]string{`bank.yaml:17: questions[q].observer.text: missing; write the question about the person observed ("In the last 12 months, how often did this person …?"), or remove observer if only the person can answer it`}},
		{"blank text", with("    observer: {text: \"  \"}"),
			[]string{`bank.yaml:17: questions[q].observer.text: missing; write the question about the person observed ("In the last 12 months, how often did this person …?"), or remove observer if only the person can answer it`}},
		{"null text", with("    observer:\n      text:"),
			[]string{`bank.yaml:18: questions[q].observer.text: is empty; give a value or remove the field`}},
		{"unknown key with suggestion", with("    observer:\n      txt: Did they Q?"),
			[]string{`bank.yaml:18: questions[q].observer.txt: unknown field (did you mean "text"?); known fields: text, help`}},
		{"a string, not a mapping", with("    observer: Did they Q?"),
			[]string{`bank.yaml:17: questions[q].observer: must be a mapping (key: value pairs), got the value "Did they Q?"`}},
		{"control character", with("    observer: {text: \"Did they\\e[2J Q?\"}"),
			[]string{`bank.yaml:17: questions[q].observer.text: holds the control character U+001B, which could act on a terminal or reverse text; remove it`}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := problems(t, tc.yaml)
			if len(tc.want) == 0 {
				if got != "" {
					t.Fatalf("unexpected problems:\n%s", got)
				}
				return
			}
			lines := strings.Split(got, "\n")
			for _, w := range tc.want {
				found := false
				for _, l := range lines {
					found = found || l == w
				}
				if !found {
					t.Errorf("missing problem\n  %s\ngot\n  %s", w, strings.Join(lines, "\n  "))
				}
			}
		})
	}
}

// TestLoadObserver loads observer wording with where its text is, and
// leaves questions without it self-only (nil).
func TestLoadObserver(t *testing.T) {
	yaml := valid + `  - id: r
    dimension: d
    text: "In the last 12 months, how often did you ask for feedback?"
    observer:
      help: "Count what you saw."
      text: "In the last 12 months, how often did this person ask for feedback?"
`
	b, err := questions.Parse(questions.File{Name: "bank.yaml", Data: []byte(yaml)})
	if err != nil {
		t.Fatal(err)
	}
	if q, _ := b.Question("q"); q.Observer != nil {
		t.Errorf("q: observer %+v, want nil (self-only)", q.Observer)
	}
	q, _ := b.Question("r")
	want := questions.Observer{
		Text: "In the last 12 months, how often did this person ask for feedback?",
		Help: "Count what you saw.",
		Pos:  questions.Pos{File: "bank.yaml", Line: 22},
	}
	if q.Observer == nil || *q.Observer != want {
		t.Errorf("r: observer %+v, want %+v", q.Observer, want)
	}
	if got := q.Observer.Pos.String(); got != "bank.yaml:22" {
		t.Errorf("observer text at %s, want bank.yaml:22", got)
	}
}

// TestObserverKeepsDigest: a bank's digest is over its file's bytes, not
// its model, so a bank without observer wording keeps the digest it had
// before banks could carry any; adding wording changes it.
func TestObserverKeepsDigest(t *testing.T) {
	digest := func(s string) string {
		b, err := questions.Parse(questions.File{Name: "bank.yaml", Data: []byte(s)})
		if err != nil {
			t.Fatal(err)
		}
		return b.Digest
	}
	sum := sha256.Sum256([]byte(valid))
	if got, want := digest(valid), "sha256:"+hex.EncodeToString(sum[:]); got != want {
		t.Errorf("digest %s, want %s (the file's SHA-256)", got, want)
	}
	if digest(valid) == digest(strings.Replace(valid, "    text: Q", "    text: Q\n    observer: {text: \"Did they Q?\"}", 1)) {
		t.Error("adding observer wording kept the digest")
	}
}

func TestSpeaksToReader(t *testing.T) {
	tests := []struct {
		lang, text string
		word       string // "" when it speaks of the person observed
	}{
		// English.
		{"en", "In the last 12 months, how often did this person explain the reasons for a change?", ""},
		{"en", "In the last 12 months, how often did they ask you for feedback on their part in it?", ""},
		{"en", "How often did you see them check the figures?", ""},
		{"en", "Have you seen this person put off a difficult conversation?", ""},
		{"en", "Which best describes this person's use of data?", ""},
		{"en", "In the last 12 months, how many pieces of work were delivered jointly with another team?", ""},
		{"en", "In the last 12 months, how often did you explain the reasons for a change?", "did you"},
		{"en", "In the last 12 months, how often did you ask users about their needs?", "did you"},
		{"en", "In the last 12 months, I asked for feedback on my work.", "i"},
		{"en", "Which best describes your experience of agile delivery?", "your"},
		{"en-GB", "What do you do first?", "do you"},
		{"", "What do you do first?", "do you"},
		// Welsh.
		{"cy", "Yn ystod y 12 mis diwethaf, pa mor aml y gwnaeth y person hwn egluro'r rhesymau dros newid?", ""},
		{"cy", "Yn ystod y 12 mis diwethaf, pa mor aml y gwnaethon nhw ofyn i chi am adborth?", ""},
		{"cy", "Pa mor aml y gwnaethoch chi weld y person hwn yn gwirio'r ffigurau?", ""},
		{"cy", "Yn ystod y 12 mis diwethaf, pa mor aml y gwnaethoch chi egluro'r rhesymau dros newid?", "gwnaethoch"},
		{"cy", "Beth sy'n disgrifio orau'r hyn rydych chi'n ei wneud?", "rydych"},
		{"cy", "Mae eich tîm am ddisodli ffurflen bapur.", "eich"},
		{"cy", "Mae'n rhaid i chi egluro technoleg newydd i'ch tîm.", "chi"},
		// French.
		{"fr", "Au cours des 12 derniers mois, à quelle fréquence cette personne a-t-elle expliqué les raisons d'un changement ?", ""},
		{"fr", "À quelle fréquence vous a-t-elle demandé votre avis ?", ""},
		{"fr", "Avez-vous vu cette personne vérifier les chiffres ?", ""},
		{"fr", "Au cours des 12 derniers mois, à quelle fréquence avez-vous expliqué les raisons d'un changement ?", "-vous"},
		{"fr", "Que faites-vous en premier ?", "-vous"},
		{"fr", "Votre équipe veut remplacer un formulaire papier.", "votre"},
		{"fr", "J'ai demandé un retour sur mon travail.", "j'"},
		{"fr-CA", "Qu'est-ce que tu fais ?", "tu"},
		// Languages it has no words for are not judged.
		{"de", "Was machen Sie zuerst?", ""},
	}
	for _, tc := range tests {
		word, ok := questions.SpeaksToReader(tc.text, tc.lang)
		if word != tc.word || ok != (tc.word != "") {
			t.Errorf("SpeaksToReader(%q, %s) = %q, %v; want %q", tc.text, tc.lang, word, ok, tc.word)
		}
	}
}

// observed is a bank whose question r has observer wording.
const observed = valid + `  - id: r
    dimension: d
    text: "How often did you ask for feedback?"
    observer:
      text: "How often did this person ask for feedback?"
      help: "Count what you saw."
`

// TestObserverTranslationRoundTrip: bank translate writes the observer
// texts (questions.ID.observer.text and .help), a filled file loads
// without warnings, and the translated bank shows them; the bank's own
// observer wording is left as it was.
func TestObserverTranslationRoundTrip(t *testing.T) {
	b, err := questions.Parse(questions.File{Name: "bank.yaml", Data: []byte(observed)})
	if err != nil {
		t.Fatal(err)
	}
	paths := map[string]bool{}
	for _, x := range b.Texts() {
		paths[x.Path] = true
	}
	if !paths["questions.r.observer.text"] || !paths["questions.r.observer.help"] || paths["questions.q.observer.text"] {
		t.Errorf("texts %v: want r's observer text and help, and nothing for q", paths)
	}
	var out bytes.Buffer
	if _, err := questions.WriteTranslation(&out, b, "fr", "français", nil); err != nil {
		t.Fatal(err)
	}
	want := "    observer:\n      # en: How often did this person ask for feedback?\n      text: \"\"\n      # en: Count what you saw.\n      help: \"\"\n"
	if !strings.Contains(out.String(), want) {
		t.Fatalf("no observer entry in\n%s", out.String())
	}
	filled := fill(out.Bytes(), "FR ")
	tr, warnings, err := questions.ParseTranslation(questions.File{Name: "fr.yaml", Data: filled}, b)
	if err != nil || len(warnings) > 0 {
		t.Fatalf("the filled translation: %v\nwarnings:\n%v\n%s", err, warnings, filled)
	}
	in := b.Translated(tr)
	r, _ := in.Question("r")
	if r.Observer.Text != "FR How often did this person ask for feedback?" || r.Observer.Help != "FR Count what you saw." {
		t.Errorf("translated observer %+v", r.Observer)
	}
	if own, _ := b.Question("r"); own.Observer.Text != "How often did this person ask for feedback?" {
		t.Errorf("translating changed the bank's own observer text: %q", own.Observer.Text)
	}
	// Left untranslated, each is a warning.
	_, warnings, err = questions.ParseTranslation(questions.File{Name: "fr.yaml", Data: out.Bytes()}, b)
	if err != nil {
		t.Fatal(err)
	}
	var fields []string
	for _, w := range warnings {
		if strings.Contains(w.Field, "observer") {
			fields = append(fields, w.Field)
		}
	}
	if strings.Join(fields, " ") != "questions.r.observer.text questions.r.observer.help" {
		t.Errorf("warnings for the observer texts %v", fields)
	}
}

// TestObserverTranslationErrors: observer wording for a question that
// has none, or an unknown key in it, is refused at its line.
func TestObserverTranslationErrors(t *testing.T) {
	b, err := questions.Parse(questions.File{Name: "bank.yaml", Data: []byte(observed)})
	if err != nil {
		t.Fatal(err)
	}
	head := "schema: digilead.translation/v1\nbank: t\nlanguage: fr\nquestions:\n"
	for _, tc := range []struct{ body, want string }{
		{"  q:\n    observer:\n      text: \"Cette personne ?\"\n", "fr.yaml:6: questions.q.observer: the question has no observer wording; only questions with observer: in the bank do"},
		{"  r:\n    observer:\n      txt: \"Cette personne ?\"\n", `fr.yaml:7: questions.r.observer.txt: unknown field (did you mean "text"?); known fields: text, help`},
		{"  r:\n    observer: \"Cette personne ?\"\n", `fr.yaml:6: questions.r.observer: must be a mapping (key: value pairs), got the value "Cette personne ?"`},
	} {
		_, _, err := questions.ParseTranslation(questions.File{Name: "fr.yaml", Data: []byte(head + tc.body)}, b)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%q: got %v, want %s", tc.body, err, tc.want)
		}
	}
}

// TestObserverWarnings: bank validate's warnings name observer texts,
// of the bank and of its translations, that speak to their reader.
func TestObserverWarnings(t *testing.T) {
	dir := t.TempDir()
	bank := strings.Replace(observed, "How often did this person ask for feedback?", "How often did you ask for feedback?", 1)
	os.WriteFile(filepath.Join(dir, "bank.yaml"), []byte(bank), 0o644)
	os.WriteFile(filepath.Join(dir, "fr.yaml"), []byte("schema: digilead.translation/v1\nbank: t\nlanguage: fr\nquestions:\n  r:\n    observer:\n      text: \"À quelle fréquence avez-vous demandé un retour ?\"\n"), 0o644)
	s, err := questions.LoadSet([]string{dir}, nil)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, w := range s.ObserverWarnings() {
		got = append(got, w.Pos.String()+" "+w.Field)
	}
	want := []string{filepath.Join(dir, "bank.yaml") + ":21 questions[r].observer.text", filepath.Join(dir, "fr.yaml") + ":7 questions.r.observer.text"}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("warnings\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// TestBuiltinObserverWording: at least 40 of the built-in bank's
// questions carry observer wording, in English, Welsh and French; none
// of it speaks to its reader; and the heuristic does catch the bank's own
// (self) wording of the same questions, so it is not blind.
func TestBuiltinObserverWording(t *testing.T) {
	s, err := questions.DefaultSet()
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Resolve(); err != nil {
		t.Fatal(err)
	}
	b := s.Bank
	n := 0
	for _, q := range b.Questions {
		if q.Observer != nil {
			n++
		}
	}
	if n < 40 {
		t.Errorf("%d questions carry observer wording, want at least 40", n)
	}
	for _, tag := range []string{"en", "cy", "fr"} {
		in := s.In(tag)
		caught := 0
		for i, q := range in.Questions {
			if _, ok := questions.SpeaksToReader(q.Text, tag); ok {
				caught++
			}
			if q.Observer == nil {
				continue
			}
			o := q.Observer
			if strings.TrimSpace(o.Text) == "" || o.Text == q.Text {
				t.Errorf("%s: %s: observer text %q", tag, q.ID, o.Text)
			}
			if tag != "en" && o.Text == b.Questions[i].Observer.Text {
				t.Errorf("%s: %s: observer text reads as in English", tag, q.ID)
			}
			if tag != "en" && o.Help != "" && o.Help == b.Questions[i].Observer.Help {
				t.Errorf("%s: %s: observer help reads as in English", tag, q.ID)
			}
			if word, ok := questions.SpeaksToReader(o.Text, tag); ok {
				t.Errorf("%s: %s: observer text speaks to its reader (%q): %s", tag, q.ID, word, o.Text)
			}
		}
		if caught != len(in.Questions) {
			t.Errorf("%s: the heuristic finds %d of the %d self texts speak to their reader, want all", tag, caught, len(in.Questions))
		}
	}
	if ws := s.ObserverWarnings(); len(ws) > 0 {
		t.Errorf("bank validate warns:\n%v", ws)
	}
}
