package planform_test

import (
	"testing"
	"time"

	"github.com/digilead/digilead/assessment"
	"github.com/digilead/digilead/assessment/plan"
	"github.com/digilead/digilead/questions/form"
	"github.com/digilead/digilead/report/planform"
)

// TestApply: a chosen action of the result keeps its link; one the
// person typed is taken as typed; the review day and supporter are the
// form's, and an empty supporter leaves the flag's.
func TestApply(t *testing.T) {
	r := &assessment.Result{Gaps: []assessment.Gap{{Dimension: "data", Actions: []assessment.Action{
		{Kind: "course", Text: "Take the data course", URL: "https://example.org/data", Minutes: 90},
	}}}}
	review := time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)
	due := time.Date(2026, 2, 1, 0, 0, 0, 0, time.UTC)
	a := &form.PlanAnswers{Review: review, Chosen: []form.PlanChoice{{ID: "data", Due: due, Actions: []form.PlanAction{
		{Kind: "course", Text: "Take the data course"},
		{Kind: "practice", Text: "Publish one dataset"},
	}}}}
	po := plan.Options{Supporter: "Ana"}
	planform.Apply(r, a, &po)
	if !po.ReviewOn.Equal(review) || po.Supporter != "Ana" {
		t.Errorf("review %v, supporter %q; want %v, Ana", po.ReviewOn, po.Supporter, review)
	}
	if len(po.Chosen) != 1 || po.Chosen[0].Dimension != "data" || len(po.Chosen[0].Actions) != 2 {
		t.Fatalf("chosen = %+v; want data with 2 actions", po.Chosen)
	}
	course, own := po.Chosen[0].Actions[0], po.Chosen[0].Actions[1]
	if course.URL != "https://example.org/data" || course.Minutes != 90 || course.Due != "2026-02-01" {
		t.Errorf("the result's action = %+v; want its link, minutes and due day kept", course)
	}
	if own.Kind != "practice" || own.Text != "Publish one dataset" || own.URL != "" || own.Due != "2026-02-01" {
		t.Errorf("own action = %+v; want the typed text, no link", own)
	}
}
