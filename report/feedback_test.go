package report

import (
	"bytes"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/digilead/digilead/assessment"
	"github.com/digilead/digilead/assessment/feedback"
	"github.com/digilead/digilead/questions"
	"github.com/digilead/digilead/questions/lang"
)

// observed is the built-in bank with observer wording on the first two
// questions of every dimension, where it has none of its own.
func observed(t testing.TB) *questions.Bank {
	t.Helper()
	b := questions.Default() // a copy of its own
	if b.Observed() {
		return b
	}
	seen := map[string]int{}
	for i := range b.Questions {
		q := &b.Questions[i]
		if seen[q.Dimension] < 2 {
			q.Observer = &questions.Observer{Text: "Of this person: " + q.Text}
		}
		seen[q.Dimension]++
	}
	return b
}

// answerAt answers every question of b at level x (0 to 1) of its scale
// or options.
func answerAt(b *questions.Bank, x float64) map[string]questions.Value {
	vals := map[string]questions.Value{}
	for _, q := range b.Questions {
		var v questions.Value
		switch q.Type {
		case questions.Likert:
			p := q.Scale.Min + int(math.Round(x*float64(q.Scale.Max-q.Scale.Min)))
			if q.Reverse {
				p = q.Scale.Max + q.Scale.Min - p
			}
			v = questions.IntValue(p)
		case questions.YesNo:
			v = questions.BoolValue(x >= 0.5)
		case questions.Choice:
			best := 0
			for i, o := range q.Options {
				if math.Abs(o.Score-x) < math.Abs(q.Options[best].Score-x) {
					best = i
				}
			}
			v = questions.OptionValue(q.Options[best].ID)
		case questions.Multi:
			var ids []string
			for i, o := range q.Options {
				if float64(i) < x*float64(len(q.Options)) {
					ids = append(ids, o.ID)
				}
			}
			v = questions.OptionsValue(ids...)
		}
		vals[q.ID] = v
	}
	return vals
}

var feedbackRound = "k5qwfxtz3m7rvn2hyb4ajd6ceu"

// feedbackFixture is a round on the built-in bank: the person rates
// themself high; a manager, four peers, two direct reports and three
// others answer, lower on the whole, the reports higher.
func feedbackFixture(t testing.TB, docs map[string][]float64) *feedback.Report {
	t.Helper()
	b := observed(t)
	// High on the first half of the dimensions, low on the rest.
	own, low := answerAt(b, 0.9), answerAt(b, 0.1)
	for _, d := range b.Dimensions[len(b.Dimensions)/2:] {
		for _, q := range b.QuestionsOf(d.ID) {
			own[q.ID] = low[q.ID]
		}
	}
	return feedbackOf(t, b, own, docs)
}

// straightFeedbackFixture is feedbackFixture's round with a self result
// answered at the top of every scale as written (reverse-keyed questions
// too), the other questions high: the same answer throughout, so its
// measurement error cannot be judged.
func straightFeedbackFixture(t testing.TB, docs map[string][]float64) *feedback.Report {
	t.Helper()
	b := observed(t)
	own := answerAt(b, 0.9)
	for _, q := range b.Questions {
		if q.Type == questions.Likert {
			own[q.ID] = questions.IntValue(q.Scale.Max)
		}
	}
	return feedbackOf(t, b, own, docs)
}

// feedbackOf is the report of the round answered docs (feedbackFixture)
// beside a self result answered own.
func feedbackOf(t testing.TB, b *questions.Bank, own map[string]questions.Value, docs map[string][]float64) *feedback.Report {
	t.Helper()
	self := assessment.Score(b, &questions.Answers{Respondent: questions.Respondent{Name: "Sam Jones"}, Values: own}, scoreOptions)
	bd := feedback.NewBuilder(b, feedback.Options{})
	r := feedback.RoundFor(feedbackRound, b)
	n := 0
	for _, role := range feedback.Roles {
		for _, x := range docs[role] {
			f := feedback.New(r, b, role, &questions.Answers{Values: answerAt(b, x)}, fixedTime.Add(time.Duration(n)*time.Hour), "")
			if err := bd.Add(f, "f.json"); err != nil {
				t.Fatal(err)
			}
			n++
		}
	}
	rep, err := bd.Report(self)
	if err != nil {
		t.Fatal(err)
	}
	return rep
}

