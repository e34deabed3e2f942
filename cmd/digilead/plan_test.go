package main

import (
	"context"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/digilead/digilead/assessment/plan"
	"github.com/digilead/digilead/assessment/schematest"
	"github.com/digilead/digilead/report/iostreams"
)

// TestPlanWithoutTerminal makes plans without asking: the top priorities,
// saved privately beside the results and listed by history.
func TestPlanWithoutTerminal(t *testing.T) {
	t.Parallel()
	data := t.TempDir()
	dir := filepath.Join(data, "digilead", "results")
	saveResult(t, data, exampleAnswers, march, filepath.Join(dir, "2024-03-01T093000Z-public-sector-digital-leadership.json"))

	r := mustRun(t, data, "", nil, "plan", "--format", "json", "--supporter", "Ana", "--review-in", "8w")
	schematest.Validate(t, "plan.schema.json", []byte(r.stdout))
	p, err := plan.Decode([]byte(r.stdout))
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Priorities) != 2 || p.ReviewOn != "2024-04-26" || p.Supporter != "Ana" || len(p.Priorities[0].Actions) != 3 {
		t.Errorf("plan: %d priorities, review %s, supporter %q, %d actions", len(p.Priorities), p.ReviewOn, p.Supporter, len(p.Priorities[0].Actions))
	}
	if !strings.Contains(r.stderr, "Plan saved to ") {
		t.Errorf("stderr %q does not say where the plan is", r.stderr)
	}
	saved, _ := filepath.Glob(filepath.Join(data, "digilead", "plans", "*.plan.json"))
	if len(saved) != 1 {
		t.Fatalf("saved plans %v, want one", saved)
	}
	if info, _ := os.Stat(saved[0]); runtime.GOOS != "windows" && info.Mode().Perm() != 0o600 {
		t.Errorf("plan saved with mode %v", info.Mode().Perm())
	}
	h := mustRun(t, data, "", nil, "history")
	if !strings.Contains(h.stdout, "2024-04-26") || !strings.Contains(h.stdout, saved[0]) {
		t.Errorf("history does not list the plan:\n%s", h.stdout)
	}

	r = mustRun(t, data, "", nil, "plan", "--last", "--priorities", "1", "--review-on", "2024-06-30", "--no-save", "-f", "ics")
	if n := strings.Count(r.stdout, "BEGIN:VEVENT"); n != 4 || !strings.Contains(r.stdout, "DTSTART;VALUE=DATE:20240630\r\n") {
		t.Errorf("ics: %d events, want 3 actions and the review on 2024-06-30:\n%s", n, r.stdout)
	}
	if again, _ := filepath.Glob(filepath.Join(data, "digilead", "plans", "*.json")); len(again) != 1 {
		t.Errorf("--no-save saved a plan: %v", again)
	}
}

func TestPlanUsage(t *testing.T) {
	t.Parallel()
	data := t.TempDir()
	result := saveResult(t, data, exampleAnswers, march, filepath.Join(data, "me.json"))
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"plan", result, "--priorities", "4"}, "--priorities"},
		{[]string{"plan", result, "--priorities", "0"}, "--priorities"},
		{[]string{"plan", result, "--review-in", "soon"}, "--review-in"},
		{[]string{"plan", result, "--review-on", "30/06/2024"}, "YYYY-MM-DD"},
		{[]string{"plan", result, "--review-on", "2024-02-01"}, "in the past"},
		{[]string{"plan", result, "--last"}, "either --last or a file"},
		{[]string{"plan", result, "-f", "pdf"}, "ics"},
		{[]string{"plan"}, "no saved results"},
	} {
		r := inData(t, data, "", nil, c.args...)
		if r.code != 2 || !strings.Contains(r.stderr, c.want) {
			t.Errorf("%v: exit %d, stderr %q; want exit 2 and %q", c.args, r.code, r.stderr, c.want)
		}
	}
}

// TestPlanFormAccessible makes a plan in the form, line by line: one
// priority, its suggested actions and one's own, the suggested days.
func TestPlanFormAccessible(t *testing.T) {
	t.Parallel()
	data := t.TempDir()
	result := saveResult(t, data, exampleAnswers, march, filepath.Join(data, "me.json"))
	in := "2\n0\n0\nRead one delivery blog a week\n\n\nAna\n" // untick the second priority; keep the actions, add one; days as suggested
	s, out, errOut := iostreams.Test(in, testEnv(t, []string{"HOME=" + data, "XDG_DATA_HOME=" + data, "TZ=UTC", march, "ACCESSIBLE=1"}))
	s.InTTY, s.ErrTTY = true, true
	if code := run(context.Background(), []string{"plan", result, "-f", "json", "--no-save"}, s); code != 0 {
		t.Fatalf("exit %d\n%s", code, errOut)
	}
	p, err := plan.Decode(out.Bytes())
	if err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	if len(p.Priorities) != 1 || len(p.Priorities[0].Actions) != 4 || p.Supporter != "Ana" || p.ReviewOn != "2024-05-24" {
		t.Fatalf("plan %+v\nform:\n%s", p, errOut)
	}
	own := p.Priorities[0].Actions[3]
	if own.Kind != "practice" || own.Text != "Read one delivery blog a week" || own.Due == "" {
		t.Errorf("own action %+v", own)
	}
}

// TestComparePlan checks a plan made from the March result against the
// September one, as files and with --last.
func TestComparePlan(t *testing.T) {
	t.Parallel()
	data := t.TempDir()
	dir := filepath.Join(data, "digilead", "results")
	saveResult(t, data, exampleAnswers, march, filepath.Join(dir, "2024-03-01T093000Z-public-sector-digital-leadership.json"))
	mustRun(t, data, "", nil, "plan", "--last", "--priorities", "3", "-o", filepath.Join(data, "plan.json"), "-f", "json")
	planPath := filepath.Join(data, "plan.json")
	later := saveResult(t, data, laterAnswers, september, filepath.Join(dir, "2024-09-01T080000Z-public-sector-digital-leadership.json"))

	r := mustRun(t, data, "", nil, "compare", "--plan", planPath, later, "--format", "json")
	schematest.Validate(t, "plan-check.schema.json", []byte(r.stdout))
	for _, want := range []string{`"schema": "digilead.plan-check/v1"`, `"verdict": "`, `"due": "2024-`} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("plan check lacks %s:\n%s", want, r.stdout)
		}
	}
	text := mustRun(t, data, "", nil, "compare", "--plan", planPath, "--last")
	if !strings.Contains(text.stdout, "Progress on your development plan") || !strings.Contains(text.stdout, " → ") {
		t.Errorf("text:\n%s", text.stdout)
	}
	md := mustRun(t, data, "", nil, "compare", "--plan", planPath, later, "-f", "markdown")
	if !strings.Contains(md.stdout, "| Priority | Before | Now | Verdict |") {
		t.Errorf("markdown:\n%s", md.stdout)
	}
	for _, args := range [][]string{
		{"compare", "--plan", planPath},
		{"compare", "--plan", planPath, later, later},
		{"compare", "--plan", later, later},
		{"compare", "--plan", "-", "-"},
	} {
		if r := inData(t, data, "{}", nil, args...); r.code != 2 {
			t.Errorf("%v: exit %d, stderr %q; want 2", args, r.code, r.stderr)
		}
	}
}
