package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/digilead/digilead/assessment/compare"
)

// v1Result is a result saved with version 1.0.0 of the built-in bank
// (docs/examples/answers.yaml as it was, scored on 2026-05-01).
const v1Result = "../../assessment/compare/testdata/v1-result.json"

// TestBankV1Results: a result saved with bank 1.0.0 still reports in
// every format, history lists it beside a result of the current version,
// and compare sets the two side by side on the dimensions both versions
// have.
func TestBankV1Results(t *testing.T) {
	t.Parallel()
	data := t.TempDir()
	dir := filepath.Join(data, "digilead", "results")
	if err := os.MkdirAll(dir, 0o700); err != nil {
		t.Fatal(err)
	}
	old, err := os.ReadFile(v1Result)
	if err != nil {
		t.Fatal(err)
	}
	oldPath := filepath.Join(dir, "2026-05-01T090000Z-public-sector-digital-leadership.json")
	if err := os.WriteFile(oldPath, old, 0o600); err != nil {
		t.Fatal(err)
	}
	newPath := saveResult(t, data, exampleAnswers, "SOURCE_DATE_EPOCH=1793523600", filepath.Join(dir, "2026-11-01T090000Z-public-sector-digital-leadership.json"))

	for _, format := range []string{"text", "json", "markdown", "html", "csv"} {
		r := mustRun(t, data, "", nil, "report", oldPath, "-f", format)
		if !strings.Contains(r.stdout, "Inclusive leadership") && !strings.Contains(r.stdout, "inclusive-leadership") {
			t.Errorf("report -f %s of the 1.0.0 result lacks its inclusive-leadership dimension", format)
		}
	}
	if text := mustRun(t, data, "", nil, "report", oldPath).stdout; !strings.Contains(text, "version 1.0.0") || !strings.Contains(text, "Level:  Frontline executor") {
		t.Errorf("the 1.0.0 result reports as:\n%s", text)
	}

	h := mustRun(t, data, "", nil, "history").stdout
	lines := strings.Split(strings.TrimSpace(h), "\n")
	if len(lines) != 3 || !strings.HasPrefix(lines[1], "2026-11-01") || !strings.HasPrefix(lines[2], "2026-05-01") {
		t.Fatalf("history, newest first, should list both results:\n%s", h)
	}
	if !strings.Contains(lines[1], "3.1.0") || !strings.Contains(lines[2], "1.0.0") {
		t.Errorf("history does not tell the bank versions apart:\n%s", h)
	}

	for _, args := range [][]string{{"compare", oldPath, newPath}, {"compare", "--last"}} {
		r := mustRun(t, data, "", nil, append(args, "-f", "json")...)
		var c compare.Comparison
		if err := json.Unmarshal([]byte(r.stdout), &c); err != nil {
			t.Fatal(err)
		}
		if c.Old.BankVersion != "1.0.0" || c.New.BankVersion != "3.1.0" || len(c.Dimensions) != 12 || len(c.LeftOut) != 5 {
			t.Errorf("%v: %s -> %s, %d compared, %d left out; want 1.0.0 -> 3.1.0, 12 and 5", args, c.Old.BankVersion, c.New.BankVersion, len(c.Dimensions), len(c.LeftOut))
		}
	}
	text := mustRun(t, data, "", nil, "compare", oldPath, newPath).stdout
	for _, want := range []string{"Inclusive leadership (only in the old result)", "Agile and iterative delivery (only in the new result)"} {
		if !strings.Contains(text, want) {
			t.Errorf("compare text lacks %q:\n%s", want, text)
		}
	}
}
