package main

import (
	"encoding/csv"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/digilead/digilead/assessment/compare"
)

const (
	exampleAnswers = example
	laterAnswers   = "../../assessment/compare/testdata/later-answers.yaml"
	march          = "SOURCE_DATE_EPOCH=1709285400" // 2024-03-01
	september      = "SOURCE_DATE_EPOCH=1725177600" // 2024-09-01
)

// inData runs digilead with its data directory in data (shared between
// runs, unlike the isolated one of digilead), in UTC, at 2024-03-01
// unless env sets SOURCE_DATE_EPOCH.
func inData(t *testing.T, data, stdin string, env []string, args ...string) runOut {
	t.Helper()
	return digilead(t, stdin, append([]string{"HOME=" + data, "XDG_DATA_HOME=" + data, "TZ=UTC", "NO_COLOR=1", march}, env...), args...)
}

// mustRun is inData that requires exit 0.
func mustRun(t *testing.T, data, stdin string, env []string, args ...string) runOut {
	t.Helper()
	r := inData(t, data, stdin, env, args...)
	if r.code != 0 {
		t.Fatalf("digilead %s: exit %d\n%s", strings.Join(args, " "), r.code, r.stderr)
	}
	return r
}

// saveResult scores an answers file at a time (a SOURCE_DATE_EPOCH=…
// setting) into path as JSON.
func saveResult(t *testing.T, data, answers, when, path string) string {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		t.Fatal(err)
	}
	mustRun(t, data, "", []string{when}, "assess", "--answers", answers, "--format", "json", "-o", path)
	return path
}

func TestReportFormats(t *testing.T) {
	t.Parallel()
	data := t.TempDir()
	result := saveResult(t, data, exampleAnswers, march, filepath.Join(data, "me.json"))
	checks := map[string]func(string) bool{
		"text":     func(s string) bool { return strings.Contains(s, "Level:    Frontline executor\nHow sure: fairly sure") },
		"json":     func(s string) bool { return strings.Contains(s, `"schema": "digilead.result/v1"`) },
		"markdown": func(s string) bool { return strings.Contains(s, "| Dimension | Score | Expected | Gap | Severity |") },
		"html": func(s string) bool {
			return strings.HasPrefix(s, "<!DOCTYPE html>") && strings.Contains(s, `<table class="scores">`)
		},
		"csv": func(s string) bool {
			recs, err := csv.NewReader(strings.NewReader(s)).ReadAll()
			return err == nil && len(recs) == 17 && recs[0][0] == "dimension_id" // a header and 16 dimensions
		},
	}
	for format, ok := range checks {
		t.Run(format, func(t *testing.T) {
			r := mustRun(t, data, "", nil, "report", result, "--format", format)
			if !ok(r.stdout) {
				t.Errorf("report --format %s:\n%s", format, r.stdout)
			}
			// The same result from stdin renders the same.
			in, _ := os.ReadFile(result)
			if again := mustRun(t, data, string(in), nil, "report", "-", "-f", format); again.stdout != r.stdout {
				t.Errorf("report - differs from report FILE")
			}
		})
	}
}

func TestReportOutputFile(t *testing.T) {
	t.Parallel()
	data := t.TempDir()
	result := saveResult(t, data, exampleAnswers, march, filepath.Join(data, "me.json"))
	out := filepath.Join(data, "me.html")
	r := mustRun(t, data, "", nil, "report", result, "-f", "html", "-o", out)
	if r.stdout != "" {
		t.Errorf("stdout should be empty with -o, got %q", r.stdout)
	}
	fi, err := os.Stat(out)
	if err != nil || fi.Mode().Perm() != 0o600 {
		t.Fatalf("output file: %v, mode %v; want 0600", err, fi.Mode().Perm())
	}
}

