// Package sheettest reads an XLSX workbook back with excelize, for tests (the binary does not link it).
package sheettest

import (
	"bytes"
	"encoding/csv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/digilead/digilead/questions/safetext"
)

// Sheet is one worksheet read back.
type Sheet struct {
	Name string
	// Rows are the cells' values as stored (numbers as written, not
	// formatted), each row as long as the longest.
	Rows [][]string
	// Numbers marks the cells stored as numbers.
	Numbers [][]bool
	// Quoted marks the cells whose style has quotePrefix: text kept as
	// text when edited, though it starts as a formula would.
	Quoted [][]bool
	// Frozen reports whether the first row is frozen (ySplit 1).
	Frozen bool
	// Widths are the columns' widths.
	Widths []float64
}

// Read reads every sheet of an XLSX file, in order, failing t when
// excelize cannot.
func Read(t testing.TB, data []byte) []Sheet {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(data), excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatalf("excelize cannot open the workbook: %v", err)
	}
	defer f.Close()
	var out []Sheet
	for _, name := range f.GetSheetList() {
		rows, err := f.GetRows(name, excelize.Options{RawCellValue: true})
		if err != nil {
			t.Fatalf("sheet %s: %v", name, err)
		}
		s := Sheet{Name: name}
		width := 0
		for _, r := range rows {
			width = max(width, len(r))
		}
		for i, r := range rows {
			row := make([]string, width)
			copy(row, r)
			nums, quoted := make([]bool, width), make([]bool, width)
			for j := range row {
				cell, _ := excelize.CoordinatesToCellName(j+1, i+1)
				typ, err := f.GetCellType(name, cell)
				if err != nil {
					t.Fatalf("sheet %s cell %s: %v", name, cell, err)
				}
				// a cell without a type is a number
				nums[j] = typ == excelize.CellTypeNumber || typ == excelize.CellTypeUnset && row[j] != ""
				if formula, _ := f.GetCellFormula(name, cell); formula != "" || typ == excelize.CellTypeFormula {
					t.Errorf("sheet %s cell %s is a formula: %q", name, cell, formula)
				}
				style, err := f.GetCellStyle(name, cell)
				if err != nil {
					t.Fatalf("sheet %s cell %s: style: %v", name, cell, err)
				}
				if xf := f.Styles.CellXfs; xf != nil && style < len(xf.Xf) && xf.Xf[style].QuotePrefix != nil {
					quoted[j] = *xf.Xf[style].QuotePrefix
				}
			}
			s.Rows, s.Numbers, s.Quoted = append(s.Rows, row), append(s.Numbers, nums), append(s.Quoted, quoted)
		}
		panes, err := f.GetPanes(name)
		if err != nil {
			t.Fatalf("sheet %s: panes: %v", name, err)
		}
		s.Frozen = panes.Freeze && panes.YSplit == 1 && panes.XSplit == 0
		for j := range width {
			col, _ := excelize.ColumnNumberToName(j + 1)
			w, err := f.GetColWidth(name, col)
			if err != nil {
				t.Fatalf("sheet %s column %s: %v", name, col, err)
			}
			s.Widths = append(s.Widths, w)
		}
		out = append(out, s)
	}
	return out
}

// CSV reads a CSV document into rows, each as long as the longest.
func CSV(t testing.TB, data []byte) [][]string {
	t.Helper()
	r := csv.NewReader(strings.NewReader(string(data)))
	r.FieldsPerRecord = -1
	rows, err := r.ReadAll()
	if err != nil {
		t.Fatalf("read CSV: %v", err)
	}
	return rows
}

// SameCells fails t where the sheet's cells differ from the CSV's rows
// (an empty cell and a cell left out are the same; a text the CSV
// defuses as a formula, '=…, the sheet holds as given, =…).
func SameCells(t testing.TB, s Sheet, csvRows [][]string) {
	t.Helper()
	n := max(len(s.Rows), len(csvRows))
	for i := range n {
		var a, b []string
		if i < len(s.Rows) {
			a = s.Rows[i]
		}
		if i < len(csvRows) {
			b = csvRows[i]
		}
		for j := range max(len(a), len(b)) {
			var x, y string
			if j < len(a) {
				x = a[j]
			}
			if j < len(b) {
				y = b[j]
			}
			quoted := i < len(s.Quoted) && j < len(s.Quoted[i]) && s.Quoted[i][j]
			if x != y && (safetext.Cell(x) != y || !quoted) { // the CSV's cell is defused, the sheet's quoted
				cell, _ := excelize.CoordinatesToCellName(j+1, i+1)
				t.Errorf("sheet %s cell %s = %q, the CSV has %q", s.Name, cell, x, y)
			}
		}
	}
}
