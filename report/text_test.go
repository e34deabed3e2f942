package report

import (
	"bytes"
	"os"
	"strings"
	"testing"

	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"
	"github.com/muesli/termenv"

	"github.com/digilead/digilead/assessment"
	"github.com/digilead/digilead/questions"
)

func ptr(x float64) *float64 { return &x }

// textTrickyResult has what a report must handle with care: no level, a long
// dimension name, a dimension with too few answers, a gap within
// measurement error, two actions of one kind, and notes.
func textTrickyResult() *assessment.Result {
	long := "Commissioning, procurement and management of digital suppliers and contracts"
	return &assessment.Result{
		Schema:     assessment.ResultSchema,
		Bank:       assessment.BankRef{ID: "workshop", Title: "Council workshop bank", Version: "2"},
		Respondent: questions.Respondent{ID: "e-42"},
		Dimensions: []assessment.DimensionScore{
			{ID: "vision", Name: "Vision", Score: ptr(30), Answered: 3, Total: 3, Status: assessment.StatusScored},
			{ID: "suppliers", Name: questions.BankText(long), Score: ptr(62.5), Answered: 4, Total: 4, Status: assessment.StatusScored},
			{ID: "ai", Name: "Responsible use of AI", Answered: 1, Total: 4, NA: 3, Status: assessment.StatusInsufficient},
			{ID: "data", Name: "Data", Score: ptr(100), Answered: 2, Total: 2, Status: assessment.StatusScored},
		},
		Tiers: []assessment.TierResult{
			{ID: "frontline", Name: "Frontline executor", Rank: 1, Readiness: 71.25, Blocking: []string{"vision", "suppliers", "ai"}},
			{ID: "operational", Name: "Operational implementer", Rank: 2, Readiness: 55.5, Blocking: []string{"vision", "suppliers", "ai"}},
		},
		Target: assessment.TierRef{ID: "frontline", Name: "Frontline executor", Rank: 1, Challenges: []questions.BankText{"Learning new systems quickly while keeping the daily service running."}},
		Gaps: []assessment.Gap{
			{Dimension: "vision", Name: "Vision", Score: ptr(30), Expected: 60, Gap: 30, Severity: assessment.SeverityLarge, Actions: []assessment.Action{
				{Kind: "training", Text: "Take a short course on digital strategy in the public sector."},
				{Kind: "reading", Text: "Read your organisation's digital strategy."},
				{Kind: "training", Text: "Shadow a service owner for a day while they plan the next quarter."},
			}},
			{Dimension: "ai", Name: "Responsible use of AI", Expected: 40, Gap: 40, Severity: assessment.SeverityInsufficient, Actions: []assessment.Action{}},
			{Dimension: "suppliers", Name: questions.BankText(long), Score: ptr(62.5), Expected: 65, Gap: 2.5, Severity: assessment.SeveritySmall, WithinError: true, Actions: []assessment.Action{{Kind: "practice", Text: "Sit in on a contract review."}}},
			{Dimension: "data", Name: "Data", Score: ptr(100), Expected: 50, Severity: assessment.SeverityMet, Actions: []assessment.Action{}},
		},
		Notes: []assessment.Note{{Kind: "straight-lining", Text: "Every likert answer in Vision was the same; check that the statements were read."}},
	}
}

// colour is a renderer forced to true colour on a dark background.
func colour() *lipgloss.Renderer {
	r := lipgloss.NewRenderer(os.Stdout)
	r.SetColorProfile(termenv.TrueColor)
	r.SetHasDarkBackground(true)
	return r
}

func render(t *testing.T, r *assessment.Result, o Options) string {
	t.Helper()
	var buf bytes.Buffer
	if err := resultText(&buf, r, o); err != nil {
		t.Fatal(err)
	}
	return buf.String()
}

