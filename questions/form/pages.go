package form

import (
	"slices"
	"strings"

	tea "github.com/charmbracelet/bubbletea"
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
	// page is the page being asked, where a draft continues.
	page int
	// resized is set by a field of the page whose height changed: the
	// page is laid out again before it is drawn.
	resized bool
}

func newQuestionnaire(b *questions.Bank, opts Options) *questionnaire {
	q := &questionnaire{opts: opts, items: map[string]*item{}, renderer: opts.Renderer, langs: opts.Languages}
	if q.renderer == nil || opts.Accessible {
		// A screen reader reads escape codes aloud: accessible mode is plain.
		q.renderer = lipgloss.NewRenderer(opts.Out)
		q.renderer.SetColorProfile(termenv.Ascii)
		q.renderer.SetHasDarkBackground(true)
	}
	for i := range b.Questions {
		q.items[b.Questions[i].ID] = &item{num: i + 1}
	}
	q.setLanguage(0)
	if opts.Draft == nil {
		q.load(opts.Answers)
	}
	return q
}

// load shows earlier answers (nil for none) as the answers given, with
// the name and role given with them.
func (q *questionnaire) load(a *questions.Answers) {
	q.opts.Answers = a
	if a == nil {
		return
	}
	// A draft is a file: its name is shown, so no control sequence in it
	// may act on the terminal.
	q.name, q.role = safetext.Terminal(a.Respondent.Name), a.Respondent.Role
	for id, v := range a.Values {
		if it, ok := q.items[id]; ok {
			it.load(v)
		}
	}
}

