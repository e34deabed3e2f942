package form

import (
	"context"
	"fmt"
	"io"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/digilead/digilead/questions"
)

// runAccessible asks line by line: plain text, numbered choices, one line
// of input per answer, every word from the catalog (huh's accessible
// prompts are English only, so the prompts are digilead's own). The form
// runs in a goroutine so that an interrupt or the end of input stops it
// even while it waits for a line.
func (q *questionnaire) runAccessible(ctx context.Context) error {
	in := newLineReader(q.opts.In)
	done := make(chan error, 1)
	go func() { done <- q.askAccessible(in) }()
	select {
	case err := <-done:
		return err
	case <-in.eof:
		return ErrInterrupted
	case <-ctx.Done():
		return ErrInterrupted
	}
}

// askAccessible asks page after page, each under its heading, and asks
// after each page whether to go on or back. A draft is offered first.
func (q *questionnaire) askAccessible(in io.Reader) error {
	a := &asker{w: q.opts.Out, in: in, q: q}
	i := q.start()
	if i == offerPage {
		next, err := a.offer()
		if err != nil {
			return err
		}
		i = next
	}
	// A continued questionnaire goes on at the first unanswered question
	// of its page (b goes back to the page before, which asks them all).
	skip := q.opts.Answers != nil
	for {
		q.page = i
		q.printHeading(a.w, i)
		if i == 0 {
			a.welcome()
		} else {
			for _, qq := range q.pages[i-1].questions {
				if skip && q.items[qq.ID].answered {
					continue
				}
				skip = false
				if !a.question(q.items[qq.ID]) {
					continue
				}
				if err := q.save(); err != nil {
					return err
				}
			}
		}
		if err := q.leave(i, i+1); err != nil {
			return err
		}
		next := i + 1
		if i > 0 && a.back(i, i == q.last()) {
			next = i - 1
		}
		if next > q.last() {
			return nil
		}
		i, skip = next, false
	}
}

// printHeading writes where the person is and what the page is about.
func (q *questionnaire) printHeading(w io.Writer, i int) {
	fmt.Fprintln(w)
	fmt.Fprintln(w, q.progress(i, 0))
	if i == 0 {
		fmt.Fprintln(w, q.l.T("form.acc.heading", "Text", q.bank.Title))
		fmt.Fprintln(w, q.intro())
	} else {
		p := q.pages[i-1]
		fmt.Fprintln(w, q.l.T("form.acc.heading", "Text", p.dim.Name))
		if p.dim.Description != "" {
			fmt.Fprintln(w, p.dim.Description)
		}
		if q.opts.Footer != nil {
			fmt.Fprintln(w, q.opts.Footer(q.l))
		}
	}
	fmt.Fprintln(w)
}

// offer asks whether to continue the draft or start again, confirming
// the second, and returns the page to go on at.
func (a *asker) offer() (int, error) {
	q := a.q
	page := offerPage
	for {
		title, desc := q.offerText(page)
		fmt.Fprintf(a.w, "\n%s\n%s\n\n", q.l.T("form.acc.heading", "Text", title), desc)
		opts := q.offerOptions(page)
		next, err := q.decide(page, opts[a.choose(q.l.T("form.draft.question"), opts, 0)].value)
		if err != nil || next >= 0 {
			return next, err
		}
		page = next
	}
}

// asker asks the questions of the accessible mode on w, reading lines
// from in.
type asker struct {
	w  io.Writer
	in io.Reader
	q  *questionnaire
}

// line reads a line of input, without its end; at the end of input the
// line reader blocks (see lineReader) and runAccessible returns.
func (a *asker) line() string {
	var sb strings.Builder
	b := make([]byte, 1)
	for {
		n, _ := a.in.Read(b)
		if n == 0 {
			continue
		}
		if b[0] == '\n' {
			return strings.TrimRight(sb.String(), "\r")
		}
		sb.WriteByte(b[0])
	}
}