var (
	roundDocs = map[string][]float64{
		feedback.Manager:      {0.5},
		feedback.Peer:         {0.3, 0.4, 0.5, 0.4},
		feedback.DirectReport: {0.9, 1},
		feedback.Other:        {0.4, 0.6, 0.5},
	}
	fewDocs = map[string][]float64{feedback.Manager: {0.5}, feedback.Peer: {0.4, 0.6}}
)

// TestFeedbackGolden renders a feedback report in every format for
// people, in English, Welsh and French, and as JSON.
func TestFeedbackGolden(t *testing.T) {
	t.Parallel()
	reports := map[string]*feedback.Report{"round": feedbackFixture(t, roundDocs), "few": feedbackFixture(t, fewDocs), "straight": straightFeedbackFixture(t, roundDocs)}
	for name, r := range reports {
		for _, tag := range []string{"en", "cy", "fr"} {
			for _, c := range []struct {
				format, ext string
				accessible  bool
			}{{"text", "txt", false}, {"text", "accessible.txt", true}, {"markdown", "md", false}, {"html", "html", false}} {
				if name != "round" && tag != "en" && c.format != "text" {
					continue
				}
				t.Run(name+"."+tag+"."+c.ext, func(t *testing.T) {
					render, err := FeedbackReports.Lookup(c.format)
					if err != nil {
						t.Fatal(err)
					}
					var buf bytes.Buffer
					if err := render(&buf, r, Options{Width: 80, Accessible: c.accessible, Language: in(t, tag)}); err != nil {
						t.Fatal(err)
					}
					golden(t, "feedback."+name+"."+tag+"."+c.ext+".golden", buf.Bytes())
				})
			}
		}
		t.Run(name+".json", func(t *testing.T) {
			render, _ := FeedbackReports.Lookup("json")
			var buf bytes.Buffer
			if err := render(&buf, r, Options{}); err != nil {
				t.Fatal(err)
			}
			golden(t, "feedback."+name+".json.golden", buf.Bytes())
		})
	}
}

func TestFeedbackFixtureShowsWhatItShould(t *testing.T) {
	r := feedbackFixture(t, roundDocs)
	var flags []string
	for _, d := range r.Dimensions {
		if d.Flag != "" {
			flags = append(flags, d.Flag)
		}
	}
	if !strings.Contains(strings.Join(flags, " "), feedback.BlindSpot) || !strings.Contains(strings.Join(flags, " "), feedback.HiddenStrength) || len(r.Withheld) == 0 || len(r.Questions) == 0 {
		t.Errorf("flags %v, withheld %+v, %d questions: the golden files would not show them", flags, r.Withheld, len(r.Questions))
	}
}

// TestRoundInstructionsGolden writes what to send to observers in each
// language.
func TestRoundInstructionsGolden(t *testing.T) {
	t.Parallel()
	b := observed(t)
	r := feedback.RoundFor(feedbackRound, b)
	r.Subject, r.Closes = "Sam Jones", "2024-03-15"
	for _, tag := range []string{"en", "cy", "fr"} {
		t.Run(tag, func(t *testing.T) {
			render, _ := Rounds.Lookup("text")
			var buf bytes.Buffer
			if err := render(&buf, r, Options{Width: 80, Language: in(t, tag)}); err != nil {
				t.Fatal(err)
			}
			golden(t, "round."+tag+".txt.golden", buf.Bytes())
		})
	}
}

// TestFeedbackHTMLInBrowser opens the feedback page in headless chromium:
// it loads without console errors or network requests, with a bar for
// every dimension the person scored and the tables drawn.
func TestFeedbackHTMLInBrowser(t *testing.T) {
	t.Parallel()
	r := feedbackFixture(t, roundDocs)
	for _, tag := range []string{"en", "fr"} {
		render, _ := FeedbackReports.Lookup("html")
		var buf bytes.Buffer
		if err := render(&buf, r, Options{Language: in(t, tag)}); err != nil {
			t.Fatal(err)
		}
		page := filepath.Join(t.TempDir(), "feedback."+tag+".html")
		if err := os.WriteFile(page, buf.Bytes(), 0o600); err != nil {
			t.Fatal(err)
		}
		dom, log := runChromium(t, page, "--dump-dom")
		checkBrowserLog(t, log)
		if n := strings.Count(dom, "<rect data-bar="); n != len(r.Dimensions) {
			t.Errorf("%s: %d bars, want one per dimension (%d)", tag, n, len(r.Dimensions))
		}
		for _, want := range []string{`<html lang="` + tag + `">`, "<table>", `id="h-withheld"`, `id="h-questions"`} {
			if !strings.Contains(dom, want) {
				t.Errorf("%s: rendered DOM lacks %s", tag, want)
			}
		}
	}
}

