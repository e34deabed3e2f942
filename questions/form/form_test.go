package form

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/digilead/digilead/questions"
	"github.com/digilead/digilead/questions/lang"
	"github.com/digilead/digilead/questions/questionstest"
)

// Key bytes as a terminal sends them.
const (
	enter    = "\r"
	down     = "\x1b[B"
	up       = "\x1b[A"
	shiftTab = "\x1b[Z"
	ctrlC    = "\x03"
	toggle   = "x"
)

// mixedBank is the built-in bank as it was at version 1.0.0: it has every
// question type, and "not applicable" on its first pages, which the
// built-in bank no longer offers there.
func mixedBank(t testing.TB) *questions.Bank {
	t.Helper()
	return questionstest.Load(t, questionstest.Path("questions/testdata/default-v1.yaml"))
}

// screen is the form's output, safe to read while the form draws.
type screen struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (s *screen) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.buf.Write(p)
}

func (s *screen) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.buf.String()
}

// terminal drives the redrawn form with key bytes through a pipe.
type terminal struct {
	t    *testing.T
	in   *io.PipeWriter
	out  *screen
	seen int // output already waited past
}

// waitFor waits until text appears in output drawn after the last wait.
func (term *terminal) waitFor(text string) {
	term.t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for time.Now().Before(deadline) {
		s := term.out.String()
		if i := strings.Index(s[term.seen:], text); i >= 0 {
			term.seen += i + len(text)
			return
		}
		time.Sleep(5 * time.Millisecond)
	}
	term.t.Fatalf("timed out waiting for %q; screen ends:\n%s", text, tail(term.out.String(), 2000))
}

func tail(s string, n int) string {
	if len(s) > n {
		return s[len(s)-n:]
	}
	return s
}

// answer waits until question q has the focus (huh marks the focused
// field with a bar), then presses keys. Waiting matters: huh moves the
// focus with a command, so keys typed ahead can reach the field before.
func (term *terminal) answer(q *questions.Question, keys ...string) {
	term.t.Helper()
	term.waitFor("┃ " + firstWords(q.Text, 4))
	term.press(keys...)
}

func firstWords(s string, n int) string {
	w := strings.Fields(s)
	return strings.Join(w[:min(n, len(w))], " ")
}

func (term *terminal) press(keys ...string) {
	term.t.Helper()
	for _, k := range keys {
		if _, err := io.WriteString(term.in, k); err != nil {
			term.t.Fatal(err)
		}
	}
}

// run starts Run in the redrawn mode and returns the terminal and a
// channel with Run's outcome.
func run(t *testing.T, b *questions.Bank, opts Options) (*terminal, <-chan outcome) {
	t.Helper()
	pr, pw := io.Pipe()
	term := &terminal{t: t, in: pw, out: &screen{}}
	opts.In, opts.Out = pr, term.out
	done := make(chan outcome, 1)
	go func() {
		a, err := Run(context.Background(), b, opts)
		done <- outcome{a, err}
		pr.Close()
	}()
	return term, done
}

type outcome struct {
	answers *questions.Answers
	err     error
}

func wait(t *testing.T, done <-chan outcome) outcome {
	t.Helper()
	select {
	case o := <-done:
		return o
	case <-time.After(20 * time.Second):
		t.Fatal("the form did not finish")
	}
	return outcome{}
}

// secondChoice answers a question with its second option (or, for a
// multi question, ticks the first), the keys to do so and the answer. An
// unanswered question has no cursor: the first ↓ puts it on the first
// option.
func secondChoice(q *questions.Question) ([]string, questions.Value) {
	switch q.Type {
	case questions.Multi:
		return []string{toggle, enter}, questions.OptionsValue(q.Options[0].ID)
	case questions.Likert:
		return []string{down, down, enter}, questions.IntValue(q.Scale.Min + 1)
	case questions.YesNo:
		return []string{down, down, enter}, questions.BoolValue(false)
	}
	return []string{down, down, enter}, questions.OptionValue(q.Options[1].ID)
}

