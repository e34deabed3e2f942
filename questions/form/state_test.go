package form

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/huh"

	"github.com/digilead/digilead/questions"
	"github.com/digilead/digilead/questions/lang"
	"github.com/digilead/digilead/questions/questionstest"
)

// The marks of the charm theme, as the driver draws it: the cursor, an
// option given as the answer, one that is not.
const (
	cursorMark = "> "
	answerMark = "✓ "
	optionMark = "• "
)

// fieldOf is the lines of the screen that draw the question with text
// title (from its title to the next blank line).
func fieldOf(screen, title string) string {
	i := strings.Index(screen, firstWords(title, 6))
	if i < 0 {
		return ""
	}
	rest := screen[i:]
	if j := strings.Index(rest, "\n\n"); j >= 0 {
		rest = rest[:j]
	}
	return rest
}

// TestUnansweredQuestionShowsNoAnswer follows a page of single-choice
// questions: no option of an unanswered question looks chosen, not even
// under the cursor; Enter before moving answers nothing and says how to
// answer; the option answered is marked once Enter is pressed on it, and
// stays marked when the focus moves on.
func TestUnansweredQuestionShowsNoAnswer(t *testing.T) {
	b := mixedBank(t)
	var saves []Progress
	d := drive(t, b, Options{Start: 1, OnChange: func(p Progress) error { saves = append(saves, p); return nil }}, 80, 100)
	qs := dimensionPages(b)[0].questions
	first, second := qs[0], qs[1]
	if first.Type == questions.Multi || second.Type == questions.Multi {
		t.Fatal("the test wants two single-choice questions first")
	}
	s := d.screen()
	for _, q := range qs[:2] {
		f := fieldOf(s, q.Text)
		if f == "" || strings.Contains(f, answerMark) || strings.Contains(f, cursorMark) {
			t.Fatalf("unanswered %s is drawn with a choice or a cursor:\n%s", q.ID, f)
		}
	}
	d.keys(kEnter)
	if s := d.screen(); !strings.Contains(s, "choose an answer with ↑ or ↓, then press enter") || strings.Contains(fieldOf(s, first.Text), answerMark) || len(saves) != 0 {
		t.Fatalf("Enter before a choice answered (saves %d):\n%s", len(saves), s)
	}
	d.keys(kDown, kDown)
	f := fieldOf(d.screen(), first.Text)
	if !strings.Contains(f, cursorMark+optionMark) || strings.Contains(f, answerMark) {
		t.Fatalf("the cursor's option looks chosen before Enter:\n%s", f)
	}
	d.keys(kEnter)
	s = d.screen()
	label := (&item{q: first, l: lang.Get("en")}).options()[1].label
	if f := fieldOf(s, first.Text); !strings.Contains(f, answerMark+label) || strings.Count(f, answerMark) != 1 {
		t.Errorf("the answer given is not the one marked:\n%s", f)
	}
	if f := fieldOf(s, second.Text); strings.Contains(f, answerMark) {
		t.Errorf("the next question looks answered:\n%s", f)
	}
	want := fmt.Sprintf("Page 1 of %d · question 2 of %d · 1 of %d answered", Pages(b), len(qs), len(b.Questions))
	if !strings.HasPrefix(s, want+"\n") {
		t.Errorf("progress line %q, want %q", strings.SplitN(s, "\n", 2)[0], want)
	}
	if len(saves) != 1 || saves[0].Page != 1 || len(saves[0].Answers.Values) != 1 {
		t.Errorf("saves %+v, want the one answer, on page 1", saves)
	}
}

// TestNoOptionIsADefault: for every single-choice question of the banks,
// Enter alone gives no answer, so no option (the first, or the keyed one)
// is what a person gets by pressing Enter through the questionnaire.
func TestNoOptionIsADefault(t *testing.T) {
	km := keyMap(lang.Get("en"))
	for _, b := range []*questions.Bank{questions.Default(), mixedBank(t)} {
		for i := range b.Questions {
			q := &b.Questions[i]
			if q.Type == questions.Multi {
				continue
			}
			it := &item{q: q, l: lang.Get("en"), naLabel: "n/a"}
			given := 0
			f := it.field("choose", func() tea.Cmd { given++; return nil })
			f.WithTheme(huh.ThemeCharm())
			f.WithKeyMap(km)
			f.WithPosition(huh.FieldPosition{Field: 0, LastField: 1})
			f.Focus()
			f.Update(kEnter)
			if f.Error() == nil || given != 0 || it.answered || f.values() != nil {
				t.Errorf("%s: Enter alone answered %v", q.ID, f.values())
			}
			f.Update(kDown)
			f.Update(kEnter)
			if given != 1 || !it.answered || it.one != it.options()[0].value {
				t.Errorf("%s: ↓ Enter gave %q, want the first option", q.ID, it.one)
			}
		}
	}
}

