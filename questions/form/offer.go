package form

import (
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/huh"
)

// The draft's screens come before the welcome page: the offer to continue
// an unfinished questionnaire or start again, and the confirmation of
// starting again. They are pages of their own, numbered below the welcome
// page.
const (
	offerPage   = -1
	confirmPage = -2
)

// Values of the draft's screens' options.
const (
	keepDraft   = "continue"
	startAgain  = "start-again"
	confirmNo   = "no"
	confirmYes  = "yes"
	fieldChoice = "draft-choice"
)

// offerOptions are the choices of the offer (continue first, the default)
// and of its confirmation (no first, the default).
func (q *questionnaire) offerOptions(page int) []choice {
	d := q.opts.Draft
	n := len(d.Answers.Values)
	if page == offerPage {
		return []choice{
			{label: q.l.N("form.draft.continue", n), value: keepDraft},
			{label: q.l.T("form.draft.start_again"), value: startAgain},
		}
	}
	return []choice{
		{label: q.l.T("form.draft.keep"), value: confirmNo},
		{label: q.l.N("form.draft.delete", n), value: confirmYes},
	}
}

// offerText is the title and the description of a draft's screen.
func (q *questionnaire) offerText(page int) (title, desc string) {
	d := q.opts.Draft
	n := len(d.Answers.Values)
	if page == confirmPage {
		return q.l.T("form.draft.confirm"), q.l.N("form.draft.confirm_help", n, "Date", q.l.Time(d.Saved.Local()))
	}
	desc = q.l.N("form.draft.saved", len(q.bank.Questions), "Date", q.l.Time(d.Saved.Local()), "Answered", n)
	if d.Dropped > 0 {
		desc += "\n" + q.l.N("form.draft.dropped", d.Dropped)
	}
	return q.l.T("form.draft.title"), desc
}

// offerGroup is a draft's screen in the redrawn form; the option chosen
// is set in *chosen when the person answers.
func (q *questionnaire) offerGroup(page int, chosen *string) *huh.Group {
	opts := q.offerOptions(page)
	*chosen = opts[0].value
	c := newChoices(fieldChoice, opts, false, []string{opts[0].value}, true)
	title, desc := q.offerText(page)
	c.title = q.l.T("form.draft.question")
	c.onAnswer = func(v []string) tea.Cmd { *chosen = v[0]; return nil }
	c.resized = &q.resized
	return huh.NewGroup(c.WithTheme(q.theme)).Title(title).Description(desc)
}

// decide acts on the choice made on a draft's screen and returns the
// page shown next: the draft continued at its first unanswered page, the
// confirmation, the offer again, or the welcome page of a new
// questionnaire.
func (q *questionnaire) decide(page int, chosen string) (int, error) {
	switch {
	case page == offerPage && chosen == startAgain:
		return confirmPage, nil
	case page == confirmPage && chosen != confirmYes:
		return offerPage, nil
	case page == offerPage:
		d := q.opts.Draft
		for i, lg := range q.langs {
			if lg.Tag == d.Language {
				q.setLanguage(i)
			}
		}
		q.load(d.Answers)
		q.page = FirstUnanswered(q.bank, d.Answers)
	default:
		q.page = 0
	}
	if q.opts.OnDraft != nil {
		if err := q.opts.OnDraft(page == offerPage); err != nil {
			return 0, err
		}
	}
	return q.page, nil
}
