package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// observerBank is a bank with observer wording: q1's speaks of the
// person, q2's to its reader.
const observerBank = `schema: digilead/v1
id: observed
title: Observed
version: "1"
tiers:
  - {id: a, name: A, rank: 1, expectations: {d: 50}}
dimensions:
  - {id: d, name: D}
questions:
  - id: q1
    dimension: d
    text: "In the last 12 months, how often did you ask for feedback?"
    observer:
      text: "In the last 12 months, how often did this person ask for feedback?"
  - id: q2
    dimension: d
    text: "In the last 12 months, how often did you check a figure?"
    observer:
      text: "In the last 12 months, how often did you check a figure?"
`

// TestBankValidateObserver: observer text missing is an error at
// FILE:LINE (exit 2); observer text that speaks to "you" is a warning
// (exit 0), even with --strict.
func TestBankValidateObserver(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	bank := filepath.Join(dir, "bank.yaml")
	os.WriteFile(bank, []byte(observerBank), 0o644)
	for _, args := range [][]string{{"bank", "validate", bank}, {"bank", "validate", "--strict", bank}} {
		r := digilead(t, "", nil, args...)
		want := bank + `:19: questions[q2].observer.text: speaks to its reader ("did you"), not of the person observed`
		if r.code != 0 || !strings.Contains(r.stderr, want) || !strings.Contains(r.stderr, "(warning)") || strings.Contains(r.stderr, "q1") {
			t.Errorf("%v: exit %d, stderr:\n%s", args, r.code, r.stderr)
		}
	}
	bad := filepath.Join(dir, "bad.yaml")
	os.WriteFile(bad, []byte(strings.Replace(observerBank, "      text: \"In the last 12 months, how often did this person ask for feedback?\"", "      help: \"Count what you saw.\"", 1)), 0o644)
	r := digilead(t, "", nil, "bank", "validate", bad)
	if want := bad + ":13: questions[q1].observer.text: missing;"; r.code != 2 || !strings.Contains(r.stderr, want) {
		t.Errorf("exit %d, stderr:\n%s\nwant %s", r.code, r.stderr, want)
	}
}