// TestWithheldQuestionsTakeOneLine: where people could not say, many
// question figures are withheld; the report lists them on one line, in
// every language, rather than one line each.
func TestWithheldQuestionsTakeOneLine(t *testing.T) {
	r := feedbackFixture(t, fewDocs)
	r.Withheld = append(r.Withheld,
		feedback.Withheld{Roles: []string{feedback.Peer}, N: 4, Reason: feedback.ReasonDifference, Question: "q-one", Kind: "everyone"},
		feedback.Withheld{Roles: []string{feedback.Peer}, N: 4, Reason: feedback.ReasonDifference, Question: "q-two", Kind: "everyone"})
	render, _ := FeedbackReports.Lookup("text")
	for tag, want := range map[string]string{"en": "answers to 2 questions (q-one, q-two)", "cy": "i 2 gwestiwn (q-one, q-two)", "fr": "à 2 questions (q-one, q-two)"} {
		var buf bytes.Buffer
		if err := render(&buf, r, Options{Width: 1000, Language: in(t, tag)}); err != nil {
			t.Fatal(err)
		}
		if out := buf.String(); !strings.Contains(out, want) || strings.Count(out, "q-one") != 1 {
			t.Errorf("%s: want one line with %q:\n%s", tag, want, out)
		}
	}
}

// TestFeedbackReadingSaysWhereTheMarginComesFrom: "How to read this" says
// where the error margins come from, as the report found them, in every
// language.
func TestFeedbackReadingSaysWhereTheMarginComesFrom(t *testing.T) {
	t.Parallel()
	base := feedbackFixture(t, roundDocs)
	n := len(base.Dimensions)
	first, rest := []string{string(base.Dimensions[0].Name)}, []string{}
	for _, d := range base.Dimensions[1:] {
		rest = append(rest, string(d.Name))
	}
	cases := []struct {
		name string
		from func(i int) string
		want func(l *lang.Lang) []string
	}{
		{"the bank's", func(int) string { return feedback.MarginBank }, func(l *lang.Lang) []string { return []string{l.T("feedback.reading.flags")} }},
		{"the self result's", func(int) string { return feedback.MarginSelf }, func(l *lang.Lang) []string { return []string{l.T("feedback.reading.flags_self")} }},
		{"the bank's, else the self result's", func(i int) string {
			return map[bool]string{true: feedback.MarginBank, false: feedback.MarginSelf}[i == 0]
		}, func(l *lang.Lang) []string {
			return []string{l.T("feedback.reading.flags_mixed", "Bank", l.List(first), "Self", l.List(rest))}
		}},
		{"the self result's, else none", func(i int) string { return map[bool]string{true: "", false: feedback.MarginSelf}[i == 0] }, func(l *lang.Lang) []string {
			return []string{l.T("feedback.reading.flags_self"), l.T("feedback.reading.no_margin", "Names", l.List(first))}
		}},
		{"none", func(int) string { return "" }, func(l *lang.Lang) []string { return []string{l.T("feedback.reading.flags_none")} }},
		// A straight-lined self result's SEM cannot be judged.
		{"unjudged", func(int) string { return feedback.MarginUnjudged }, func(l *lang.Lang) []string { return []string{l.T("feedback.reading.flags_unjudged")} }},
		{"the bank's, else unjudged", func(i int) string {
			return map[bool]string{true: feedback.MarginBank, false: feedback.MarginUnjudged}[i == 0]
		}, func(l *lang.Lang) []string {
			return []string{l.T("feedback.reading.flags"), l.T("feedback.reading.unjudged", "Names", l.List(rest))}
		}},
		{"unjudged, else none", func(i int) string { return map[bool]string{true: "", false: feedback.MarginUnjudged}[i == 0] }, func(l *lang.Lang) []string {
			return []string{l.T("feedback.reading.flags_unjudged"), l.T("feedback.reading.no_margin", "Names", l.List(first))}
		}},
	}
	for _, c := range cases {
		r := *base
		r.Dimensions = append([]feedback.Dimension(nil), base.Dimensions...)
		for i := range n {
			r.Dimensions[i].MarginFrom = c.from(i)
		}
		for _, tag := range []string{"en", "cy", "fr"} {
			render, _ := FeedbackReports.Lookup("markdown")
			var buf bytes.Buffer
			if err := render(&buf, &r, Options{Language: in(t, tag)}); err != nil {
				t.Fatal(err)
			}
			for _, want := range c.want(lang.Get(tag)) {
				if tag != "en" {
					// The dimensions' names are translated: what comes
					// before them.
					want, _, _ = strings.Cut(want, first[0])
					want, _, _ = strings.Cut(want, rest[0])
				}
				if !strings.Contains(buf.String(), mdEscape(want)) {
					t.Errorf("%s, %s: the reading does not say %q:\n%s", c.name, tag, want, buf.String())
				}
			}
			if !strings.HasPrefix(c.name, "the bank's") && strings.Contains(buf.String(), mdEscape(lang.Get(tag).T("feedback.reading.flags"))) {
				t.Errorf("%s, %s: says the margin comes from the bank's reliability", c.name, tag)
			}
		}
	}
}

