package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/digilead/digilead/assessment/schematest"
)

const (
	reviewV1    = "../../questions/testdata/default-v1.yaml"
	reviewClean = "../../assessment/review/testdata/clean.yaml"
)

func TestBankReviewExitCodes(t *testing.T) {
	t.Parallel()
	bad := filepath.Join(t.TempDir(), "bad.yaml")
	os.WriteFile(bad, []byte("schema: digilead/v1\nid: x\ntitle: X\nversion: 1\n"), 0o600)
	for _, tc := range []struct {
		name   string
		args   []string
		code   int
		stdout string // a line the output holds; "" for none
		stderr string
	}{
		{"findings", []string{reviewV1}, 1, "default-v1.yaml:414: error longest-is-best", ""},
		{"clean", []string{reviewClean}, 0, "No findings: the bank passes every check.", ""},
		{"invalid bank", []string{bad}, 2, "", bad + ":4: version:"},
		{"no such bank", []string{"no-such-bank.yaml"}, 2, "", "no-such-bank.yaml"},
		{"unknown format", []string{reviewClean, "--format", "csv"}, 2, "", "--format: unknown format \"csv\"; use one of json, markdown, text"},
		{"no respondents", []string{reviewClean, "--respondents", "0"}, 2, "", "--respondents: 0 is out of range; give 1 to 1000000"},
		{"bad seed", []string{reviewClean, "--seed", "-1"}, 2, "", "invalid argument \"-1\" for \"--seed\""},
		{"two banks", []string{reviewClean, reviewV1}, 2, "", "takes at most 1 argument(s), got 2"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := digilead(t, "", nil, append([]string{"bank", "review"}, tc.args...)...)
			if r.code != tc.code {
				t.Errorf("exit %d, want %d; stderr %q", r.code, tc.code, r.stderr)
			}
			if tc.stdout != "" && !strings.Contains(r.stdout, tc.stdout) {
				t.Errorf("stdout lacks %q:\n%s", tc.stdout, r.stdout)
			}
			if tc.stdout == "" && r.stdout != "" {
				t.Errorf("stdout carries %q on failure", r.stdout)
			}
			if !strings.Contains(r.stderr, tc.stderr) || tc.stderr == "" && r.stderr != "" {
				t.Errorf("stderr %q, want %q", r.stderr, tc.stderr)
			}
			if strings.Contains(r.stdout, "\x1b[") {
				t.Error("escape codes in output to a pipe")
			}
		})
	}
}

// TestBankReviewBuiltIn reviews the built-in bank: the exit code says
// whether the JSON has findings, and the document is valid.
func TestBankReviewBuiltIn(t *testing.T) {
	t.Parallel()
	r := digilead(t, "", nil, "bank", "review", "--format", "json", "--respondents", "200")
	schematest.Validate(t, "review.schema.json", []byte(r.stdout))
	var doc struct {
		Bank     struct{ ID string }
		Findings []json.RawMessage
	}
	if err := json.Unmarshal([]byte(r.stdout), &doc); err != nil {
		t.Fatal(err)
	}
	if want := map[bool]int{true: 0, false: 1}[len(doc.Findings) == 0]; r.code != want {
		t.Errorf("exit %d with %d findings, want %d", r.code, len(doc.Findings), want)
	}
	if doc.Bank.ID != "public-sector-digital-leadership" {
		t.Errorf("bank %q", doc.Bank.ID)
	}
}

func TestBankReviewOutputAndSeed(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "review.md")
	r := digilead(t, "", nil, "bank", "review", reviewV1, "-f", "markdown", "-o", path, "--seed", "5", "--respondents", "300")
	if r.code != 1 || r.stdout != "" || r.stderr != "digilead: 44 finding(s) in the bank; see "+path+"\n" {
		t.Fatalf("exit %d, stdout %q, stderr %q", r.code, r.stdout, r.stderr)
	}
	data, err := os.ReadFile(path)
	if err != nil || !strings.HasPrefix(string(data), "# Bank review: ") || !strings.Contains(string(data), "Seed 5; 300 respondents") {
		t.Fatalf("%v:\n%.300s", err, data)
	}

	// The same seed gives the same review; another seed, other shares.
	json := func(seed string) string {
		return digilead(t, "", nil, "bank", "review", reviewV1, "-f", "json", "--seed", seed, "--respondents", "300").stdout
	}
	a := json("5")
	schematest.Validate(t, "review.schema.json", []byte(a))
	if b := json("5"); b != a {
		t.Error("two runs with the same seed differ")
	}
	if c := json("6"); c == a {
		t.Error("another seed gives the same review")
	}
}