// TestChangedAnswerIsPassedOn: an answer changed on a question answered
// before (a single one, and a multi one whose ticks change) is passed on
// when confirmed; confirming it unchanged passes nothing.
func TestChangedAnswerIsPassedOn(t *testing.T) {
	km := keyMap(lang.Get("en"))
	b := mixedBank(t)
	for _, typ := range []string{questions.Likert, questions.Multi} {
		i := slices.IndexFunc(b.Questions, func(q questions.Question) bool { return q.Type == typ })
		q := &b.Questions[i]
		it := &item{q: q, l: lang.Get("en"), naLabel: "n/a"}
		if typ == questions.Multi {
			it.load(questions.OptionsValue(q.Options[0].ID))
		} else {
			it.load(questions.IntValue(q.Scale.Min))
		}
		given := 0
		newField := func() *choices {
			f := it.field("choose", func() tea.Cmd { given++; return nil })
			f.WithTheme(huh.ThemeCharm())
			f.WithKeyMap(km)
			f.WithPosition(huh.FieldPosition{Field: 0, LastField: 1})
			f.Focus()
			return f
		}
		newField().Update(kEnter)
		if given != 0 {
			t.Errorf("%s: an unchanged answer was passed on", typ)
		}
		f := newField()
		f.Update(kDown)
		if typ == questions.Multi {
			f.Update(kX)
		}
		f.Update(kEnter)
		want := questions.IntValue(q.Scale.Min + 1)
		if typ == questions.Multi {
			want = questions.OptionsValue(q.Options[0].ID, q.Options[1].ID)
		}
		if given != 1 || fmt.Sprint(it.value()) != fmt.Sprint(want) {
			t.Errorf("%s: changed answer passed on %d times, item holds %+v, want %+v", typ, given, it.value(), want)
		}
	}
}

// TestWelcomePageFits80x24 walks the welcome page in each language on a
// 80x24 terminal, from the first field to the tier question and through
// its options: every screen fits, starts with the progress line, and
// shows every tier and "I would rather not say", the default, marked.
// Tier descriptions three times as long as the built-in bank's are cut,
// and fit too.
func TestWelcomePageFits80x24(t *testing.T) {
	long := *questions.Default()
	long.Tiers = slices.Clone(long.Tiers)
	for i := range long.Tiers {
		long.Tiers[i].Description = strings.Repeat(long.Tiers[i].Description+" ", 3)
	}
	for _, tag := range []string{"en", "cy", "fr", "en-long"} {
		t.Run(tag, func(t *testing.T) {
			var d *driver
			if tag == "en-long" {
				d = drive(t, &long, Options{DraftPath: "/x"}, 80, 24)
			} else {
				d = firstPage(t, tag)
			}
			q := d.m.q
			steps := []tea.KeyMsg{kTab, kTab}
			for range len(q.bank.Tiers) + 1 {
				steps = append(steps, kUp)
			}
			for i := 0; i <= len(steps); i++ {
				s := strings.TrimRight(d.screen(), "\n")
				if n := strings.Count(s, "\n") + 1; n > 24 {
					t.Errorf("step %d: %d lines:\n%s", i, n, s)
				}
				if !strings.HasPrefix(s, q.progress(0, 0)+"\n") {
					t.Errorf("step %d: the progress line is gone:\n%s", i, s)
				}
				if !strings.Contains(s, q.bank.Title) || !strings.Contains(s, q.l.T("form.name")) {
					t.Errorf("step %d: the page's top is cut:\n%s", i, s)
				}
				for _, tier := range q.bank.Tiers {
					if !strings.Contains(s, tier.Name) {
						t.Errorf("step %d: tier %q is not on the screen:\n%s", i, tier.Name, s)
					}
				}
				if none := q.l.T("form.role_none"); !strings.Contains(s, answerMark+none) {
					t.Errorf("step %d: %q is not shown as the answer:\n%s", i, none, s)
				}
				if i < len(steps) {
					d.keys(steps[i])
				}
			}
		})
	}
}