// welcome asks the language when there is a choice (the page is then
// shown again in the language chosen), the person's name and role.
func (a *asker) welcome() {
	q := a.q
	if len(q.langs) > 1 {
		opts := q.languageOptions()
		pick := a.choose(q.l.T("form.language"), opts, slices.IndexFunc(opts, func(o choice) bool { return o.value == q.langs[q.cur].Tag }))
		q.choice = opts[pick].value
		if q.switchLanguage() {
			q.printHeading(a.w, 0)
		}
	}
	if q.opts.About != nil {
		return // nothing of the observer is asked
	}
	for {
		fmt.Fprint(a.w, q.l.T("form.acc.name")+" ")
		s := strings.TrimSpace(a.line())
		if s == "" {
			break // keep the name there is, or none
		}
		if utf8.RuneCountInString(s) <= maxName {
			q.name = s
			break
		}
		fmt.Fprintln(a.w, q.l.N("form.acc.too_long", maxName))
	}
	if q.role == "" {
		q.role = noRole
	}
	// Read line by line, each tier is said with its description.
	opts := q.roleOptions()
	for i, o := range opts {
		if o.detail != "" {
			opts[i].label = q.l.T("form.role_option", "Name", o.label, "Description", o.detail)
		}
	}
	cur := slices.IndexFunc(opts, func(o choice) bool { return o.value == q.role })
	q.role = opts[a.choose(q.l.T("form.role")+"\n"+q.l.T("form.role_help"), opts, cur)].value
}

// question asks one question, numbered, with its help; the answer given
// is the item's. It reports whether the answer is new or changed.
func (a *asker) question(it *item) bool {
	before, was := it.value(), it.answered
	l := a.q.l
	title := l.T("form.acc.question", "N", it.num, "Total", len(a.q.bank.Questions), "Text", it.q.Text)
	if it.q.Help != "" {
		title += "\n" + l.T("form.acc.help", "Help", it.q.Help)
	}
	opts := it.options()
	if it.q.Type == questions.Multi {
		it.many = a.chooseMany(title, opts, it.many, it.checkMany)
	} else {
		cur := -1
		if it.answered {
			cur = slices.IndexFunc(opts, func(o choice) bool { return o.value == it.one })
		}
		nb := byPosition(len(opts))
		if it.q.Type == questions.Likert {
			nb = a.byScale(it.q.Scale, opts)
		}
		it.one = opts[a.chooseBy(title, opts, cur, nb)].value
	}
	it.answered = true
	return !was || !reflect.DeepEqual(before, it.value())
}

// numbering is how a choice's options are typed in accessible mode: by
// number, each its key, and one of them (not applicable on a scale) by a
// letter.
type numbering struct {
	keys     []string // each option's key, as typed
	min, max int      // the numbers typed
	letter   int      // the option typed as a letter; -1 for none
}

// byPosition numbers n options from 1.
func byPosition(n int) numbering {
	nb := numbering{min: 1, max: n, letter: -1}
	for i := range n {
		nb.keys = append(nb.keys, strconv.Itoa(i+1))
	}
	return nb
}

// byScale numbers the options of a likert question by the points of its
// scale, so that on a scale of 0 to 10 typing 9 answers 9; "not
// applicable", after them, is typed as a letter (form.acc.na_key).
func (a *asker) byScale(sc questions.Scale, opts []choice) numbering {
	nb := numbering{min: sc.Min, max: sc.Max, letter: -1}
	for i, o := range opts {
		if o.value == naKey {
			nb.letter = i
			nb.keys = append(nb.keys, a.q.l.T("form.acc.na_key"))
			continue
		}
		nb.keys = append(nb.keys, o.value)
	}
	return nb
}

// pick is the option s types, or -1.
func (nb numbering) pick(s string) int {
	if nb.letter >= 0 && strings.EqualFold(s, nb.keys[nb.letter]) {
		return nb.letter
	}
	n, err := strconv.Atoi(s)
	if err != nil {
		return -1
	}
	return slices.Index(nb.keys, strconv.Itoa(n))
}

// choose asks for one of opts by its number and returns its index; cur,
// when not -1, is the current choice, which an empty line keeps. Without
// one, an empty line asks again.
func (a *asker) choose(title string, opts []choice, cur int) int {
	return a.chooseBy(title, opts, cur, byPosition(len(opts)))
}