// TestRoundInstructionsNameTheBankFileNotItsPath: the text observers are
// sent names the bank by its file name, which they are told they need,
// and not where it is on the inviter's computer; a round offering fewer
// roles than all names them in its command.
func TestRoundInstructionsNameTheBankFileNotItsPath(t *testing.T) {
	t.Parallel()
	b := observed(t)
	r := feedback.RoundFor(feedbackRound, b)
	r.Subject, r.Roles = "Sam Jones", []string{feedback.Peer, feedback.DirectReport}
	for _, tag := range []string{"en", "cy", "fr"} {
		l := lang.Get(tag)
		got := Instructions(l, r, feedback.DefaultMinGroup, []string{"/home/sam/banks/four.yaml"})
		command := "digilead feedback give --round " + feedbackRound + " --roles peer,report --bank four.yaml --role ROLE -o feedback.json"
		if !strings.Contains(got, command) || !strings.Contains(got, l.T("feedback.invite.bank", "Files", "four.yaml")) || strings.Contains(got, "/home/sam") {
			t.Errorf("%s: want %q, the bank file said to be needed, and no path:\n%s", tag, command, got)
		}
	}
	if got := Instructions(lang.Get("en"), feedback.RoundFor(feedbackRound, b), feedback.DefaultMinGroup, nil); strings.Contains(got, "--roles") || strings.Contains(got, "--bank") || strings.Contains(got, "question bank file") {
		t.Errorf("every role, the built-in bank: no --roles, no bank file:\n%s", got)
	}
}

// TestRoundTextIsNotGendered: what observers are sent, and what their
// questionnaire says about the person, reads right whatever that
// person's gender. English says "they"; French and Welsh have no such
// pronoun, so the catalogs use the name, "cette personne"/"y person
// hwn" or a construction with no pronoun about them. These are the
// words the two catalogs once used.
func TestRoundTextIsNotGendered(t *testing.T) {
	t.Parallel()
	b := observed(t)
	r := feedback.RoundFor(feedbackRound, b)
	r.Subject = "Sam Jones"
	gendered := map[string][]string{
		"fr": {" la voyez", " avec elle", "qu'elle encadre", "l'avez vu ", "l'avez vue "},
		"cy": {"ei arweinyddiaeth", "ei reolwr", "ei reoli", " ag ef", "gydag ef", "(ef ", " iddo", " iddi", "ei gymheiriaid", "wedi'i weld yn ei wneud"},
	}
	for tag, words := range gendered {
		l := lang.Get(tag)
		texts := []string{Instructions(l, r, feedback.DefaultMinGroup, nil)}
		for _, role := range feedback.Roles {
			texts = append(texts, About(l, r, role, feedback.DefaultMinGroup))
		}
		texts = append(texts, l.T("workshop.feedback.pick", "Subject", r.Subject))
		for _, text := range texts {
			for _, w := range words {
				if strings.Contains(text, w) {
					t.Errorf("%s: %q says the person's gender:\n%s", tag, w, text)
				}
			}
		}
	}
}

