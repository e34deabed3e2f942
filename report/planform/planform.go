// Package planform turns a result into the choices of the plan form
// (questions/form) and the form's answers back into a plan's choices.
package planform

import (
	"math"

	"github.com/digilead/digilead/assessment"
	"github.com/digilead/digilead/assessment/plan"
	"github.com/digilead/digilead/questions"
	"github.com/digilead/digilead/questions/form"
	"github.com/digilead/digilead/report"
)

// Items are the priorities on offer for result r: its gaps, first things
// first, said in language; the actions keep the result's own texts.
func Items(r *assessment.Result, language *report.Language) []form.PlanItem {
	l := language.Lang
	shown := report.Localised(r, language)
	said := map[string]assessment.Gap{}
	for _, g := range plan.Ranked(shown) {
		said[g.Dimension] = g
	}
	var items []form.PlanItem
	for _, g := range plan.Ranked(r) {
		s := said[g.Dimension]
		it := form.PlanItem{ID: g.Dimension, Label: l.T("form.plan.priority_option", "Name", s.Name, "Score", l.Int(int(math.Round(*g.Score))), "Expected", l.Int(int(math.Round(g.Expected))))}
		// In the order of 70:20:10, the first of each way ticked.
		for _, way := range plan.Ways {
			first := true
			for i, a := range g.Actions {
				if plan.Way(a.Kind) != way {
					continue
				}
				if first {
					it.Suggested = append(it.Suggested, len(it.Actions))
					first = false
				}
				it.Actions = append(it.Actions, form.PlanAction{Kind: a.Kind, Text: string(a.Text), Label: l.T("label", "Text", l.T("plan.way."+way)) + " " + string(s.Actions[i].Text)})
			}
		}
		items = append(items, it)
	}
	return items
}

// Apply sets the form's answers a on plan options po: the review day,
// the supporter (if given) and the priorities chosen, with their actions
// from result r.
func Apply(r *assessment.Result, a *form.PlanAnswers, po *plan.Options) {
	po.ReviewOn = a.Review
	if a.Supporter != "" {
		po.Supporter = a.Supporter
	}
	po.Chosen = []plan.Choice{}
	for _, c := range a.Chosen {
		ch := plan.Choice{Dimension: c.ID}
		for _, act := range c.Actions {
			// One of the result's actions keeps its link; one of the
			// person's own is what they typed.
			res := assessment.Action{Kind: act.Kind, Text: questions.BankText(act.Text)}
			for _, ga := range gap(r, c.ID).Actions {
				if ga.Kind == act.Kind && string(ga.Text) == act.Text {
					res = ga
					break
				}
			}
			ch.Actions = append(ch.Actions, plan.ActionOf(res, c.Due.Format(plan.DateLayout)))
		}
		po.Chosen = append(po.Chosen, ch)
	}
}

// gap is the result's gap on a dimension (none: the zero gap).
func gap(r *assessment.Result, dim string) assessment.Gap {
	for _, g := range r.Gaps {
		if g.Dimension == dim {
			return g
		}
	}
	return assessment.Gap{}
}
