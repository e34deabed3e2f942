package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/digilead/digilead/assessment/inputs"
	"github.com/digilead/digilead/assessment/schematest"
	"github.com/digilead/digilead/questions"
	"github.com/digilead/digilead/questions/questionstest"
)

// TestSameScoresInEveryLanguage scores one answers file in English, Welsh
// and French: the result JSON is the same bytes (same scores, same
// digest), and so is score's output whatever the language asked for.
func TestSameScoresInEveryLanguage(t *testing.T) {
	t.Parallel()
	answers := questionstest.Path(questionstest.ExampleAnswers)
	first := sameOutput(t, "result", []string{"--lang en", "--lang cy", "--lang fr"}, func(variant string) runOut {
		r := digilead(t, "", nil, append([]string{"assess", "--answers", answers, "--format", "json"}, strings.Fields(variant)...)...)
		schematest.Validate(t, "result.schema.json", []byte(r.stdout))
		return r
	})
	var doc struct {
		Bank struct{ Digest string }
	}
	json.Unmarshal([]byte(first), &doc)
	if !strings.HasPrefix(doc.Bank.Digest, "sha256:") {
		t.Errorf("digest %q", doc.Bank.Digest)
	}
	line, _ := json.Marshal(map[string]any{"answers": map[string]any{"vis-horizon": 3}})
	sameOutput(t, "score", []string{"", "LANG=cy_GB.UTF-8", "DIGILEAD_LANG=fr", "LC_ALL=fr_CA.UTF-8"}, func(env string) runOut {
		return digilead(t, string(line)+"\n", strings.Fields(env), "score")
	})
}

// sameOutput runs one command in each variant and checks they all
// succeed with the same stdout, which it returns.
func sameOutput(t *testing.T, what string, variants []string, run func(variant string) runOut) string {
	t.Helper()
	var first string
	for i, v := range variants {
		r := run(v)
		if r.code != 0 {
			t.Fatalf("%s %q: exit %d: %s", what, v, r.code, r.stderr)
		}
		if i == 0 {
			first = r.stdout
		} else if r.stdout != first {
			t.Errorf("the %s differs with %q", what, v)
		}
	}
	return first
}

// TestLanguageChoice checks the order --lang, DIGILEAD_LANG, LC_ALL,
// LC_MESSAGES, LANG, and that fr-CA uses fr.
func TestLanguageChoice(t *testing.T) {
	t.Parallel()
	answers := questionstest.Path(questionstest.ExampleAnswers)
	tests := []struct {
		args []string
		env  []string
		want string
	}{
		{nil, nil, "Digital leadership gap report"},
		{nil, []string{"LANG=fr_FR.UTF-8"}, "Rapport d'écarts en leadership numérique"},
		{nil, []string{"LANG=fr_CA.UTF-8"}, "Rapport d'écarts en leadership numérique"},
		{nil, []string{"LANG=fr_FR.UTF-8", "LC_MESSAGES=cy_GB.UTF-8"}, "Adroddiad bylchau arweinyddiaeth ddigidol"},
		{nil, []string{"LC_MESSAGES=cy_GB.UTF-8", "LC_ALL=C.UTF-8"}, "Digital leadership gap report"},
		{nil, []string{"LC_ALL=fr_FR.UTF-8", "DIGILEAD_LANG=cy"}, "Adroddiad bylchau arweinyddiaeth ddigidol"},
		{[]string{"--lang", "en"}, []string{"DIGILEAD_LANG=cy"}, "Digital leadership gap report"},
		{[]string{"--lang", "fr-CA"}, nil, "Rapport d'écarts en leadership numérique"},
		{[]string{"--lang", "cy_GB.UTF-8"}, nil, "Adroddiad bylchau arweinyddiaeth ddigidol"}, // a locale, as LANG gives it
	}
	for _, tt := range tests {
		r := digilead(t, "", tt.env, append([]string{"assess", "--answers", answers, "--no-save"}, tt.args...)...)
		if r.code != 0 || !strings.HasPrefix(r.stdout, tt.want) {
			t.Errorf("%v %v: exit %d, report starts %q, want %q\n%s", tt.args, tt.env, r.code, firstLine(r.stdout), tt.want, r.stderr)
		}
		if r.stderr != "" {
			t.Errorf("%v %v: stderr %q", tt.args, tt.env, r.stderr)
		}
	}
}