// TestRoundClosingDateIsWrittenAsReportsWriteDates: the closing date is
// written in the language's date format, not as the flag's YYYY-MM-DD.
func TestRoundClosingDateIsWrittenAsReportsWriteDates(t *testing.T) {
	t.Parallel()
	b := observed(t)
	r := feedback.RoundFor(feedbackRound, b)
	r.Closes = "2026-12-18"
	for tag, want := range map[string]string{"en": "Please answer by 2026-12-18.", "fr": "Merci de répondre avant le 18 décembre 2026.", "cy": "Atebwch erbyn 18 Rhagfyr 2026, os gwelwch yn dda."} {
		if got := Instructions(lang.Get(tag), r, feedback.DefaultMinGroup, nil); !strings.Contains(got, want) {
			t.Errorf("%s: want %q in:\n%s", tag, want, got)
		}
	}
}

// TestGapBeyondMarginNeverEqual: the sentence that says a gap is more
// than measurement error explains never shows the two as equal ("the
// gap of 12 is more than ... (12)"): it shows them to the precision that
// tells them apart (QA #2, 360).
func TestGapBeyondMarginNeverEqual(t *testing.T) {
	l := lang.English()
	f := func(x float64) *float64 { return &x }
	for _, c := range []struct {
		self, others, gap, min float64
		wantGap, wantMin       string
	}{
		{100, 54, 46, 18, "46", "18"},
		{50.4, 38.4, 12, 11.6, "12.0", "11.6"},
		{62.04, 50, 12.04, 12.01, "12.04", "12.01"},
		{38.4, 50.4, -12, 11.6, "12.0", "11.6"},
	} {
		d := feedback.Dimension{Self: f(c.self), Others: f(c.others), Gap: f(c.gap), MinGap: f(c.min)}
		if gap, margin := gapBeyondMargin(l, d); gap != c.wantGap || margin != c.wantMin {
			t.Errorf("self %v, others %v, min gap %v: the gap of %s against %s, want %s against %s", c.self, c.others, c.min, gap, margin, c.wantGap, c.wantMin)
		}
	}
}

// TestFeedbackStraightLinedSelfSaysSo: a self result answered the same
// way throughout gives no basis for an error margin (its SEM comes from
// its answers): no dimension is flagged or given a margin, and every
// report for people, in every language, says that this cannot be judged
// rather than that no gap is larger than measurement error (QA: the
// blind-spot margin of a straight-lined self-assessment was too small).
func TestFeedbackStraightLinedSelfSaysSo(t *testing.T) {
	t.Parallel()
	r := straightFeedbackFixture(t, roundDocs)
	gaps := 0
	for _, d := range r.Dimensions {
		if d.Flag != "" || d.MinGap != nil || (d.Self != nil && d.MarginFrom != feedback.MarginUnjudged) {
			t.Errorf("%s: flag %q, min gap %v, margin from %q; want none, none, unjudged", d.ID, d.Flag, d.MinGap, d.MarginFrom)
		}
		if d.Gap != nil && math.Abs(*d.Gap) >= 20 {
			gaps++
		}
	}
	if gaps == 0 {
		t.Fatal("the fixture has no gap large enough to matter")
	}
	for _, tag := range []string{"en", "cy", "fr"} {
		language := in(t, tag)
		l := language.Lang
		for _, c := range []struct {
			format     string
			accessible bool
		}{{"text", false}, {"text", true}, {"markdown", false}, {"html", false}} {
			render, _ := FeedbackReports.Lookup(c.format)
			var buf bytes.Buffer
			if err := render(&buf, r, Options{Width: 1000, Accessible: c.accessible, Language: language}); err != nil {
				t.Fatal(err)
			}
			got := words(buf.String())
			noFlags := l.T("feedback.no_flags_unjudged", "Reading", l.T("feedback.reading"))
			for _, want := range []string{l.T("feedback.reading.flags_unjudged"), noFlags} {
				if !strings.Contains(got, words(want)) {
					t.Errorf("%s %s (accessible %v): %q is not in the report", tag, c.format, c.accessible, want)
				}
			}
			for _, not := range []string{l.T("feedback.no_flags"), l.T("feedback.reading.flags_self"), l.T("feedback.reading.flags_none")} {
				if strings.Contains(got, words(not)) {
					t.Errorf("%s %s (accessible %v): says %q", tag, c.format, c.accessible, not)
				}
			}
		}
	}
}