func TestInteractiveAnswersWholeBank(t *testing.T) {
	t.Parallel() // a program of its own; it waits on frames more than it works
	b := questions.Default()
	var saves []Progress
	term, done := run(t, b, Options{OnChange: func(p Progress) error {
		saves = append(saves, p)
		return nil
	}})
	term.waitFor("Welcome")
	term.press("Sam", enter)
	term.waitFor("┃ Which tier")
	term.press(up, enter) // the role list starts on "rather not say"
	want := map[string]questions.Value{}
	for i, p := range dimensionPages(b) {
		term.waitFor(fmt.Sprintf("Page %d of %d", i+1, Pages(b)))
		for _, q := range p.questions {
			keys, v := secondChoice(q)
			term.answer(q, keys...)
			want[q.ID] = v
		}
	}
	o := wait(t, done)
	if o.err != nil {
		t.Fatal(o.err)
	}
	if o.answers.Respondent.Name != "Sam" || o.answers.Respondent.Role != b.Tiers[len(b.Tiers)-1].ID {
		t.Errorf("respondent = %+v, want Sam in the top tier", o.answers.Respondent)
	}
	questionstest.SameValues(t, o.answers.Values, want)
	// Every answer was passed on as it was given, each with the page to
	// continue at, and so was every page turn.
	counts := map[int]bool{}
	for i, p := range saves {
		counts[len(p.Answers.Values)] = true
		if i > 0 && (p.Page < saves[i-1].Page || len(p.Answers.Values) < len(saves[i-1].Answers.Values)) {
			t.Fatalf("save %d went back: %d answers on page %d after %d on page %d", i, len(p.Answers.Values), p.Page, len(saves[i-1].Answers.Values), saves[i-1].Page)
		}
	}
	if len(counts) != len(b.Questions)+1 || saves[len(saves)-1].Page != Pages(b)+1 {
		t.Errorf("%d saves held %d different numbers of answers, the last for page %d; want every count 0..%d and page %d", len(saves), len(counts), saves[len(saves)-1].Page, len(b.Questions), Pages(b)+1)
	}
}

func TestInteractiveBackKeepsAnswersAndCtrlCInterrupts(t *testing.T) {
	t.Parallel() // a program of its own; it waits on frames more than it works
	b := questions.Default()
	var last Progress
	term, done := run(t, b, Options{Start: 1, OnChange: func(p Progress) error {
		last = p
		return nil
	}})
	first := dimensionPages(b)[0].questions
	term.waitFor("Page 1 of")
	for _, q := range first {
		term.answer(q, down, down, toggle, enter) // the second option, or the third ticked
	}
	term.waitFor("Page 2 of")
	term.answer(dimensionPages(b)[1].questions[0], shiftTab)
	term.waitFor("Page 1 of")
	// The earlier choices are shown: Enter keeps them, except the first,
	// moved one further down.
	term.answer(first[0], down, enter)
	for _, q := range first[1:] {
		term.answer(q, enter)
	}
	term.waitFor("Page 2 of")
	term.press(ctrlC)
	o := wait(t, done)
	if !errors.Is(o.err, ErrInterrupted) {
		t.Fatalf("err = %v, want ErrInterrupted", o.err)
	}
	if last.Page != 2 {
		t.Errorf("last page left for %d, want 2", last.Page)
	}
	for i, q := range first {
		want := 1
		if i == 0 {
			want = 2
		}
		v := last.Answers.Values[q.ID]
		if q.Type == questions.Multi {
			continue
		}
		if got := optionIndex(q, v); got != want {
			t.Errorf("%s: option %d chosen (%+v), want %d", q.ID, got, v, want)
		}
	}
}

// optionIndex is the position of an answer among the question's options
// as shown (not applicable last).
func optionIndex(q *questions.Question, v questions.Value) int {
	it := &item{q: q}
	it.load(v)
	for i, o := range it.options() {
		if o.value == it.one {
			return i
		}
	}
	if v.Kind == questions.NotApplicable {
		return len(it.options())
	}
	return -1
}

func TestInteractiveResumeStartsAtFirstUnansweredPage(t *testing.T) {
	t.Parallel() // a program of its own; it waits on frames more than it works
	b := mixedBank(t)
	pages := dimensionPages(b)
	earlier := &questions.Answers{Respondent: questions.Respondent{Name: "Kim", Role: b.Tiers[0].ID}, Values: map[string]questions.Value{}}
	for _, p := range pages[:2] {
		for _, q := range p.questions {
			_, v := secondChoice(q)
			earlier.Values[q.ID] = v
		}
	}
	// Not applicable on the last question of page 2.
	lastQ := pages[1].questions[len(pages[1].questions)-1]
	earlier.Values[lastQ.ID] = questions.NA
	start := FirstUnanswered(b, earlier)
	if start != 3 {
		t.Fatalf("FirstUnanswered = %d, want 3", start)
	}
	term, done := run(t, b, Options{Answers: earlier, Start: start})
	term.waitFor(fmt.Sprintf("Page 3 of %d · question 1 of %d · %d of %d answered", Pages(b), len(pages[2].questions), len(earlier.Values), len(b.Questions)))
	// Back to page 2: its earlier answers are the current choices.
	term.answer(pages[2].questions[0], shiftTab)
	term.waitFor("Page 2 of")
	for _, q := range pages[1].questions {
		term.answer(q, enter)
	}
	for _, p := range pages[2:] {
		for _, q := range p.questions {
			keys, _ := secondChoice(q)
			term.answer(q, keys...)
		}
	}
	o := wait(t, done)
	if o.err != nil {
		t.Fatal(o.err)
	}
	questionstest.SameValues(t, pick(o.answers.Values, earlier.Values), earlier.Values)
	if o.answers.Respondent.Name != "Kim" || len(o.answers.Values) != len(b.Questions) {
		t.Errorf("respondent %+v, %d answers; want Kim and all %d", o.answers.Respondent, len(o.answers.Values), len(b.Questions))
	}
}