// TestReportBadInput: what is not a whole, current result is refused with
// exit 2, the file named, and nothing on stdout.
func TestReportBadInput(t *testing.T) {
	t.Parallel()
	data := t.TempDir()
	result := saveResult(t, data, exampleAnswers, march, filepath.Join(data, "me.json"))
	whole, _ := os.ReadFile(result)
	write := func(name, content string) string {
		p := filepath.Join(data, name)
		if err := os.WriteFile(p, []byte(content), 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	tests := []struct {
		name, path, want string
	}{
		{"answers file", exampleAnswers, "not a digilead result"},
		{"truncated", write("cut.json", string(whole[:len(whole)/2])), "truncated"},
		{"newer schema", write("v2.json", strings.Replace(string(whole), "digilead.result/v1", "digilead.result/v2", 1)), "newer"},
		{"other document", write("other.json", `{"schema": "digilead.cohort/v1"}`), "not a digilead.result document"},
		{"empty", write("empty.json", ""), "empty"},
		{"missing", filepath.Join(data, "nope.json"), "no such file"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for _, format := range []string{"text", "html"} {
				r := inData(t, data, "", nil, "report", tt.path, "-f", format)
				if r.code != 2 || r.stdout != "" {
					t.Errorf("exit %d, stdout %d bytes; want exit 2 and no output", r.code, len(r.stdout))
				}
				if !strings.Contains(r.stderr, filepath.Base(tt.path)) || !strings.Contains(r.stderr, tt.want) {
					t.Errorf("stderr %q should name %s and say %q", r.stderr, filepath.Base(tt.path), tt.want)
				}
			}
		})
	}
}

func TestReportUsage(t *testing.T) {
	t.Parallel()
	data := t.TempDir()
	for _, args := range [][]string{{"report"}, {"report", "a.json", "b.json"}, {"report", "a.json", "-f", "pdf"}} {
		if r := inData(t, data, "", nil, args...); r.code != 2 || !strings.Contains(r.stderr, "digilead") {
			t.Errorf("%v: exit %d, stderr %q; want exit 2", args, r.code, r.stderr)
		}
	}
}

func TestHistory(t *testing.T) {
	t.Parallel()
	data := t.TempDir()
	r := mustRun(t, data, "", nil, "history")
	if r.stdout != "" || !strings.Contains(r.stderr, "No saved results yet") {
		t.Errorf("empty history: stdout %q, stderr %q", r.stdout, r.stderr)
	}
	dir := filepath.Join(data, "digilead", "results")
	saveResult(t, data, exampleAnswers, march, filepath.Join(dir, "2024-03-01T093000Z-public-sector-digital-leadership.json"))
	saveResult(t, data, laterAnswers, september, filepath.Join(dir, "2024-09-01T080000Z-public-sector-digital-leadership.json"))
	if err := os.WriteFile(filepath.Join(dir, "junk.json"), []byte("{"), 0o600); err != nil {
		t.Fatal(err)
	}

	r = mustRun(t, data, "", nil, "history")
	lines := strings.Split(strings.TrimSpace(r.stdout), "\n")
	if len(lines) != 3 || !strings.HasPrefix(lines[0], "DATE") || !strings.HasPrefix(lines[1], "2024-09-01 08:00") || !strings.HasPrefix(lines[2], "2024-03-01 09:30") {
		t.Fatalf("history, newest first:\n%s", r.stdout)
	}
	if !strings.Contains(lines[1], "Frontline executor") || !strings.Contains(lines[1], "Operational implementer") {
		t.Errorf("history lacks level and target: %s", lines[1])
	}
	if !strings.Contains(r.stderr, "skipped") || !strings.Contains(r.stderr, "junk.json") {
		t.Errorf("unreadable file not reported: %q", r.stderr)
	}

	r = mustRun(t, data, "", nil, "history", "--format", "json")
	var doc struct {
		Schema  string `json:"schema"`
		Results []struct {
			Path string `json:"path"`
		} `json:"results"`
		Skipped []struct{ Path string } `json:"skipped"`
	}
	if err := json.Unmarshal([]byte(r.stdout), &doc); err != nil {
		t.Fatalf("history json: %v\n%s", err, r.stdout)
	}
	if doc.Schema != "digilead.history/v1" || len(doc.Results) != 2 || !strings.Contains(doc.Results[0].Path, "2024-09-01") || len(doc.Skipped) != 1 {
		t.Errorf("history json: %+v", doc)
	}
}

func TestCompareFiles(t *testing.T) {
	t.Parallel()
	data := t.TempDir()
	old := saveResult(t, data, exampleAnswers, march, filepath.Join(data, "march.json"))
	cur := saveResult(t, data, laterAnswers, september, filepath.Join(data, "sept.json"))
	r := mustRun(t, data, "", nil, "compare", old, cur, "--format", "json")
	var c compare.Comparison
	if err := json.Unmarshal([]byte(r.stdout), &c); err != nil {
		t.Fatal(err)
	}
	changes := map[string]float64{}
	for _, d := range c.Dimensions {
		changes[d.ID] = *d.Change
	}
	// Hand-computed in assessment/compare's TestCompareDefaultBank.
	if changes["agile-delivery"] != 42.5 || changes["leading-change"] != -18.75 || changes["data-informed-decisions"] != 0 {
		t.Errorf("changes %v", changes)
	}
	if len(c.Gaps.Closed) != 1 || c.Gaps.Closed[0].Dimension != "agile-delivery" || len(c.Gaps.Opened) != 1 || c.Gaps.Opened[0].Dimension != "leading-change" {
		t.Errorf("gaps %+v", c.Gaps)
	}
	if c.Old.Source != old || c.New.Source != cur {
		t.Errorf("sources %q, %q", c.Old.Source, c.New.Source)
	}
	text := mustRun(t, data, "", nil, "compare", old, cur).stdout
	for _, want := range []string{"Agile and iterative delivery", "+42", "Gaps closed", "Gaps opened"} {
		if !strings.Contains(text, want) {
			t.Errorf("text comparison lacks %q:\n%s", want, text)
		}
	}
}

func TestCompareRefuses(t *testing.T) {
	t.Parallel()
	data := t.TempDir()
	old := saveResult(t, data, exampleAnswers, march, filepath.Join(data, "march.json"))
	whole, _ := os.ReadFile(old)
	other := filepath.Join(data, "other.json")
	os.WriteFile(other, []byte(strings.ReplaceAll(string(whole), `"id": "public-sector-digital-leadership"`, `"id": "another-bank"`)), 0o600)
	tests := []struct {
		name string
		args []string
		want string
	}{
		{"different banks", []string{"compare", old, other}, "different banks"},
		{"one file", []string{"compare", old}, "two result files"},
		{"files and --last", []string{"compare", old, old, "--last"}, "not both"},
		{"both stdin", []string{"compare", "-", "-"}, "only one"},
		{"bad format", []string{"compare", old, old, "-f", "csv"}, "unknown format"},
		{"--last with nothing saved", []string{"compare", "--last"}, "two saved results"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := inData(t, data, "", nil, tt.args...)
			if r.code != 2 || r.stdout != "" || !strings.Contains(r.stderr, tt.want) {
				t.Errorf("exit %d, stdout %q, stderr %q; want exit 2 saying %q", r.code, r.stdout, r.stderr, tt.want)
			}
		})
	}
}

