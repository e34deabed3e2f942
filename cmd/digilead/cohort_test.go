package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/digilead/digilead/assessment/batch/batchtest"
	"github.com/digilead/digilead/assessment/schematest"
	"github.com/digilead/digilead/report/iostreams"
)

// workshop scores n named answer sets and writes each result, indented,
// into a folder as a trainer would collect them. It returns the folder
// and the results as JSON Lines.
func workshop(t *testing.T, n int) (string, string) {
	t.Helper()
	path, _ := genAnswerSets(t, n, batchtest.Options{Seed: 11, Names: true, SkipRate: 0.12, NARate: 0.05})
	r := digilead(t, "", nil, "score", path)
	if r.code != 0 {
		t.Fatalf("score: exit %d: %s", r.code, r.stderr)
	}
	dir := t.TempDir()
	for i, line := range outputLines(r.stdout) {
		var buf bytes.Buffer
		json.Indent(&buf, []byte(line), "", "  ")
		name := filepath.Join(dir, fmt.Sprintf("person-%02d.json", i+1))
		if err := os.WriteFile(name, buf.Bytes(), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	return dir, r.stdout
}

func TestCohortFormats(t *testing.T) {
	t.Parallel()
	dir, jsonl := workshop(t, 20)
	for _, c := range []struct{ format, golden string }{
		{"text", "cohort.txt.golden"},
		{"markdown", "cohort.md.golden"},
		{"csv", "cohort.csv.golden"},
		{"json", "cohort.json.golden"},
		{"html", "cohort.html.golden"},
	} {
		r := digilead(t, "", nil, "cohort", "--format", c.format, dir)
		if r.code != 0 || r.stderr != "" {
			t.Fatalf("%s: exit %d: %s", c.format, r.code, r.stderr)
		}
		golden(t, c.golden, r.stdout)
		for _, private := range []string{"Person ", "r0000", "person-"} {
			if strings.Contains(r.stdout, private) {
				t.Errorf("%s output holds %q: cohorts must be anonymous", c.format, private)
			}
		}
		if c.format == "html" && (strings.Contains(r.stdout, "<script") || strings.Count(r.stdout, "http") != strings.Count(r.stdout, `xmlns="http://www.w3.org/2000/svg"`)) {
			t.Error("the handout is not self-contained: it has a script or a link")
		}
		if c.format == "json" {
			schematest.Validate(t, "cohort.schema.json", []byte(r.stdout))
			// score's JSON Lines on stdin give the same cohort as the folder.
			if piped := digilead(t, jsonl, nil, "cohort", "--format", "json"); piped.stdout != r.stdout {
				t.Errorf("JSON Lines on stdin give a different cohort:\n%s", piped.stdout)
			}
		}
	}
}

func TestCohortTextWidth(t *testing.T) {
	t.Parallel()
	dir, _ := workshop(t, 6)
	for _, cols := range []string{"60", "200"} {
		r := digilead(t, "", []string{"COLUMNS=" + cols}, "cohort", dir)
		limit := 60
		if cols == "200" {
			limit = 120
		}
		for _, line := range outputLines(r.stdout) {
			if n := len([]rune(line)); n > limit {
				t.Errorf("COLUMNS=%s: a line of %d columns: %q", cols, n, line)
			}
		}
	}
	r := digilead(t, "", []string{"ACCESSIBLE=1"}, "cohort", dir)
	if strings.ContainsAny(r.stdout, "█┃─░") || !strings.Contains(r.stdout, "middle half from") {
		t.Errorf("accessible text has drawing characters or lacks sentences:\n%s", r.stdout)
	}
}

func TestCohortTargetForEveryone(t *testing.T) {
	t.Parallel()
	dir, _ := workshop(t, 8)
	r := digilead(t, "", nil, "cohort", "--format", "json", "--target", "strategic", dir)
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	schematest.Validate(t, "cohort.schema.json", []byte(r.stdout))
	if !strings.Contains(r.stdout, `"gap_target": {`) || !strings.Contains(r.stdout, `"id": "strategic"`) {
		t.Errorf("no gap_target:\n%s", r.stdout)
	}
}

func TestCohortRefusals(t *testing.T) {
	t.Parallel()
	dir, _ := workshop(t, 6)
	small := digilead(t, "", nil, "cohort", filepath.Join(dir, "person-01.json"), filepath.Join(dir, "person-02.json"))
	if small.code != 2 || !strings.Contains(small.stderr, "only 2 results") || !strings.Contains(small.stderr, "--min-group 2") {
		t.Errorf("small group: exit %d, %s", small.code, small.stderr)
	}
	if ok := digilead(t, "", nil, "cohort", "--min-group", "2", filepath.Join(dir, "person-01.json"), filepath.Join(dir, "person-02.json")); ok.code != 0 {
		t.Errorf("--min-group 2: exit %d, %s", ok.code, ok.stderr)
	}

	odd := filepath.Join(dir, "person-03.json")
	data, _ := os.ReadFile(odd)
	os.WriteFile(odd, bytes.Replace(data, []byte(`"version": "3.1.0"`), []byte(`"version": "1.0.0"`), 1), 0o600)
	mixed := digilead(t, "", nil, "cohort", dir)
	if mixed.code != 2 || !strings.Contains(mixed.stderr, odd+" is from bank public-sector-digital-leadership 1.0.0") {
		t.Errorf("mixed banks: exit %d, %s", mixed.code, mixed.stderr)
	}

	os.WriteFile(odd, data[:len(data)/2], 0o600)
	broken := digilead(t, "", nil, "cohort", dir)
	if broken.code != 2 || !strings.Contains(broken.stderr, odd+":1: truncated") || broken.stdout != "" {
		t.Errorf("broken result: exit %d, %s", broken.code, broken.stderr)
	}

	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"cohort", "--min-group", "0", dir}, "--min-group: must be 1 or more"},
		{[]string{"cohort", "--format", "pdf", dir}, `unknown format "pdf"`},
		{[]string{"cohort", "--target", "boss", dir}, `--target: unknown tier "boss"`},
		{[]string{"cohort", "nowhere"}, "nowhere: no such file or directory"},
		{[]string{"cohort", t.TempDir()}, "holds no *.json or *.jsonl files"},
	} {
		r := digilead(t, "", nil, c.args...)
		if r.code != 2 || !strings.Contains(r.stderr, c.want) {
			t.Errorf("%v: exit %d, %q; want 2 and %q", c.args, r.code, r.stderr, c.want)
		}
	}
}

