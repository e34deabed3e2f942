package form

import (
	"slices"
	"strings"

	"github.com/charmbracelet/huh"
	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"

	"github.com/digilead/digilead/questions"
	"github.com/digilead/digilead/questions/lang"
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
	fieldLanguage = "respondent-language"
	fieldName     = "respondent-name"
	fieldRole     = "respondent-role"
	noRole        = "(none)"
)

// questionnaire is one run of the form: the bank in the language it is
// asked in, the pages and every question's current reply.
type questionnaire struct {
	bank  *questions.Bank
	opts  Options
	pages []page
	items map[string]*item
	name  string
	role  string
	// langs are the languages it can be asked in, cur the one it is in, l
	// its words; choice is the language chosen on the welcome page.
	langs    []Language
	cur      int
	l        *lang.Lang
	choice   string
	renderer *lipgloss.Renderer
	theme    *huh.Theme
	// moves set the current choices of the form being built (see
	// selectOn).
	moves []func()
}

func newQuestionnaire(b *questions.Bank, opts Options) *questionnaire {
	q := &questionnaire{opts: opts, items: map[string]*item{}, renderer: opts.Renderer, langs: opts.Languages}
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
		it := &item{num: i + 1}
		if v, ok := earlier[b.Questions[i].ID]; ok {
			it.q = &b.Questions[i]
			it.load(v)
		}
		q.items[b.Questions[i].ID] = it
	}
	q.setLanguage(0)
	return q
}

// setLanguage asks from now on in language i: its words, and the bank's
// texts in it. Replies are kept.
func (q *questionnaire) setLanguage(i int) {
	lg := q.langs[i]
	q.cur, q.l, q.bank, q.choice = i, lg.Lang, lg.Bank, lg.Tag
	q.pages = dimensionPages(q.bank)
	na := q.bank.NotApplicable
	if na == "" {
		na = q.l.T("form.not_applicable")
	}
	for j := range q.bank.Questions {
		qq := &q.bank.Questions[j]
		if it, ok := q.items[qq.ID]; ok {
			it.q, it.l, it.naLabel = qq, q.l, na
		}
	}
}

// switchLanguage follows the language chosen on the welcome page; it
// reports whether the language changed.
func (q *questionnaire) switchLanguage() bool {
	if q.choice == "" || q.choice == q.langs[q.cur].Tag {
		return false
	}
	for i, lg := range q.langs {
		if lg.Tag == q.choice {
			q.setLanguage(i)
			return true
		}
	}
	return false
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
	return q.opts.OnPage(Progress{Next: next, Answers: q.answers(), Language: q.langs[q.cur].Tag})
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
		return q.l.N("form.progress.welcome", len(q.bank.Questions), "Pages", len(q.pages))
	}
	return q.l.N("form.progress.page", len(q.bank.Questions), "Page", i, "Pages", len(q.pages), "Answered", q.answeredCount())
}

// group builds the huh group of page i.
func (q *questionnaire) group(i int) *huh.Group {
	if i == 0 {
		return q.welcome()
	}
	p := q.pages[i-1]
	fields := make([]huh.Field, 0, len(p.questions))
	for _, qq := range p.questions {
		fields = append(fields, q.items[qq.ID].field(len(q.bank.Questions), &q.moves, q.theme))
	}
	return huh.NewGroup(fields...).Title(p.dim.Name).Description(p.dim.Description)
}

// firstKey is the key of the first field of page i that takes input.
func (q *questionnaire) firstKey(i int) string {
	switch {
	case i > 0:
		return q.pages[i-1].questions[0].ID
	case len(q.langs) > 1:
		return fieldLanguage
	}
	return fieldName
}

// languageOptions offers the languages, each by its own name, in the
// order of their tags (the same whichever is chosen).
func (q *questionnaire) languageOptions() []huh.Option[string] {
	opts := make([]huh.Option[string], len(q.langs))
	for i, lg := range q.langs {
		opts[i] = huh.NewOption(lang.Name(lg.Tag), lg.Tag)
	}
	slices.SortFunc(opts, func(a, b huh.Option[string]) int { return strings.Compare(a.Value, b.Value) })
	return opts
}

// roleOptions offers the tiers, each with its description, and "I would
// rather not say".
func (q *questionnaire) roleOptions() []huh.Option[string] {
	roles := make([]huh.Option[string], 0, len(q.bank.Tiers)+1)
	for _, t := range q.bank.Tiers {
		label := t.Name
		if t.Description != "" {
			label = q.l.T("form.role_option", "Name", t.Name, "Description", t.Description)
		}
		roles = append(roles, huh.NewOption(label, t.ID))
	}
	return append(roles, huh.NewOption(q.l.T("form.role_none"), noRole))
}

// welcome is page 0 of the redrawn form: the language when there is a
// choice, an optional name and the person's role, under the intro (see
// intro).
func (q *questionnaire) welcome() *huh.Group {
	var fields []huh.Field
	if len(q.langs) > 1 {
		fields = append(fields, selectOn(q.languageOptions(), &q.choice, &q.moves, q.theme).Key(fieldLanguage).
			Title(q.l.T("form.language")).Description(q.l.T("form.language_help")))
	}
	name := huh.NewInput().Key(fieldName).Title(q.l.T("form.name")).
		Description(q.l.T("form.name_help")).CharLimit(maxName).Value(&q.name)
	if q.role == "" {
		q.role = noRole
	}
	role := selectOn(q.roleOptions(), &q.role, &q.moves, q.theme).Key(fieldRole).Title(q.l.T("form.role")).
		Description(q.l.T("form.role_help"))
	fields = append(fields, name, role)
	return huh.NewGroup(fields...).Title(q.bank.Title).Description(q.intro())
}

// maxName is the longest name taken, in characters.
const maxName = 100

// intro says what the assessment is, how long it takes and that nothing
// leaves the machine.
func (q *questionnaire) intro() string {
	s := q.l.T("form.intro", "Questions", q.l.N("count.questions", len(q.bank.Questions)), "Areas", q.l.N("form.areas", len(q.pages)), "Minutes", q.l.N("form.minutes", q.bank.Minutes())) + "\n\n"
	if q.opts.Notice != nil {
		return s + q.opts.Notice(q.l)
	}
	s += q.l.T("form.intro_local")
	if q.opts.DraftPath != "" {
		s += " " + q.l.T("form.intro_draft")
	}
	return s
}