// pick keeps the values whose ids are in like.
func pick(vs, like map[string]questions.Value) map[string]questions.Value {
	out := map[string]questions.Value{}
	for id := range like {
		if v, ok := vs[id]; ok {
			out[id] = v
		}
	}
	return out
}

func TestOnPageErrorStopsTheForm(t *testing.T) {
	t.Parallel() // a program of its own; it waits on frames more than it works
	b := questions.Default()
	boom := errors.New("disk full")
	term, done := run(t, b, Options{OnChange: func(Progress) error { return boom }})
	term.waitFor("Welcome")
	term.press(enter, enter)
	if o := wait(t, done); !errors.Is(o.err, boom) {
		t.Fatalf("err = %v, want %v", o.err, boom)
	}
}

// accessibleInput is what a person types in accessible mode to answer
// every question with its second option (multi: tick the first, then
// confirm), pressing Enter after each page.
func accessibleInput(b *questions.Bank, want map[string]questions.Value) string {
	var sb strings.Builder
	sb.WriteString("Ana\n1\n") // name; role: the first tier
	for _, p := range dimensionPages(b) {
		for _, q := range p.questions {
			v := "2\n"
			if q.Type == questions.Multi {
				v = "1\n0\n"
			}
			sb.WriteString(v)
			_, want[q.ID] = secondChoice(q)
		}
		sb.WriteString("\n")
	}
	return sb.String()
}

func runAccessible(t *testing.T, b *questions.Bank, input string, opts Options) (outcome, string) {
	t.Helper()
	out := &screen{}
	opts.Accessible, opts.In, opts.Out = true, strings.NewReader(input), out
	done := make(chan outcome, 1)
	go func() {
		a, err := Run(context.Background(), b, opts)
		done <- outcome{a, err}
	}()
	return wait(t, done), out.String()
}

func TestAccessibleAnswersWholeBankFromPipedLines(t *testing.T) {
	for name, b := range map[string]*questions.Bank{"default": questions.Default(), "1.0.0": mixedBank(t)} {
		t.Run(name, func(t *testing.T) {
			want := map[string]questions.Value{}
			o, screen := runAccessible(t, b, accessibleInput(b, want), Options{})
			if o.err != nil {
				t.Fatalf("%v\n%s", o.err, tail(screen, 2000))
			}
			questionstest.SameValues(t, o.answers.Values, want)
			if o.answers.Respondent != (questions.Respondent{Name: "Ana", Role: b.Tiers[0].ID}) {
				t.Errorf("respondent = %+v", o.answers.Respondent)
			}
			n, pages := len(b.Questions), Pages(b)
			for _, s := range []string{fmt.Sprintf("Page %d of %d", pages, pages), fmt.Sprintf("Question %d of %d: ", n, n), "1. Never", "Enter a number between 1 and 5, or n for “", "finish and see your report"} {
				if !strings.Contains(screen, s) {
					t.Errorf("accessible screen lacks %q", s)
				}
			}
			if strings.Contains(screen, "\x1b[") {
				t.Error("accessible mode wrote escape codes")
			}
		})
	}
}

