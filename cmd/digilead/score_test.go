package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/digilead/digilead/assessment/batch/batchtest"
	"github.com/digilead/digilead/assessment/schematest"
	"github.com/digilead/digilead/questions"
	"github.com/digilead/digilead/questions/questionstest"
)

// answerSets writes n generated answer sets for the default bank to a
// file and returns its path and lines.
func genAnswerSets(t *testing.T, n int, o batchtest.Options) (string, []string) {
	t.Helper()
	b := questions.Default()
	var buf bytes.Buffer
	if err := batchtest.Write(&buf, b, n, o); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "answers.jsonl")
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return path, strings.Split(strings.TrimSpace(buf.String()), "\n")
}

func outputLines(s string) []string {
	if s == "" {
		return nil
	}
	return strings.Split(strings.TrimSuffix(s, "\n"), "\n")
}

// TestScoreMatchesAssess scores answer sets in bulk and checks each line
// against the result schema and, byte for byte, against assess on the
// same answers (the fast decoder and encoder against encoding/json), for
// a bank of each level rule: the built-in bank (most-probable) and the
// 1.0.0 one (strict).
func TestScoreMatchesAssess(t *testing.T) {
	t.Parallel()
	for _, bank := range []string{"", "../../questions/testdata/default-v1.yaml"} {
		b := questions.Default()
		args := []string{}
		if bank != "" {
			b = questionstest.Load(t, bank)
			args = []string{"--bank", bank}
		}
		var buf bytes.Buffer
		if err := batchtest.Write(&buf, b, 40, batchtest.Options{Seed: 7, SkipRate: 0.1, NARate: 0.1}); err != nil {
			t.Fatal(err)
		}
		in := strings.Split(strings.TrimSpace(buf.String()), "\n")
		r := digilead(t, buf.String(), nil, append([]string{"score"}, args...)...)
		if r.code != 0 || r.stderr != "digilead score: 40 scored, 0 rejected\n" {
			t.Fatalf("exit %d, stderr %q", r.code, r.stderr)
		}
		out := outputLines(r.stdout)
		if len(out) != len(in) {
			t.Fatalf("%d results for %d answer sets", len(out), len(in))
		}
		for i, line := range out {
			schematest.Validate(t, "result.schema.json", []byte(line))
			if i%5 != 0 {
				continue
			}
			one := digilead(t, in[i], nil, append([]string{"assess", "--answers", "-", "--format", "json"}, args...)...)
			var compact bytes.Buffer
			if err := json.Compact(&compact, []byte(one.stdout)); err != nil {
				t.Fatal(err)
			}
			if line != compact.String() {
				t.Errorf("bank %q line %d: score and assess disagree:\n%s\n%s", bank, i+1, line, compact.String())
			}
		}
	}
}

func TestScoreKeepsOrder(t *testing.T) {
	t.Parallel()
	path, in := genAnswerSets(t, 3000, batchtest.Options{Seed: 3})
	one := digilead(t, "", nil, "score", "--workers", "1", path)
	many := digilead(t, "", nil, "score", "--workers", "16", path)
	if one.code != 0 || many.code != 0 {
		t.Fatalf("exit %d and %d: %s %s", one.code, many.code, one.stderr, many.stderr)
	}
	if one.stdout != many.stdout {
		t.Fatal("16 workers give different output from 1 worker")
	}
	for i, line := range outputLines(many.stdout) {
		if want := fmt.Sprintf(`"id":"r%06d"`, i+1); !strings.Contains(line[:400], want) {
			t.Fatalf("line %d is not respondent %d", i+1, i+1)
		}
	}
	if n := len(outputLines(many.stdout)); n != len(in) {
		t.Fatalf("%d results for %d sets", n, len(in))
	}
}

func TestScoreBadLines(t *testing.T) {
	t.Parallel()
	_, good := genAnswerSets(t, 3, batchtest.Options{Seed: 1})
	in := strings.Join([]string{
		good[0],
		"",
		`not json`,
		`{"answers":{"vis-it-only":9,"vis-it-onyl":3}}`,
		good[1],
		`{"respondent":{"role":"boss"},"answers":{}}`,
		`{"answers":{"vis-horizon":4}`,
		`answers: {vis-horizon: 4}`,
		`{"answers":{"x":"` + strings.Repeat("y", 1<<20) + `"}}`,
		"   ",
		good[2],
	}, "\n")
	r := digilead(t, in, nil, "score")
	if r.code != 2 {
		t.Errorf("exit %d, want 2", r.code)
	}
	want := `stdin:3: not a JSON object; each line holds one answer set: {"respondent": {...}, "answers": {...}}
stdin:4: vis-it-only: 9 is off the scale; give a whole number from 1 to 5, or "na"
stdin:4: vis-it-onyl: unknown question (did you mean "vis-it-only"?); check the bank with 'digilead bank show'
stdin:6: respondent.role: unknown tier "boss"; use one of frontline, operational, strategic
stdin:7: JSON ends too early (truncated?)
stdin:8: not a JSON object; each line holds one answer set: {"respondent": {...}, "answers": {...}}
stdin:9: longer than the 1024 KiB limit; each set must be one JSON object on one line: line too long
digilead score: 3 scored, 6 rejected
`
	if r.stderr != want {
		t.Errorf("stderr:\n%s\nwant:\n%s", r.stderr, want)
	}
	out := outputLines(r.stdout)
	if len(out) != 3 || !strings.Contains(out[2], `"id":"r000003"`) {
		t.Errorf("the good lines were not all scored, in order: %d results", len(out))
	}
}