// TestEveryAnswerIsKeptAtOnce answers two questions of a page, then
// presses Ctrl-C: both answers were passed on before the page ended, each
// as it was given.
func TestEveryAnswerIsKeptAtOnce(t *testing.T) {
	t.Parallel() // a program of its own; it waits on frames more than it works
	b := mixedBank(t)
	var saves []Progress
	term, done := run(t, b, Options{Start: 1, OnChange: func(p Progress) error { saves = append(saves, p); return nil }})
	want := map[string]questions.Value{}
	qs := dimensionPages(b)[0].questions
	for _, q := range qs[:2] {
		keys, v := secondChoice(q)
		term.answer(q, keys...)
		want[q.ID] = v
	}
	term.waitFor(fmt.Sprintf("question 3 of %d · 2 of", len(qs)))
	term.press(ctrlC)
	if o := wait(t, done); !errors.Is(o.err, ErrInterrupted) {
		t.Fatalf("err = %v, want ErrInterrupted", o.err)
	}
	if len(saves) != 2 || len(saves[0].Answers.Values) != 1 {
		t.Fatalf("%d saves, want one per answer: %+v", len(saves), saves)
	}
	last := saves[len(saves)-1]
	if last.Page != 1 {
		t.Errorf("continue at page %d, want 1", last.Page)
	}
	questionstest.SameValues(t, last.Answers.Values, want)
}

// draftOf is a draft with the first page of b answered (second options)
// by Kim, last saved at clock, in language tag.
func draftOf(b *questions.Bank, tag string) *Draft {
	a := &questions.Answers{Bank: b.ID, Respondent: questions.Respondent{Name: "Kim", Role: b.Tiers[0].ID}, Values: map[string]questions.Value{}}
	for _, q := range dimensionPages(b)[0].questions {
		_, a.Values[q.ID] = secondChoice(q)
	}
	return &Draft{Answers: a, Saved: time.Date(2026, 11, 29, 10, 0, 0, 0, time.UTC), Language: tag}
}

// TestDraftOfferContinues: Enter on the offer continues the draft at its
// first unanswered question, with its answers and name, in its language.
func TestDraftOfferContinues(t *testing.T) {
	b := questions.Default()
	draft := draftOf(b, "cy")
	second := dimensionPages(b)[1].questions
	_, draft.Answers.Values[second[0].ID] = secondChoice(second[0])
	var kept []bool
	d := drive(t, b, Options{Languages: languages(t, "en"), Draft: draft, OnDraft: func(keep bool) error { kept = append(kept, keep); return nil }}, 80, 24)
	n := len(draft.Answers.Values)
	s := d.screen()
	for _, want := range []string{"You have an unfinished assessment", fmt.Sprintf("with %d of %d questions answered", n, len(b.Questions)),
		cursorMark + answerMark + fmt.Sprintf("Continue where you left off (%d answered)", n), optionMark + "Start again"} {
		if !strings.Contains(s, want) {
			t.Errorf("the offer lacks %q:\n%s", want, s)
		}
	}
	d.keys(kEnter)
	s = d.screen()
	if fmt.Sprint(kept) != "[true]" || d.m.page != 2 || !strings.HasPrefix(s, fmt.Sprintf("Tudalen 2 o %d · cwestiwn 2 o %d · %d o", Pages(b), len(second), n)) {
		t.Fatalf("continued %v at page %d:\n%s", kept, d.m.page, s)
	}
	a := d.m.q.answers()
	questionstest.SameValues(t, a.Values, draft.Answers.Values)
	if a.Respondent.Name != "Kim" || a.Respondent.Role != b.Tiers[0].ID {
		t.Errorf("respondent %+v, want the draft's", a.Respondent)
	}
}

