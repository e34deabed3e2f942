package report

import (
	"bytes"
	"html"
	"strings"
	"testing"
	"unicode"

	"github.com/digilead/digilead/assessment"
	"github.com/digilead/digilead/questions"
	"github.com/digilead/digilead/questions/lang"
	"github.com/digilead/digilead/questions/questionstest"
	"github.com/digilead/digilead/questions/safetext"
)

// persona scores a persona of docs/examples/personas with the built-in
// bank, under its level rule or, with strict, the strict one.
func persona(t *testing.T, file string, strict bool) *assessment.Result {
	t.Helper()
	b := questions.Default()
	if strict {
		b.LevelRule = questions.LevelRuleStrict
	}
	return assessment.Score(b, questionstest.Answers(t, b, "../docs/examples/personas/"+file), scoreOptions)
}

// TestCertaintyInWords: the level's probability in words, by band.
func TestCertaintyInWords(t *testing.T) {
	en := lang.English()
	for _, c := range []struct{ file, want string }{
		{"head-of-digital.yaml", "very sure (over 99% likely)"},
		{"team-manager.yaml", "fairly sure (76% likely)"},
		{"chief-executive-new-to-digital.yaml", "not sure: between Developing (56% likely) and Operational implementer (41%)"},
	} {
		if got := certainty(en, persona(t, c.file, false)); got != c.want {
			t.Errorf("%s: %q, want %q", c.file, got, c.want)
		}
		if got := certainty(en, persona(t, c.file, true)); got != "" {
			t.Errorf("%s under the strict rule: %q, want nothing", c.file, got)
		}
	}
	if got := certainty(en, exampleResult(t)); got != "fairly sure (72% likely)" {
		t.Errorf("example: %q", got)
	}
	r := exampleResult(t)
	r.Tiers[0].WithinError = []string{"technology-adoption", "accessibility"}
	if got, want := withinErrorMet(en, r), "Technology adoption and Accessibility and inclusion fall short of what Frontline executor expects, but by less than their questions can measure, so the level counts the tier as met."; got != want {
		t.Errorf("within error:\n got %q\nwant %q", got, want)
	}
	if got := withinErrorMet(en, exampleResult(t)); got != "" {
		t.Errorf("no shortfall, yet %q", got)
	}
}

// TestEveryReportShowsCertainty: every report for people, in every
// language, says how sure the level is, and explains a shortfall within
// measurement error in a met tier; a strict result's reports say neither.
func TestEveryReportShowsCertainty(t *testing.T) {
	martin := persona(t, "chief-executive-new-to-digital.yaml", false)
	short := exampleResult(t)
	short.Tiers[0].WithinError = []string{"technology-adoption"}
	strict := persona(t, "chief-executive-new-to-digital.yaml", true)
	for _, tag := range []string{"en", "cy", "fr"} {
		language := in(t, tag)
		l := language.Lang
		for _, f := range []struct {
			name       string
			accessible bool
			render     Render[*assessment.Result]
		}{
			{"text", false, Results.m["text"]},
			{"accessible", true, Results.m["text"]},
			{"markdown", false, Results.m["markdown"]},
			{"html", false, Results.m["html"]},
		} {
			render := func(r *assessment.Result) string {
				var buf bytes.Buffer
				if err := f.render(&buf, r, Options{Width: 1000, Accessible: f.accessible, Language: language}); err != nil {
					t.Fatal(err)
				}
				return buf.String()
			}
			// Markdown and HTML escape some characters; compare on words.
			words := func(s string) string {
				s = html.UnescapeString(s)
				return strings.Join(strings.FieldsFunc(s, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }), " ")
			}
			// The report shows the bank's texts (tier and dimension
			// names) in its language.
			shown := func(r *assessment.Result) *assessment.Result {
				return localise(safetext.Copy(r), Options{Language: language})
			}
			if got, want := words(render(martin)), words(certainty(l, shown(martin))); !strings.Contains(got, want) {
				t.Errorf("%s %s: the certainty %q is not in the report", tag, f.name, want)
			}
			if got, want := words(render(short)), words(withinErrorMet(l, shown(short))); !strings.Contains(got, want) {
				t.Errorf("%s %s: the shortfall within error %q is not in the report", tag, f.name, want)
			}
			label := strings.TrimRight(l.T("report.label.certainty"), ": ")
			if f.name == "html" {
				label = l.T("report.html.certainty")
			}
			if strings.Contains(render(strict), label) {
				t.Errorf("%s %s: a strict result's report says %q", tag, f.name, label)
			}
		}
	}
}
