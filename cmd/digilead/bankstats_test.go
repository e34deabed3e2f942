package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/digilead/digilead/assessment/schematest"
)

const (
	statsBank    = "testdata/stats-bank.yaml"
	statsAnswers = "testdata/stats-answers.jsonl"
)

func TestBankStatsFormats(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct{ golden, format string }{
		{"stats.txt.golden", "text"},
		{"stats.json.golden", "json"},
		{"stats.csv.golden", "csv"},
		{"stats.md.golden", "markdown"},
	} {
		t.Run(tc.format, func(t *testing.T) {
			r := digilead(t, "", nil, "bank", "stats", "--bank", statsBank, statsAnswers, "--format", tc.format)
			if r.code != 0 || r.stderr != "" {
				t.Fatalf("exit %d, stderr %q", r.code, r.stderr)
			}
			if strings.Contains(r.stdout, "\x1b[") {
				t.Error("escape codes in output to a pipe")
			}
			if tc.format == "json" {
				schematest.Validate(t, "itemstats.schema.json", []byte(r.stdout))
			}
			golden(t, tc.golden, r.stdout)
		})
	}
	r := digilead(t, "", []string{"ACCESSIBLE=1"}, "bank", "stats", "--bank", statsBank, statsAnswers)
	if r.code != 0 {
		t.Fatalf("accessible: exit %d: %s", r.code, r.stderr)
	}
	golden(t, "stats.accessible.golden", r.stdout)
}

func TestBankStatsInputs(t *testing.T) {
	t.Parallel()
	want := digilead(t, "", nil, "bank", "stats", "--bank", statsBank, statsAnswers, "-f", "json")
	data, _ := os.ReadFile(statsAnswers)
	for name, args := range map[string][]string{
		"stdin, no file": {},
		"stdin as -":     {"-"},
	} {
		r := digilead(t, string(data), nil, append([]string{"bank", "stats", "--bank", statsBank, "-f", "json"}, args...)...)
		if r.code != 0 || r.stdout != want.stdout {
			t.Errorf("%s: exit %d, output differs from reading the file; stderr %q", name, r.code, r.stderr)
		}
	}

	// Results carry their answers: three scored answer sets, as pretty
	// result files in a directory and as JSON Lines of results, give the
	// same statistics as the three answer sets.
	dir := t.TempDir()
	lines := strings.SplitAfter(strings.TrimSpace(string(data)), "\n")[:3]
	var compact []string
	for i, line := range lines {
		res := digilead(t, line, nil, "assess", "--bank", statsBank, "--answers", "-", "-f", "json")
		if res.code != 0 {
			t.Fatalf("assess: %s", res.stderr)
		}
		os.WriteFile(filepath.Join(dir, "r"+string(rune('0'+i))+".json"), []byte(res.stdout), 0o600)
		var v any
		json.Unmarshal([]byte(res.stdout), &v)
		b, _ := json.Marshal(v)
		compact = append(compact, string(b))
	}
	fromAnswers := digilead(t, strings.Join(lines, ""), nil, "bank", "stats", "--bank", statsBank, "-f", "json")
	fromDir := digilead(t, "", nil, "bank", "stats", "--bank", statsBank, dir, "-f", "json")
	fromJSONL := digilead(t, strings.Join(compact, "\n")+"\n", nil, "bank", "stats", "--bank", statsBank, "-f", "json")
	for name, r := range map[string]runOut{"result files": fromDir, "JSON Lines of results": fromJSONL} {
		if r.code != 0 || r.stdout != fromAnswers.stdout {
			t.Errorf("%s: exit %d, stderr %q; statistics differ from the answer sets':\n%s\nwant:\n%s", name, r.code, r.stderr, r.stdout, fromAnswers.stdout)
		}
	}
}

func TestBankStatsBadLines(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.jsonl")
	good, _ := os.ReadFile(statsAnswers)
	first := strings.SplitN(string(good), "\n", 2)[0]
	os.WriteFile(bad, []byte(first+"\n"+
		"not json\n"+
		`{"answers": {"s1": 9, "nope": 1}}`+"\n"+
		"\n"+
		`{"bank": "other-bank", "answers": {}}`+"\n"+
		`{"schema": "digilead.result/v9"}`+"\n"+
		`{"answers": {"p1": "na"}}`+"\n"), 0o600)
	r := digilead(t, "", nil, "bank", "stats", "--bank", statsBank, bad)
	if r.code != 2 {
		t.Errorf("exit %d, want 2 when lines are rejected", r.code)
	}
	// The help says the exit code the command gives (QA #7).
	if h := digilead(t, "", nil, "bank", "stats", "--help"); !strings.Contains(h.stdout, "left out; the exit code is then 2.") {
		t.Errorf("bank stats --help does not give exit 2 for bad lines:\n%s", h.stdout)
	}
	if !strings.Contains(r.stdout, "2 answer sets.") {
		t.Errorf("the good lines are still analysed; stdout:\n%s", r.stdout)
	}
	for _, w := range []string{
		bad + ":2: not a JSON object",
		bad + ":3: s1: 9 is off the scale; give a whole number from 1 to 5",
		bad + ":3: nope: unknown question",
		bad + `:5: bank: the answers are for bank "other-bank"`,
		bad + `:6: schema "digilead.result/v9" is from a newer or unknown version of digilead`,
		"digilead: 2 answer sets analysed, 4 rejected",
	} {
		if !strings.Contains(r.stderr, w) {
			t.Errorf("stderr lacks %q:\n%s", w, r.stderr)
		}
	}
	stdin := digilead(t, first+"\n"+`{"answers": {"s1": 0}}`+"\n", nil, "bank", "stats", "--bank", statsBank)
	if !strings.HasPrefix(stdin.stderr, "stdin:2: s1: 0 is off the scale") {
		t.Errorf("stdin lines are named by number: %q", stdin.stderr)
	}
}