// TestCohortCountsEachResultOnce: naming a folder twice, a file inside it
// again, or a copy of a result cannot count anyone twice, so it cannot
// get round --min-group either.
func TestCohortCountsEachResultOnce(t *testing.T) {
	t.Parallel()
	dir, jsonl := workshop(t, 3)
	copied := filepath.Join(t.TempDir(), "copy.json")
	data, _ := os.ReadFile(filepath.Join(dir, "person-01.json"))
	os.WriteFile(copied, data, 0o600)
	r := digilead(t, "", nil, "cohort", "--format", "json", dir, dir, filepath.Join(dir, "person-02.json"), copied)
	if r.code != 2 || !strings.Contains(r.stderr, "only 3 results") {
		t.Errorf("a group of 3 named 4 ways: exit %d, %s", r.code, r.stderr)
	}
	for _, w := range []string{"read once", "1 duplicate result left out (the same respondent and completion time), e.g. " + copied} {
		if !strings.Contains(r.stderr, w) {
			t.Errorf("stderr lacks %q:\n%s", w, r.stderr)
		}
	}
	twice := digilead(t, jsonl+jsonl, nil, "cohort", "--min-group", "1", "--format", "json")
	var c struct{ Participants int }
	if err := json.Unmarshal([]byte(twice.stdout), &c); err != nil || c.Participants != 3 {
		t.Errorf("the same results piped twice: %d participants, %v; %s", c.Participants, err, twice.stderr)
	}
}

// TestCohortRefusesTwoEditsOfOneVersion: results of a bank edited without
// a new version are not comparable, like results of two banks.
func TestCohortRefusesTwoEditsOfOneVersion(t *testing.T) {
	t.Parallel()
	dir, _ := workshop(t, 6)
	odd := filepath.Join(dir, "person-03.json")
	data, _ := os.ReadFile(odd)
	var r map[string]any
	json.Unmarshal(data, &r)
	r["bank"].(map[string]any)["digest"] = "sha256:0123456789abcdef0123"
	edited, _ := json.Marshal(r)
	os.WriteFile(odd, edited, 0o600)
	c := digilead(t, "", nil, "cohort", dir)
	if c.code != 2 || !strings.Contains(c.stderr, "as edited differently (digest sha256:0123456789ab…") {
		t.Errorf("exit %d: %s", c.code, c.stderr)
	}
}

// TestTerminalStdinIsNoInput: given no paths, the commands that read
// documents from stdin refuse a terminal there (exit 2, naming what to
// give) rather than wait silently for someone to type documents.
func TestTerminalStdinIsNoInput(t *testing.T) {
	for _, args := range [][]string{{"score"}, {"cohort"}, {"bank", "stats"}} {
		s, out, errOut := iostreams.Test("", testEnv(t, nil))
		s.InTTY = true
		code := run(context.Background(), args, s)
		if code != 2 || out.Len() != 0 || !strings.Contains(errOut.String(), "no input: name files or directories of") {
			t.Errorf("%v: exit %d, stdout %q, stderr %q", args, code, out, errOut)
		}
	}
}
