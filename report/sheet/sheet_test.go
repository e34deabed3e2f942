package sheet

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/digilead/digilead/questions/e2e"
	"github.com/digilead/digilead/report/sheet/sheettest"
)

func TestWriteReadsBackWithExcelize(t *testing.T) {
	var buf bytes.Buffer
	err := Write(&buf,
		Table{Name: "scores", Rows: [][]string{
			{"id", "name", "score", "level_probability"},
			{"007", "=HYPERLINK(\"http://x\")", "53.33", "0.9"},
			{"1e5", "Siân \x1b[2J", "-2.5", ""},
			{"42", "+44 20", "2.50", "-0"},
			{"a<b&c", "@SUM(A1)", "100", "1"},
		}},
		Table{Name: "second", Rows: [][]string{{"h"}, {"x"}}},
	)
	if err != nil {
		t.Fatal(err)
	}
	sheets := sheettest.Read(t, buf.Bytes())
	if len(sheets) != 2 || sheets[0].Name != "scores" || sheets[1].Name != "second" {
		t.Fatalf("sheets = %+v", sheets)
	}
	s := sheets[0]
	want := [][]string{
		{"id", "name", "score", "level_probability"},
		{"007", "=HYPERLINK(\"http://x\")", "53.33", "0.9"},
		{"1e5", `Siân \x1b[2J`, "-2.5", ""},
		{"42", "+44 20", "2.50", "-0"},
		{"a<b&c", "@SUM(A1)", "100", "1"},
	}
	if !reflect.DeepEqual(s.Rows, want) {
		t.Errorf("cells = %q\nwant %q", s.Rows, want)
	}
	// Text that would be a formula if typed in is stored as given, a
	// string (sheettest.Read fails on any formula), with quotePrefix so
	// that editing it keeps it text; a negative number is a number.
	quoted := [][]bool{
		{false, false, false, false},
		{false, true, false, false},
		{false, false, false, false},
		{false, true, false, false},
		{false, true, false, false},
	}
	if !reflect.DeepEqual(s.Quoted, quoted) {
		t.Errorf("quotePrefix = %v\nwant %v", s.Quoted, quoted)
	}
	nums := [][]bool{
		{false, false, false, false},
		{false, false, true, true},
		{false, false, true, false},
		{true, false, false, true},
		{false, false, true, true},
	}
	if !reflect.DeepEqual(s.Numbers, nums) {
		t.Errorf("numbers = %v\nwant %v", s.Numbers, nums)
	}
	if !s.Frozen || !sheets[1].Frozen {
		t.Error("the header row is not frozen")
	}
	// "a<b&c" and "=HYPERLINK(\"http://x\")", + 2; "level_probability", + 2.
	if s.Widths[0] != 7 || s.Widths[1] != 24 || s.Widths[3] != 19 {
		t.Errorf("widths = %v", s.Widths)
	}
}

func TestLongTablesGoOnInAnotherSheet(t *testing.T) {
	var buf bytes.Buffer
	b := New(&buf)
	b.maxRows = 3
	s, _ := b.Sheet("score")
	for _, r := range [][]string{{"id", "x"}, {"a", "1"}, {"b", "2"}, {"c", "3"}, {"d", "4"}, {"e", "5"}} {
		if err := s.Row(r...); err != nil {
			t.Fatal(err)
		}
	}
	if err := b.Close(); err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, sh := range sheettest.Read(t, buf.Bytes()) {
		var rows []string
		for _, r := range sh.Rows {
			rows = append(rows, strings.Join(r, ","))
		}
		got = append(got, sh.Name+": "+strings.Join(rows, " "))
	}
	want := []string{"score: id,x a,1 b,2", "score (2): id,x c,3 d,4", "score (3): id,x e,5"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("sheets = %q, want %q", got, want)
	}
}

func TestColumn(t *testing.T) {
	for i, want := range map[int]string{0: "A", 25: "Z", 26: "AA", 51: "AZ", 52: "BA", 701: "ZZ", 702: "AAA"} {
		if got := column(i); got != want {
			t.Errorf("column(%d) = %s, want %s", i, got, want)
		}
	}
}

func TestNumber(t *testing.T) {
	for s, want := range map[string]bool{
		"0": true, "3": true, "-2.5": true, "0.125": true, "53.33": true, "100": true, "-0": true, "0.99": true,
		"007": false, "1e5": false, "2.50": false, "1.": false, ".5": false, "-": false, "": false, "+1": false,
		"1.2.3": false, "12a": false, "--1": false, "0.30000000000000004": true, "0.3000000000000001": true,
		"123456789012345678": false, "12345678901234567": false, "-0.0001": true, "1,5": false,
	} {
		if got := number(s); got != want {
			t.Errorf("number(%q) = %v, want %v", s, got, want)
		}
		if got, err := strconv.ParseFloat(s, 64); number(s) && (err != nil || strconv.FormatFloat(got, 'f', -1, 64) != s) {
			t.Errorf("number(%q), but it reads back as %v", s, got)
		}
	}
}

