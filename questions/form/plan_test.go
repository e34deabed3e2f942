package form

import (
	"bytes"
	"context"
	"strings"
	"testing"
	"time"

	"github.com/digilead/digilead/questions/lang"
)

func planForm(in string, out *bytes.Buffer) PlanForm {
	today := time.Date(2025, 3, 3, 0, 0, 0, 0, time.UTC)
	action := func(kind, text string) PlanAction {
		return PlanAction{Kind: kind, Text: text, Label: kind + ": " + text}
	}
	return PlanForm{
		In: strings.NewReader(in), Out: out, Accessible: true, Lang: lang.English(),
		Items: []PlanItem{
			{ID: "agile", Label: "Agile", Actions: []PlanAction{action("practice", "Retro"), action("mentoring", "Coach"), action("training", "Course")}, Suggested: []int{0, 1}},
			{ID: "data", Label: "Data", Actions: []PlanAction{action("practice", "Measures")}, Suggested: []int{0}},
			{ID: "vision", Label: "Vision", Actions: []PlanAction{action("reading", "Read")}},
		},
		Preselected: 2,
		Due:         func(i, n int) time.Time { return today.AddDate(0, 0, 21*(i+1)) },
		Review:      today.AddDate(0, 0, 84), Today: today, OwnKind: "practice",
	}
}

// TestAskPlanAccessible answers the plan form line by line: the two
// priorities suggested less one plus another, the actions suggested less
// one plus one's own, a due day typed, and Enter for the suggested days.
func TestAskPlanAccessible(t *testing.T) {
	var out bytes.Buffer
	in := strings.Join([]string{
		"2", "3", "0", // untick Data, tick Vision, confirm: Agile and Vision
		"2", "0", "Shadow a delivery manager", "2025-04-01", // Agile: untick Coach, own action, a due day
		"0", "", "", // Vision: nothing ticked, no own action, the suggested day
		"yesterday", "2025-02-01", "", // the review: two bad days, then the suggested one
		"Ana",
	}, "\n") + "\n"
	a, err := AskPlan(context.Background(), planForm(in, &out))
	if err != nil {
		t.Fatalf("%v\n%s", err, out.String())
	}
	if len(a.Chosen) != 2 || a.Chosen[0].ID != "agile" || a.Chosen[1].ID != "vision" {
		t.Fatalf("chosen %+v", a.Chosen)
	}
	var texts []string
	for _, x := range a.Chosen[0].Actions {
		texts = append(texts, x.Kind+":"+x.Text)
	}
	if got := strings.Join(texts, ", "); got != "practice:Retro, practice:Shadow a delivery manager" {
		t.Errorf("agile actions %s", got)
	}
	if a.Chosen[0].Due.Format(dayLayout) != "2025-04-01" || a.Chosen[1].Due.Format(dayLayout) != "2025-04-14" || len(a.Chosen[1].Actions) != 0 {
		t.Errorf("due %v %v, vision actions %v", a.Chosen[0].Due, a.Chosen[1].Due, a.Chosen[1].Actions)
	}
	if a.Review.Format(dayLayout) != "2025-05-26" || a.Supporter != "Ana" {
		t.Errorf("review %v supporter %q", a.Review, a.Supporter)
	}
	if n := strings.Count(out.String(), "Write a date as YYYY-MM-DD"); n != 2 {
		t.Errorf("%d refusals of a bad day, want 2:\n%s", n, out.String())
	}
}

func TestAskPlanRefusesNoPriority(t *testing.T) {
	var out bytes.Buffer
	// Untick both, confirm (refused), tick one, confirm; then the rest.
	in := "1\n2\n0\n1\n0\n0\n\n\n\n\n"
	a, err := AskPlan(context.Background(), planForm(in, &out))
	if err != nil {
		t.Fatalf("%v\n%s", err, out.String())
	}
	if !strings.Contains(out.String(), "Choose between one and three priorities.") || len(a.Chosen) != 1 {
		t.Errorf("no refusal, or %d chosen:\n%s", len(a.Chosen), out.String())
	}
}

func TestAskPlanEndOfInputStops(t *testing.T) {
	var out bytes.Buffer
	if _, err := AskPlan(context.Background(), planForm("0\n", &out)); err != ErrInterrupted {
		t.Errorf("end of input: %v, want ErrInterrupted", err)
	}
}
