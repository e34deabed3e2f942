package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/digilead/digilead/assessment/batch/batchtest"
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
	"../../assessment/review/testdata/clean.yaml",
	"../../assessment/review/testdata/weak-blocker.yaml",
	"../../assessment/review/testdata/falling-expectation.yaml",
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
