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

// TestBankTranslateObserver: bank translate writes each observer text
// and help under its question, and a translation that fills them in
// validates.
func TestBankTranslateObserver(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	bank := filepath.Join(dir, "bank.yaml")
	os.WriteFile(bank, []byte(observerBank), 0o644)
	r := digilead(t, "", nil, "bank", "translate", "fr", bank)
	want := "    observer:\n      # en: In the last 12 months, how often did this person ask for feedback?\n      text: \"\"\n"
	if r.code != 0 || !strings.Contains(r.stdout, want) || !strings.Contains(r.stdout, "  questions.q1.observer.text: ") {
		t.Fatalf("exit %d, stdout:\n%s", r.code, r.stdout)
	}
	fr := filepath.Join(dir, "fr.yaml")
	filled := strings.Replace(r.stdout, want, strings.Replace(want, `text: ""`, `text: "Au cours des 12 derniers mois, à quelle fréquence cette personne a-t-elle demandé un retour ?"`, 1), 1)
	os.WriteFile(fr, []byte(filled), 0o644)
	v := digilead(t, "", nil, "bank", "validate", "--bank", bank, fr)
	if v.code != 0 || strings.Contains(v.stderr, "questions.q1.observer.text: not translated") || !strings.Contains(v.stderr, "questions.q2.observer.text: not translated") {
		t.Errorf("validate: exit %d, stderr:\n%s", v.code, v.stderr)
	}
}