// TestFeedbackNoFlagsSaysWhereItCannotBeJudged: with no gap flagged, the
// report says that none is beyond measurement error only where every
// margin could be worked out; where some cannot be judged (a
// straight-lined self result), it names those dimensions.
func TestFeedbackNoFlagsSaysWhereItCannotBeJudged(t *testing.T) {
	t.Parallel()
	base := straightFeedbackFixture(t, roundDocs)
	names := func(ds []feedback.Dimension) []string {
		var out []string
		for _, d := range ds {
			out = append(out, string(d.Name))
		}
		return out
	}
	cases := []struct {
		name   string
		judged int // how many dimensions, from the first, have a margin of the bank's
		want   func(l *lang.Lang) string
	}{
		{"none judged", 0, func(l *lang.Lang) string {
			return l.T("feedback.no_flags_unjudged", "Reading", l.T("feedback.reading"))
		}},
		{"some judged", 2, func(l *lang.Lang) string {
			return l.T("feedback.no_flags_unjudged_some", "Names", l.List(names(base.Dimensions[2:])), "Reading", l.T("feedback.reading"))
		}},
		{"all judged", len(base.Dimensions), func(l *lang.Lang) string { return l.T("feedback.no_flags") }},
	}
	for _, c := range cases {
		r := *base
		r.Dimensions = append([]feedback.Dimension(nil), base.Dimensions...)
		for i := range c.judged {
			r.Dimensions[i].MarginFrom, r.Dimensions[i].MinGap = feedback.MarginBank, new(100.0)
		}
		for _, tag := range []string{"en", "cy", "fr"} {
			render, _ := FeedbackReports.Lookup("text")
			var buf bytes.Buffer
			if err := render(&buf, &r, Options{Width: 1000, Language: in(t, tag)}); err != nil {
				t.Fatal(err)
			}
			l := lang.Get(tag)
			want := c.want(l)
			if tag != "en" {
				// The dimensions' names are translated: what comes
				// before them.
				want, _, _ = strings.Cut(want, string(base.Dimensions[len(base.Dimensions)-1].Name))
				want, _, _ = strings.Cut(want, string(base.Dimensions[2].Name))
			}
			if !strings.Contains(words(buf.String()), words(want)) {
				t.Errorf("%s, %s: %q is not in\n%s", c.name, tag, want, buf.String())
			}
		}
	}
}

// TestWelshElidesTheArticleOfThisPerson: without a subject, the texts
// for observers say "y person a ofynnodd i chi"; Welsh elides that "y"
// to "'r" after a vowel ("Mae'r person", not "Mae y person"), so no
// Welsh message puts the subject after a word ending in a vowel (QA).
func TestWelshElidesTheArticleOfThisPerson(t *testing.T) {
	t.Parallel()
	b := observed(t)
	r := feedback.RoundFor(feedbackRound, b)
	r.Closes = "2024-03-15"
	l := lang.Get("cy")
	subject := l.T("feedback.this_person")
	texts := []string{Instructions(l, r, 3, nil)}
	for _, role := range feedback.Roles {
		texts = append(texts, About(l, r, role, 3))
	}
	for _, id := range []string{"workshop.feedback.pick", "workshop.feedback.thanks", "workshop.feedback.given"} {
		texts = append(texts, l.T(id, "Subject", subject))
	}
	// A word ending in a vowel (w and y are vowels in Welsh), then "y".
	unelided := regexp.MustCompile(`(?i)[aeiouwyâêîôûŵŷ]\s+` + regexp.QuoteMeta(subject))
	for _, s := range texts {
		s = strings.Join(strings.Fields(s), " ")
		if !strings.Contains(s, subject) {
			t.Errorf("the subject %q is not in %q", subject, s)
		}
		if m := unelided.FindString(s); m != "" {
			t.Errorf("%q: %q should elide the article", s, m)
		}
	}
}