func TestAccessibleBackAndEmptyAnswers(t *testing.T) {
	b := mixedBank(t)
	first := dimensionPages(b)[0].questions
	var in strings.Builder
	in.WriteString("\n\n")     // no name; keep "rather not say"
	in.WriteString("\n9\n1\n") // empty and off-scale lines are asked again
	for range first[1:] {
		in.WriteString("1\n")
	}
	in.WriteString("b\n\n") // back to the welcome page, which is kept as it was
	for range first {
		in.WriteString("\n") // Enter keeps each earlier answer
	}
	in.WriteString("\n")
	var pages []int
	o, screen := runAccessible(t, b, in.String(), Options{OnChange: func(p Progress) error {
		pages = append(pages, p.Page)
		return nil
	}})
	if !errors.Is(o.err, ErrInterrupted) {
		t.Fatalf("err = %v, want ErrInterrupted at the end of input\n%s", o.err, tail(screen, 1500))
	}
	if fmt.Sprint(slices.Compact(pages)) != "[1 2 1 2]" {
		t.Errorf("pages saved for %v, want [1 2 1 2] (each repeated once per answer)", pages)
	}
	if !strings.Contains(screen, "Invalid: must be a number between 1 and 5, or n") {
		t.Errorf("an off-scale answer was not refused:\n%s", tail(screen, 1500))
	}
}

func TestAccessibleEndOfInputInterrupts(t *testing.T) {
	b := questions.Default()
	var calls []Progress
	o, _ := runAccessible(t, b, "Ana\n1\n2\n", Options{OnChange: func(p Progress) error { calls = append(calls, p); return nil }})
	if !errors.Is(o.err, ErrInterrupted) {
		t.Fatalf("err = %v, want ErrInterrupted", o.err)
	}
	// The welcome page, then the first answer, saved before the page ends.
	if len(calls) != 2 || len(calls[1].Answers.Values) != 1 || calls[1].Page != 1 {
		t.Errorf("OnChange calls %+v, want the welcome page and then the one answer given on page 1", calls)
	}
}

func TestItemRoundTrip(t *testing.T) {
	b := mixedBank(t)
	byType := map[string]*questions.Question{}
	for i := range b.Questions {
		q := &b.Questions[i]
		if _, ok := byType[q.Type]; !ok && q.AllowNA {
			byType[q.Type] = q
		}
	}
	multi := byType[questions.Multi]
	tests := []struct {
		q *questions.Question
		v questions.Value
	}{
		{byType[questions.Likert], questions.IntValue(4)},
		{byType[questions.Likert], questions.NA},
		{byType[questions.Choice], questions.OptionValue(byType[questions.Choice].Options[2].ID)},
		{byType[questions.YesNo], questions.BoolValue(true)},
		{byType[questions.YesNo], questions.BoolValue(false)},
		{multi, questions.OptionsValue(multi.Options[0].ID, multi.Options[2].ID)},
		{multi, questions.NA},
	}
	for _, tt := range tests {
		it := &item{q: tt.q}
		it.load(tt.v)
		if got := it.value(); fmt.Sprint(got) != fmt.Sprint(tt.v) || !it.answered {
			t.Errorf("%s: load(%+v).value() = %+v", tt.q.ID, tt.v, got)
		}
	}
}

func TestCheckMany(t *testing.T) {
	b := mixedBank(t)
	var q *questions.Question
	for i := range b.Questions {
		if b.Questions[i].Type == questions.Multi && b.Questions[i].AllowNA {
			q = &b.Questions[i]
			break
		}
	}
	it := &item{q: q, naLabel: "N/A"}
	tests := []struct {
		picked []string
		ok     bool
	}{
		{[]string{q.Options[0].ID}, true},
		{[]string{naKey}, true},
		{[]string{q.Options[0].ID, naKey}, false},
		{nil, false},
	}
	for _, tt := range tests {
		if err := it.checkMany(tt.picked); (err == nil) != tt.ok {
			t.Errorf("checkMany(%v) = %v, want ok=%v", tt.picked, err, tt.ok)
		}
	}
}

func TestCheckTheme(t *testing.T) {
	for _, name := range append(Themes(), "") {
		if err := CheckTheme(name); err != nil {
			t.Errorf("CheckTheme(%q) = %v", name, err)
		}
	}
	if err := CheckTheme("neon"); err == nil || !strings.Contains(err.Error(), "charm") {
		t.Errorf("CheckTheme(neon) = %v, want the list of themes", err)
	}
}