// TestDraftOfferStartAgainAsksFirst: Start again asks to confirm, No
// (the default) goes back to the offer, Yes starts a new questionnaire on
// the welcome page with no answer.
func TestDraftOfferStartAgainAsksFirst(t *testing.T) {
	b := questions.Default()
	draft := draftOf(b, "en")
	var kept []bool
	var saves int
	d := drive(t, b, Options{Draft: draft, OnDraft: func(keep bool) error { kept = append(kept, keep); return nil },
		OnChange: func(Progress) error { saves++; return nil }}, 80, 24)
	d.keys(kDown, kEnter)
	s := d.screen()
	n := len(draft.Answers.Values)
	for _, want := range []string{"Start again?", fmt.Sprintf("Starting again deletes the %d answers saved on 29 Nov 2026", n), cursorMark + answerMark + "No, go back", fmt.Sprintf("Yes, delete %d answers and start again", n)} {
		if !strings.Contains(s, want) {
			t.Errorf("the confirmation lacks %q:\n%s", want, s)
		}
	}
	d.keys(kEnter) // No
	if s := d.screen(); !strings.Contains(s, "You have an unfinished assessment") || len(kept) != 0 {
		t.Fatalf("No did not go back to the offer (decided %v):\n%s", kept, s)
	}
	d.keys(kDown, kEnter, kDown, kEnter) // Start again, Yes
	s = d.screen()
	if fmt.Sprint(kept) != "[false]" || d.m.page != 0 || !strings.Contains(s, "Which tier") || saves != 0 {
		t.Fatalf("started again %v on page %d, %d saves:\n%s", kept, d.m.page, saves, s)
	}
	if a := d.m.q.answers(); len(a.Values) != 0 || a.Respondent.Name != "" {
		t.Errorf("a new questionnaire holds the draft's answers: %+v", a)
	}
}

// TestDraftOfferAccessible: line by line, the offer is a numbered choice
// whose Enter continues; 2 then 2 starts again.
func TestDraftOfferAccessible(t *testing.T) {
	b := questions.Default()
	var kept []bool
	opts := Options{Draft: draftOf(b, "en"), OnDraft: func(keep bool) error { kept = append(kept, keep); return nil }}
	o, screen := runAccessible(t, b, "\n", opts)
	if !errors.Is(o.err, ErrInterrupted) || fmt.Sprint(kept) != "[true]" {
		t.Fatalf("Enter: %v, decided %v", o.err, kept)
	}
	n := len(opts.Draft.Answers.Values)
	for _, want := range []string{"You have an unfinished assessment.", fmt.Sprintf("1. Continue where you left off (%d answered)\n2. Start again\n", n),
		"Enter a number between 1 and 2, or press Enter to keep 1:", fmt.Sprintf("Page 2 of %d", Pages(b))} {
		if !strings.Contains(screen, want) {
			t.Errorf("accessible offer lacks %q:\n%s", want, screen)
		}
	}
	kept = nil
	o, screen = runAccessible(t, b, "2\n1\n2\n2\n", opts)
	if fmt.Sprint(kept) != "[false]" || !strings.Contains(screen, "Start again?") || !strings.Contains(screen, "Your name (optional") {
		t.Errorf("2, 1 (no), 2, 2 (yes): decided %v:\n%s", kept, screen)
	}
}

// TestAccessibleBackSaysTheWelcomePage: the first page offers to go back
// to the welcome page, not to "page 0".
func TestAccessibleBackSaysTheWelcomePage(t *testing.T) {
	b := questions.Default()
	var in strings.Builder
	in.WriteString("\n\n\n") // the language, the name, the role
	for range dimensionPages(b)[0].questions {
		in.WriteString("2\n")
	}
	for _, tag := range []string{"en", "cy", "fr"} {
		_, screen := runAccessible(t, b, in.String(), Options{Languages: languages(t, tag)})
		l := lang.Get(tag)
		want := l.T("form.acc.page_done", "Page", 1, "On", l.T("form.acc.next_page"), "Back", l.T("form.acc.back_welcome"))
		if !strings.Contains(screen, want) || strings.Contains(screen, " 0:") || strings.Contains(screen, " 0 :") {
			t.Errorf("%s: the first page does not offer the welcome page (%q):\n%s", tag, want, tail(screen, 600))
		}
	}
}

// TestPageAndDraftGoldens draws a page of questions (one answered, the
// cursor on the next, the rest untouched) and the draft's two screens.
func TestPageAndDraftGoldens(t *testing.T) {
	b := mixedBank(t)
	d := drive(t, b, Options{Start: 1}, 80, 60)
	d.keys(kDown, kDown, kEnter, kDown)
	golden(t, "page.en.golden", d.screen())

	d = drive(t, questions.Default(), Options{Draft: draftOf(questions.Default(), "en")}, 80, 24)
	offer := d.screen()
	d.keys(kDown, kEnter)
	golden(t, "draft.en.golden", offer+"\n"+d.screen())
}
