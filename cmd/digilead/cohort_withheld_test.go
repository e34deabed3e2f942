package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// naBank is a bank of two dimensions whose questions offer "not
// applicable".
const naBank = `schema: digilead/v1
id: four
title: Four
version: "1.0"
description: A bank with a dimension people may find not applicable.
language: en
min_coverage: 0.5
scale:
  min: 1
  max: 5
  labels: [Never, Rarely, Sometimes, Often, Always]
not_applicable: Not applicable
tiers:
  - id: low
    name: Low
    rank: 1
    description: The first tier.
    challenges: [None.]
    expectations: {data: 40, ethics: 60}
dimensions:
  - id: data
    name: Data
    description: d
    weight: 1
    actions: [{kind: training, text: Read.}]
  - id: ethics
    name: Ethics
    description: d
    weight: 1
    actions: [{kind: training, text: Read.}]
questions:
  - {id: d1, dimension: data, text: q}
  - {id: e1, dimension: ethics, text: q}
`

// TestCohortWithholdsADimensionOfOnePerson is QA's case: five answer
// sets, only the first answers Ethics, the others say "not applicable".
// The cohort may be reported, but not Ethics' figures: they would be
// that one person's score and whether they are below target.
func TestCohortWithholdsADimensionOfOnePerson(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	bank := filepath.Join(dir, "four.yaml")
	answers := filepath.Join(dir, "five.jsonl")
	var lines []string
	for i := range 5 {
		e := `"na"`
		if i == 0 {
			e = "2"
		}
		lines = append(lines, fmt.Sprintf(`{"respondent":{"id":"p%d"},"answers":{"d1":%d,"e1":%s}}`, i, i+1, e))
	}
	if err := os.WriteFile(bank, []byte(naBank), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(answers, []byte(strings.Join(lines, "\n")+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	text := digilead(t, "", []string{"COLUMNS=80"}, "cohort", "--bank", bank, answers)
	if text.code != 0 {
		t.Fatalf("exit %d: %s", text.code, text.stderr)
	}
	for _, want := range []string{"Too few scored to show (fewer than 5): Ethics.", "(fewer than 5 people behind"} {
		if !strings.Contains(text.stdout, want) {
			t.Errorf("text does not say %q:\n%s", want, text.stdout)
		}
	}
	for _, line := range outputLines(text.stdout) {
		if strings.HasPrefix(strings.TrimSpace(line), "Ethics ") && strings.Contains(line, "25") || strings.Contains(line, "Ethics: 1 of 1") {
			t.Errorf("text shows the one person's figure: %q", line)
		}
	}
	csv := digilead(t, "", nil, "cohort", "--bank", bank, "-f", "csv", answers)
	if !strings.Contains(csv.stdout, "\r\nethics,Ethics,1,4,,,,,,,,,,,\r\n") {
		t.Errorf("csv shows Ethics' figures:\n%s", csv.stdout)
	}
}