// chooseBy is choose with the options typed as nb numbers them.
func (a *asker) chooseBy(title string, opts []choice, cur int, nb numbering) int {
	l := a.q.l
	fmt.Fprintln(a.w, title)
	for i, o := range opts {
		fmt.Fprintf(a.w, "%s. %s\n", nb.keys[i], o.label)
	}
	args := []any{"Min", nb.min, "Max", nb.max}
	if nb.letter >= 0 {
		args = append(args, "Key", nb.keys[nb.letter], "Label", opts[nb.letter].label)
	}
	or := map[bool]string{true: "_or"}[nb.letter >= 0]
	prompt := l.T("form.acc.number"+or, args...)
	switch {
	case len(opts) == 1:
		prompt = l.T("form.acc.only_one")
	case cur >= 0:
		prompt = l.T("form.acc.number_keep"+or, append(args, "Current", nb.keys[cur])...)
	}
	for {
		fmt.Fprint(a.w, prompt+" ")
		s := strings.TrimSpace(a.line())
		if s == "" && cur >= 0 {
			return cur
		}
		if i := nb.pick(s); i >= 0 {
			return i
		}
		fmt.Fprintln(a.w, l.T("form.acc.invalid"+or, args...))
	}
}

// chooseMany asks for any number of opts: each number ticks or unticks
// one, 0 confirms the ticked ones when check accepts them.
func (a *asker) chooseMany(title string, opts []choice, picked []string, check func([]string) error) []string {
	l := a.q.l
	fmt.Fprintln(a.w, title)
	fmt.Fprintln(a.w, l.T("form.acc.tick"))
	ticked := slices.Clone(picked)
	for {
		for i, o := range opts {
			mark := " "
			if slices.Contains(ticked, o.value) {
				mark = "x"
			}
			fmt.Fprintf(a.w, "%d. [%s] %s\n", i+1, mark, o.label)
		}
		fmt.Fprintf(a.w, "0. %s\n", l.T("form.acc.confirm"))
		fmt.Fprint(a.w, l.T("form.acc.number", "Min", 0, "Max", len(opts))+" ")
		n, err := strconv.Atoi(strings.TrimSpace(a.line()))
		switch {
		case err != nil || n < 0 || n > len(opts):
			fmt.Fprintln(a.w, l.T("form.acc.invalid", "Min", 0, "Max", len(opts)))
		case n == 0:
			// In the order of the options, as the redrawn form gives them.
			var out []string
			for _, o := range opts {
				if slices.Contains(ticked, o.value) {
					out = append(out, o.value)
				}
			}
			if err := check(out); err != nil {
				fmt.Fprintln(a.w, err)
				continue
			}
			return out
		default:
			v := opts[n-1].value
			if i := slices.Index(ticked, v); i >= 0 {
				ticked = slices.Delete(ticked, i, i+1)
			} else {
				ticked = append(ticked, v)
			}
		}
		fmt.Fprintln(a.w)
	}
}

// back asks whether to go on (Enter) or back a page (b).
func (a *asker) back(page int, last bool) bool {
	l := a.q.l
	on := l.T("form.acc.next_page")
	if last {
		on = l.T("form.acc.finish")
	}
	for {
		back := l.T("form.acc.back_page", "Page", page-1)
		if page == 1 {
			back = l.T("form.acc.back_welcome")
		}
		fmt.Fprint(a.w, l.T("form.acc.page_done", "Page", page, "On", on, "Back", back)+" ")
		switch strings.ToLower(strings.TrimSpace(a.line())) {
		case "":
			return false
		case l.T("form.acc.back_key"), "b", "back":
			return true
		}
		fmt.Fprintln(a.w, l.T("form.acc.press_enter"))
	}
}

// lineReader hands out one byte per Read, so that no line is read ahead of
// the question it answers, also from a pipe. At the end of input it closes
// eof and blocks: the questionnaire stops there (see runAccessible)
// rather than taking the end for empty answers.
type lineReader struct {
	r    io.Reader
	eof  chan struct{}
	once sync.Once
}

func newLineReader(r io.Reader) *lineReader {
	return &lineReader{r: r, eof: make(chan struct{})}
}

func (l *lineReader) Read(p []byte) (int, error) {
	if len(p) == 0 {
		return 0, nil
	}
	n, err := l.r.Read(p[:1])
	if n > 0 {
		return n, nil
	}
	if err != nil {
		l.once.Do(func() { close(l.eof) })
		select {}
	}
	return 0, nil
}
