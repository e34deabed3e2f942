package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/digilead/digilead/assessment/plan"
	"github.com/digilead/digilead/questions/e2e"
)

// TestTerminalPlanForm makes a plan in the form at 100x32: the two top
// priorities chosen at first are kept, the suggested actions with one of
// one's own for the first, the suggested days, a supporter.
func TestTerminalPlanForm(t *testing.T) {
	p := newPane(t)
	results := filepath.Join(p.data, "digilead", "results")
	saveResult(t, p.data, exampleAnswers, march, filepath.Join(results, "2024-03-01T093000Z-public-sector-digital-leadership.json"))
	p.run(100, 32, "plan.json", "plan", "--last", "--format", "json", "--no-save")
	// The field in focus is marked ┃.
	p.waitFor("┃ Choose one to three priorities")
	p.keys("Enter") // the two chosen at first
	p.waitFor("┃ Actions for Agile")
	p.keys("Enter") // the suggested actions
	p.waitFor("┃ An action of your own")
	p.typeText("Shadow a delivery manager for a day")
	p.keys("Enter")
	p.waitFor("┃ Due date for these actions")
	p.keys("Enter") // the suggested day
	p.waitFor("┃ Actions for Data")
	p.keys("Enter") // the second priority as suggested
	p.waitFor("┃ An action of your own")
	p.keys("Enter")
	p.waitFor("┃ Due date for these actions")
	p.keys("Enter")
	p.waitFor("┃ Review date")
	p.keys("Enter")
	p.waitFor("┃ Who will support you?")
	p.typeText("Ana")
	p.keys("Enter")
	if code := p.exitCode(); code != 0 {
		t.Fatalf("exit %d; screen:\n%s", code, p.screen())
	}
	data, err := os.ReadFile(filepath.Join(p.dir, "plan.json"))
	if err != nil {
		t.Fatal(err)
	}
	pl, err := plan.Decode(data)
	if err != nil {
		t.Fatalf("%v\n%s", err, data)
	}
	if len(pl.Priorities) != 2 || pl.Supporter != "Ana" {
		t.Fatalf("plan: %d priorities, supporter %q\n%s", len(pl.Priorities), pl.Supporter, data)
	}
	first := pl.Priorities[0].Actions
	if len(first) != 4 || first[3].Text != "Shadow a delivery manager for a day" || first[3].Due == "" {
		t.Errorf("first priority's actions: %+v", first)
	}
	if !strings.HasPrefix(pl.ReviewOn, "20") {
		t.Errorf("review on %q", pl.ReviewOn)
	}
}

// TestTerminalReportPaged shows a report taller than the terminal
// through the default pager, from its top (less -FRX), and the short
// report, which fits, without it.
func TestTerminalReportPaged(t *testing.T) {
	e2e.Tool(t, "apt-get install less", "less")
	p := newPane(t)
	results := filepath.Join(p.data, "digilead", "results")
	saveResult(t, p.data, exampleAnswers, march, filepath.Join(results, "2024-03-01T093000Z-public-sector-digital-leadership.json"))
	p.run(100, 24, "/dev/tty", "report", "--last", "--all")
	p.waitFor(":") // less's prompt
	screen := p.screen()
	if !strings.HasPrefix(screen, "Digital leadership gap report") || strings.Contains(screen, "Challenges at the") {
		t.Fatalf("not paged from the top:\n%s", screen)
	}
	p.keys("q")
	if code := p.exitCode(); code != 0 {
		t.Fatalf("exit %d after quitting the pager", code)
	}
	p.run(100, 40, "/dev/tty", "report", "--last")
	if code := p.exitCode(); code != 0 {
		t.Fatalf("short report: exit %d\n%s", code, p.screen())
	}
	if screen := p.screen(); !strings.Contains(screen, "What to work on first") || !strings.Contains(screen, "digilead report --last --all") {
		t.Errorf("short report:\n%s", screen)
	}
}
