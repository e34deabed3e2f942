package report

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/digilead/digilead/assessment"
	"github.com/digilead/digilead/assessment/batch/batchtest"
	"github.com/digilead/digilead/assessment/calibrate"
	"github.com/digilead/digilead/assessment/calibrate/calibratetest"
	"github.com/digilead/digilead/assessment/cohort"
	"github.com/digilead/digilead/assessment/itemstats"
	"github.com/digilead/digilead/assessment/review"
	"github.com/digilead/digilead/assessment/store"
	"github.com/digilead/digilead/questions"
	"github.com/digilead/digilead/questions/lang"
	"github.com/digilead/digilead/questions/safetext"
)

// builtin is the built-in bank with its translations.
func builtin(t testing.TB) *questions.Set {
	t.Helper()
	s, err := questions.DefaultSet()
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// in is the report language tag for the built-in bank.
func in(t testing.TB, tag string) *Language {
	s := builtin(t)
	return NewLanguage(lang.Get(tag), s.Bank, s.In(tag))
}

// TestLanguageGolden renders the example result in Welsh and French in
// the text, accessible, Markdown and HTML formats, through the registry
// (as the commands do: bank texts from the translation, notes said again
// in the language).
func TestLanguageGolden(t *testing.T) {
	t.Parallel()
	r := exampleResult(t)
	for _, tag := range []string{"cy", "fr"} {
		for _, c := range []struct {
			format, name string
			accessible   bool
		}{
			{"text", "txt", false}, {"text", "accessible.txt", true}, {"markdown", "md", false}, {"html", "html", false},
		} {
			t.Run(tag+"."+c.name, func(t *testing.T) {
				render, err := Results.Lookup(c.format)
				if err != nil {
					t.Fatal(err)
				}
				var buf bytes.Buffer
				if err := render(&buf, r, Options{Width: 80, Accessible: c.accessible, Language: in(t, tag)}); err != nil {
					t.Fatal(err)
				}
				golden(t, "example."+tag+"."+c.name+".golden", buf.Bytes())
			})
		}
	}
}

// TestLanguageHTML checks the page says its language, and French numbers.
func TestLanguageHTML(t *testing.T) {
	t.Parallel()
	var buf bytes.Buffer
	render, _ := Results.Lookup("html")
	if err := render(&buf, exampleResult(t), Options{Language: in(t, "fr")}); err != nil {
		t.Fatal(err)
	}
	page := buf.String()
	for _, want := range []string{`<html lang="fr">`, "\u00a0%", `<time datetime="2024-03-01T09:30:00Z">1 mars 2024</time>`} {
		if !strings.Contains(page, want) {
			t.Errorf("French page lacks %q", want)
		}
	}
	if regexp.MustCompile(`>\d+\.\d+<`).MatchString(page) {
		t.Error("French page has a number with a decimal point in a cell")
	}
}

// marked is Welsh with every catalog message replaced by a marker that
// keeps only the message's data: what is left in a report is data.
func marked(t testing.TB) *Language {
	t.Helper()
	placeholder := regexp.MustCompile(`\{\{[^}]*\}\}`)
	l, err := lang.Rewritten("cy", func(id, msg string) string {
		return "¤" + strings.Join(placeholder.FindAllString(msg, -1), "¤") + "¤"
	})
	if err != nil {
		t.Fatal(err)
	}
	s := builtin(t)
	return NewLanguage(l, s.Bank, s.In("cy"))
}

// englishWords are the words of the English catalog, four letters or
// more: the words a report could show in English.
func englishWords(t testing.TB) map[string]bool {
	data, err := lang.Catalog("en")
	if err != nil {
		t.Fatal(err)
	}
	noData := regexp.MustCompile(`\{\{[^}]*\}\}`).ReplaceAllString(string(data), " ")
	words := map[string]bool{}
	for _, line := range strings.Split(noData, "\n") {
		if _, text, ok := strings.Cut(line, ": "); ok && !strings.HasPrefix(strings.TrimSpace(line), "#") {
			for _, w := range wordRe.FindAllString(strings.ToLower(text), -1) {
				if len(w) >= 4 {
					words[w] = true
				}
			}
		}
	}
	return words
}

var wordRe = regexp.MustCompile(`[a-z]+`)

// idWords are the words of the ids a document carries (bank, tier,
// dimension, question, option, check and strategy ids, kinds): data, not
// sentences.
func idWords(docs ...any) map[string]bool {
	idKeys := []string{"id", "check", "kind", "tier", "dimension", "question", "strategy", "role", "severity", "status", "direction", "only", "schema", "blocking", "questions", "version", "digest", "path", "dir"}
	words := map[string]bool{}
	var walk func(key string, v any)
	walk = func(key string, v any) {
		switch v := v.(type) {
		case map[string]any:
			for k, x := range v {
				walk(k, x)
			}
		case []any:
			for _, x := range v {
				walk(key, x)
			}
		case string:
			if slices.Contains(idKeys, key) {
				for _, w := range wordRe.FindAllString(strings.ToLower(v), -1) {
					words[w] = true
				}
			}
		}
	}
	for _, d := range docs {
		data, _ := json.Marshal(d)
		var v any
		json.Unmarshal(data, &v)
		walk("", v)
	}
	return words
}

// textOf is what a person reads of a page: HTML without its style sheet
// and tags.
func textOf(s string) string {
	s = regexp.MustCompile(`(?s)<style>.*?</style>`).ReplaceAllString(s, " ")
	return regexp.MustCompile(`<[^>]*>`).ReplaceAllString(s, " ")
}

// TestNoEnglishLeftInWelsh renders every report for people in Welsh with
// every catalog message replaced by a marker, and finds no word of the
// English catalog in them: every sentence comes from the catalogs, and the
// bank's texts from its translation. Ids, and words that are Welsh as well
// (in the Welsh bank), are data.
func TestNoEnglishLeftInWelsh(t *testing.T) {
	t.Parallel()
	s := builtin(t)
	b := s.Bank
	welsh := map[string]bool{}
	for _, x := range s.In("cy").Texts() {
		for _, w := range wordRe.FindAllString(strings.ToLower(x.Source), -1) {
			welsh[w] = true
		}
	}
	english := englishWords(t)
	o := Options{Width: 100, Language: marked(t)}
	oAcc := o
	oAcc.Accessible = true

	result := exampleResult(t)
	progressDoc := progress(t)
	var results []*assessment.Result
	cb := cohort.New(cohort.Options{MinGroup: 1, By: "role"}) // with its groups
	an := itemstats.New(b)
	cal := calibrate.New(b)
	for i := range 40 {
		line := batchtest.AnswerSet(b, i, batchtest.Options{Seed: 3})
		a, err := b.CheckAnswers(questions.RawAnswers{Bank: line.Bank, Respondent: line.Respondent, Answers: line.Answers})
		if err != nil {
			t.Fatal(err)
		}
		r := assessment.Score(b, a, scoreOptions)
		results = append(results, r)
		data, _ := json.Marshal(r)
		e, err := cohort.Decode(data)
		if err != nil {
			t.Fatal(err)
		}
		cb.Add(e, fmt.Sprint(i))
		an.Add(a.Values)
	}
	for _, raw := range calibratetest.Pilot(b, calibratetest.Known(20, 2, 8, 5)) {
		a, err := b.CheckAnswers(raw)
		if err != nil {
			t.Fatal(err)
		}
		cal.Add(a)
	}
	coh, err := cb.Report()
	if err != nil {
		t.Fatal(err)
	}
	stats := an.Report()
	calibration := cal.Report(calibrate.Options{Seed: 1, Replicates: 50})
	rev := review.Review(b, review.Options{Seed: 1, Respondents: 200})
	entries := []store.Entry{{Path: "/data/results/a.json", Result: results[0]}, {Path: "/data/results/b.json", Result: results[1]}}
	hist := NewHistory("/data/results", entries)
	ids := idWords(b, result, progressDoc, coh, stats, calibration, rev, hist)
	ids["digilead"], ids["sha"] = true, true
	ids[coh.By] = true // respondent.role: a field of the answers format, named in the note

	type doc struct {
		name   string
		render func(w io.Writer) error
	}
	var docs []doc
	add := func(name string, f func(w io.Writer, o Options) error) {
		docs = append(docs, doc{name, func(w io.Writer) error { return f(w, o) }}, doc{name + " accessible", func(w io.Writer) error { return f(w, oAcc) }})
	}
	for _, format := range []string{"text", "markdown", "html"} {
		f, _ := Results.Lookup(format)
		add("result "+format, func(w io.Writer, o Options) error { return f(w, result, o) })
	}
	for _, format := range []string{"text", "markdown"} {
		f, _ := Comparisons.Lookup(format)
		add("compare "+format, func(w io.Writer, o Options) error { return f(w, progressDoc, o) })
	}
	for _, format := range []string{"text", "markdown", "html"} {
		f, _ := Cohorts.Lookup(format)
		add("cohort "+format, func(w io.Writer, o Options) error { return f(w, coh, o) })
	}
	for _, format := range []string{"text", "markdown"} {
		f, _ := ItemAnalyses.Lookup(format)
		add("stats "+format, func(w io.Writer, o Options) error { return f(w, stats, o) })
		g, _ := Calibrations.Lookup(format)
		add("calibrate "+format, func(w io.Writer, o Options) error { return g(w, calibration, o) })
		h, _ := Reviews.Lookup(format)
		add("review "+format, func(w io.Writer, o Options) error { return h(w, rev, o) })
	}
	h, _ := Histories.Lookup("text")
	add("history", func(w io.Writer, o Options) error { return h(w, hist, o) })
	bs, _ := BankSummaries.Lookup("text")
	add("bank show", func(w io.Writer, o Options) error { return bs(w, builtin(t).Bank, o) })

	for _, d := range docs {
		var buf bytes.Buffer
		if err := d.render(&buf); err != nil {
			t.Fatalf("%s: %v", d.name, err)
		}
		out := textOf(buf.String())
		if !strings.Contains(out, "¤") {
			t.Errorf("%s: no marker; is the catalog used?", d.name)
		}
		var left []string
		for _, w := range wordRe.FindAllString(strings.ToLower(out), -1) {
			if english[w] && !ids[w] && !welsh[w] && !slices.Contains(left, w) {
				left = append(left, w)
			}
		}
		if len(left) > 0 {
			t.Errorf("%s: English left in the Welsh report: %v\n%s", d.name, left, out)
		}
	}
}

// TestLocaliseLeavesTheDocument checks a report in another language
// changes nothing of the document it is given, and that JSON and CSV stay
// as they are whatever the language.
func TestLocaliseLeavesTheDocument(t *testing.T) {
	t.Parallel()
	r := exampleResult(t)
	before, _ := json.Marshal(r)
	for _, format := range []string{"json", "csv"} {
		f, _ := Results.Lookup(format)
		var en, cy bytes.Buffer
		f(&en, r, Options{})
		f(&cy, r, Options{Language: in(t, "cy")})
		if en.String() != cy.String() {
			t.Errorf("%s differs in Welsh", format)
		}
	}
	text, _ := Results.Lookup("text")
	text(io.Discard, r, Options{Language: in(t, "cy")})
	after, _ := json.Marshal(r)
	if !bytes.Equal(before, after) {
		t.Error("rendering in Welsh changed the result")
	}
}

// TestBankTextsAreTranslatedByType: what localise translates is decided by
// a field's type, not its name. A BankText under any field name is shown
// in the report's language; a plain string that happens to equal a bank
// text (a person's name, a group) is left as it is.
func TestBankTextsAreTranslatedByType(t *testing.T) {
	t.Parallel()
	lg := in(t, "cy")
	s := builtin(t)
	english := s.Bank.Dimensions[0].Name
	welsh := lg.texts[english]
	if welsh == "" || welsh == english {
		t.Fatalf("the built-in bank has no Welsh for %q", english)
	}
	type doc struct {
		Heading  questions.BankText   // a field name no list would know
		Headings []questions.BankText // and in a list
		Person   string               // data from outside
		Name     string               // even under the name of a text field
	}
	got := localise(&doc{Heading: questions.BankText(english), Headings: []questions.BankText{questions.BankText(english)}, Person: english, Name: english}, Options{Language: lg})
	if string(got.Heading) != welsh || string(got.Headings[0]) != welsh {
		t.Errorf("bank texts not translated: %q, %q; want %q", got.Heading, got.Headings, welsh)
	}
	if got.Person != english || got.Name != english {
		t.Errorf("outside strings translated: %q, %q; want %q left alone", got.Person, got.Name, english)
	}

	// A respondent named like a dimension keeps their name in a Welsh report.
	r := exampleResult(t)
	r.Respondent.Name = english
	if out := localise(safetext.Copy(r), Options{Language: lg}); out.Respondent.Name != english {
		t.Errorf("respondent's name translated to %q", out.Respondent.Name)
	}
}
