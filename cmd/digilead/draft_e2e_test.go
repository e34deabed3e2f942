package main

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/digilead/digilead/questions"
	"github.com/digilead/digilead/questions/lang"
	"github.com/digilead/digilead/questions/questionstest"
)

// These end-to-end tests drive the questionnaire in tmux where a person
// would see the draft offer, a mid-page Ctrl-C and the welcome page at
// 80x24. They are slow: they run with DIGILEAD_E2E=1, when a missing tmux
// is a failure.

// lines is the screen's lines, without the blank ones at its end.
func lines(screen string) []string {
	return strings.Split(strings.TrimRight(screen, "\n "), "\n")
}

// TestE2EWelcomePageAt80x24 opens the questionnaire on a 80x24 terminal
// in each language: the whole welcome page is on the screen, with every
// tier and "I would rather not say" marked as the answer, also with the
// tier question focused and the cursor on a tier, whose description
// shows.
func TestE2EWelcomePageAt80x24(t *testing.T) {
	set, err := questions.DefaultSet()
	if err != nil {
		t.Fatal(err)
	}
	for _, tag := range []string{"en", "cy", "fr"} {
		t.Run(tag, func(t *testing.T) {
			p := newPane(t)
			b, l := set.In(tag), lang.Get(tag)
			p.run(80, 24, "out", "--lang", tag)
			// The first frames may be drawn before the terminal's size is
			// known (a race-built program is slow to get there): wait for
			// the page laid out at 80x24, then check all of it.
			p.waitFor("✓ " + l.T("form.role_none"))
			problems := func(s string) []string {
				var found []string
				// The first line with text: under load the page has been
				// seen drawn one row down, a blank row above it and every
				// line of it on the screen (twice in about ten CI runs);
				// a page cut or scrolled off the top still fails.
				first := lines(s)[0]
				if strings.TrimSpace(first) == "" && len(lines(s)) > 1 {
					first = lines(s)[1]
				}
				if !strings.HasPrefix(first, l.N("form.progress.welcome", len(b.Questions), "Areas", l.N("form.areas", len(b.Dimensions)), "Minutes", l.N("form.minutes", b.Minutes()))) {
					found = append(found, "the first line is not the welcome line")
				}
				if !strings.Contains(s, b.Title) || !strings.Contains(s, l.T("form.name")) {
					found = append(found, "the page's top is cut")
				}
				for _, tier := range b.Tiers {
					if !strings.Contains(s, tier.Name) {
						found = append(found, fmt.Sprintf("tier %q is not on the screen", tier.Name))
					}
				}
				if none := l.T("form.role_none"); !strings.Contains(s, "✓ "+none) {
					found = append(found, fmt.Sprintf("%q is not shown as the answer", none))
				}
				return found
			}
			// A capture can land in the middle of a frame being drawn
			// (tmux reads the program's output in pieces): the screen must
			// settle into a good page within a second, and a page that
			// stays wrong (scrolled, cut) fails.
			check := func(when string) {
				t.Helper()
				s := p.screen()
				for end := time.Now().Add(time.Second); len(problems(s)) > 0 && time.Now().Before(end); s = p.screen() {
					time.Sleep(50 * time.Millisecond)
				}
				for _, problem := range problems(s) {
					t.Errorf("%s: %s:\n%s", when, problem, s)
				}
			}
			check("first screen")
			p.keys("Tab", "Tab")
			p.waitFor("┃ " + l.T("form.role"))
			p.keys("Up") // to the top tier, whose description shows
			p.waitFor("> • " + b.Tiers[len(b.Tiers)-1].Name)
			check("tier question")
			if words := strings.Fields(b.Tiers[len(b.Tiers)-1].Description); !strings.Contains(p.screen(), strings.Join(words[:3], " ")) {
				t.Errorf("the focused tier's description is not shown:\n%s", p.screen())
			}
		})
	}
}

// startNew starts a questionnaire with no draft, gives the name Pat and
// keeps "I would rather not say".
func startNew(p *pane) {
	p.t.Helper()
	p.run(100, 30, "me.json", "--format", "json")
	p.waitFor("Welcome")
	p.keys("Enter") // keep the language
	p.waitFor("┃ Your name")
	p.typeText("Pat")
	p.keys("Enter")
	p.waitFor("┃ Which tier")
	p.keys("Enter")
}

// answerPages answers the questions of pages (the option-th option) and
// records them in want.
func (p *pane) answerPages(pages [][]*questions.Question, option int, want map[string]questions.Value) {
	p.t.Helper()
	for _, qs := range pages {
		for _, q := range qs {
			want[q.ID] = p.answerFocused(q, option)
		}
	}
}