func firstLine(s string) string {
	line, _, _ := strings.Cut(s, "\n")
	return line
}

// TestLanguageFallsBack asks for a language the bank has no translation
// into: the bank's own, with one line on stderr.
func TestLanguageFallsBack(t *testing.T) {
	t.Parallel()
	answers := questionstest.Path(questionstest.ExampleAnswers)
	for _, env := range [][]string{{"LANG=de_DE.UTF-8"}, {"DIGILEAD_LANG=de"}} {
		r := digilead(t, "", env, "assess", "--answers", answers, "--no-save")
		if r.code != 0 || !strings.HasPrefix(r.stdout, "Digital leadership gap report") {
			t.Errorf("%v: exit %d, %q", env, r.code, firstLine(r.stdout))
		}
		if want := "digilead: bank public-sector-digital-leadership has no de-DE translation (it has en, cy, fr); showing it in en\n"; env[0] == "LANG=de_DE.UTF-8" && r.stderr != want {
			t.Errorf("stderr %q, want %q", r.stderr, want)
		}
		if strings.Count(r.stderr, "\n") != 1 {
			t.Errorf("%v: stderr is not one line: %q", env, r.stderr)
		}
	}
}

// TestTrainerTranslatesOwnBank is a trainer's workflow: bank translate de
// for their own bank, fill it in, validate it, use it, then change the bank
// and bring the translation up to date.
func TestTrainerTranslatesOwnBank(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	bank := filepath.Join(dir, "bank.yaml")
	os.WriteFile(bank, questionstest.ReadFile(t, questionstest.Path("questions/testdata/translate/bank.yaml")), 0o644)
	de := filepath.Join(dir, "de.yaml")
	r := digilead(t, "", nil, "bank", "translate", "de", bank, "-o", de)
	if r.code != 0 || !strings.Contains(r.stderr, "de translation of tiny: 24 texts, 0 translated") {
		t.Fatalf("translate: exit %d: %s", r.code, r.stderr)
	}
	// Untranslated texts are warnings (exit 0), errors with --strict.
	if r := digilead(t, "", nil, "bank", "validate", "--all", "--bank", bank, de); r.code != 0 || !strings.Contains(r.stderr, "questions.v1.text: not translated (warning)") {
		t.Errorf("validate: exit %d: %s", r.code, r.stderr)
	}
	if r := digilead(t, "", nil, "bank", "validate", "--strict", "--bank", bank, de); r.code != 2 {
		t.Errorf("validate --strict: exit %d, want 2", r.code)
	}
	german := map[string]string{
		"How often do you look ahead?": "Wie oft schauen Sie nach vorn?",
		"Vision":                       "Vision und Richtung",
		"Take a course.":               "Besuchen Sie einen Kurs.",
		"First tier":                   "Erste Stufe",
	}
	data := string(questionstest.ReadFile(t, de))
	for en, text := range german {
		data = regexp.MustCompile(`(?m)(# en: `+regexp.QuoteMeta(en)+`\n\s*(?:- |\w+: ))""`).ReplaceAllString(data, `${1}"`+text+`"`)
	}
	os.WriteFile(de, []byte(data), 0o644)
	if r := digilead(t, "", nil, "bank", "validate", "--bank", bank, de); r.code != 0 || !strings.Contains(r.stdout, "4 of 24 texts translated") {
		t.Fatalf("validate the filled translation: exit %d\n%s\n%s", r.code, r.stdout, r.stderr)
	}
	answers := filepath.Join(t.TempDir(), "answers.yaml")
	os.WriteFile(answers, []byte("answers: {v1: 1, v2: 1, d1: trust}\n"), 0o644)
	r = digilead(t, "", nil, "assess", "--bank", bank, "--bank", de, "--lang", "de", "--answers", answers, "--no-save")
	for _, want := range []string{"Vision und Richtung", "Besuchen Sie einen Kurs.", "Erste Stufe"} {
		if r.code != 0 || !strings.Contains(r.stdout, want) {
			t.Errorf("the German report lacks %q (exit %d):\n%s\n%s", want, r.code, r.stdout, r.stderr)
		}
	}
	if r.stderr != "" {
		t.Errorf("stderr: %s", r.stderr)
	}
	// A translation in the bank's directory comes with it.
	r = digilead(t, "", nil, "bank", "show", dir, "--lang", "de")
	if r.code != 0 || !strings.Contains(r.stdout, "Erste Stufe") {
		t.Errorf("bank show of the directory in German: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}

	// The bank changes: the translation is brought up to date in place.
	src := strings.Replace(string(questionstest.ReadFile(t, bank)), "How often do you look ahead?", "How often do you look a year ahead?", 1)
	os.WriteFile(bank, []byte(src), 0o644)
	r = digilead(t, "", nil, "bank", "translate", "de", bank, de, "-o", de)
	if r.code != 0 || !strings.Contains(r.stderr, "4 translated, 1 of them marked for review") {
		t.Fatalf("merge: exit %d: %s", r.code, r.stderr)
	}
	merged := string(questionstest.ReadFile(t, de))
	if !strings.Contains(merged, "review:\n  - questions.v1.text\n") || !strings.Contains(merged, `"Wie oft schauen Sie nach vorn?"`) {
		t.Errorf("the merged translation:\n%s", merged)
	}
	if r := digilead(t, "", nil, "bank", "validate", "--all", "--bank", bank, de); !strings.Contains(r.stderr, "questions.v1.text: marked for review") {
		t.Errorf("validate after the merge: %s", r.stderr)
	}
}

// TestBuiltinTranslationsStrict: the built-in bank's Welsh and French
// translations translate every text of the bank as it is now (bank
// validate --strict passes), and both are still drafts until a native
// speaker signs them off (docs/languages.md).
func TestBuiltinTranslationsStrict(t *testing.T) {
	r := digilead(t, "", nil, "bank", "validate", "--strict")
	if r.code != 0 || r.stderr != "" {
		t.Fatalf("bank validate --strict: exit %d: %s", r.code, r.stderr)
	}
	for _, tag := range []string{"cy", "fr"} {
		m := regexp.MustCompile(`(?m)^ok default\.` + tag + `\.yaml: ` + tag + ` translation of public-sector-digital-leadership \(draft\), (\d+) of (\d+) texts translated$`).FindStringSubmatch(r.stdout)
		if m == nil || m[1] != m[2] {
			t.Errorf("%s: not a complete draft translation:\n%s", tag, r.stdout)
		}
	}
}

// TestBankValidateStrictUntranslated is the QA walkthrough's: a fresh
// translation of the exported bank under --strict fails, so stdout does
// not call it ok; each error is at its FILE:LINE; the first 20 are
// listed with how many more there are, and --all lists every one.
func TestBankValidateStrictUntranslated(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	bank, de := filepath.Join(dir, "b.yaml"), filepath.Join(dir, "de.yaml")
	for _, args := range [][]string{{"bank", "export", "-o", bank}, {"bank", "translate", "de", bank, "-o", de}} {
		if r := digilead(t, "", nil, args...); r.code != 0 {
			t.Fatalf("%v: exit %d: %s", args, r.code, r.stderr)
		}
	}
	texts := len(questions.Default().Texts())
	r := digilead(t, "", nil, "bank", "validate", "--bank", bank, de, "--strict")
	if r.code != 2 || strings.Contains(r.stdout, "ok "+de) {
		t.Errorf("exit %d, stdout %q; want 2 and no ok for %s", r.code, r.stdout, de)
	}
	if !regexp.MustCompile(`(?m)^` + regexp.QuoteMeta(de) + `:\d+: title: not translated \(error\)$`).MatchString(r.stderr) {
		t.Errorf("no title error at its line:\n%s", r.stderr)
	}
	more := fmt.Sprintf("%s: %d more errors not shown; --all lists every one\n", de, texts-inputs.MaxShown)
	if n := strings.Count(r.stderr, "not translated (error)\n"); n != inputs.MaxShown || !strings.HasSuffix(r.stderr, more) {
		t.Errorf("%d errors listed, want %d, then %q:\n%s", n, inputs.MaxShown, more, r.stderr)
	}
	r = digilead(t, "", nil, "bank", "validate", "--bank", bank, de, "--all")
	if n := strings.Count(r.stderr, "not translated (warning)\n"); r.code != 0 || n != texts || !strings.Contains(r.stdout, "ok "+de) || strings.Contains(r.stderr, "not shown") {
		t.Errorf("--all: exit %d, %d warnings listed, want %d:\nstdout %s", r.code, n, texts, r.stdout)
	}
}

// TestBankValidateTranslationOfAGivenBank: a translation given after its
// bank is checked against it, not against the built-in bank; one of a
// bank not given is one clear problem, not one for each of its ids.
func TestBankValidateTranslationOfAGivenBank(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	bank, other, de := filepath.Join(dir, "four.yaml"), filepath.Join(dir, "other.yaml"), filepath.Join(dir, "de.yaml")
	const four = "schema: digilead/v1\nid: four\ntitle: Four\nversion: \"1\"\ntiers: [{id: novice, name: Novice, rank: 1, expectations: {d: 50}}]\ndimensions: [{id: d, name: D}]\nquestions:\n  - {id: q1, dimension: d, text: One}\n  - {id: q2, dimension: d, text: Two}\n  - {id: q3, dimension: d, text: Three}\n  - {id: q4, dimension: d, text: Four}\n"
	for path, body := range map[string]string{bank: four, other: strings.Replace(four, "id: four", "id: other", 1)} {
		if err := os.WriteFile(path, []byte(body), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	if r := digilead(t, "", nil, "bank", "translate", "de", bank, "-o", de); r.code != 0 {
		t.Fatalf("translate: exit %d: %s", r.code, r.stderr)
	}
	for _, tc := range []struct {
		name   string
		args   []string
		code   int
		stdout string
		stderr []string // its lines, each beginning so, in this order; nil: not looked at but for ids the bank has not
	}{
		{"after its bank", []string{bank, de}, 0, "ok " + de + ": de translation of four", nil},
		{"with --bank", []string{"--bank", bank, de}, 0, "ok " + de + ": de translation of four", nil},
		{"alone", []string{de}, 2, "", []string{de + `: a translation of bank "four", not of the built-in bank (public-sector-digital-leadership): give the bank before it (digilead bank validate BANK ` + de + `) or with --bank BANK`}},
		{"after another bank", []string{other, de}, 2, "ok " + other, []string{de + `: a translation of bank "four", not of the built-in bank`}},
		{"--bank of another bank", []string{"--bank", other, de}, 2, "", []string{de + `:10: bank: translates bank "four", but it is loaded with bank "other"; load it with bank "four", or translate bank "other" with digilead bank translate`, de + ": 1 problem(s)"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := digilead(t, "", nil, append([]string{"bank", "validate"}, tc.args...)...)
			if r.code != tc.code || !strings.Contains(r.stdout, tc.stdout) {
				t.Errorf("exit %d, stdout %q; want %d and %q\nstderr:\n%s", r.code, r.stdout, tc.code, tc.stdout, r.stderr)
			}
			if strings.Contains(r.stderr, "the bank has no") {
				t.Errorf("checked against another bank:\n%s", r.stderr)
			}
			if tc.stderr == nil {
				return // the warnings of texts not translated
			}
			lines := strings.Split(strings.TrimSuffix(r.stderr, "\n"), "\n")
			if len(lines) != len(tc.stderr) {
				t.Fatalf("stderr has %d lines, want %d:\n%s", len(lines), len(tc.stderr), r.stderr)
			}
			for i, want := range tc.stderr {
				if !strings.HasPrefix(lines[i], want) {
					t.Errorf("stderr line %d:\n got %s\nwant %s…", i+1, lines[i], want)
				}
			}
		})
	}
}