func TestAboutAnotherPersonAsksNothingOfTheObserver(t *testing.T) {
	t.Parallel() // a program of its own; it waits on frames more than it works
	b := mixedBank(t)
	about := func(l *lang.Lang) string { return "Your answers are about Sam." }
	t.Run("accessible", func(t *testing.T) {
		want := map[string]questions.Value{}
		input := strings.TrimPrefix(accessibleInput(b, want), "Ana\n1\n")
		o, screen := runAccessible(t, b, input, Options{About: about})
		if o.err != nil {
			t.Fatalf("%v\n%s", o.err, tail(screen, 2000))
		}
		questionstest.SameValues(t, o.answers.Values, want)
		if o.answers.Respondent != (questions.Respondent{}) {
			t.Errorf("respondent = %+v, want none", o.answers.Respondent)
		}
		if !strings.Contains(screen, lang.Get("en").T("form.cannot_say")) || strings.Contains(screen, "Not applicable") {
			t.Errorf("an observer's not applicable is not \"cannot say\":\n%s", tail(screen, 2000))
		}
		if !strings.Contains(screen, "Your answers are about Sam.") || strings.Contains(screen, "Your name") {
			t.Errorf("welcome page:\n%s", screen[:min(len(screen), 800)])
		}
	})
	t.Run("interactive", func(t *testing.T) {
		term, done := run(t, b, Options{About: about})
		term.waitFor("Your answers are about Sam.")
		term.press(enter)
		want := map[string]questions.Value{}
		for i, p := range dimensionPages(b) {
			term.waitFor(fmt.Sprintf("Page %d of %d", i+1, Pages(b)))
			for _, q := range p.questions {
				keys, v := secondChoice(q)
				term.answer(q, keys...)
				want[q.ID] = v
			}
		}
		o := wait(t, done)
		if o.err != nil {
			t.Fatal(o.err)
		}
		questionstest.SameValues(t, o.answers.Values, want)
		if o.answers.Respondent != (questions.Respondent{}) {
			t.Errorf("respondent = %+v, want none", o.answers.Respondent)
		}
	})
}

// TestAccessibleScaleNumberedByItsPoints: in accessible mode the points
// of a likert scale are typed as themselves (on 0 to 10, 9 answers 9,
// not 8), and "not applicable" as a letter; a number off the scale, or
// the letter where not applicable is not offered, is asked again, and
// Enter keeps the current answer, named by its key.
func TestAccessibleScaleNumberedByItsPoints(t *testing.T) {
	b := questionstest.Parse(t, "b.yaml", `schema: digilead/v1
id: scales
title: Scales
not_applicable: Not applicable
version: "1"
tiers: [{id: lead, name: Lead, rank: 1}]
dimensions: [{id: d, name: D}]
questions:
  - {id: ten, dimension: d, text: From nought to ten, scale: {min: 0, max: 10}}
  - {id: tenna, dimension: d, text: Ten without N/A, scale: {min: 0, max: 10}, allow_na: false}
  - {id: signed, dimension: d, text: From minus two, scale: {min: -2, max: 2}}
  - {id: five, dimension: d, text: The usual scale}
`)
	for _, tc := range []struct {
		name   string
		input  string // no name, keep the role; the answers; Enter finishes
		want   map[string]questions.Value
		screen []string
	}{
		{"typed as the points", "\n\n9\nn\n11\n0\nN\n-1\n3\n\n",
			map[string]questions.Value{"ten": questions.IntValue(9), "tenna": questions.IntValue(0), "signed": questions.NA, "five": questions.IntValue(3)},
			[]string{"0. 0 (lowest)\n", "9. 9\n", "10. 10 (highest)\nn. Not applicable\nEnter a number between 0 and 10, or n for “Not applicable”:",
				"10. 10 (highest)\nEnter a number between 0 and 10: Invalid: must be a number between 0 and 10\nEnter a number between 0 and 10: Invalid: must be a number between 0 and 10\n",
				"-2. -2 (lowest)\n", "Enter a number between -2 and 2, or n for “Not applicable”:",
				"Enter a number between 1 and 5, or n for “Not applicable”: Invalid: must be a number between 1 and 5, or n\n"}},
		{"kept on the way back", "\n\n10\n3\n-2\nn\nb\n\n\n\n\n\n\n\n",
			map[string]questions.Value{"ten": questions.IntValue(10), "tenna": questions.IntValue(3), "signed": questions.IntValue(-2), "five": questions.NA},
			[]string{"Enter a number between 0 and 10, or n for “Not applicable”, or press Enter to keep 10:", "Enter a number between 1 and 5, or n for “Not applicable”, or press Enter to keep n:"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			o, screen := runAccessible(t, b, tc.input, Options{})
			if o.err != nil {
				t.Fatalf("%v\n%s", o.err, tail(screen, 3000))
			}
			questionstest.SameValues(t, o.answers.Values, tc.want)
			for _, want := range tc.screen {
				if !strings.Contains(screen, want) {
					t.Errorf("screen lacks %q:\n%s", want, tail(screen, 3000))
				}
			}
		})
	}
}
