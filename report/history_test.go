package report

import (
	"bytes"
	"errors"
	"testing"
	"time"

	"github.com/digilead/digilead/assessment/store"
	"github.com/digilead/digilead/questions"
)

// TestHistoryGolden renders a history of two results and an unreadable
// file in each format.
func TestHistoryGolden(t *testing.T) {
	t.Parallel()
	defer func(l *time.Location) { time.Local = l }(time.Local)
	time.Local = time.UTC // history shows local times
	h := NewHistory("/data/digilead", []store.Entry{
		{Path: "/data/digilead/results/b.json", Result: trickyResult(t)},
		{Path: "/data/digilead/results/a.json", Result: exampleResult(t)},
		{Path: "/data/digilead/results/broken.json", Err: errors.New("truncated: the JSON ends early")},
	})
	h.AddPlans([]store.PlanEntry{{Path: "/data/digilead/plans/p.plan.json", Plan: examplePlan(t)}})
	if len(h.Results) != 2 || len(h.Skipped) != 1 || len(h.Plans) != 1 {
		t.Fatalf("%d results, %d skipped", len(h.Results), len(h.Skipped))
	}
	for format, ext := range map[string]string{"text": "txt", "json": "json", "csv": "csv"} {
		render, err := Histories.Lookup(format)
		if err != nil {
			t.Fatal(err)
		}
		var buf bytes.Buffer
		if err := render(&buf, h, Options{}); err != nil {
			t.Fatal(err)
		}
		golden(t, "history."+ext+".golden", buf.Bytes())
	}
	var empty bytes.Buffer
	if err := historyText(&empty, NewHistory("/d", nil), Options{}); err != nil || empty.Len() != 0 {
		t.Errorf("an empty history writes %q, %v", empty.String(), err)
	}
	var js bytes.Buffer
	historyJSON(&js, NewHistory("/d", nil), Options{})
	if js.String() != "{\n  \"schema\": \"digilead.history/v1\",\n  \"dir\": \"/d\",\n  \"results\": []\n}\n" {
		t.Errorf("empty history JSON: %s", js.String())
	}
}

// TestBankSummaryGolden is `digilead bank show` of the built-in bank and
// of a small bank with a tier that leaves dimensions out.
func TestBankSummaryGolden(t *testing.T) {
	t.Parallel()
	def := questions.Default()
	tricky, err := questions.Load("testdata/tricky-bank.yaml")
	if err != nil {
		t.Fatal(err)
	}
	render, err := BankSummaries.Lookup("text")
	if err != nil {
		t.Fatal(err)
	}
	for name, b := range map[string]*questions.Bank{"default": def, "tricky": tricky} {
		var buf bytes.Buffer
		if err := render(&buf, b, Options{}); err != nil {
			t.Fatal(err)
		}
		golden(t, "bank-show."+name+".golden", buf.Bytes())
	}
}
