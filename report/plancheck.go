package report

import (
	"fmt"
	"io"

	"github.com/digilead/digilead/assessment/compare"
	"github.com/digilead/digilead/questions/lang"
)

// planCheckJSON writes the digilead.plan-check/v1 document.
func planCheckJSON(w io.Writer, c *compare.PlanCheck, _ Options) error { return writeJSON(w, c) }

// planCheckFrom says which plan and result are compared.
func planCheckFrom(l *lang.Lang, c *compare.PlanCheck) string {
	return l.T("plancheck.from", "Plan", l.Day(c.Plan.CreatedAt.UTC()), "Result", l.Day(c.Result.CompletedAt.UTC()))
}

// verdictLine says a priority's old and new scores, whole numbers, and
// its verdict.
func verdictLine(l *lang.Lang, p compare.PlanPriority) string {
	return l.T("plancheck.line", "Old", whole(l, p.Old), "New", whole(l, p.New), "Verdict", l.T("plancheck.verdict."+p.Verdict))
}

// verdictSentence says a priority's old and new scores and its verdict
// in words, for a screen reader (no arrow), with the smallest reliable
// change when the results give one.
func verdictSentence(l *lang.Lang, p compare.PlanPriority) string {
	kv := []any{"Name", p.Name, "Old", whole(l, p.Old), "New", whole(l, p.New), "Verdict", l.T("plancheck.verdict." + p.Verdict)}
	if p.MinReliableChange != nil {
		return l.T("plancheck.acc.line_min", append(kv, "Min", whole(l, *p.MinReliableChange))...)
	}
	return l.T("plancheck.acc.line", kv...)
}

// leftOutNames names the priorities the new result does not score.
func leftOutNames(c *compare.PlanCheck) []string {
	names := make([]string, len(c.LeftOut))
	for i, p := range c.LeftOut {
		names[i] = string(p.Name)
	}
	return names
}

// planCheckNotes are the check's notes in l (the English ones of a
// document read back, which has no messages).
func planCheckNotes(l *lang.Lang, c *compare.PlanCheck) []string {
	ns := make([]string, len(c.Notes))
	for i, n := range c.Notes {
		if i < len(c.NoteMsgs) {
			n = l.Say(c.NoteMsgs[i])
		}
		ns[i] = n
	}
	return ns
}

// planCheckRule says the rule the verdicts were given by: a change beyond
// measurement error where a result gives the scores' standard error,
// any change where neither does (docs/formats.md, compare --plan). The
// accessible rule says its formula in words.
func planCheckRule(l *lang.Lang, c *compare.PlanCheck, accessible bool) string {
	rule := "plancheck.rule"
	if accessible {
		rule = "plancheck.acc.rule"
	}
	var without []string
	for _, p := range c.Priorities {
		if p.MinReliableChange == nil {
			without = append(without, string(p.Name))
		}
	}
	switch {
	case len(without) == 0:
		return l.T(rule)
	case len(without) == len(c.Priorities):
		return l.T("plancheck.rule_none")
	}
	return l.T(rule) + " " + l.T("plancheck.rule_some", "Names", l.List(without))
}

// planCheckText writes the check for a terminal: each priority with its
// old and new score and verdict, then its actions and their due days.
// The accessible check says each priority in a sentence, and the rule in
// words.
func planCheckText(w io.Writer, c *compare.PlanCheck, o Options) error {
	t := newText(o)
	l := t.l
	t.title(l.T("plancheck.title"))
	t.para("", string(c.Bank.Title))
	t.para("", planCheckFrom(l, c))
	for i, p := range c.Priorities {
		t.blank()
		if o.Accessible {
			t.para(fmt.Sprintf("%d. ", i+1), verdictSentence(l, p))
		} else {
			t.para(fmt.Sprintf("%d. ", i+1), l.T("label", "Text", t.st.label.Render(string(p.Name)))+" "+verdictLine(l, p))
		}
		for _, a := range p.Actions {
			t.para("   - ", t.st.dim.Render(l.T("label", "Text", actionLine(l, a)))+" "+actionText(l, a.Resource()))
		}
	}
	if len(c.LeftOut) > 0 {
		t.blank()
		t.para("", l.T("plancheck.left_out", "Names", l.List(leftOutNames(c))))
	}
	for _, n := range planCheckNotes(l, c) {
		t.blank()
		t.para("", n)
	}
	t.blank()
	t.para("", t.st.dim.Render(planCheckRule(l, c, o.Accessible)))
	_, err := io.WriteString(w, t.sb.String())
	return err
}

// planCheckMarkdown writes the check as CommonMark: a table of the
// priorities, then each one's actions.
func planCheckMarkdown(w io.Writer, c *compare.PlanCheck, o Options) error {
	l := o.lang()
	m := md{l: l}
	m.line("# " + mdEscape(l.T("plancheck.title")))
	m.blank()
	m.line(mdEscape(string(c.Bank.Title)) + "  ")
	m.line(mdEscape(planCheckFrom(l, c)))
	m.blank()
	rows := [][]string{{l.T("plan.col.priority"), l.T("plancheck.col.before"), l.T("plancheck.col.now"), l.T("plancheck.col.verdict")}}
	for _, p := range c.Priorities {
		rows = append(rows, []string{string(p.Name), whole(l, p.Old), whole(l, p.New), l.T("plancheck.verdict." + p.Verdict)})
	}
	m.table(rows, "l", "r", "r", "l")
	for i, p := range c.Priorities {
		if len(p.Actions) == 0 {
			continue
		}
		m.heading(fmt.Sprintf("## %d. %s", i+1, mdEscape(string(p.Name))))
		for _, a := range p.Actions {
			m.line("- " + m.strong(l.T("label", "Text", actionLine(l, a))) + " " + mdAction(l, a.Resource()))
		}
	}
	if len(c.LeftOut) > 0 {
		m.blank()
		m.line(mdEscape(l.T("plancheck.left_out", "Names", l.List(leftOutNames(c)))))
	}
	for _, n := range planCheckNotes(l, c) {
		m.blank()
		m.line(mdEscape(n))
	}
	m.blank()
	m.line(mdEscape(planCheckRule(l, c, false)))
	_, err := io.WriteString(w, m.String())
	return err
}
