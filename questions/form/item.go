package form

import (
	"errors"
	"slices"
	"strconv"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/digilead/digilead/questions"
	"github.com/digilead/digilead/questions/lang"
)

// naKey is the option value of "not applicable". Bank ids are kebab-case,
// so it never clashes with an option id.
const naKey = "(n/a)"

// item is one question with the reply currently chosen on screen, asked
// in the words of l (nil is English).
type item struct {
	q       *questions.Question
	l       *lang.Lang
	num     int
	naLabel string
	// answered is set once the person has given an answer (or it came
	// answered from a draft).
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

// field builds the field that asks the question in the redrawn form.
// noAnswer is the error of Enter before an answer is chosen; answered is
// called once an answer is given or changed, and its command run.
func (it *item) field(noAnswer string, answered func() tea.Cmd) *choices {
	multi := it.q.Type == questions.Multi
	current := it.many
	if !multi && it.one != "" {
		current = []string{it.one}
	}
	c := newChoices(it.q.ID, it.options(), multi, current, it.answered)
	c.title, c.desc, c.noAnswer = it.q.Text, it.q.Help, noAnswer
	c.above, c.below = it.l.T("form.more_above"), it.l.T("form.more_below")
	if multi {
		c.check = it.checkMany
	}
	c.onAnswer = func(v []string) tea.Cmd {
		if multi {
			it.many = v
		} else {
			it.one = v[0]
		}
		it.answered = true
		return answered()
	}
	return c
}

// options lists the question's choices, with "not applicable" last where
// the bank offers it.
func (it *item) options() []choice {
	var opts []choice
	switch it.q.Type {
	case questions.Likert:
		sc := it.q.Scale
		for v := sc.Min; v <= sc.Max; v++ {
			opts = append(opts, choice{label: scaleLabel(it.l, sc, v), value: strconv.Itoa(v)})
		}
	case questions.YesNo:
		opts = append(opts, choice{label: it.l.T("form.yes"), value: "yes"}, choice{label: it.l.T("form.no"), value: "no"})
	default:
		for _, o := range it.q.Options {
			opts = append(opts, choice{label: o.Label, value: o.ID})
		}
	}
	if it.q.AllowNA {
		opts = append(opts, choice{label: it.naLabel, value: naKey})
	}
	return opts
}

// scaleLabel names a point of a likert scale: its label, or the number
// with the ends marked.
func scaleLabel(l *lang.Lang, sc questions.Scale, v int) string {
	if label := sc.Label(v); label != "" {
		return label
	}
	switch v {
	case sc.Min:
		return l.T("form.scale.lowest", "N", v)
	case sc.Max:
		return l.T("form.scale.highest", "N", v)
	}
	return strconv.Itoa(v)
}

// checkMany refuses "not applicable" mixed with other options, and an
// empty reply where the question offers a way to say "none" (an option
// scored 0, or "not applicable"). Without one, an empty reply is the
// answer "none of these".
func (it *item) checkMany(picked []string) error {
	if len(picked) > 1 && slices.Contains(picked, naKey) {
		return errors.New(it.l.T("form.error.na_alone", "NA", it.naLabel))
	}
	if len(picked) > 0 {
		return nil
	}
	for _, o := range it.q.Options {
		if o.Score == 0 {
			return errors.New(it.l.T("form.error.choose_none", "None", o.Label))
		}
	}
	if it.q.AllowNA {
		return errors.New(it.l.T("form.error.choose_na", "NA", it.naLabel))
	}
	return nil
}
