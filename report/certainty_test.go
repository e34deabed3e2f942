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
		if got := certainty(en, persona(t, c.file, false), false); got != c.want {
			t.Errorf("%s: %q, want %q", c.file, got, c.want)
		}
		if got := certainty(en, persona(t, c.file, true), false); got != c.strict {
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
	if got, want := certainty(en, r, false), "not sure: between Frontline executor (20% likely) and Operational implementer (60%)"; got != want {
		t.Errorf("a strict level of 20%%: %q, want %q", got, want)
	}
	r.LevelProbability = nil
	for i := range r.Tiers {
		r.Tiers[i].Probability = nil
	}
	if got := certainty(en, r, false); got != "" {
		t.Errorf("a result without probabilities: %q", got)
	}
	if got := certainty(en, exampleResult(t), false); got != "fairly sure (73% likely)" {
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
			if got, want := words(render(martin)), words(certainty(l, shown(martin), f.accessible)); !strings.Contains(got, want) {
				t.Errorf("%s %s: the certainty %q is not in the report", tag, f.name, want)
			}
			if got, want := words(render(short)), words(withinErrorMet(l, shown(short))); !strings.Contains(got, want) {
				t.Errorf("%s %s: the shortfall within error %q is not in the report", tag, f.name, want)
			}
			if got, want := words(render(strict)), words(certainty(l, shown(strict), f.accessible)); want == "" || !strings.Contains(got, want) {
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

// TestCertaintyWithUnscoredDimensions: a tier above the level that a
// dimension without a score (too few answers) keeps from being met is not
// shown to be out of reach, so the report does not call the level sure:
// it says what is known (at least the level, with that probability) and
// what cannot be judged. And the report does not say that nothing stands
// out: it says which of the target's areas could not be scored.
func TestCertaintyWithUnscoredDimensions(t *testing.T) {
	b := questions.Default()
	en := lang.English()
	// without scores the persona's answers without those of dimension dim.
	without := func(file, dim string) *assessment.Result {
		a := questionstest.Answers(t, b, "../docs/examples/personas/"+file)
		for _, q := range b.Questions {
			if q.Dimension == dim {
				delete(a.Values, q.ID)
			}
		}
		return assessment.Score(b, a, scoreOptions)
	}
	// onlyTop is a dimension only the top tier expects.
	top := b.Tiers[len(b.Tiers)-1]
	onlyTop := ""
	for _, d := range b.Dimensions {
		lower := false
		for _, tr := range b.Tiers[:len(b.Tiers)-1] {
			lower = lower || tr.Expectations[d.ID] > 0
		}
		if !lower && top.Expectations[d.ID] > 0 {
			onlyTop = d.ID
			break
		}
	}
	if onlyTop == "" {
		t.Fatal("the built-in bank has no dimension only its top tier expects")
	}
	floor := ""
	for id, e := range b.Tiers[0].Expectations {
		if e > 0 && (floor == "" || id < floor) {
			floor = id
		}
	}
	sure := persona(t, "head-of-digital.yaml", false)
	if got := certainty(en, sure, false); got != "very sure (over 99% likely)" {
		t.Fatalf("head of digital, every answer: %q", got)
	}

	r := without("head-of-digital.yaml", onlyTop)
	if r.Level == nil || r.Level.ID != b.Tiers[len(b.Tiers)-2].ID {
		t.Fatalf("without %s: level %v, want the tier below the top", onlyTop, r.Level)
	}
	want := "at least " + string(r.Level.Name) + " (over 99% likely); whether you meet " + top.Name + " cannot be judged, as 1 area it expects had too few answers to score"
	if got := certainty(en, r, false); !strings.HasPrefix(got, "at least "+string(r.Level.Name)+" (") || !strings.HasSuffix(got, "; whether you meet "+top.Name+" cannot be judged, as 1 area it expects had too few answers to score") {
		t.Errorf("without %s:\n got %q\nwant %q", onlyTop, got, want)
	}

	r = without("head-of-digital.yaml", floor)
	if r.Level != nil {
		t.Fatalf("without %s: level %v, want none", floor, r.Level)
	}
	if got, want := certainty(en, r, false), "cannot tell yet: whether you meet "+b.Tiers[0].Name+" cannot be judged, as 1 area it expects had too few answers to score"; got != want {
		t.Errorf("without %s:\n got %q\nwant %q", floor, got, want)
	}

	// Nothing answered: every report says it cannot tell, names the
	// areas not scored, and never that nothing stands out.
	none := assessment.Score(b, &questions.Answers{Values: map[string]questions.Value{}}, scoreOptions)
	for _, format := range []string{"text", "markdown", "html"} {
		var buf bytes.Buffer
		if err := Results.all()[format](&buf, none, Options{Width: 1000}); err != nil {
			t.Fatal(err)
		}
		out := strings.Join(strings.Fields(html.UnescapeString(buf.String())), " ")
		if !strings.Contains(out, "cannot tell yet") || !strings.Contains(out, "too few answers to tell whether they meet what "+b.Tiers[0].Name+" expects") ||
			strings.Contains(out, "Nothing stands out") || strings.Contains(out, "very sure") || strings.Contains(out, "every expectation of") {
			t.Errorf("%s of no answers claims what it does not know:\n%s", format, out)
		}
	}
}

// TestAccessibleCertaintySaysPercent: the accessible report says the
// level's probability as it says every other share, "73 percent", never
// with a sign a screen reader may skip, in each band and language; the
// other reports keep the sign.
func TestAccessibleCertaintySaysPercent(t *testing.T) {
	sure := persona(t, "head-of-digital.yaml", false)
	fairly := persona(t, "team-manager.yaml", false)
	between := persona(t, "chief-executive-new-to-digital.yaml", false)
	for _, tc := range []struct {
		tag  string
		r    *assessment.Result
		want string
	}{
		{"en", sure, "very sure (over 99 percent likely)"},
		{"en", fairly, "fairly sure (82 percent likely)"},
		{"en", between, "not sure: between Developing (61 percent likely) and Operational implementer (36 percent)"},
		{"cy", fairly, "(tebygolrwydd 82 y cant)"},
		{"cy", sure, "dros 99 y cant"},
		{"fr", fairly, "(82 pour cent)"},
		{"fr", sure, "plus de 99 pour cent"},
	} {
		l := in(t, tc.tag).Lang
		if got := certainty(l, tc.r, true); !strings.Contains(got, tc.want) || strings.Contains(got, "%") {
			t.Errorf("%s accessible: %q, want it to hold %q and no %%", tc.tag, got, tc.want)
		}
		if got := certainty(l, tc.r, false); !strings.Contains(got, "%") {
			t.Errorf("%s: %q has no %% sign", tc.tag, got)
		}
		var buf bytes.Buffer
		if err := Results.all()["text"](&buf, tc.r, Options{Width: 1000, Accessible: true, Language: in(t, tc.tag)}); err != nil {
			t.Fatal(err)
		}
		if strings.Contains(buf.String(), "%") {
			t.Errorf("%s: the accessible report has a %% sign:\n%s", tc.tag, buf.String())
		}
	}
}

// TestWhyLevelWhenEveryScoreMeetsItsBar: a tier whose every score meets
// its bar, but not surely enough for the most-probable rule to count it,
// is not explained by naming a met dimension as its cause: every report
// that explains the level says that the scores meet their bars, and the
// readiness beside it does not say a bare "not met" (QA #1).
func TestWhyLevelWhenEveryScoreMeetsItsBar(t *testing.T) {
	b := questions.Default()
	r := assessment.Score(b, questionstest.Answers(t, b, "testdata/answers-allmet.yaml"), scoreOptions)
	if r.Level != nil || r.Tiers[0].Readiness != 100 || len(r.Tiers[0].Blocking) == 0 {
		t.Fatalf("the fixture no longer has every frontline score at its bar and the tier not met: level %v, tier %+v", r.Level, r.Tiers[0])
	}
	if !metButNotSurely(r, r.Tiers[0]) || metButNotSurely(r, r.Tiers[1]) {
		t.Errorf("metButNotSurely: frontline %v (want true), operational %v (want false)", metButNotSurely(r, r.Tiers[0]), metButNotSurely(r, r.Tiers[1]))
	}
	tm := persona(t, "team-manager.yaml", false)
	for _, tr := range tm.Tiers {
		if metButNotSurely(tm, tr) {
			t.Errorf("team manager: tier %s, with scores short of its bars, taken as met but not surely", tr.ID)
		}
	}
	for _, tag := range []string{"en", "cy", "fr"} {
		language := in(t, tag)
		l := language.Lang
		shown := localise(safetext.Copy(r), Options{Language: language})
		tier := shown.Tiers[0]
		names := dimensionNames(shown, tier.Blocking)
		bare := l.T("report.why.not_met", "Tier", tier.Name, "Dimensions", l.List(names))
		want := whyNotMet(l, shown, tier, names)
		if want == bare || !strings.Contains(want, l.T("report.why.meets_bar", "Name", names[0])) {
			t.Errorf("%s: %q does not say the blocking scores meet their bars", tag, want)
		}
		for format, got := range explainingReports(t, r, language) {
			if !strings.Contains(got, words(want)) {
				t.Errorf("%s %s: the reason %q is not in the report", tag, format, want)
			}
			if strings.Contains(got, words(bare)) {
				t.Errorf("%s %s: the report names a met dimension as the cause: %q", tag, format, bare)
			}
			if !strings.Contains(got, words(l.T("report.not_surely_met"))) {
				t.Errorf("%s %s: the readiness does not say %q", tag, format, l.T("report.not_surely_met"))
			}
		}
	}
}

// TestCertaintyOfStraightLining: answers given the same way throughout
// agree with one another, so their measurement error is at its smallest
// and the level's probability at its highest; the reports do not call
// such a level "very sure" but say that its certainty cannot be judged
// (QA #2).
func TestCertaintyOfStraightLining(t *testing.T) {
	b := questions.Default()
	r := assessment.Score(b, questionstest.Answers(t, b, "testdata/answers-middle.yaml"), scoreOptions)
	if !assessment.StraightLined(r) || r.LevelProbability == nil || *r.LevelProbability < verySure {
		t.Fatalf("the fixture is no longer a straight-liner given a very sure level: notes %v, probability %v", r.Notes, r.LevelProbability)
	}
	for _, tag := range []string{"en", "cy", "fr"} {
		language := in(t, tag)
		l := language.Lang
		want := l.T("report.certainty.straight_lining")
		very := strings.SplitN(l.T("report.certainty.almost", "P", lang.Pct{Share: 0.99}), "(", 2)[0]
		for format, got := range explainingReports(t, r, language) {
			if !strings.Contains(got, words(want)) {
				t.Errorf("%s %s: %q is not in the report", tag, format, want)
			}
			if strings.Contains(got, words(very)) {
				t.Errorf("%s %s: a straight-liner's level is called %q", tag, format, very)
			}
		}
	}
	// Without the note, the same answers' level is put in words as usual.
	r.Notes = nil
	if got := certainty(lang.English(), r, false); got == lang.English().T("report.certainty.straight_lining") {
		t.Errorf("a result without a straight-lining note: %q", got)
	}
}

// explainingReports renders r in language in every report for people
// that explains the level (text, accessible text, markdown, HTML), each
// as its words (words).
func explainingReports(t *testing.T, r *assessment.Result, language *Language) map[string]string {
	t.Helper()
	out := map[string]string{}
	for _, f := range []struct {
		name, format string
		accessible   bool
	}{{"text", "text", false}, {"accessible", "text", true}, {"markdown", "markdown", false}, {"html", "html", false}} {
		var buf bytes.Buffer
		if err := Results.all()[f.format](&buf, r, Options{Width: 1000, Accessible: f.accessible, Language: language}); err != nil {
			t.Fatal(err)
		}
		out[f.name] = words(buf.String())
	}
	return out
}

// words is s without markup, escapes or punctuation: its words and
// numbers, one space apart.
func words(s string) string {
	s = html.UnescapeString(s)
	return strings.Join(strings.FieldsFunc(s, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }), " ")
}