// TestE2EMidPageCtrlCThenResume stops in the middle of a page: the
// answers given on it are kept with the earlier ones, the message says
// so, and --resume continues at the next question; the result has every
// answer.
func TestE2EMidPageCtrlCThenResume(t *testing.T) {
	p := newPane(t)
	b, pages := pagesOf(t)
	startNew(p)
	want := map[string]questions.Value{}
	p.answerPages(pages[:1], 2, want)
	p.answerPages([][]*questions.Question{pages[1][:2]}, 1, want)
	p.waitFor(fmt.Sprintf("Page 2 of %d · question 3 of %d · %d of %d answered", len(pages), len(pages[1]), len(want), len(b.Questions)))
	p.keys("C-c")
	if code := p.exitCode(); code != 130 {
		t.Fatalf("Ctrl-C: exit %d, want 130; screen:\n%s", code, p.screen())
	}
	if msg := said(p); !strings.Contains(msg, "Your answers so far are saved in") {
		t.Errorf("the message does not say the answers are saved:\n%s", msg)
	}
	keptDraft(t, p.data, len(want))

	p.run(100, 30, "me.json", "assess", "--resume", "--format", "json")
	// It goes on at the first question not answered.
	p.waitFor(fmt.Sprintf("Page 2 of %d · question 3 of %d · %d of %d answered", len(pages), len(pages[1]), len(want), len(b.Questions)))
	p.answerPages([][]*questions.Question{pages[1][2:]}, 0, want)
	p.answerPages(pages[2:], 1, want)
	p.finished(b, want)
}

// finished waits for the questionnaire to end and checks its result: every
// answer given (want, the whole bank) and the name Pat.
func (p *pane) finished(b *questions.Bank, want map[string]questions.Value) {
	p.t.Helper()
	if code := p.exitCode(); code != 0 {
		p.t.Fatalf("exit %d; screen:\n%s", code, p.screen())
	}
	r := readResult(p.t, filepath.Join(p.dir, "me.json"))
	questionstest.SameValues(p.t, r.Answers, want)
	if len(r.Answers) != len(b.Questions) || r.Respondent.Name != "Pat" {
		p.t.Errorf("%d answers, respondent %+v; want all %d and Pat", len(r.Answers), r.Respondent, len(b.Questions))
	}
}

// unfinished leaves a draft: the first page answered and one question of
// the second, then Ctrl-C. It returns the answers kept.
func unfinished(p *pane, pages [][]*questions.Question) map[string]questions.Value {
	p.t.Helper()
	startNew(p)
	want := map[string]questions.Value{}
	p.answerPages(pages[:1], 1, want)
	p.answerPages([][]*questions.Question{pages[1][:1]}, 1, want)
	p.waitFor("question 2 of")
	p.keys("C-c")
	if code := p.exitCode(); code != 130 {
		p.t.Fatalf("Ctrl-C: exit %d, want 130; screen:\n%s", code, p.screen())
	}
	keptDraft(p.t, p.data, len(want))
	return want
}

// TestE2EDraftOfferContinues runs digilead again over an unfinished
// draft: its first screen offers Continue (with how many are answered) as
// the answer, and Enter continues it where it was left with every answer.
// Ctrl-C on the offer keeps the draft as it was.
func TestE2EDraftOfferContinues(t *testing.T) {
	p := newPane(t)
	b, pages := pagesOf(t)
	want := unfinished(p, pages)

	offer := fmt.Sprintf("✓ Continue where you left off (%d answered)", len(want))
	p.run(100, 30, "me.json", "--format", "json")
	p.waitFor(offer)
	p.waitFor("• Start again")
	p.keys("C-c")
	if code := p.exitCode(); code != 130 {
		t.Fatalf("Ctrl-C on the offer: exit %d; screen:\n%s", code, p.screen())
	}
	keptDraft(t, p.data, len(want))

	p.run(100, 30, "me.json", "--format", "json")
	p.waitFor(offer)
	p.keys("Enter")
	p.waitFor(fmt.Sprintf("Page 2 of %d · question 2 of %d · %d of %d answered", len(pages), len(pages[1]), len(want), len(b.Questions)))
	p.answerPages([][]*questions.Question{pages[1][1:]}, 1, want)
	p.answerPages(pages[2:], 1, want)
	p.finished(b, want)
}

// TestE2EDraftOfferStartAgain: Start again asks to confirm; No goes back
// to the offer with the draft untouched; Yes removes the draft and opens
// the welcome page of a new questionnaire.
func TestE2EDraftOfferStartAgain(t *testing.T) {
	p := newPane(t)
	_, pages := pagesOf(t)
	want := unfinished(p, pages)

	p.run(100, 30, "me.json", "--format", "json")
	p.waitFor("Continue where you left off")
	p.keys("Down", "Enter")
	p.waitFor(fmt.Sprintf("Starting again deletes the %d answers", len(want)))
	p.waitFor("> ✓ No, go back")
	p.keys("Enter")
	p.waitFor("You have an unfinished assessment")
	keptDraft(t, p.data, len(want))
	p.keys("Down", "Enter")
	p.waitFor("> ✓ No, go back")
	p.keys("Down", "Enter")
	p.waitFor("┃ Language")
	if drafts, _ := filepath.Glob(filepath.Join(p.data, "digilead", "drafts", "*.json")); len(drafts) != 0 {
		t.Errorf("starting again kept the draft: %v", drafts)
	}
	p.keys("C-c")
	if code := p.exitCode(); code != 130 {
		t.Fatalf("exit %d; screen:\n%s", code, p.screen())
	}
	if msg := said(p); !strings.Contains(msg, "nothing was saved") {
		t.Errorf("stopping on the new welcome page does not say nothing was saved:\n%s", msg)
	}
}