// setLanguage asks from now on in language i: its words, and the bank's
// texts in it. Replies are kept.
func (q *questionnaire) setLanguage(i int) {
	lg := q.langs[i]
	q.cur, q.l, q.bank, q.choice = i, lg.Lang, lg.Bank, lg.Tag
	q.pages = dimensionPages(q.bank)
	na := q.bank.NotApplicable
	switch {
	case q.opts.About != nil:
		na = q.l.T("form.cannot_say") // an observer's not applicable
	case na == "":
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

// leave tells the caller, who may keep a draft, that page i is left for
// page next.
func (q *questionnaire) leave(i, next int) error {
	q.page = next
	return q.save()
}

// save tells the caller the answers so far and the page to continue at.
func (q *questionnaire) save() error {
	if q.opts.OnChange == nil {
		return nil
	}
	return q.opts.OnChange(Progress{Page: q.page, Answers: q.answers(), Language: q.langs[q.cur].Tag})
}

// answered is called once an answer is given or changed in the redrawn
// form: the caller keeps it at once, so that no answer waits for the end
// of its page. A caller's error stops the questionnaire.
func (q *questionnaire) answered() tea.Cmd {
	if err := q.save(); err != nil {
		return func() tea.Msg { return failMsg{err} }
	}
	return nil
}

// answeredCount counts the questions with an answer.
func (q *questionnaire) answeredCount() int {
	n := 0
	for _, it := range q.items {
		if it.answered {
			n++
		}
	}
	return n
}

// progress is the line that says where the person is: on the welcome
// page how long the questionnaire is, on a page of questions which page
// and how many questions are answered, e.g. "Page 3 of 13 · 14 of 59
// questions answered"; with pos (1 for the page's first question) also
// which question of the page has the focus.
func (q *questionnaire) progress(i, pos int) string {
	switch {
	case i == 0:
		return q.l.N("form.progress.welcome", len(q.bank.Questions), "Areas", q.l.N("form.areas", len(q.pages)), "Minutes", q.l.N("form.minutes", q.bank.Minutes()))
	case pos > 0:
		return q.l.N("form.progress.question", len(q.bank.Questions), "Page", i, "Pages", len(q.pages),
			"Question", pos, "OnPage", len(q.pages[i-1].questions), "Answered", q.answeredCount())
	}
	return q.l.N("form.progress.page", len(q.bank.Questions), "Page", i, "Pages", len(q.pages), "Answered", q.answeredCount())
}

// position is where the question with key id is on page i, 1 for the
// first; 0 when it is not one of the page's questions.
func (q *questionnaire) position(i int, id string) int {
	if i < 1 || i > len(q.pages) {
		return 0
	}
	for j, qq := range q.pages[i-1].questions {
		if qq.ID == id {
			return j + 1
		}
	}
	return 0
}

// group builds the huh group of page i.
func (q *questionnaire) group(i int) *huh.Group {
	if i == 0 {
		return q.welcome()
	}
	p := q.pages[i-1]
	fields := make([]huh.Field, 0, len(p.questions))
	noAnswer := q.l.T("form.error.choose", "Enter", keyName(q.l, "enter"))
	for _, qq := range p.questions {
		c := q.items[qq.ID].field(noAnswer, q.answered)
		c.resized = &q.resized
		fields = append(fields, c.WithTheme(q.theme))
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
func (q *questionnaire) languageOptions() []choice {
	opts := make([]choice, len(q.langs))
	for i, lg := range q.langs {
		opts[i] = choice{label: lang.Name(lg.Tag), value: lg.Tag}
	}
	slices.SortFunc(opts, func(a, b choice) int { return strings.Compare(a.value, b.value) })
	return opts
}

// roleOptions offers the tiers, each by its name with its description as
// the detail shown while the cursor is on it, and "I would rather not
// say".
func (q *questionnaire) roleOptions() []choice {
	roles := make([]choice, 0, len(q.bank.Tiers)+1)
	for _, t := range q.bank.Tiers {
		roles = append(roles, choice{label: t.Name, value: t.ID, detail: t.Description})
	}
	return append(roles, choice{label: q.l.T("form.role_none"), value: noRole})
}

// welcome is page 0 of the redrawn form, under the intro (see intro): the
// language when there is a choice (on one line, the page redrawn in the
// language under the cursor), an optional name and the person's role,
// "I would rather not say" until another is chosen. The fields' help is
// shown while they have the focus, so that the page fits 80x24.
func (q *questionnaire) welcome() *huh.Group {
	var fields []huh.Field
	if len(q.langs) > 1 {
		c := newChoices(fieldLanguage, q.languageOptions(), false, []string{q.choice}, true)
		c.title, c.desc, c.inline, c.quiet, c.follow = q.l.T("form.language"), q.l.T("form.language_help"), true, true, true
		c.sideHelp = q.l.T("form.key.language")
		c.onAnswer = func(v []string) tea.Cmd { q.choice = v[0]; return nil }
		c.resized = &q.resized
		fields = append(fields, c.WithTheme(q.theme))
	}
	if q.opts.About != nil {
		// Nothing of the observer is asked: a note to go on from.
		note := huh.NewNote().Title(q.l.T("form.about_start")).Next(true).NextLabel(q.l.T("form.about_next"))
		fields = append(fields, note.WithTheme(q.theme))
		return huh.NewGroup(fields...).Title(q.bank.Title).Description(q.intro())
	}
	name := &quietInput{Input: huh.NewInput().Key(fieldName).Title(q.l.T("form.name")).CharLimit(maxName).Value(&q.name), help: q.l.T("form.name_help"), resized: &q.resized}
	if q.role == "" {
		q.role = noRole
	}
	role := newChoices(fieldRole, q.roleOptions(), false, []string{q.role}, true)
	role.title, role.desc, role.quiet = q.l.T("form.role"), q.l.T("form.role_help"), true
	role.above, role.below = q.l.T("form.more_above"), q.l.T("form.more_below")
	role.onAnswer = func(v []string) tea.Cmd { q.role = v[0]; return q.answered() }
	role.resized = &q.resized
	fields = append(fields, name.WithTheme(q.theme), role.WithTheme(q.theme))
	return huh.NewGroup(fields...).Title(q.bank.Title).Description(q.intro())
}

// quietInput is a text input whose description shows only while it has
// the focus, and which ↓ and ↑ leave for the next and previous field, as
// on the rest of the page (a line of text has nowhere to go up or down).
type quietInput struct {
	*huh.Input
	help    string
	resized *bool
	// first and last say where it is on the page.
	first, last bool
}

// Focus and Blur ask for the page to be laid out again: its height
// changes (see choices.Focus).
func (i *quietInput) Focus() tea.Cmd {
	i.Input.Description(i.help)
	*i.resized = true
	return i.Input.Focus()
}

func (i *quietInput) Blur() tea.Cmd {
	i.Input.Description("")
	*i.resized = true
	return i.Input.Blur()
}

func (i *quietInput) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	if k, ok := msg.(tea.KeyMsg); ok {
		switch {
		case k.Type == tea.KeyUp && !i.first:
			return i, huh.PrevField
		case k.Type == tea.KeyDown && !i.last:
			return i, huh.NextField
		}
	}
	_, cmd := i.Input.Update(msg)
	return i, cmd
}

func (i *quietInput) WithPosition(p huh.FieldPosition) huh.Field {
	i.first, i.last = p.IsFirst(), p.IsLast()
	i.Input.WithPosition(p)
	return i
}

func (i *quietInput) WithTheme(t *huh.Theme) huh.Field { i.Input.WithTheme(t); return i }

// maxName is the longest name taken, in characters.
const maxName = 100

// intro says how to answer and that nothing leaves the machine (the
// progress line above it says how long the questionnaire is).
func (q *questionnaire) intro() string {
	s := q.l.T("form.intro")
	if q.opts.About != nil {
		s = q.opts.About(q.l)
	}
	if q.opts.Notice != nil {
		return s + "\n\n" + q.opts.Notice(q.l)
	}
	s += " " + q.l.T("form.intro_local")
	if q.opts.DraftPath != "" {
		s += " " + q.l.T("form.intro_draft")
	}
	return s
}