func FuzzNumber(f *testing.F) {
	for _, s := range []string{"0", "-2.5", "53.33", "007", "1e5", "0.30000000000000004"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if !number(s) {
			return
		}
		x, err := strconv.ParseFloat(s, 64)
		if err != nil || strconv.FormatFloat(x, 'f', -1, 64) != s {
			t.Errorf("number(%q), but it reads back as %v", s, x)
		}
	})
}

// TestOpenpyxlReadsIt reads a workbook with openpyxl, Python's XLSX
// library, as a second reader: the same values, numbers as numbers, the
// header frozen, and no warning.
func TestOpenpyxlReadsIt(t *testing.T) {
	py := e2e.Tool(t, "apt-get install python3-openpyxl (.ci/run does)", "python3")
	// The Debian package is the system Python's; a python3 earlier on PATH
	// (pyenv, a virtualenv) may not have it.
	if exec.Command(py, "-c", "import openpyxl").Run() != nil {
		py = "/usr/bin/python3"
		if err := exec.Command(py, "-c", "import openpyxl").Run(); err != nil {
			t.Fatalf("no python3 with openpyxl: apt-get install python3-openpyxl (.ci/run does)")
		}
	}
	path := filepath.Join(t.TempDir(), "w.xlsx")
	f, _ := os.Create(path)
	err := Write(f, Table{Name: "score", Rows: [][]string{{"id", "name", "score"}, {"007", "Siân ŵ ŷ é", "53.33"}, {"x", "=1+1", "-2.5"}, {"y", "", "100"}, {"_x001B_", "a_x0041_b", "1"}}},
		Table{Name: "levels", Rows: [][]string{{"a"}, {"1"}}})
	f.Close()
	if err != nil {
		t.Fatal(err)
	}
	// (openpyxl decodes a shared string's escaped underscores, _x005F_,
	// and no other escape, by deleting x005F_: a text holding x005F_
	// itself it reads wrong, whatever the writer.)
	out, err := exec.Command(py, "testdata/openpyxl_read.py", path).CombinedOutput()
	if err != nil {
		t.Fatalf("openpyxl: %v\n%s", err, out)
	}
	want := `[{"title": "score", "freeze": "A2", "rows": [["id", "name", "score"], ["007", "Siân ŵ ŷ é", 53.33], ["x", "=1+1", -2.5], ["y", null, 100], ["_x001B_", "a_x0041_b", 1]]}, ` +
		`{"title": "levels", "freeze": "A2", "rows": [["a"], [1]]}]`
	if string(out) != want {
		t.Errorf("openpyxl reads\n%s\nwant\n%s", out, want)
	}
}

func TestFit(t *testing.T) {
	long := strings.Repeat("ŵ", maxCell+5)
	if got := fit(long); utf8.RuneCountInString(got) != maxCell || !strings.HasSuffix(got, "…") {
		t.Errorf("fit cut %d characters to %d", maxCell+5, utf8.RuneCountInString(got))
	}
	astral := strings.Repeat("😀", maxCell) // two UTF-16 units each
	if got := fit(astral); len(utf16.Encode([]rune(got))) > maxCell {
		t.Errorf("fit left %d UTF-16 units", len(utf16.Encode([]rune(got))))
	}
	if s := strings.Repeat("a", maxCell); fit(s) != s {
		t.Error("fit cut a cell that fits")
	}
}

// TestCharacterCodesStayText: readers take _xHHHH_ in a cell's text for
// the character HHHH (OOXML's escape of characters XML cannot hold), so
// text that looks like one must come back as written, not as the
// character: an escape (\x1b) the cell guard has already shown as text
// must not come back through this door.
func TestCharacterCodesStayText(t *testing.T) {
	cells := []string{"_x0041_", "_x001B_[2J", "a_x005F_b", "_x005f_x0041_", "_x00410_", "_X0041_", "_x004_", "__x0041__", "x_x0041_x_x0042_", "_x"}
	rows := [][]string{{"h"}}
	for _, c := range cells {
		rows = append(rows, []string{c})
	}
	// As shared strings, and past the shared strings' limit as inline ones.
	for _, limit := range []int{maxSharedBytes, 30} {
		var buf bytes.Buffer
		b := New(&buf)
		b.maxShared = limit
		s, _ := b.Sheet("s")
		for _, r := range rows {
			s.Row(r...)
		}
		if err := b.Close(); err != nil {
			t.Fatal(err)
		}
		got := sheettest.Read(t, buf.Bytes())[0].Rows
		for i, c := range cells {
			if got[i+1][0] != c {
				t.Errorf("limit %d: cell %q reads back as %q", limit, c, got[i+1][0])
			}
		}
	}
}

