package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/digilead/digilead/assessment/batch/batchtest"
	"github.com/digilead/digilead/questions"
)

// TestInputEncodings: what a Windows tool saves (a UTF-8 byte-order mark,
// UTF-16 LE or BE with its mark) is read by score, cohort, bank stats,
// bank calibrate and feedback report as the plain UTF-8 it is, from a
// file and from stdin, as JSON Lines or one document, with LF or CRLF:
// the same output byte for byte, the same messages at the same
// FILE:LINE, the same exit code.
func TestInputEncodings(t *testing.T) {
	t.Parallel()
	var sets bytes.Buffer
	if err := batchtest.Write(&sets, questions.Default(), 12, batchtest.Options{Seed: 3, SkipRate: 0.1, Groups: []string{"a", "b"}}); err != nil {
		t.Fatal(err)
	}
	lines := strings.SplitAfter(sets.String(), "\n")
	// a bad line 3, for where problems are placed
	answers := strings.Join(lines[:2], "") + "{\"answers\": {\"nope\": 1}}\n" + strings.Join(lines[2:], "")
	scored := digilead(t, sets.String(), nil, "score")
	result := digilead(t, "", nil, "assess", "--answers", example, "--format", "json")
	if scored.code != 0 || result.code != 0 {
		t.Fatalf("score: exit %d, %s; assess: exit %d, %s", scored.code, scored.stderr, result.code, result.stderr)
	}
	r := newFeedbackRun(t)
	self := r.self(5)
	var feedbackLines []string
	for i, role := range []string{"manager", "peer", "peer", "peer", "report", "report"} {
		data, err := os.ReadFile(r.give(role, 2+i%3, role+string(rune('0'+i))+".json"))
		if err != nil {
			t.Fatal(err)
		}
		var compact bytes.Buffer
		json.Compact(&compact, data)
		feedbackLines = append(feedbackLines, compact.String())
	}
	feedbackDoc, _ := os.ReadFile(filepath.Join(r.dir, "in", "manager0.json"))
	crlf := func(s string) string { return strings.ReplaceAll(s, "\n", "\r\n") }

	tests := []struct {
		name string
		args []string
		in   string
		env  []string
	}{
		{"score", []string{"score"}, answers, nil},
		{"score crlf", []string{"score"}, crlf(answers), nil},
		{"score csv", []string{"score", "--format", "csv"}, answers, nil},
		{"cohort of answer sets", []string{"cohort", "--min-group", "1", "--format", "json"}, crlf(sets.String()), nil},
		{"cohort of results", []string{"cohort", "--min-group", "1", "--format", "json"}, scored.stdout, nil},
		{"cohort of one result", []string{"cohort", "--min-group", "1", "--format", "json"}, result.stdout, nil},
		{"cohort of one result crlf", []string{"cohort", "--min-group", "1", "--format", "json"}, crlf(result.stdout), nil},
		{"bank stats", []string{"bank", "stats", "--bank", statsBank, "--format", "json"}, crlf(string(mustRead(t, statsAnswers))), nil},
		{"bank calibrate", []string{"bank", "calibrate", "--bank", calibrateBank, "--format", "json"}, string(mustRead(t, calibratePilot)), nil},
		{"feedback report", []string{"feedback", "report", "--bank", observedBank, "--self", self, "--format", "json"}, strings.Join(feedbackLines, "\n") + "\n", r.env},
		{"feedback report of one document", []string{"feedback", "report", "--bank", observedBank, "--self", self, "--format", "json"}, crlf(string(feedbackDoc)), r.env},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			want := digilead(t, tc.in, tc.env, tc.args...)
			if want.stdout == "" {
				t.Fatalf("plain UTF-8: exit %d, nothing out: %s", want.code, want.stderr)
			}
			for _, e := range batchtest.Encodings(tc.in) {
				file := filepath.Join(t.TempDir(), "in.jsonl")
				if err := os.WriteFile(file, e.Data, 0o600); err != nil {
					t.Fatal(err)
				}
				fromFile := digilead(t, "", tc.env, append(tc.args, file)...)
				fromFile.stderr = strings.ReplaceAll(fromFile.stderr, file, "stdin")
				for from, got := range map[string]runOut{"stdin": digilead(t, string(e.Data), tc.env, tc.args...), "file": fromFile} {
					if got != want {
						t.Errorf("%s from %s: exit %d, stderr %q, stdout %.300q\nplain UTF-8: exit %d, stderr %q, stdout %.300q", e.Name, from, got.code, got.stderr, got.stdout, want.code, want.stderr, want.stdout)
					}
				}
			}
		})
	}
}
