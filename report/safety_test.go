package report

import (
	"bytes"
	"encoding/csv"
	"reflect"
	"strings"
	"testing"

	"github.com/digilead/digilead/assessment/cohort"
	"github.com/digilead/digilead/questions/safetext"
	"github.com/digilead/digilead/report/sheet/sheettest"
)

// hostile is what a bank, answers or result file could put in any text:
// a formula, a clipboard write (OSC 52), a screen clear, a carriage
// return and a right-to-left override.
const hostile = "=HYPERLINK(\"x\")\x1b]52;c;ZXZpbA==\x07\x1b[2J\rX\u202eY"

// poison returns a copy of doc with every string set to hostile.
func poison[D any](doc D) D {
	v := safetext.Copy(doc) // a deep copy to change
	setStrings(reflect.ValueOf(&v).Elem())
	return v
}

func setStrings(v reflect.Value) {
	switch v.Kind() {
	case reflect.String:
		if v.CanSet() {
			v.SetString(hostile)
		}
	case reflect.Pointer, reflect.Interface:
		if !v.IsNil() {
			setStrings(v.Elem())
		}
	case reflect.Struct:
		for i := range v.NumField() {
			if v.Type().Field(i).IsExported() {
				setStrings(v.Field(i))
			}
		}
	case reflect.Slice, reflect.Array:
		for i := range v.Len() {
			setStrings(v.Index(i))
		}
	}
}

// checkSafe fails when rendered output carries a control character, a
// bidirectional override or (CSV) a cell a spreadsheet would run.
func checkSafe(t *testing.T, name, format string, out []byte) {
	t.Helper()
	if format == "xlsx" {
		checkSheets(t, name, out)
		return
	}
	s := strings.ReplaceAll(string(out), "\r\n", "\n") // CSV's own line ends
	if r, i := safetext.Find(s); i >= 0 {
		t.Errorf("%s %s: %U reaches the output at byte %d: %q", name, format, r, i, s[max(0, i-30):min(len(s), i+30)])
	}
	if format != "csv" {
		return
	}
	rows, err := csv.NewReader(bytes.NewReader(out)).ReadAll()
	if err != nil {
		t.Fatalf("%s csv: %v", name, err)
	}
	for _, row := range rows {
		for _, cell := range row {
			if cell != "" && strings.ContainsRune("=+@", rune(cell[0])) {
				t.Errorf("%s csv: a live formula %q", name, cell)
			}
		}
	}
}

// renderAll renders doc, poisoned, in every format of reg but the JSON
// ones (json, xapi: data, escaped by encoding/json, as they came).
func renderAll[D any](t *testing.T, name string, reg Registry[Render[D]], doc D) {
	t.Helper()
	bad := poison(doc)
	for _, format := range reg.Names() {
		if format == "json" || format == "xapi" {
			continue
		}
		render, _ := reg.Lookup(format)
		for _, o := range []Options{{Width: 80}, {Width: 60, Accessible: true}} {
			var buf bytes.Buffer
			if err := render(&buf, bad, o); err != nil {
				t.Fatalf("%s %s: %v", name, format, err)
			}
			checkSafe(t, name, format, buf.Bytes())
		}
	}
}

// TestNoOutsideTextReachesPeopleRaw renders every document for people,
// with every one of its strings hostile, in every format: no control
// sequence, override or formula gets through.
func TestNoOutsideTextReachesPeopleRaw(t *testing.T) {
	t.Parallel()
	result := exampleResult(t)
	renderAll(t, "result", Results, result)
	renderAll(t, "comparison", Comparisons, progress(t))
	renderAll(t, "item analysis", ItemAnalyses, itemStatsFixture())
	renderAll(t, "review", Reviews, reviewOf(t, "../assessment/review/testdata/clean.yaml"))
	renderAll(t, "calibration", Calibrations, calibrationFixture(t))
	renderAll(t, "history", Histories, NewHistory("/d", nil))

	b := cohort.New(cohort.Options{MinGroup: 1})
	var js bytes.Buffer
	resultJSON(&js, result, Options{})
	e, err := cohort.Decode(js.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	b.Add(e, "x")
	c, err := b.Report()
	if err != nil {
		t.Fatal(err)
	}
	renderAll(t, "cohort", Cohorts, c)
}

// checkSheets reads a workbook back and fails when a cell carries a
// control character, an override or a formula (sheettest.Read fails on
// any), or a text that would be one if typed in without quotePrefix,
// which keeps it text when the cell is edited.
func checkSheets(t *testing.T, name string, out []byte) {
	t.Helper()
	for _, sh := range sheettest.Read(t, out) {
		for i, row := range sh.Rows {
			for j, cell := range row {
				if r, i := safetext.Find(cell); i >= 0 {
					t.Errorf("%s xlsx: %U reaches cell %q", name, r, cell)
				}
				if cell != "" && strings.ContainsRune("=+@", rune(cell[0])) && !sh.Quoted[i][j] {
					t.Errorf("%s xlsx: a formula-like text %q without quotePrefix", name, cell)
				}
			}
		}
	}
}
