package report

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/digilead/digilead/assessment"
	"github.com/digilead/digilead/assessment/batch/batchtest"
	"github.com/digilead/digilead/assessment/cohort"
	"github.com/digilead/digilead/assessment/plan"
	"github.com/digilead/digilead/questions"
)

// lowResult is a person below every expectation of the top tier: each
// question answered at its second lowest point or first option, against
// the strategic tier. Its report is the longest a result of the built-in
// bank gives: every dimension a gap, three priorities, notes.
func lowResult(t testing.TB) *assessment.Result {
	t.Helper()
	b := questions.Default()
	a := &questions.Answers{Bank: b.ID, Respondent: questions.Respondent{Name: "Low Scorer"}, Values: map[string]questions.Value{}}
	for _, q := range b.Questions {
		switch q.Type {
		case questions.Likert:
			a.Values[q.ID] = questions.IntValue(q.Scale.Min + 1)
		case questions.Choice:
			a.Values[q.ID] = questions.OptionValue(q.Options[0].ID)
		case questions.Multi:
			a.Values[q.ID] = questions.OptionsValue(q.Options[0].ID)
		case questions.YesNo:
			a.Values[q.ID] = questions.BoolValue(false)
		}
	}
	o := scoreOptions
	o.Target = b.Tiers[len(b.Tiers)-1].ID
	return assessment.Score(b, a, o)
}

// pdfPages prints the page to PDF in headless chromium and counts its
// pages.
func pdfPages(t *testing.T, page string) int {
	t.Helper()
	pdf := filepath.Join(t.TempDir(), "page.pdf")
	runChromium(t, page, "--no-pdf-header-footer", "--print-to-pdf="+pdf)
	data, err := os.ReadFile(pdf)
	if err != nil {
		t.Fatal(err)
	}
	return len(regexp.MustCompile(`/Type\s*/Page[^s]`).FindAll(data, -1))
}

