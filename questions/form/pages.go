package form

import (
	"cmp"
	"fmt"
	"strings"

	"github.com/charmbracelet/huh"
	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"

	"github.com/digilead/digilead/questions"
	"github.com/digilead/digilead/questions/safetext"
)

// page is one dimension's questions.
type page struct {
	dim       *questions.Dimension
	questions []*questions.Question
}

// dimensionPages lists the question pages, in bank order.
func dimensionPages(b *questions.Bank) []page {
	var pages []page
	for i := range b.Dimensions {
		d := &b.Dimensions[i]
		if qs := b.QuestionsOf(d.ID); len(qs) > 0 {
			pages = append(pages, page{dim: d, questions: qs})
		}
	}
	return pages
}

// Field keys of the welcome page, and the role of "I would rather not
// say" (tier ids are kebab-case, so it is never one).
const (
	keyName = "respondent-name"
	keyRole = "respondent-role"
	noRole  = "(none)"
)

// questionnaire is one run of the form: the bank, the pages and every
// question's current reply.
type questionnaire struct {
	bank     *questions.Bank
	opts     Options
	pages    []page
	items    map[string]*item
	name     string
	role     string
	renderer *lipgloss.Renderer
	theme    *huh.Theme
	// moves set the current choices of the form being built (see
	// selectOn).
	moves []func()
}

func newQuestionnaire(b *questions.Bank, opts Options) *questionnaire {
	q := &questionnaire{bank: b, opts: opts, pages: dimensionPages(b), items: map[string]*item{}, renderer: opts.Renderer}
	if q.renderer == nil || opts.Accessible {
		// A screen reader reads escape codes aloud: accessible mode is plain.
		q.renderer = lipgloss.NewRenderer(opts.Out)
		q.renderer.SetColorProfile(termenv.Ascii)
		q.renderer.SetHasDarkBackground(true)
	}
	var earlier map[string]questions.Value
	if opts.Answers != nil {
		// A draft is a file: its name is shown, so no control sequence in
		// it may act on the terminal.
		q.name, q.role = safetext.Terminal(opts.Answers.Respondent.Name), opts.Answers.Respondent.Role
		earlier = opts.Answers.Values
	}
	for i := range b.Questions {
		qq := &b.Questions[i]
		it := &item{q: qq, num: i + 1, naLabel: cmp.Or(b.NotApplicable, "Not applicable")}
		if v, ok := earlier[qq.ID]; ok {
			it.load(v)
		}
		q.items[qq.ID] = it
	}
	return q
}

// last is the index of the last page (the welcome page is 0).
func (q *questionnaire) last() int { return len(q.pages) }

// answers returns every reply so far as answers to the bank.
func (q *questionnaire) answers() *questions.Answers {
	a := &questions.Answers{
		Bank:       q.bank.ID,
		Respondent: questions.Respondent{Name: strings.TrimSpace(q.name)},
		Values:     map[string]questions.Value{},
	}
	if q.role != noRole {
		a.Respondent.Role = q.role
	}
	if q.opts.Answers != nil {
		a.Respondent.ID = q.opts.Answers.Respondent.ID
	}
	for id, it := range q.items {
		if it.answered {
			a.Values[id] = it.value()
		}
	}
	return a
}

// leave records the replies of page i and tells the caller, who may keep a
// draft. next is the page shown next.
func (q *questionnaire) leave(i, next int) error {
	if i > 0 {
		for _, qq := range q.pages[i-1].questions {
			q.items[qq.ID].answered = true
		}
	}
	if q.opts.OnPage == nil {
		return nil
	}
	return q.opts.OnPage(Progress{Next: next, Answers: q.answers()})
}

// answeredCount counts the questions with a reply.
func (q *questionnaire) answeredCount() int {
	n := 0
	for _, it := range q.items {
		if it.answered {
			n++
		}
	}
	return n
}

// progress is the line that says where the person is, e.g.
// "Page 3 of 13 · 14 of 59 questions answered".
func (q *questionnaire) progress(i int) string {
	if i == 0 {
		return fmt.Sprintf("Welcome · %d questions on %d pages", len(q.bank.Questions), len(q.pages))
	}
	return fmt.Sprintf("Page %d of %d · %d of %d questions answered", i, len(q.pages), q.answeredCount(), len(q.bank.Questions))
}

// group builds the huh group of page i.
func (q *questionnaire) group(i int) *huh.Group {
	if i == 0 {
		return q.welcome()
	}
	p := q.pages[i-1]
	fields := make([]huh.Field, 0, len(p.questions))
	for _, qq := range p.questions {
		fields = append(fields, q.items[qq.ID].field(q.opts.Accessible, len(q.bank.Questions), &q.moves, q.theme))
	}
	g := huh.NewGroup(fields...)
	if !q.opts.Accessible {
		g = g.Title(p.dim.Name).Description(p.dim.Description)
	}
	return g
}

// firstKey is the key of the first field of page i that takes input.
func (q *questionnaire) firstKey(i int) string {
	if i == 0 {
		return keyName
	}
	return q.pages[i-1].questions[0].ID
}

// welcome is page 0: an optional name and the person's role, under the
// intro (see intro).
func (q *questionnaire) welcome() *huh.Group {
	roles := make([]huh.Option[string], 0, len(q.bank.Tiers)+1)
	for _, t := range q.bank.Tiers {
		label := t.Name
		if t.Description != "" {
			label += ": " + t.Description
		}
		roles = append(roles, huh.NewOption(label, t.ID))
	}
	roles = append(roles, huh.NewOption("I would rather not say", noRole))
	name := huh.NewInput().Key(keyName).Title("Your name (optional)").
		Description("Shown on your report. Leave it empty to stay anonymous.").
		CharLimit(100).Value(&q.name)
	if q.opts.Accessible {
		name.Title("Your name (optional; shown on your report, press Enter to skip):")
	}
	if q.role == "" {
		q.role = noRole
	}
	var role *huh.Select[string]
	if q.opts.Accessible {
		role = huh.NewSelect[string]().Options(roles...).Value(&q.role)
	} else {
		role = selectOn(roles, &q.role, &q.moves, q.theme)
	}
	role.Key(keyRole).Title("Which tier best describes your current role?").
		Description("Your report measures the gaps to this tier until you reach it.")
	g := huh.NewGroup(name, role)
	if !q.opts.Accessible {
		g = g.Title(q.bank.Title).Description(q.intro())
	}
	return g
}

// intro says what the assessment is, how long it takes and that nothing
// leaves the machine.
func (q *questionnaire) intro() string {
	s := fmt.Sprintf("%d questions in %d areas, about %d minutes. Answer about what you actually do, not what you would like to do.\n\n", len(q.bank.Questions), len(q.pages), q.bank.Minutes())
	if q.opts.Notice != "" {
		return s + q.opts.Notice
	}
	s += "Your answers stay on this computer: nothing is sent anywhere."
	if q.opts.DraftPath != "" {
		s += " Progress is saved after every page: stop with Ctrl-C and continue later with --resume."
	}
	return s
}