// TestEntriesHaveADate: each part of the package has a real MS-DOS date
// (1980-01-01), not the zero date 1980-00-00 that some unzip tools and
// libraries refuse or show as 1979-11-30.
func TestEntriesHaveADate(t *testing.T) {
	var buf bytes.Buffer
	if err := Write(&buf, Table{Name: "s", Rows: [][]string{{"h"}, {"1"}}}); err != nil {
		t.Fatal(err)
	}
	zr, err := zip.NewReader(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range zr.File {
		if m := f.Modified.UTC(); m.Year() != 1980 || m.Month() != 1 || m.Day() != 1 {
			t.Errorf("%s: dated %v", f.Name, f.Modified)
		}
	}
}

// TestWorkbookViewExists: each sheet's view names workbook view 0, so the
// workbook has one (bookViews), as Excel writes it.
func TestWorkbookViewExists(t *testing.T) {
	var buf bytes.Buffer
	if err := Write(&buf, Table{Name: "s", Rows: [][]string{{"h"}}}); err != nil {
		t.Fatal(err)
	}
	zr, _ := zip.NewReader(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
	for _, f := range zr.File {
		if f.Name != "xl/workbook.xml" {
			continue
		}
		rc, _ := f.Open()
		data, _ := io.ReadAll(rc)
		var wb struct {
			Views  []struct{} `xml:"bookViews>workbookView"`
			Sheets []struct {
				Name string `xml:"name,attr"`
			} `xml:"sheets>sheet"`
		}
		if err := xml.Unmarshal(data, &wb); err != nil {
			t.Fatal(err)
		}
		if len(wb.Views) != 1 || len(wb.Sheets) != 1 {
			t.Errorf("workbook.xml has %d views, %d sheets:\n%s", len(wb.Views), len(wb.Sheets), data)
		}
	}
}

// TestEveryPartHasItsContentType: each part is named in [Content_Types].xml
// with its own type (an Override), .xml parts otherwise plain XML, as
// Excel writes them: readers that look up a worksheet's type among the
// Overrides only (docx4j before 2013, and others) find it.
func TestEveryPartHasItsContentType(t *testing.T) {
	var buf bytes.Buffer
	b := New(&buf)
	b.maxRows = 2
	s, _ := b.Sheet("a")
	for _, r := range [][]string{{"h"}, {"1"}, {"2"}} { // two sheets' worth
		s.Row(r...)
	}
	b.Sheet("b")
	if err := b.Close(); err != nil {
		t.Fatal(err)
	}
	zr, _ := zip.NewReader(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
	var types struct {
		Defaults []struct {
			Ext  string `xml:"Extension,attr"`
			Type string `xml:"ContentType,attr"`
		} `xml:"Default"`
		Overrides []struct {
			Part string `xml:"PartName,attr"`
			Type string `xml:"ContentType,attr"`
		} `xml:"Override"`
	}
	for _, f := range zr.File {
		if f.Name == "[Content_Types].xml" {
			rc, _ := f.Open()
			data, _ := io.ReadAll(rc)
			if err := xml.Unmarshal(data, &types); err != nil {
				t.Fatal(err)
			}
		}
	}
	over := map[string]string{}
	for _, o := range types.Overrides {
		over[o.Part] = o.Type
	}
	for _, d := range types.Defaults {
		if d.Ext == "xml" && d.Type != "application/xml" {
			t.Errorf("every .xml part not named is a %s", d.Type)
		}
	}
	const ns = "application/vnd.openxmlformats-officedocument.spreadsheetml."
	want := map[string]string{
		"xl/workbook.xml": ns + "sheet.main+xml", "xl/styles.xml": ns + "styles+xml", "xl/sharedStrings.xml": ns + "sharedStrings+xml",
		"xl/worksheets/sheet1.xml": ns + "worksheet+xml", "xl/worksheets/sheet2.xml": ns + "worksheet+xml", "xl/worksheets/sheet3.xml": ns + "worksheet+xml",
	}
	for _, f := range zr.File {
		if strings.HasSuffix(f.Name, ".xml") && f.Name != "[Content_Types].xml" && over["/"+f.Name] != want[f.Name] {
			t.Errorf("%s: content type %q, want %q", f.Name, over["/"+f.Name], want[f.Name])
		}
	}
}

// TestHeaderQuotedStaysBold: a header cell that would be a formula if
// typed in is bold and quoted (style 3), a string as given.
func TestHeaderQuotedStaysBold(t *testing.T) {
	var buf bytes.Buffer
	if err := Write(&buf, Table{Name: "t", Rows: [][]string{{"=h", "k"}, {"-x", "1"}}}); err != nil {
		t.Fatal(err)
	}
	s := sheettest.Read(t, buf.Bytes())[0]
	if !reflect.DeepEqual(s.Rows, [][]string{{"=h", "k"}, {"-x", "1"}}) || !reflect.DeepEqual(s.Quoted, [][]bool{{true, false}, {true, false}}) {
		t.Errorf("rows %q, quoted %v", s.Rows, s.Quoted)
	}
	if !bytes.Contains(unzipped(t, buf.Bytes(), "xl/worksheets/sheet1.xml"), []byte(`<c r="A1" s="3" t="inlineStr">`)) {
		t.Error("the header's quoted cell is not bold and quoted (s=3)")
	}
}

// unzipped is the part name of the workbook data.
func unzipped(t *testing.T, data []byte, name string) []byte {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	f, err := zr.Open(name)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	part, err := io.ReadAll(f)
	if err != nil {
		t.Fatal(err)
	}
	return part
}
