package review

import (
	"fmt"
	"math"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/digilead/digilead/questions"
)

// v1 is the built-in bank as it was at version 1.0.0.
const v1 = "../../questions/testdata/default-v1.yaml"

func load(t testing.TB, path string) *questions.Bank {
	t.Helper()
	b, err := questions.Load(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// found lists the findings as "check FILE:LINE subject", FILE by its base
// name.
func found(r *Report) []string {
	out := []string{}
	for _, f := range r.Findings {
		pos := f.Pos()
		pos.File = filepath.Base(pos.File)
		out = append(out, fmt.Sprintf("%s %s %s", f.Check, pos, f.Subject()))
	}
	return out
}

// TestFixtures reviews the clean bank and, for every check, a copy of it
// with one fault put in: each finds exactly its own fault, where it is.
func TestFixtures(t *testing.T) {
	for _, tc := range []struct {
		file string
		want []string
	}{
		{"clean.yaml", []string{}},
		{"longest-is-best.yaml", []string{
			"longest-is-best longest-is-best.yaml:47 un-scenario",
			"longest-is-best longest-is-best.yaml:67 sec-scenario",
			"longest-is-best longest-is-best.yaml:87 chg-scenario",
			// the cue pays: the simulation sees it too
			"cue-beats-random longest-is-best.yaml:47 longest",
		}},
		{"option-contains.yaml", []string{"option-contains option-contains.yaml:67 sec-scenario"}},
		{"option-length.yaml", []string{"option-length option-length.yaml:47 un-scenario"}},
		{"absolute-words.yaml", []string{
			"absolute-words absolute-words.yaml:49 un-scenario",
			"absolute-words absolute-words.yaml:69 sec-scenario",
			"absolute-words absolute-words.yaml:89 chg-scenario",
		}},
		{"no-reverse-item.yaml", []string{"no-reverse-item no-reverse-item.yaml:27 user-needs"}},
		{"reverse-in-short-dimension.yaml", []string{"reverse-in-short-dimension reverse-in-short-dimension.yaml:117 well-late"}},
		{"same-dimensions.yaml", []string{"same-dimensions same-dimensions.yaml:17 operational"}},
		{"falling-expectation.yaml", []string{"falling-expectation falling-expectation.yaml:17 security"}},
		{"unreachable-expectation.yaml", []string{"unreachable-expectation unreachable-expectation.yaml:23 digital-strategy"}},
		{"weak-blocker.yaml", []string{"weak-blocker weak-blocker.yaml:29 security"}},
		{"random-reaches-tier.yaml", []string{"random-reaches-tier random-reaches-tier.yaml:13 frontline"}},
		{"cue-beats-random.yaml", []string{"cue-beats-random cue-beats-random.yaml:47 first"}},
		{"straight-line-top.yaml", []string{"straight-line-top straight-line-top.yaml:21 strategic"}},
		{"double-barrelled.yaml", []string{"double-barrelled double-barrelled.yaml:40 un-feedback"}},
		{"hard-to-read.yaml", []string{
			"hard-to-read hard-to-read.yaml:101 str-measures",
			"hard-to-read hard-to-read.yaml:104 str-review",
		}},
		{"other-people.yaml", []string{"other-people other-people.yaml:77 chg-why"}},
		{"level-rule.yaml", []string{"level-rule level-rule.yaml "}},
		{"observer-you.yaml", []string{"observer-you observer-you.yaml:67 sec-lock"}},
		{"observer-coverage.yaml", []string{"observer-coverage observer-coverage.yaml:30 security"}},
	} {
		t.Run(tc.file, func(t *testing.T) {
			r := Review(load(t, filepath.Join("testdata", tc.file)), Options{Seed: 1})
			if got := found(r); !slices.Equal(got, tc.want) {
				t.Errorf("findings:\n  %s\nwant:\n  %s", strings.Join(got, "\n  "), strings.Join(tc.want, "\n  "))
			}
			if r.Clean() != (len(tc.want) == 0) {
				t.Errorf("Clean() = %v with %d findings", r.Clean(), len(r.Findings))
			}
			for _, f := range r.Findings {
				c, ok := Check(f.Check)
				if !ok || f.Kind != c.Kind || f.Problem == "" || f.Fix == "" || f.File == "" {
					t.Errorf("incomplete finding %+v", f)
				}
			}
		})
	}
}

// TestEveryCheckHasAFixture keeps the fixtures in step with the checks.
func TestEveryCheckHasAFixture(t *testing.T) {
	for _, c := range Checks {
		if _, err := os.Stat(filepath.Join("testdata", c.ID+".yaml")); err != nil {
			t.Errorf("check %s has no fixture bank: %v", c.ID, err)
		}
	}
}

// TestV1 finds in the built-in bank 1.0.0 the faults the review was built
// for: the best scenario option is always the longest, three dimensions
// cannot show acquiescence, and the tiers differ only in their numbers.
func TestV1(t *testing.T) {
	r := Review(load(t, v1), Options{Seed: 1})
	want := []string{
		"longest-is-best default-v1.yaml:414 vis-scenario",
		"longest-is-best default-v1.yaml:469 cit-scenario",
		"longest-is-best default-v1.yaml:523 data-scenario",
		"longest-is-best default-v1.yaml:578 tech-scenario",
		"longest-is-best default-v1.yaml:624 chg-scenario",
		"longest-is-best default-v1.yaml:658 col-scenario",
		"longest-is-best default-v1.yaml:713 wf-scenario",
		"longest-is-best default-v1.yaml:746 inc-scenario",
		"longest-is-best default-v1.yaml:805 ai-scenario",
		"longest-is-best default-v1.yaml:840 sec-scenario",
		"longest-is-best default-v1.yaml:875 trust-scenario",
		"longest-is-best default-v1.yaml:918 res-scenario",
		"longest-is-best default-v1.yaml:978 learn-scenario",
		"option-length default-v1.yaml:414 vis-scenario",
		"option-length default-v1.yaml:469 cit-scenario",
		"option-length default-v1.yaml:523 data-scenario",
		"option-length default-v1.yaml:578 tech-scenario",
		"option-length default-v1.yaml:624 chg-scenario",
		"option-length default-v1.yaml:658 col-scenario",
		"option-length default-v1.yaml:713 wf-scenario",
		"option-length default-v1.yaml:746 inc-scenario",
		"option-length default-v1.yaml:805 ai-scenario",
		"option-length default-v1.yaml:840 sec-scenario",
		"option-length default-v1.yaml:875 trust-scenario",
		"option-length default-v1.yaml:918 res-scenario",
		"option-length default-v1.yaml:978 learn-scenario",
		"no-reverse-item default-v1.yaml:294 responsible-ai",
		"no-reverse-item default-v1.yaml:332 trust-transparency",
		"no-reverse-item default-v1.yaml:350 resources-value",
		"same-dimensions default-v1.yaml:94 operational",
		"same-dimensions default-v1.yaml:119 strategic",
		"cue-beats-random default-v1.yaml:414 longest",
		"level-rule default-v1.yaml ",
		"double-barrelled default-v1.yaml:437 cit-observe",
		"double-barrelled default-v1.yaml:492 data-quality",
		"double-barrelled default-v1.yaml:547 tech-help",
		"double-barrelled default-v1.yaml:597 chg-why",
		"double-barrelled default-v1.yaml:681 wf-wellbeing",
		"double-barrelled default-v1.yaml:741 inc-alike",
		"double-barrelled default-v1.yaml:864 trust-mistakes",
		"double-barrelled default-v1.yaml:899 res-stop",
		"hard-to-read default-v1.yaml:713 wf-scenario",
		"hard-to-read default-v1.yaml:805 ai-scenario",
		"other-people default-v1.yaml:686 wf-drop",
	}
	if got := found(r); !slices.Equal(got, want) {
		t.Errorf("findings:\n  %s\nwant:\n  %s", strings.Join(got, "\n  "), strings.Join(want, "\n  "))
	}
	if r.Errors != 33 || r.Checks != 11 {
		t.Errorf("%d errors and %d checks, want 33 (level-rule among them) and 11", r.Errors, r.Checks)
	}
	// 13 of 13 scenarios, each with one best option of four: the chance
	// of that is exactly 4^-13.
	c := r.Cues
	if c.ChoiceQuestions != 13 || c.Tested != 13 || c.LongestIsBest != 13 || c.Expected != 3.25 || math.Abs(c.P-math.Pow(0.25, 13)) > 1e-22 {
		t.Errorf("cues %+v, want 13 of 13, 3.25 expected, p = 4^-13", c)
	}
	// Picking the longest option lifts readiness by 14 points; nobody
	// answering at random reaches a tier, and no straight-liner does.
	byID := map[string]Strategy{}
	for _, s := range r.Simulation.Strategies {
		byID[s.ID] = s
	}
	random, longest := byID[StrategyRandom], byID[StrategyLongest]
	if random.NoTier != 1 || random.Respondents != DefaultRespondents {
		t.Errorf("random: %+v", random)
	}
	if d := longest.MeanReadiness - random.MeanReadiness; d < 10 {
		t.Errorf("longest lifts mean readiness by %.2f, want over 10", d)
	}
	for v := 1; v <= 5; v++ {
		s := byID[fmt.Sprintf("straight-%d", v)]
		if s.Respondents != 1 || s.NoTier != 1 {
			t.Errorf("straight-%d: %+v", v, s)
		}
	}
	if r.Reading == nil || r.Reading.FleschReadingEase < 60 {
		t.Errorf("reading ease %+v, want plain English (60+)", r.Reading)
	}
}

// TestReproducible: one seed gives one report; another seed, other shares.
func TestReproducible(t *testing.T) {
	b := load(t, v1)
	a, again := Review(b, Options{Seed: 7, Respondents: 300}), Review(b, Options{Seed: 7, Respondents: 300})
	if !reflect.DeepEqual(a, again) {
		t.Error("two reviews with the same seed differ")
	}
	other := Review(b, Options{Seed: 8, Respondents: 300})
	if reflect.DeepEqual(a.Simulation, other.Simulation) {
		t.Error("another seed gives the same simulation")
	}
	if other.Simulation.Strategies[0].Respondents != 300 || other.Simulation.Seed != 8 {
		t.Errorf("options not kept: %+v", other.Simulation)
	}
}

func TestUpperTail(t *testing.T) {
	for _, tc := range []struct {
		ps   []float64
		k    int
		want float64
	}{
		{[]float64{0.5, 0.5, 0.5, 0.5}, 3, 5.0 / 16},
		{[]float64{0.25, 0.5}, 0, 1},
		{[]float64{0.25, 0.5}, 1, 1 - 0.75*0.5},
		{[]float64{0.25, 0.5}, 2, 0.125},
		{[]float64{0.25, 0.5}, 3, 0},
		{[]float64{0.2, 0.25, 1.0 / 3}, 3, 0.2 * 0.25 / 3},
		// P(X >= 2) = 1 - P(0) - P(1) with P(0) = .8 x .75 x 2/3 = .4 and
		// P(1) = .2 x .75 x 2/3 + .8 x .25 x 2/3 + .8 x .75 x 1/3 = .1 + 2/15 + .2
		{[]float64{0.2, 0.25, 1.0 / 3}, 2, 1 - 0.4 - (0.1 + 2.0/15 + 0.2)},
	} {
		if got := upperTail(tc.ps, tc.k); math.Abs(got-tc.want) > 1e-12 {
			t.Errorf("upperTail(%v, %d) = %v, want %v", tc.ps, tc.k, got, tc.want)
		}
	}
}

func TestSyllables(t *testing.T) {
	for word, want := range map[string]int{
		"I": 1, "the": 1, "team": 1, "make": 1, "people": 2, "service": 2, "because": 2, "changed": 1,
		"decided": 3, "digital": 3, "technology": 4, "organisation": 5, "organisations": 5,
		"day-to-day": 3, "accessibility": 6, "interoperability": 8, "colleague's": 2,
	} {
		if got := syllables(word); got != want {
			t.Errorf("syllables(%q) = %d, want %d", word, got, want)
		}
	}
}

func TestSentencesAndWords(t *testing.T) {
	text := "I lock my screen. Do you? Then, e.g. the day-to-day work goes on"
	if got := sentences(text); len(got) != 4 || got[3] != "the day-to-day work goes on" {
		t.Errorf("sentences: %q", got)
	}
	if got := words("It's the team's day-to-day work, 24/7."); !slices.Equal(got, []string{"It's", "the", "team's", "day-to-day", "work", "24", "7"}) {
		t.Errorf("words: %q", got)
	}
}

func TestDoubleBarrelled(t *testing.T) {
	for _, tc := range []struct {
		text    string
		orJoins bool
		want    string // the words around the join; "" for none
	}{
		{"I watch for signs of overload in my team and act on them.", true, "my team and act on them"},
		{"I question where data comes from and how reliable it is.", true, "comes from and how reliable it"},
		{"I am open about it and about what we are doing.", true, "about it and about what we"},
		{"I am prepared to stop or scale back a project.", true, "to stop or scale back a"},
		{"I plan the work and I check it.", true, "the work and I check it"},
		{"I watch or listen to people using our services.", true, "I watch or listen to people"},
		{"I have identified or made a saving.", true, "have identified or made a saving"},
		// "or" in a yes/no question: either answers yes
		{"In the last year, have you written or approved a business case?", false, ""},
		// an opening clause sets the scene
		{"When I lead or support a change, I explain its purpose.", true, ""},
		// lists of things, not of actions
		{"I check the costs, benefits and risks of digital work.", true, ""},
		{"I use feedback and research on what users need.", true, ""},
		{"I make sure quieter colleagues, and colleagues from other backgrounds, are heard.", true, ""},
		{"I check whether a service could shut people out because of age or lack of access.", true, ""},
		{"I discuss my plan and budget with finance.", true, ""},
		{"I ask for feedback and help with my reports.", true, ""},
		{"I help colleagues with a new system, or point them to support.", true, "new system or point them to"},
		{"My manager and I agree my goals.", true, ""},
	} {
		got, ok := doubleBarrelled(tc.text, tc.orJoins)
		if got != tc.want || ok != (tc.want != "") {
			t.Errorf("%q: got %q, %v; want %q", tc.text, got, ok, tc.want)
		}
	}
}

func TestAboutRespondent(t *testing.T) {
	for text, want := range map[string]bool{
		"I lock my screen when I leave my desk.":                                          true,
		"Each month I review the figures with my team.":                                   true,
		"My team and I review the figures each month.":                                    true,
		"When work is busy, I keep time for learning.":                                    true,
		"In the last year, have you held back information from the public?":               true,
		"Could you explain where your organisation's plans are heading?":                  true,
		"Which of these have you done in the last year?":                                  true,
		"You set the goals of your team.":                                                 true,
		"When work is busy, learning and development are the first things my team drops.": false,
		"My manager asks me for feedback on the service.":                                 false,
		"Do colleagues ask you for advice on data?":                                       false,
		"We review our services every month.":                                             false,
		"When I am busy, my team covers for me.":                                          false,
		"Which best describes your part in buying technology in the last 12 months?":      true,
		"Which best describes your experience of delivering work in short steps?":         true,
		"Which best describes your team's use of data?":                                   false,
		"Which best describes your manager?":                                              false,
	} {
		if got := aboutRespondent(text); got != want {
			t.Errorf("aboutRespondent(%q) = %v, want %v", text, got, want)
		}
	}
}

func TestContains(t *testing.T) {
	for _, tc := range []struct {
		outer, inner string
		want         bool
	}{
		{"Agree a plan for the change with the team and the users.", "Agree a plan for the change with the team.", true},
		{"Ask your manager to decide whether to send the list, then send it.", "Ask your manager to decide whether to send the list.", true},
		// every content word, in another order
		{"With the team, review the budget and agree a plan.", "Agree the plan, budget and review.", true},
		// too few content words to judge by words alone
		{"Send it now, since the team is waiting for it.", "Send it now!", true}, // but a run
		{"Send the file now, since the team is waiting.", "Now send it.", false},
		{"Decline, explain the risk, and help them find a secure route.", "Decline without further explanation.", false},
		{"Evidence on accuracy and bias, and a plan to tell the public.", "Evidence of accuracy, and an assurance that staff can override it.", false},
	} {
		o, i := tokens(tc.outer), tokens(tc.inner)
		if got := len(i) < len(o) && (containsRun(o, i) || containsContent(o, i)); got != tc.want {
			t.Errorf("%q contains %q: %v, want %v", tc.outer, tc.inner, got, tc.want)
		}
	}
}

// bank is a one-dimension bank whose questions are given as YAML.
func bank(t *testing.T, language, questionsYAML string) *questions.Bank {
	t.Helper()
	b, err := questions.Parse(questions.File{Name: "inline.yaml", Data: []byte(`schema: digilead/v1
id: inline
title: Inline
version: "1"
language: "` + language + `"
tiers:
  - {id: one, name: One, rank: 1, expectations: {d: 80}}
dimensions:
  - {id: d, name: D}
questions:
` + questionsYAML)})
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestReadingEase: an English bank of dense official prose is hard to read
// as a whole, though no sentence is long; the same text in a bank of
// another language is not measured by an English formula.
func TestReadingEase(t *testing.T) {
	dense := `  - {id: q1, dimension: d, text: "I evaluate organisational interdependencies systematically."}
  - {id: q2, dimension: d, text: "I institutionalise accountability mechanisms comprehensively."}
  - {id: q3, dimension: d, text: "I operationalise cross-departmental collaboration initiatives."}
`
	r := Review(bank(t, "en-GB", dense), Options{Seed: 1, Respondents: 10})
	if r.Reading == nil || r.Reading.FleschReadingEase >= MinReadingEase || r.Reading.Words != 15 || r.Reading.Sentences != 3 {
		t.Fatalf("reading %+v", r.Reading)
	}
	var bankWide []Finding
	for _, f := range r.Findings {
		if f.Check == CheckHardToRead && f.Question == "" {
			bankWide = append(bankWide, f)
		}
	}
	if len(bankWide) != 1 || bankWide[0].File != "inline.yaml" || bankWide[0].Line != 0 || bankWide[0].Subject() != "" {
		t.Errorf("bank-wide reading findings %+v", bankWide)
	}

	long := `  - {id: q1, dimension: d, text: "Ich prüfe die Zahlen, bevor ich sie verwende, und ich frage nach, woher sie kommen, wer sie erhoben hat, wie alt sie sind und was fehlt."}
  - {id: q2, dimension: d, text: "Ich dokumentiere Interoperabilitätsanforderungen."}
`
	r = Review(bank(t, "de", long), Options{Seed: 1, Respondents: 10})
	if r.Reading != nil {
		t.Errorf("a German bank measured by Flesch: %+v", r.Reading)
	}
	var hard []string
	for _, f := range r.Findings {
		if f.Check == CheckHardToRead {
			hard = append(hard, f.Question+": "+f.Problem)
		}
	}
	if len(hard) != 1 || !strings.HasPrefix(hard[0], "q1: It is hard to read: a sentence of 26 words") {
		t.Errorf("hard-to-read findings in a German bank: %q; want only q1's long sentence", hard)
	}
	for _, f := range r.Findings {
		if f.Check == CheckOtherPeople || f.Check == CheckDoubleBarrelled {
			t.Errorf("an English heuristic applied to a German bank: %+v", f)
		}
	}
}

// TestDocs keeps docs/bank-review.md in step: it documents every check, the
// Flesch figure it quotes for one plain question is what digilead computes,
// and it ends with the section another part of the issue fills in.
func TestDocs(t *testing.T) {
	data, err := os.ReadFile("../../docs/bank-review.md")
	if err != nil {
		t.Fatal(err)
	}
	doc := string(data)
	for _, c := range Checks {
		if !strings.Contains(doc, "| `"+c.ID+"` | "+c.Kind+" |") {
			t.Errorf("docs/bank-review.md has no table row for %s (%s)", c.ID, c.Kind)
		}
	}
	plain := "I back new technology because other organisations are using it."
	n, syl := 0, 0
	for _, w := range words(plain) {
		n++
		syl += syllables(w)
	}
	if fre := ease(n, 1, syl); n != 10 || math.Abs(fre-27.485) > 1e-9 || !strings.Contains(doc, fmt.Sprintf("%q scores %.1f", plain, fre)) {
		t.Errorf("%d words, reading ease %v; the doc says otherwise", n, fre)
	}
	if !strings.Contains(doc, "\n## Calibrating expectations from pilot data\n") {
		t.Error("the calibration section's heading is gone")
	}
}

// TestDefaultBankPassesReview: the built-in bank has no finding at the
// default settings (docs/default-bank.md shows the review).
func TestDefaultBankPassesReview(t *testing.T) {
	r := Review(questions.Default(), Options{})
	if !r.Clean() {
		for _, f := range r.Findings {
			t.Errorf("%s %s %s: %s", f.Check, f.Pos(), f.Question, f.Problem)
		}
	}
}

// TestBuiltinObserverCoverage: the built-in bank's observer wording, in
// each of its languages, is counted and none of it speaks to its reader;
// every dimension has some.
func TestBuiltinObserverCoverage(t *testing.T) {
	s, err := questions.DefaultSet()
	if err != nil {
		t.Fatal(err)
	}
	for _, tag := range []string{"en", "cy", "fr"} {
		b := s.In(tag)
		c, fs := observer(b)
		if c.Questions != 44 || len(c.Without) != 0 || len(c.Dimensions) != len(b.Dimensions) {
			t.Errorf("%s: %d questions with observer wording, %d dimensions counted, without any: %v", tag, c.Questions, len(c.Dimensions), c.Without)
		}
		for _, f := range fs {
			t.Errorf("%s: %s %s %s: %s", tag, f.Check, f.Pos(), f.Subject(), f.Problem)
		}
	}
	// A bank without observer wording is self-only: no findings, every
	// dimension listed as without.
	c, fs := observer(load(t, "testdata/clean.yaml"))
	if c.Questions != 0 || len(c.Without) != 4 || len(fs) != 0 {
		t.Errorf("clean bank: %+v, %d findings", c, len(fs))
	}
}

// TestOptionLengthQuotesTheLabels: the option-length finding quotes the
// labels it measured (clipped when long), not the options' ids.
func TestOptionLengthQuotesTheLabels(t *testing.T) {
	long := strings.Repeat("Listen to everyone first ", 4)
	for _, tc := range []struct {
		name     string
		options  []questions.Option
		want     string
		notWants []string
	}{
		{"short labels", []questions.Option{{ID: "argue", Label: "Argue"}, {ID: "listen", Label: "Listen first"}},
			`Its options run from 5 characters ("Argue") to 12 ("Listen first")`, []string{`"argue"`, `"listen"`}},
		{"a long label clipped", []questions.Option{{ID: "a", Label: " Argue "}, {ID: "l", Label: long}},
			`Its options run from 5 characters ("Argue") to 99 ("Listen to everyone first Listen to ever…")`, []string{`"a"`, `"l"`}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f, ok := lengthSpread(&questions.Question{ID: "q", Type: questions.Choice, Options: tc.options})
			if !ok {
				t.Fatal("no finding")
			}
			if !strings.HasPrefix(f.Problem, tc.want) {
				t.Errorf("got  %s\nwant %s…", f.Problem, tc.want)
			}
			for _, nw := range tc.notWants {
				if strings.Contains(f.Problem, nw) {
					t.Errorf("quotes the id %s: %s", nw, f.Problem)
				}
			}
		})
	}
}

// TestUnreachableExpectation: a tier expecting more than any answers can
// give a dimension is reported; one at exactly the most is not (QA #5).
func TestUnreachableExpectation(t *testing.T) {
	// Best options 0.5, 0.5 and 0.2: half the weight answered, at most 50.
	qs := `  - {id: q1, dimension: d, type: choice, text: "Pick one", options: [{id: a, label: A, score: 0}, {id: b, label: B, score: 0.5}]}
  - {id: q2, dimension: d, type: choice, text: "Pick two", options: [{id: a, label: A, score: 0}, {id: b, label: B, score: 0.5}]}
  - {id: q3, dimension: d, type: multi, text: "Pick any", options: [{id: a, label: A, score: 0.1}, {id: b, label: B, score: 0.1}]}
`
	var got []Finding
	for _, f := range tiers(bank(t, "en", qs)) {
		if f.Check == CheckUnreachable {
			got = append(got, f)
		}
	}
	if len(got) != 1 || got[0].Tier != "one" || got[0].Dimension != "d" || got[0].Kind != KindError || got[0].Line != 7 {
		t.Fatalf("findings %+v", got)
	}
	if want := "It expects 80 on d, but no answers can score more than 50 there"; !strings.HasPrefix(got[0].Problem, want) {
		t.Errorf("problem %q, want it to start %q", got[0].Problem, want)
	}
	if want := "Lower one's expectation on d to 50 or less"; !strings.HasPrefix(got[0].Fix, want) {
		t.Errorf("fix %q", got[0].Fix)
	}
	b := bank(t, "en", strings.ReplaceAll(qs, "score: 0.5", "score: 0.8"))
	for _, f := range tiers(b) {
		if f.Check == CheckUnreachable {
			t.Errorf("at most 80, expected 80: %+v", f)
		}
	}
}

// TestStraightLineTopEmptyTier: a top tier with no expectations is met by
// every straight-liner; one finding says so and advises giving it
// expectations, not reverse-keying questions in dimensions it does not
// expect.
func TestStraightLineTopEmptyTier(t *testing.T) {
	b, err := questions.Parse(questions.File{Name: "empty.yaml", Data: []byte(`schema: digilead/v1
id: empty
title: Empty
version: "1"
tiers:
  - {id: low, name: Low, rank: 1, expectations: {d: 10}}
  - {id: top, name: Top, rank: 2, expectations: {}}
dimensions:
  - {id: d, name: D}
questions:
  - {id: q1, dimension: d, text: "How often did you test?"}
  - {id: q2, dimension: d, text: "How often did you skip checks?", reverse: true}
  - {id: q3, dimension: d, text: "How often did you ask users?"}
`)})
	if err != nil {
		t.Fatal(err)
	}
	var got []Finding
	for _, f := range Review(b, Options{Seed: 1, Respondents: 20}).Findings {
		if f.Check == CheckStraightLineTop {
			got = append(got, f)
		}
	}
	if len(got) != 1 || got[0].Tier != "top" {
		t.Fatalf("straight-line-top findings %+v; want one, on top", got)
	}
	if !strings.Contains(got[0].Problem, "top expects nothing") || !strings.HasPrefix(got[0].Fix, "Give top expectations") || strings.Contains(got[0].Fix, "in each dimension the top tier expects") {
		t.Errorf("problem %q\nfix %q", got[0].Problem, got[0].Fix)
	}
}
