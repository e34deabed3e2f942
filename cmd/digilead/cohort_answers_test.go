package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/digilead/digilead/assessment/batch/batchtest"
	"github.com/digilead/digilead/assessment/schematest"
	"github.com/digilead/digilead/questions"
	"github.com/digilead/digilead/questions/questionstest"
)

// cohortBanks are the banks the answers path is checked on: the built-in
// one and the test banks of other packages, whose shapes differ (choice,
// multi and yes/no questions, N/A, reverse keys, weights, tiers without
// expectations).
var cohortBanks = []string{
	"",
	"../../report/testdata/tricky-bank.yaml",
	"testdata/stats-bank.yaml",
	"../../assessment/testdata/small.yaml",
	"testdata/probable-bank.yaml",
	"../../assessment/review/testdata/clean.yaml",
	"../../assessment/review/testdata/weak-blocker.yaml",
	"../../assessment/review/testdata/falling-expectation.yaml",
	"../../bench/five-factor.yaml",
}

// answerFile writes n generated answer sets for a bank (the built-in one
// for ""), with skips, N/A, roles, groups and a few respondents twice,
// and returns its path.
func answerFile(t *testing.T, bankPath string, n int) string {
	t.Helper()
	b := questions.Default()
	if bankPath != "" {
		b = questionstest.Load(t, bankPath)
	}
	var buf bytes.Buffer
	o := batchtest.Options{Seed: 5, SkipRate: 0.2, NARate: 0.15, Groups: []string{"finance", "health", "justice", "tax", "transport"}}
	if err := batchtest.Write(&buf, b, n, o); err != nil {
		t.Fatal(err)
	}
	lines := strings.SplitAfter(buf.String(), "\n")
	// The same respondents again, with other answers: counted once.
	again := batchtest.Options{Seed: 6, SkipRate: 0.1, Groups: o.Groups}
	for _, i := range []int{3, 17} {
		var l bytes.Buffer
		batchtest.Write(&l, b, i+1, again)
		lines = append(lines, strings.SplitAfter(l.String(), "\n")[i])
	}
	path := filepath.Join(t.TempDir(), "answers.jsonl")
	if err := os.WriteFile(path, []byte(strings.Join(lines, "")), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// TestCohortFromAnswersIsScoreThenCohort: the one-pass cohort of answer
// sets is byte for byte what score | cohort gives, in every format, with
// each person's own target and with one for everyone, whole and by group.
func TestCohortFromAnswersIsScoreThenCohort(t *testing.T) {
	t.Parallel()
	for _, bank := range cohortBanks {
		name := bank
		if name == "" {
			name = "built-in"
		}
		t.Run(filepath.Base(name), func(t *testing.T) {
			path := answerFile(t, bank, 60)
			var bankArgs []string
			if bank != "" {
				bankArgs = []string{"--bank", bank}
			}
			scored := digilead(t, "", nil, append([]string{"score"}, append(bankArgs, path)...)...)
			if scored.code != 0 {
				t.Fatalf("score: exit %d: %s", scored.code, scored.stderr)
			}
			b := questions.Default()
			if bank != "" {
				b = questionstest.Load(t, bank)
			}
			variants := [][]string{nil, {"--by", "group"}, {"--by", "role", "--min-group", "12"}}
			for _, tier := range b.TierIDs() {
				variants = append(variants, []string{"--target", tier})
			}
			for _, v := range variants {
				for _, format := range []string{"json", "text", "csv", "markdown", "html"} {
					args := append(append([]string{"cohort", "--format", format}, bankArgs...), v...)
					piped := digilead(t, scored.stdout, nil, args...)
					direct := digilead(t, "", nil, append(args, path)...)
					if piped.code != 0 || direct.code != 0 {
						t.Fatalf("%v: exit %d (piped) and %d (answers): %s%s", args, piped.code, direct.code, piped.stderr, direct.stderr)
					}
					if direct.stdout != piped.stdout {
						t.Fatalf("%v: the cohort of the answers differs from score | cohort:\n%s\n--- score | cohort:\n%s", args, direct.stdout, piped.stdout)
					}
					if !strings.Contains(direct.stderr, "2 duplicate answer sets left out (the same respondent id and name), e.g. "+path+":61, already read at "+path+":4") {
						t.Errorf("%v: stderr %q", args, direct.stderr)
					}
				}
			}
		})
	}
}

// TestCohortByGroupFormats: a cohort grouped by respondent.group, from
// answer sets, in every format (golden files); the JSON follows the
// schema, and no group under --min-group is named.
func TestCohortByGroupFormats(t *testing.T) {
	t.Parallel()
	b := questions.Default()
	var buf bytes.Buffer
	// tax and rail are small: merged, with the smallest shown group.
	o := batchtest.Options{Seed: 21, SkipRate: 0.1, NARate: 0.05, Groups: []string{"finance", "health", "justice", "tax", "rail"}}
	if err := batchtest.Write(&buf, b, 30, o); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "answers.jsonl")
	os.WriteFile(path, buf.Bytes(), 0o600)
	for _, c := range []struct{ format, golden string }{
		{"text", "cohort-by.txt.golden"},
		{"markdown", "cohort-by.md.golden"},
		{"csv", "cohort-by.csv.golden"},
		{"json", "cohort-by.json.golden"},
		{"html", "cohort-by.html.golden"},
	} {
		r := digilead(t, "", nil, "cohort", "--by", "group", "--format", c.format, path)
		if r.code != 0 || r.stderr != "" {
			t.Fatalf("%s: exit %d: %s", c.format, r.code, r.stderr)
		}
		golden(t, c.golden, r.stdout)
		if c.format == "json" {
			schematest.Validate(t, "cohort.schema.json", []byte(r.stdout))
		}
		for _, small := range []string{"tax", "rail"} {
			if strings.Contains(r.stdout, small) {
				t.Errorf("%s: the small group %q is named", c.format, small)
			}
		}
	}
	r := digilead(t, "", []string{"ACCESSIBLE=1"}, "cohort", "--by", "group", path)
	if !strings.Contains(r.stdout, "By group") || !strings.Contains(r.stdout, "Other groups (") {
		t.Errorf("accessible text lacks the groups:\n%s", r.stdout)
	}
	if bad := digilead(t, "", nil, "cohort", "--by", "department", path); bad.code != 2 || !strings.Contains(bad.stderr, "--by: give group or role") {
		t.Errorf("--by department: exit %d, %s", bad.code, bad.stderr)
	}
}

// TestCohortFromAnswersRefusals: an answer set that cannot be scored is
// reported at its line and no report is made, as for a bad result; a file
// of answers read as results is refused, not summed.
func TestCohortFromAnswersRefusals(t *testing.T) {
	t.Parallel()
	path := answerFile(t, "", 8)
	data, _ := os.ReadFile(path)
	bad := filepath.Join(t.TempDir(), "bad.jsonl")
	os.WriteFile(bad, append(data, []byte(`{"answers": {"vis-explain": 9}}`+"\n")...), 0o600)
	r := digilead(t, "", nil, "cohort", bad)
	if r.code != 2 || r.stdout != "" || !strings.Contains(r.stderr, bad+":11: vis-explain") || !strings.Contains(r.stderr, "1 answer set could not be read") {
		t.Errorf("a bad answer set: exit %d, stdout %d bytes, stderr %s", r.code, len(r.stdout), r.stderr)
	}
	if r := digilead(t, "", nil, "cohort", "--input", "results", path); r.code != 2 || !strings.Contains(r.stderr, "results could not be read") {
		t.Errorf("answers read as results: exit %d, %s", r.code, r.stderr)
	}
	if r := digilead(t, "", nil, "cohort", "--input", "scores", path); r.code != 2 || !strings.Contains(r.stderr, "--input: give answers or results") {
		t.Errorf("--input scores: exit %d, %s", r.code, r.stderr)
	}
}