// htmlIn renders doc as HTML in the language tag, with the built-in
// bank's texts.
func htmlIn[D any](t *testing.T, docs Registry[Render[D]], doc D, tag string) []byte {
	t.Helper()
	render, err := docs.Lookup("html")
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := render(&buf, doc, Options{Language: in(t, tag)}); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// checkTwoPages fails the test unless the page prints on one or two A4
// pages.
func checkTwoPages(t *testing.T, page []byte) {
	t.Helper()
	if n := pdfPages(t, writePage(t, "page.html", page)); n < 1 || n > 2 {
		t.Errorf("prints on %d A4 pages, want at most 2", n)
	}
}

// writePage writes a page into a temporary file and returns its path.
func writePage(t *testing.T, name string, page []byte) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, page, 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// TestHTMLPrintsOnTwoPages prints the personal report of the example and
// of the longest result, in each language, on A4: at most two pages.
func TestHTMLPrintsOnTwoPages(t *testing.T) {
	chromium(t)
	t.Parallel()
	for name, r := range map[string]*assessment.Result{"example": exampleResult(t), "low": lowResult(t)} {
		for _, tag := range []string{"en", "cy", "fr"} {
			t.Run(name+"."+tag, func(t *testing.T) {
				t.Parallel()
				checkTwoPages(t, htmlIn(t, Results, r, tag))
			})
		}
	}
}

// overlapScript finds, in the page as laid out, labels that overlap one
// another or the bars beside them: row headers of tables and the text of
// charts. It writes what it finds into a <pre id="overlaps">.
const overlapScript = `<script>
var found = [];
function boxes(sel) { return Array.prototype.map.call(document.querySelectorAll(sel), function (e) { return {e: e, r: e.getBoundingClientRect()}; }); }
function meet(a, b) { return a.r.left < b.r.right - 0.5 && b.r.left < a.r.right - 0.5 && a.r.top < b.r.bottom - 0.5 && b.r.top < a.r.bottom - 0.5; }
var labels = boxes("th[scope=row], svg text");
var bars = boxes(".track, svg rect");
for (var i = 0; i < labels.length; i++) {
  for (var j = i + 1; j < labels.length; j++) if (meet(labels[i], labels[j])) found.push(labels[i].e.textContent + " | " + labels[j].e.textContent);
  for (var k = 0; k < bars.length; k++) if (meet(labels[i], bars[k])) found.push(labels[i].e.textContent + " | a bar");
}
var p = document.createElement("pre"); p.id = "overlaps"; p.textContent = "checked " + labels.length + "\n" + found.join("\n"); document.body.appendChild(p);
</script></body>`

// checkNoOverlap lays the page out in chromium at a width and fails the
// test when labels overlap each other or the bars.
func checkNoOverlap(t *testing.T, page []byte, width int) {
	t.Helper()
	path := writePage(t, "page.html", bytes.Replace(page, []byte("</body>"), []byte(overlapScript), 1))
	dom, _ := runChromium(t, path, "--dump-dom", fmt.Sprintf("--window-size=%d,2000", width))
	m := regexp.MustCompile(`(?s)<pre id="overlaps">checked (\d+)\n(.*?)</pre>`).FindStringSubmatch(dom)
	if m == nil || m[1] == "0" {
		t.Fatalf("the overlap check did not run, or found no labels:\n%.500s", dom)
	}
	if found := strings.TrimSpace(m[2]); found != "" {
		t.Errorf("labels overlap at %d pixels wide:\n%s", width, found)
	}
}

// TestHTMLLabelsDoNotOverlap lays out the personal report in each
// language at a phone's, a laptop's and A4's widths.
func TestHTMLLabelsDoNotOverlap(t *testing.T) {
	chromium(t)
	t.Parallel()
	for _, tag := range []string{"en", "cy", "fr"} {
		t.Run(tag, func(t *testing.T) {
			t.Parallel()
			page := htmlIn(t, Results, lowResult(t), tag)
			for _, w := range []int{400, 695, 1000} {
				checkNoOverlap(t, page, w)
			}
		})
	}
}

// TestOverlapCheckSees makes sure checkNoOverlap is not blind: two row
// headers drawn over each other must be found.
func TestOverlapCheckSees(t *testing.T) {
	chromium(t)
	t.Parallel()
	page := []byte(`<!DOCTYPE html><html><body><table><tr><th scope="row" style="position:absolute;top:0;left:0">Alpha</th></tr><tr><th scope="row" style="position:absolute;top:2px;left:4px">Beta</th></tr></table></body></html>`)
	path := writePage(t, "bad.html", bytes.Replace(page, []byte("</body>"), []byte(overlapScript), 1))
	dom, _ := runChromium(t, path, "--dump-dom")
	if !strings.Contains(dom, "Alpha | Beta") {
		t.Errorf("overlapping labels were not found:\n%.400s", dom)
	}
}

// room is the cohort report of a room of n people answering the built-in
// bank (batchtest's answer sets), each against their own target.
func room(t testing.TB, n int) *cohort.Report {
	t.Helper()
	b := questions.Default()
	cb := cohort.New(cohort.Options{MinGroup: 1})
	for i := range n {
		line := batchtest.AnswerSet(b, i, batchtest.Options{Seed: 11, Names: true})
		a, err := b.CheckAnswers(questions.RawAnswers{Bank: line.Bank, Respondent: line.Respondent, Answers: line.Answers})
		if err != nil {
			t.Fatal(err)
		}
		data, _ := json.Marshal(assessment.Score(b, a, scoreOptions))
		e, err := cohort.Decode(data)
		if err != nil {
			t.Fatal(err)
		}
		cb.Add(e, fmt.Sprint(i))
	}
	c, err := cb.Report()
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// TestCohortHandout checks the handout of a room of 12: the common gaps
// ranked by the number of people, a group session for each of the top
// three, the target's marks on the spread, the statistics in an appendix
// after the charts.
func TestCohortHandout(t *testing.T) {
	t.Parallel()
	c := room(t, 12)
	page := string(htmlIn(t, Cohorts, c, "en"))
	for i := 1; i < len(c.Gaps); i++ {
		if c.Gaps[i].WithGap > c.Gaps[i-1].WithGap {
			t.Errorf("gap %d has more people than gap %d", i, i-1)
		}
	}
	if n := strings.Count(page, "Suggested group session for the "); n != min(sessionGaps, len(topGaps(c, cohortTopGaps))) {
		t.Errorf("%d group sessions, want one for each of the top %d gaps", n, sessionGaps)
	}
	if n := strings.Count(page, "<line data-mark="); n == 0 || n > len(c.Dimensions) {
		t.Errorf("%d target marks on the spread", n)
	}
	if strings.Index(page, `id="h-appendix"`) < strings.Index(page, `id="h-tiers"`) || strings.Index(page, `<table class="stats">`) < strings.Index(page, `id="h-appendix"`) {
		t.Error("the statistics are not in an appendix after the charts")
	}
}

// TestCohortHandoutPrintsOnTwoPages prints the handout of a room of 12 in
// each language: at most two A4 pages, and no label over another.
func TestCohortHandoutPrintsOnTwoPages(t *testing.T) {
	chromium(t)
	t.Parallel()
	c := room(t, 12)
	for _, tag := range []string{"en", "cy", "fr"} {
		t.Run(tag, func(t *testing.T) {
			t.Parallel()
			page := htmlIn(t, Cohorts, c, tag)
			checkTwoPages(t, page)
			for _, w := range []int{400, 695} {
				checkNoOverlap(t, page, w)
			}
		})
	}
}

// TestPlanHTMLPrintsOnOnePage prints a plan of three priorities, each
// with an action for every way of learning, in each language: one A4
// page.
func TestPlanHTMLPrintsOnOnePage(t *testing.T) {
	chromium(t)
	t.Parallel()
	p := plan.New(lowResult(t), plan.Options{Now: fixedTime, Priorities: 3, Supporter: "Ana Example"})
	for _, tag := range []string{"en", "cy", "fr"} {
		t.Run(tag, func(t *testing.T) {
			t.Parallel()
			if n := pdfPages(t, writePage(t, "plan.html", htmlIn(t, Plans, p, tag))); n != 1 {
				t.Errorf("prints on %d A4 pages, want 1", n)
			}
		})
	}
}
