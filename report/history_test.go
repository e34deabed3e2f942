package report

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/digilead/digilead/assessment/store"
	"github.com/digilead/digilead/questions"
)

// TestHistoryGolden renders a history of two results and an unreadable
// file in each format. Not parallel: it sets time.Local, which every
// parallel test reads (a test's TempDir stats a file: a race).
func TestHistoryGolden(t *testing.T) {
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

// TestBankSummarySizePlurals: bank show says its size with each count's
// own plural: questions, dimensions and minutes.
func TestBankSummarySizePlurals(t *testing.T) {
	t.Parallel()
	bank := func(questionsPer []int) *questions.Bank {
		b := &questions.Bank{ID: "b", Title: "B", Version: "1"}
		for d, n := range questionsPer {
			id := fmt.Sprintf("d%d", d)
			b.Dimensions = append(b.Dimensions, questions.Dimension{ID: id, Name: id})
			for i := range n {
				b.Questions = append(b.Questions, questions.Question{ID: fmt.Sprintf("%s-%d", id, i), Dimension: id})
			}
		}
		return b
	}
	for _, tc := range []struct {
		tag  string
		b    *questions.Bank
		want string
	}{
		{"en", bank([]int{1}), "1 question in 1 dimension, about 1 minute."},
		{"en", bank([]int{2, 2}), "4 questions in 2 dimensions, about 1 minute."},
		{"en", bank([]int{5, 4}), "9 questions in 2 dimensions, about 3 minutes."},
		{"fr", bank([]int{1}), "1 question dans 1 domaine, environ 1 minute."},
		{"fr", bank([]int{5, 4}), "9 questions dans 2 domaines, environ 3 minutes."},
		{"cy", bank([]int{5, 4}), "9 cwestiwn mewn 2 maes, tua 3 munud."},
	} {
		render, err := BankSummaries.Lookup("text")
		if err != nil {
			t.Fatal(err)
		}
		var buf bytes.Buffer
		if err := render(&buf, tc.b, Options{Language: in(t, tc.tag)}); err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(buf.String(), tc.want) {
			t.Errorf("%s: lacks %q:\n%s", tc.tag, tc.want, buf.String())
		}
	}
}