func TestScoreSeveralFiles(t *testing.T) {
	t.Parallel()
	a, _ := genAnswerSets(t, 2, batchtest.Options{Seed: 1})
	bad := filepath.Join(t.TempDir(), "bad.jsonl")
	os.WriteFile(bad, []byte("{\"answers\":{}}\n{\"answers\":{\"nope\":1}}\n"), 0o644)
	r := digilead(t, "", nil, "score", a, bad, "-")
	if r.code != 2 || !strings.Contains(r.stderr, bad+":2: nope: unknown question") || !strings.Contains(r.stderr, "3 scored, 1 rejected") {
		t.Errorf("exit %d, stderr %q", r.code, r.stderr)
	}
}

func TestScoreCSV(t *testing.T) {
	t.Parallel()
	in := `{"respondent":{"id":"e1","name":"=HYPERLINK(\"x\")","role":"operational"},"answers":{"vis-horizon":5,"vis-level":5}}` + "\n"
	r := digilead(t, in, nil, "score", "--format", "csv", "--target", "strategic")
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	lines := outputLines(r.stdout)
	if len(lines) != 2 {
		t.Fatalf("%d lines:\n%s", len(lines), r.stdout)
	}
	wantHead := "id,name,role,level,target,cyber-security-privacy,accessibility,continuous-learning,technology-adoption,citizen-centred-services,leading-change,collaboration,agile-delivery,data-informed-decisions,workforce-development,digital-vision,resources-value,technology-commercial,data-governance,responsible-ai,trust-transparency,readiness_frontline,readiness_operational,readiness_strategic,level_probability"
	if lines[0] != wantHead {
		t.Errorf("header %s", lines[0])
	}
	if !strings.HasPrefix(lines[1], `e1,"'=HYPERLINK(""x"")",operational,,strategic,`) || strings.Count(lines[1], ",") != strings.Count(wantHead, ",") {
		t.Errorf("row %s", lines[1])
	}
}

func TestScoreOutputFile(t *testing.T) {
	t.Parallel()
	path, _ := genAnswerSets(t, 5, batchtest.Options{Seed: 1})
	out := filepath.Join(t.TempDir(), "results.jsonl")
	r := digilead(t, "", nil, "score", "-o", out, path)
	info, err := os.Stat(out)
	if r.code != 0 || r.stdout != "" || err != nil || info.Mode().Perm() != 0o600 {
		t.Fatalf("exit %d, stdout %q, %v, mode %v", r.code, r.stdout, err, info.Mode())
	}
	if data, _ := os.ReadFile(out); len(outputLines(string(data))) != 5 {
		t.Error("the file does not hold 5 results")
	}
}

func TestScoreUsage(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"score", "--target", "boss"}, `--target: unknown tier "boss"`},
		{[]string{"score", "--format", "xml"}, `--format: unknown format "xml"; use one of csv, jsonl`},
		{[]string{"score", "missing.jsonl"}, "missing.jsonl: no such file"},
		{[]string{"score", "--bank", "missing.yaml"}, "bank missing.yaml"},
		{[]string{"score", "--workers", "-1"}, "--workers: give 1 to 1024"},
		{[]string{"score", "--workers", "2000000000"}, "--workers: give 1 to 1024 (or leave it out for one per CPU), got 2000000000"},
		{[]string{"score", "."}, ". holds no *.json or *.jsonl files"},
	} {
		r := digilead(t, "", nil, c.args...)
		if r.code != 2 || !strings.Contains(r.stderr, c.want) || r.stdout != "" {
			t.Errorf("%v: exit %d, stderr %q; want 2 and %q", c.args, r.code, r.stderr, c.want)
		}
	}
}

// TestScoreRefusesDuplicateKeys: the fast line decoder and the standard
// reader agree: a key given twice is refused with its line and question.
func TestScoreRefusesDuplicateKeys(t *testing.T) {
	t.Parallel()
	in := `{"answers":{"vis-horizon":3,"vis-horizon":4}}` + "\n" + `{"answers":{"vis-horizon":3},"answers":{"vis-explain":2}}` + "\n"
	r := digilead(t, in, nil, "score")
	want := "stdin:1: vis-horizon: given twice (first at line 1); keep one\nstdin:2: answers: given twice (first at line 1); keep one\n"
	if r.code != 2 || !strings.HasPrefix(r.stderr, want) || r.stdout != "" {
		t.Errorf("exit %d, stdout %q, stderr:\n%s", r.code, r.stdout, r.stderr)
	}
}
