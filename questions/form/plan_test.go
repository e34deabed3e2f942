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

// promptReader gives input one byte at a time, as the terminal does, and
// keeps the prompt each line was typed after: what was written since the
// line before.
type promptReader struct {
	in      *strings.Reader
	out     *bytes.Buffer
	seen    int
	prompts []string
	atStart bool
}

func (r *promptReader) Read(b []byte) (int, error) {
	if r.atStart {
		r.prompts = append(r.prompts, r.out.String()[r.seen:])
		r.seen = r.out.Len()
	}
	n, err := r.in.Read(b[:min(1, len(b))])
	r.atStart = n == 1 && b[0] == '\n'
	return n, err
}

// TestAskPlanAccessibleSaysHowToSkip: the optional lines of the
// accessible plan form (one's own action, the supporter) say, as the name
// prompt does, that Enter skips them; a person who typed "0" to confirm
// got an action called "0".
func TestAskPlanAccessibleSaysHowToSkip(t *testing.T) {
	lines := []string{
		"0",         // the priorities suggested: Agile and Data
		"0", "", "", // Agile: the actions suggested, no own action, the day suggested
		"0", "", "", // Data
		"", // the review
		"", // no supporter
	}
	for _, tag := range []string{"en", "cy", "fr"} {
		l := lang.Get(tag)
		var out bytes.Buffer
		f := planForm("", &out)
		r := &promptReader{in: strings.NewReader(strings.Join(lines, "\n") + "\n"), out: &out, atStart: true}
		f.In, f.Lang = r, l
		a, err := AskPlan(context.Background(), f)
		if err != nil {
			t.Fatalf("%s: %v\n%s", tag, err, out.String())
		}
		if len(a.Chosen) != 2 || len(a.Chosen[0].Actions) != 2 || a.Supporter != "" {
			t.Fatalf("%s: chosen %+v, supporter %q", tag, a.Chosen, a.Supporter)
		}
		enter := strings.ToLower(l.T("form.keycap.enter"))
		for _, i := range []int{2, 5, 8} { // own action, own action, supporter
			if p := r.prompts[i]; !strings.Contains(strings.ToLower(p), enter) {
				t.Errorf("%s: optional prompt %d does not say that %s skips it: %q", tag, i, enter, p)
			}
		}
	}
}