func TestBankStatsUsageErrors(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		stdin  string
		args   []string
		code   int
		stderr string
	}{
		{"unknown format", "", []string{"--format", "pdf", statsAnswers}, 2, `--format: unknown format "pdf"; use one of csv, json, markdown, text`},
		{"no answers", "", []string{}, 2, "no answer sets in the input"},
		{"missing file", "", []string{"nope.jsonl"}, 2, "nope.jsonl: no such file or directory"},
		{"empty directory", "", []string{"testdata/../../../docs/schema/../../questions/testdata/split"}, 2, "holds no *.json or *.jsonl files"},
		{"write to the built-in bank", "", []string{"--write", "--bank", "", statsAnswers}, 2, "--write: the built-in bank cannot be changed; export it first"},
		{"every line rejected", "{}\n", []string{"--bank", statsBank}, 2, "0 answer sets analysed, 1 rejected; nothing to analyse"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			args := append([]string{"bank", "stats"}, tc.args...)
			if !strings.Contains(strings.Join(tc.args, " "), "--bank") {
				args = append(args, "--bank", statsBank)
			}
			r := digilead(t, tc.stdin, nil, args...)
			if r.code != tc.code || !strings.Contains(r.stderr, tc.stderr) {
				t.Errorf("exit %d (want %d), stderr:\n%s\nwant it to hold %q", r.code, tc.code, r.stderr, tc.stderr)
			}
			if r.stdout != "" {
				t.Errorf("stdout must stay empty on error, got %q", r.stdout)
			}
		})
	}
}

func TestBankStatsWrite(t *testing.T) {
	t.Parallel()
	orig, _ := os.ReadFile(statsBank)
	path := filepath.Join(t.TempDir(), "bank.yaml")
	os.WriteFile(path, orig, 0o644)
	r := digilead(t, "", nil, "bank", "stats", "--bank", path, statsAnswers, "--write", "-f", "json")
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	edited, _ := os.ReadFile(path)
	for _, w := range []string{
		"  - id: sound\n    name: \"Sound | dimension\"\n    weight: 2\n    reliability: 0.868\n    score_sd: 32.06\n  - id: mixed",
		"\n    score_sd: ",
		"# A small bank for the bank stats tests",
	} {
		if !strings.Contains(string(edited), w) {
			t.Errorf("edited bank lacks %q:\n%s", w, edited)
		}
	}
	if strings.Count(string(edited), "reliability:") != 2 {
		t.Errorf("want reliability recorded for sound and pair only (mixed has a negative alpha):\n%s", edited)
	}
	if !strings.Contains(r.stderr, "--write skipped mixed: alpha -1.07 is not a usable reliability") || !strings.Contains(r.stderr, "for 2 of 3 dimensions in "+path) {
		t.Errorf("stderr: %s", r.stderr)
	}
	if info, _ := os.Stat(path); runtime.GOOS != "windows" && info.Mode().Perm() != 0o644 {
		t.Errorf("bank file mode %v, want its own 0644 kept", info.Mode().Perm())
	}
	if v := digilead(t, "", nil, "bank", "validate", path); v.code != 0 {
		t.Errorf("edited bank does not validate: %s", v.stderr)
	}

	// Results scored with the bank now carry the SEM.
	first := strings.SplitN(string(mustRead(t, statsAnswers)), "\n", 2)[0]
	res := digilead(t, first, nil, "assess", "--bank", path, "--answers", "-", "-f", "json")
	schematest.Validate(t, "result.schema.json", []byte(res.stdout))
	if !strings.Contains(res.stdout, `"sem": `) {
		t.Errorf("a result of the edited bank has no sem:\n%s", res.stdout)
	}

	// A second run replaces the figures in place.
	again := digilead(t, "", nil, "bank", "stats", "--bank", path, statsAnswers, "--write", "-f", "json")
	if twice, _ := os.ReadFile(path); again.code != 0 || string(twice) != string(edited) {
		t.Errorf("a second --write with the same answers changed the bank (exit %d)", again.code)
	}
}

func TestBankStatsWriteDirectoryBank(t *testing.T) {
	t.Parallel()
	orig := string(mustRead(t, statsBank))
	head, qs, _ := strings.Cut(orig, "questions:\n")
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "00-bank.yaml"), []byte(head), 0o600)
	os.WriteFile(filepath.Join(dir, "10-questions.yaml"), []byte("questions:\n"+qs), 0o600)
	r := digilead(t, "", nil, "bank", "stats", "--bank", dir, statsAnswers, "--write", "-f", "json")
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	if got := string(mustRead(t, filepath.Join(dir, "00-bank.yaml"))); strings.Count(got, "reliability:") != 2 {
		t.Errorf("the file with the dimensions was not edited:\n%s", got)
	}
	if got := string(mustRead(t, filepath.Join(dir, "10-questions.yaml"))); got != "questions:\n"+qs {
		t.Errorf("the questions file changed")
	}
}

func mustRead(t *testing.T, path string) []byte {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return data
}
