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
	for _, c := range []struct{ file, want, strict string }{
		{"head-of-digital.yaml", "very sure (over 99% likely)", "very sure (over 99% likely)"},
		{"team-manager.yaml", "fairly sure (82% likely)", "fairly sure (82% likely)"},
		// The strict rule gives Martin the operational tier, the less
		// probable of the two.
		{"chief-executive-new-to-digital.yaml", "not sure: between Developing (61% likely) and Operational implementer (36%)", "not sure: between Developing (61% likely) and Operational implementer (36%)"},
	} {
		if got := certainty(en, persona(t, c.file, false)); got != c.want {
			t.Errorf("%s: %q, want %q", c.file, got, c.want)
		}
		if got := certainty(en, persona(t, c.file, true)); got != c.strict {
			t.Errorf("%s under the strict rule: %q, want %q", c.file, got, c.strict)
		}
	}
	// A strict level that is neither the most probable nor next to it is
	// named with the most probable one; a result written before digilead
	// gave probabilities says nothing.
	r := persona(t, "chief-executive-new-to-digital.yaml", true)
	r.Level = &assessment.TierRef{ID: r.Tiers[0].ID, Name: r.Tiers[0].Name, Rank: r.Tiers[0].Rank}
	r.Tiers[0].Probability, r.Tiers[1].Probability, r.Tiers[2].Probability = new(0.9), new(0.7), new(0.1)
	r.LevelProbability = new(0.2)
	if got, want := certainty(en, r), "not sure: between Frontline executor (20% likely) and Operational implementer (60%)"; got != want {
		t.Errorf("a strict level of 20%%: %q, want %q", got, want)
	}
	r.LevelProbability = nil
	for i := range r.Tiers {
		r.Tiers[i].Probability = nil
	}
	if got := certainty(en, r); got != "" {
		t.Errorf("a result without probabilities: %q", got)
	}
	if got := certainty(en, exampleResult(t)); got != "fairly sure (73% likely)" {
		t.Errorf("example: %q", got)
	}
	r = exampleResult(t)
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
			{"text", false, Results.all()["text"]},
			{"accessible", true, Results.all()["text"]},
			{"markdown", false, Results.all()["markdown"]},
			{"html", false, Results.all()["html"]},
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
			if got, want := words(render(strict)), words(certainty(l, shown(strict))); want == "" || !strings.Contains(got, want) {
				t.Errorf("%s %s: the certainty %q of a strict result is not in the report", tag, f.name, want)
			}
			old := shown(strict)
			old.LevelProbability = nil
			label := strings.TrimRight(l.T("report.label.certainty"), ": \u00a0")
			if f.name == "html" {
				label = l.T("report.html.certainty")
			}
			if strings.Contains(render(old), label) {
				t.Errorf("%s %s: the report of a result without a probability says %q", tag, f.name, label)
			}
		}
	}
}
