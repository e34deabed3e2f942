package form

import (
	"fmt"
	"slices"
	"strconv"

	"github.com/charmbracelet/huh"

	"github.com/digilead/digilead/questions"
)

// naKey is the option value of "not applicable". Bank ids are kebab-case,
// so it never clashes with an option id.
const naKey = "(n/a)"

// item is one question with the reply currently chosen on screen.
type item struct {
	q       *questions.Question
	num     int
	naLabel string
	// answered is set once the person has moved on from the question's
	// page (or it came answered from a draft).
	answered bool
	// one is the reply of a likert (scale point), choice (option id) or
	// yesno ("yes"/"no") question, or naKey.
	one string
	// many is the reply of a multi question: option ids, or just naKey.
	many []string
}

// load shows an earlier answer as the current choice.
func (it *item) load(v questions.Value) {
	it.answered = true
	switch v.Kind {
	case questions.NotApplicable:
		it.one, it.many = naKey, []string{naKey}
	case questions.Number:
		it.one = strconv.Itoa(v.Num)
	case questions.Pick:
		it.one = v.Opt
	case questions.Picks:
		it.many = slices.Clone(v.Opts)
	case questions.Boolean:
		it.one = "no"
		if v.Bool {
			it.one = "yes"
		}
	default:
		it.answered = false
	}
}

// value returns the current choice as an answer.
func (it *item) value() questions.Value {
	if it.q.Type == questions.Multi {
		if slices.Contains(it.many, naKey) {
			return questions.NA
		}
		return questions.OptionsValue(it.many...)
	}
	switch {
	case it.one == naKey:
		return questions.NA
	case it.q.Type == questions.Likert:
		n, _ := strconv.Atoi(it.one)
		return questions.IntValue(n)
	case it.q.Type == questions.YesNo:
		return questions.BoolValue(it.one == "yes")
	}
	return questions.OptionValue(it.one)
}

// field builds the huh field that asks the question. In accessible mode
// the title carries the question's number and help, since huh prints only
// titles there. In the redrawn form, moves receives what sets the current
// choice once the form exists (see selectOn).
func (it *item) field(accessible bool, total int, moves *[]func(), theme *huh.Theme) huh.Field {
	title, desc := it.q.Text, it.q.Help
	if accessible {
		title = fmt.Sprintf("Question %d of %d: %s", it.num, total, it.q.Text)
		if desc != "" {
			title += "\n(" + desc + ")"
		}
		desc = ""
	}
	switch {
	case it.q.Type == questions.Multi && accessible:
		return huh.NewMultiSelect[string]().Key(it.q.ID).Title(title).
			Options(it.options()...).Value(&it.many).Validate(it.checkMany)
	case it.q.Type == questions.Multi:
		return multiOn(it.options(), &it.many, moves, theme).Key(it.q.ID).Title(title).Description(desc).
			Validate(it.checkMany).Filterable(false)
	case !accessible:
		return selectOn(it.options(), &it.one, moves, theme).Key(it.q.ID).Title(title).Description(desc)
	}
	s := huh.NewSelect[string]().Key(it.q.ID).Title(title).Options(it.options()...)
	if it.answered {
		// A pointer accessor makes the earlier answer the default: Enter
		// keeps it.
		return s.Value(&it.one)
	}
	// Without an earlier answer there must be no default: an empty line
	// asks again instead of answering the first option.
	return s.Accessor(binding[string]{&it.one})
}

// options lists the question's choices, with "not applicable" last where
// the bank offers it.
func (it *item) options() []huh.Option[string] {
	var opts []huh.Option[string]
	switch it.q.Type {
	case questions.Likert:
		sc := it.q.Scale
		for v := sc.Min; v <= sc.Max; v++ {
			opts = append(opts, huh.NewOption(scaleLabel(sc, v), strconv.Itoa(v)))
		}
	case questions.YesNo:
		opts = append(opts, huh.NewOption("Yes", "yes"), huh.NewOption("No", "no"))
	default:
		for _, o := range it.q.Options {
			opts = append(opts, huh.NewOption(o.Label, o.ID))
		}
	}
	if it.q.AllowNA {
		opts = append(opts, huh.NewOption(it.naLabel, naKey))
	}
	return opts
}

// scaleLabel names a point of a likert scale: its label, or the number
// with the ends marked.
func scaleLabel(sc questions.Scale, v int) string {
	if l := sc.Label(v); l != "" {
		return l
	}
	switch v {
	case sc.Min:
		return strconv.Itoa(v) + " (lowest)"
	case sc.Max:
		return strconv.Itoa(v) + " (highest)"
	}
	return strconv.Itoa(v)
}

// checkMany refuses "not applicable" mixed with other options, and an
// empty reply where the question offers a way to say "none" (an option
// scored 0, or "not applicable"). Without one, an empty reply is the
// answer "none of these".
func (it *item) checkMany(picked []string) error {
	if len(picked) > 1 && slices.Contains(picked, naKey) {
		return fmt.Errorf("%q cannot be combined with other answers", it.naLabel)
	}
	if len(picked) > 0 {
		return nil
	}
	for _, o := range it.q.Options {
		if o.Score == 0 {
			return fmt.Errorf("choose at least one answer (%q if none apply)", o.Label)
		}
	}
	if it.q.AllowNA {
		return fmt.Errorf("choose at least one answer, or %q", it.naLabel)
	}
	return nil
}

// binding is an accessor onto a variable that, unlike huh's pointer
// accessor, gives accessible mode no default.
type binding[T any] struct{ p *T }

func (b binding[T]) Get() T  { return *b.p }
func (b binding[T]) Set(v T) { *b.p = v }
