package main

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/digilead/digilead/report/iostreams"
)

// onTerminal runs a command line in data with stdout a terminal of
// width 100 and height lines (see inData).
func onTerminal(t *testing.T, data string, height int, env []string, args ...string) runOut {
	t.Helper()
	s, out, errOut := iostreams.Test("", testEnv(t, append([]string{"HOME=" + data, "XDG_DATA_HOME=" + data, "TZ=UTC", "NO_COLOR=1", march}, env...)))
	s.OutTTY, s.Width, s.Height = true, 100, height
	code := run(context.Background(), args, s)
	return runOut{out.String(), errOut.String(), code}
}

func TestReportLast(t *testing.T) {
	t.Parallel()
	data := t.TempDir()
	r := inData(t, data, "", nil, "report", "--last")
	if r.code != 2 || !strings.Contains(r.stderr, "no saved results") {
		t.Errorf("no results: exit %d, stderr %q", r.code, r.stderr)
	}
	dir := filepath.Join(data, "digilead", "results")
	saveResult(t, data, exampleAnswers, march, filepath.Join(dir, "2024-03-01T093000Z-public-sector-digital-leadership.json"))
	saveResult(t, data, laterAnswers, september, filepath.Join(dir, "2024-09-01T080000Z-public-sector-digital-leadership.json"))
	r = mustRun(t, data, "", nil, "report", "--last", "--format", "json")
	if !strings.Contains(r.stdout, `"completed_at": "2024-09-01T`) {
		t.Errorf("report --last is not the newest result:\n%.300s", r.stdout)
	}
	if r := inData(t, data, "", nil, "report", "--last", "me.json"); r.code != 2 {
		t.Errorf("--last with a file: exit %d, want 2", r.code)
	}
}

// TestReportShortOnTerminal checks that a terminal gets the short report,
// what to do first, and --all, a file or a pipe the complete one.
func TestReportShortOnTerminal(t *testing.T) {
	t.Parallel()
	data := t.TempDir()
	result := saveResult(t, data, exampleAnswers, march, filepath.Join(data, "me.json"))
	short := onTerminal(t, data, 0, nil, "report", result)
	for _, want := range []string{"What to work on first", "First step:", "digilead report " + result + " --all"} {
		if !strings.Contains(short.stdout, want) {
			t.Errorf("short report lacks %q:\n%s", want, short.stdout)
		}
	}
	if strings.Contains(short.stdout, "The complete report\n") || strings.Count(short.stdout, "\n") > 31 {
		t.Errorf("short report is the complete one, or taller than 32 lines (%d):\n%s", strings.Count(short.stdout, "\n"), short.stdout)
	}
	for name, r := range map[string]runOut{
		"--all": onTerminal(t, data, 0, nil, "report", result, "--all"),
		"pipe":  mustRun(t, data, "", nil, "report", result),
	} {
		if !strings.Contains(r.stdout, "What to work on first") || !strings.Contains(r.stdout, "The complete report\n") {
			t.Errorf("%s: not the complete report:\n%s", name, r.stdout)
		}
	}
	// Taller than the terminal: through the pager; never with --no-pager.
	pager := []string{"DIGILEAD_PAGER=sed s/^/>/"}
	if r := onTerminal(t, data, 20, pager, "report", result, "--all"); !strings.HasPrefix(r.stdout, ">Digital leadership gap report\n") {
		t.Errorf("not paged:\n%.200s", r.stdout)
	}
	if r := onTerminal(t, data, 20, pager, "report", result, "--all", "--no-pager"); !strings.HasPrefix(r.stdout, "Digital leadership gap report\n") {
		t.Errorf("paged with --no-pager:\n%.200s", r.stdout)
	}
}