// TestCompareVersions: a newer bank version without one dimension is
// compared on the rest, and says which was left out.
func TestCompareVersions(t *testing.T) {
	t.Parallel()
	data := t.TempDir()
	old := saveResult(t, data, exampleAnswers, march, filepath.Join(data, "march.json"))
	var doc map[string]any
	whole, _ := os.ReadFile(old)
	if err := json.Unmarshal(whole, &doc); err != nil {
		t.Fatal(err)
	}
	doc["bank"].(map[string]any)["version"] = "1.1.0"
	doc["bank"].(map[string]any)["digest"] = "sha256:0000000000000000000000000000000000000000000000000000000000000011"
	doc["dimensions"] = doc["dimensions"].([]any)[1:] // drop cyber-security-privacy, and its gap
	var gaps []any
	for _, g := range doc["gaps"].([]any) {
		if g.(map[string]any)["dimension"] != "cyber-security-privacy" {
			gaps = append(gaps, g)
		}
	}
	doc["gaps"] = gaps
	next, _ := json.Marshal(doc)
	cur := filepath.Join(data, "next.json")
	os.WriteFile(cur, next, 0o600)

	r := mustRun(t, data, "", nil, "compare", old, cur, "-f", "json")
	var c compare.Comparison
	if err := json.Unmarshal([]byte(r.stdout), &c); err != nil {
		t.Fatal(err)
	}
	if len(c.Dimensions) != 15 || len(c.LeftOut) != 1 || c.LeftOut[0].ID != "cyber-security-privacy" || c.LeftOut[0].Only != "old" {
		t.Errorf("%d compared, left out %+v", len(c.Dimensions), c.LeftOut)
	}
	if text := mustRun(t, data, "", nil, "compare", old, cur).stdout; !strings.Contains(text, "Left out") || !strings.Contains(text, "Cyber security, privacy and records (only in the old result)") {
		t.Errorf("text does not say what was left out:\n%s", text)
	}
}

func TestCompareLast(t *testing.T) {
	t.Parallel()
	data := t.TempDir()
	dir := filepath.Join(data, "digilead", "results")
	saveResult(t, data, exampleAnswers, march, filepath.Join(dir, "a.json"))
	r := inData(t, data, "", nil, "compare", "--last")
	if r.code != 2 || !strings.Contains(r.stderr, "only one saved result") {
		t.Errorf("one saved: exit %d, %q", r.code, r.stderr)
	}
	saveResult(t, data, laterAnswers, september, filepath.Join(dir, "b.json"))
	r = mustRun(t, data, "", nil, "compare", "--last", "-f", "json")
	var c compare.Comparison
	if err := json.Unmarshal([]byte(r.stdout), &c); err != nil {
		t.Fatal(err)
	}
	if !strings.HasSuffix(c.Old.Source, "a.json") || !strings.HasSuffix(c.New.Source, "b.json") {
		t.Errorf("--last compared %s with %s; want a.json (older) with b.json", c.Old.Source, c.New.Source)
	}
}
