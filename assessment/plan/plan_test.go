package plan_test

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/digilead/digilead/assessment"
	"github.com/digilead/digilead/assessment/plan"
	"github.com/digilead/digilead/questions/errtext"
	"github.com/digilead/digilead/questions/questionstest"
)

var now = time.Date(2025, 3, 3, 10, 0, 0, 0, time.UTC)

func example(t *testing.T) *assessment.Result {
	t.Helper()
	b, a := questionstest.Example(t)
	return assessment.Score(b, a, assessment.Options{Now: now, Tool: assessment.Tool{Name: "digilead", Version: "test"}})
}

func TestRankedByGapTimesWeight(t *testing.T) {
	s := func(x float64) *float64 { return &x }
	r := &assessment.Result{
		Dimensions: []assessment.DimensionScore{{ID: "a", Weight: 1}, {ID: "b", Weight: 2}, {ID: "c", Weight: 1}, {ID: "d"}, {ID: "e"}, {ID: "f"}},
		Gaps: []assessment.Gap{
			{Dimension: "a", Score: s(40), Gap: 15, Severity: assessment.SeverityModerate},
			{Dimension: "b", Score: s(45), Gap: 10, Severity: assessment.SeverityModerate}, // 20 weighted
			{Dimension: "c", Score: s(53), Gap: 2, Severity: assessment.SeveritySmall, WithinError: true},
			{Dimension: "d", Score: s(60), Severity: assessment.SeverityMet},
			{Dimension: "e", Gap: 55, Severity: assessment.SeverityInsufficient},
			{Dimension: "f", Score: s(54), Gap: 1, Severity: assessment.SeveritySmall},
		},
	}
	var got []string
	for _, g := range plan.Ranked(r) {
		got = append(got, g.Dimension)
	}
	if want := "b a f c"; strings.Join(got, " ") != want {
		t.Errorf("Ranked = %v, want %s (weighted gap, within error last, met and unscored left out)", got, want)
	}
}

func TestAutoPlan(t *testing.T) {
	r := example(t)
	p := plan.New(r, plan.Options{Now: now, Priorities: 2, Supporter: " Ana "})
	if p.Schema != plan.Schema || p.ReviewOn != "2025-05-26" || p.Supporter != "Ana" {
		t.Errorf("schema %q review %q supporter %q", p.Schema, p.ReviewOn, p.Supporter)
	}
	if len(p.Priorities) != 2 {
		t.Fatalf("%d priorities, want 2", len(p.Priorities))
	}
	first := p.Priorities[0]
	if first.Dimension != plan.Ranked(r)[0].Dimension {
		t.Errorf("first priority %s, want the top ranked gap", first.Dimension)
	}
	var ways, dues []string
	for _, a := range first.Actions {
		ways = append(ways, plan.Way(a.Kind))
		dues = append(dues, a.Due)
	}
	if got := strings.Join(ways, " "); got != "work people courses" {
		t.Errorf("ways %s, want one of each, work first", got)
	}
	if got := strings.Join(dues, " "); got != "2025-03-24 2025-04-14 2025-05-05" {
		t.Errorf("due %s, want 3, 6 and 9 weeks on", got)
	}
}

func TestParseDuration(t *testing.T) {
	for in, want := range map[string]time.Duration{"12w": 84 * 24 * time.Hour, "84d": 84 * 24 * time.Hour, "48h": 48 * time.Hour} {
		if got, err := plan.ParseDuration(in); err != nil || got != want {
			t.Errorf("ParseDuration(%q) = %v, %v; want %v", in, got, err, want)
		}
	}
	for _, in := range []string{"", "w", "12x", "3h", "-2w", "twelve weeks", "600w", "9999999999999w", "100000h"} {
		if _, err := plan.ParseDuration(in); !errors.Is(err, errtext.ErrInvalid) {
			t.Errorf("ParseDuration(%q) = %v, want an invalid-input error", in, err)
		}
	}
}

func TestParseReviewDay(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want string // the day, or "" for an invalid-input error
	}{
		{"2025-03-03", "2025-03-03"}, // today, late in the day
		{"2025-06-30", "2025-06-30"},
		{"2025-03-02", ""},
		{"30/06/2025", ""},
	} {
		got, err := plan.ParseReviewDay(tc.in, now)
		switch {
		case tc.want == "" && !errors.Is(err, errtext.ErrInvalid):
			t.Errorf("ParseReviewDay(%q) = %v, %v; want an invalid-input error", tc.in, got, err)
		case tc.want != "" && (err != nil || got.Format(plan.DateLayout) != tc.want):
			t.Errorf("ParseReviewDay(%q) = %v, %v; want %s", tc.in, got, err, tc.want)
		}
	}
}

func TestDecode(t *testing.T) {
	ok := `{"schema":"digilead.plan/v1","created_at":"2025-03-03T10:00:00Z","result":{"bank":{"id":"b","version":"1","digest":"sha256:0"},"completed_at":"2025-03-01T10:00:00Z","level":null},"review_on":"2025-05-26","priorities":[{"dimension":"d","name":"D","score":40,"expected":55,"actions":[{"kind":"practice","text":"Do it","due":"2025-04-01"}]}],"later":1}`
	if p, err := plan.Decode([]byte(ok)); err != nil || p.Priorities[0].Actions[0].Due != "2025-04-01" {
		t.Fatalf("Decode: %v", err)
	}
	for name, bad := range map[string]string{
		"empty":     ``,
		"array":     `[]`,
		"no schema": `{"review_on":"2025-05-26"}`,
		"result":    `{"schema":"digilead.result/v1"}`,
		"newer":     `{"schema":"digilead.plan/v2"}`,
		"review":    strings.Replace(ok, "2025-05-26", "26/05/2025", 1),
		"due":       strings.Replace(ok, "2025-04-01", "soon", 1),
		"cut":       ok[:40],
	} {
		if _, err := plan.Decode([]byte(bad)); !errors.Is(err, errtext.ErrInvalid) {
			t.Errorf("%s: %v, want an invalid-input error", name, err)
		}
	}
}