func TestTextGolden(t *testing.T) {
	t.Parallel()
	results := map[string]*assessment.Result{"example": exampleResult(t), "tricky": textTrickyResult()}
	cases := []struct {
		name string
		o    Options
	}{
		{"60", Options{Width: 60}},
		{"120", Options{Width: 120}},
		{"60.color", Options{Width: 60, Renderer: colour()}},
		{"120.color", Options{Width: 120, Renderer: colour()}},
		{"accessible", Options{Width: 80, Accessible: true}},
	}
	for rname, r := range results {
		for _, c := range cases {
			t.Run(rname+"."+c.name, func(t *testing.T) {
				o := c.o
				o.SavedTo = "/home/sam/.local/share/digilead/results/2023-11-14T221320Z-" + r.Bank.ID + ".json"
				o.Language = ownLanguage(t, r)
				golden(t, "text."+rname+"."+c.name+".golden", []byte(render(t, r, o)))
			})
		}
	}
}

func TestTextFitsTheWidth(t *testing.T) {
	t.Parallel()
	for _, r := range []*assessment.Result{exampleResult(t), textTrickyResult()} {
		for _, w := range []int{60, 72, 80, 100, 120} {
			for _, acc := range []bool{false, true} {
				out := render(t, r, Options{Width: w, Accessible: acc, Renderer: colour(), SavedTo: "/home/sam/.local/share/digilead/results/x.json"})
				for i, l := range strings.Split(out, "\n") {
					if n := ansi.StringWidth(l); n > w {
						t.Errorf("width %d accessible=%v: line %d is %d columns: %q", w, acc, i+1, n, ansi.Strip(l))
					}
				}
			}
		}
	}
}

func TestTextColourIsNeverTheOnlyCue(t *testing.T) {
	t.Parallel()
	for _, r := range []*assessment.Result{exampleResult(t), textTrickyResult()} {
		for _, w := range []int{60, 120} {
			plain := render(t, r, Options{Width: w})
			coloured := render(t, r, Options{Width: w, Renderer: colour()})
			if strings.Contains(plain, "\x1b") {
				t.Errorf("width %d: the plain report holds escape codes", w)
			}
			if !strings.Contains(coloured, "\x1b[") {
				t.Errorf("width %d: the colour report has no colour", w)
			}
			if got := ansi.Strip(coloured); got != plain {
				t.Errorf("width %d: the colour report says something the plain one does not:\n%s\n---\n%s", w, got, plain)
			}
		}
	}
}

func TestTextTrickyCases(t *testing.T) {
	t.Parallel()
	r := textTrickyResult()
	for _, acc := range []bool{false, true} {
		out := render(t, r, Options{Width: 60, Accessible: acc})
		flat := strings.Join(strings.Fields(out), " ")
		for _, want := range []string{
			"Level: Developing (no tier met yet)",
			"Responsible use of AI had too few answers to score",
			"Within measurement error: Commissioning, procurement and management of digital suppliers and contracts (score 63, expected 65)",
			"because of Vision, Commissioning, procurement and management of digital suppliers and contracts (within measurement error) and Responsible use of AI (not scored)",
			"Every likert answer in Vision was the same",
			"1. Vision",
		} {
			if !strings.Contains(flat, want) {
				t.Errorf("accessible=%v: report lacks %q:\n%s", acc, want, out)
			}
		}
		if strings.Contains(flat, "2. ") {
			t.Errorf("accessible=%v: only the real shortfall is numbered as a gap:\n%s", acc, out)
		}
		if strings.Contains(flat, "Responsible use of AI: 0") || strings.Contains(flat, "Responsible use of AI 0") {
			t.Errorf("accessible=%v: an unscored dimension is shown as zero", acc)
		}
	}
	if out := render(t, r, Options{Width: 60, Accessible: true}); strings.ContainsAny(out, "█░│") {
		t.Errorf("the accessible report draws bars:\n%s", out)
	}
}

func TestTextActionsGroupedByKind(t *testing.T) {
	t.Parallel()
	out := render(t, textTrickyResult(), Options{Width: 120})
	if n := strings.Count(out, "Training:"); n != 1 {
		t.Errorf("Training: appears %d times, want once for its two actions:\n%s", n, out)
	}
	if strings.Index(out, "Shadow a service owner") > strings.Index(out, "Reading:") {
		t.Errorf("the second training action is not under Training:\n%s", out)
	}
}
