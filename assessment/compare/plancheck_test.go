package compare_test

import (
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/digilead/digilead/assessment"
	"github.com/digilead/digilead/assessment/compare"
	"github.com/digilead/digilead/assessment/plan"
	"github.com/digilead/digilead/questions"
	"github.com/digilead/digilead/questions/errtext"
)

func num(x float64) *float64 { return &x }

// TestCheckPlan checks constructed plans against constructed results:
// the verdict is improved or worse only beyond 1.96 x sqrt(SEM_old² +
// SEM_new²), each score with its own SEM.
func TestCheckPlan(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		name        string
		old         float64
		oldSEM      *float64
		new         *float64
		newSEM      *float64
		verdict     string
		minReliable *float64
	}{
		// 1.96 x sqrt(3² + 4²) = 9.8
		{"improved beyond error", 40, num(3), num(50), num(4), compare.Improved, num(9.8)},
		{"exactly the threshold", 40, num(3), num(49.8), num(4), compare.Improved, num(9.8)},
		{"within error up", 40, num(3), num(49.7), num(4), compare.Unchanged, num(9.8)},
		{"within error down", 40, num(3), num(31), num(4), compare.Unchanged, num(9.8)},
		{"worse beyond error", 40, num(3), num(30), num(4), compare.Worse, num(9.8)},
		// 1.96 x sqrt(2) x 5 = 13.86
		{"only the new SEM", 40, nil, num(53), num(5), compare.Unchanged, num(13.86)},
		{"only the old SEM", 40, num(5), num(54), nil, compare.Improved, num(13.86)},
		{"no SEM: any change", 40, nil, num(40.5), nil, compare.Improved, nil},
		{"no SEM, no change", 40, nil, num(40), nil, compare.Unchanged, nil},
	} {
		t.Run(c.name, func(t *testing.T) {
			p := &plan.Plan{Schema: plan.Schema, Result: plan.ResultRef{Bank: assessment.BankRef{ID: "b"}}, ReviewOn: "2025-05-26",
				Priorities: []plan.Priority{{Dimension: "d", Name: "D", Score: c.old, Expected: 55, SEM: c.oldSEM, Actions: []plan.Action{{Kind: "practice", Text: "Do", Due: "2025-04-01"}}}}}
			r := &assessment.Result{Bank: assessment.BankRef{ID: "b", Version: "2"}, CompletedAt: time.Date(2025, 5, 26, 0, 0, 0, 0, time.UTC),
				Dimensions: []assessment.DimensionScore{{ID: "d", Name: "D", Score: c.new, SEM: c.newSEM}},
				Gaps:       []assessment.Gap{{Dimension: "d", Expected: 55}}}
			pc, err := compare.CheckPlan(p, r)
			if err != nil {
				t.Fatal(err)
			}
			if len(pc.Priorities) != 1 {
				t.Fatalf("priorities %+v", pc.Priorities)
			}
			got := pc.Priorities[0]
			if got.Verdict != c.verdict || got.Old != c.old || got.New != *c.new || got.Actions[0].Due != "2025-04-01" {
				t.Errorf("got %+v, want verdict %s", got, c.verdict)
			}
			if (got.MinReliableChange == nil) != (c.minReliable == nil) || got.MinReliableChange != nil && *got.MinReliableChange != *c.minReliable {
				t.Errorf("min reliable change %v, want %v", got.MinReliableChange, c.minReliable)
			}
		})
	}
}

func TestCheckPlanLeavesOutAndRefuses(t *testing.T) {
	t.Parallel()
	p := &plan.Plan{Result: plan.ResultRef{Bank: assessment.BankRef{ID: "b"}}, Priorities: []plan.Priority{{Dimension: "gone", Name: "Gone"}, {Dimension: "few", Name: "Few"}}}
	r := &assessment.Result{Bank: assessment.BankRef{ID: "b"}, Dimensions: []assessment.DimensionScore{{ID: "few"}}}
	pc, err := compare.CheckPlan(p, r)
	if err != nil || len(pc.Priorities) != 0 || len(pc.LeftOut) != 2 {
		t.Errorf("unscored priorities: %+v, %v", pc, err)
	}
	r.Bank.ID = "other"
	_, err = compare.CheckPlan(p, r)
	if !errors.Is(err, errtext.ErrInvalid) {
		t.Errorf("another bank: %v, want an invalid-input error", err)
	}
	// It speaks of a plan and a result, not of two results, and says
	// which result to give.
	if msg := fmt.Sprint(err); !strings.Contains(msg, "the plan was made from a result of the bank \"b\"") || !strings.Contains(msg, "newer result of \"b\"") {
		t.Errorf("another bank: %q", msg)
	}
}

// TestCheckPlanNotes checks what a plan check tells its reader besides
// the verdicts: a result of another bank version or content than the
// plan's, a result not newer than the plan's own (the same one: nothing
// can have changed), another target; none for a later result of the
// same bank and target.
func TestCheckPlanNotes(t *testing.T) {
	t.Parallel()
	made := time.Date(2025, 3, 1, 9, 0, 0, 0, time.UTC)
	for _, c := range []struct {
		name            string
		version, digest string
		completed       time.Time
		target          string
		want            []string
	}{
		{"a later result", "2", "sha256:a", made.AddDate(0, 3, 0), "op", nil},
		{"another version", "3", "sha256:b", made.AddDate(0, 3, 0), "op", []string{"version 2 of the bank, the new result is of version 3"}},
		{"another content", "2", "sha256:b", made.AddDate(0, 3, 0), "op", []string{"content changed although its version (2)"}},
		{"the plan's own result", "2", "sha256:a", made, "op", []string{"not newer than the one the plan was made from"}},
		{"an older result", "2", "sha256:a", made.AddDate(0, -1, 0), "op", []string{"not newer"}},
		{"another target", "2", "sha256:a", made.AddDate(0, 3, 0), "st", []string{"target changed from Operational to Strategic"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			p := &plan.Plan{Schema: plan.Schema, ReviewOn: "2025-05-26",
				Result:     plan.ResultRef{Bank: assessment.BankRef{ID: "b", Version: "2", Digest: "sha256:a"}, CompletedAt: made, Target: &assessment.TierRef{ID: "op", Name: "Operational"}},
				Priorities: []plan.Priority{{Dimension: "d", Name: "D", Score: 40, Expected: 55}}}
			names := map[string]string{"op": "Operational", "st": "Strategic"}
			r := &assessment.Result{Bank: assessment.BankRef{ID: "b", Version: c.version, Digest: c.digest}, CompletedAt: c.completed,
				Target:     assessment.TierRef{ID: c.target, Name: questions.BankText(names[c.target])},
				Dimensions: []assessment.DimensionScore{{ID: "d", Name: "D", Score: num(60)}}}
			pc, err := compare.CheckPlan(p, r)
			if err != nil {
				t.Fatal(err)
			}
			if len(pc.Notes) != len(c.want) || len(pc.NoteMsgs) != len(c.want) {
				t.Fatalf("notes %q, want %d", pc.Notes, len(c.want))
			}
			for i, w := range c.want {
				if !strings.Contains(pc.Notes[i], w) {
					t.Errorf("note %q lacks %q", pc.Notes[i], w)
				}
			}
		})
	}
}
