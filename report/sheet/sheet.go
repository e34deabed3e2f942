// Package sheet writes tables as an XLSX workbook, streamed row by row: text as string cells, never formulas, control characters shown as escapes.
package sheet

import (
	"archive/zip"
	"bufio"
	"bytes"
	"compress/flate"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/digilead/digilead/questions/safetext"
)

// MaxRows is the most rows a worksheet holds (Excel's limit); a table
// longer than that goes on in a second sheet, its header repeated.
const MaxRows = 1 << 20

// sample is how many rows are held back to choose the column widths
// before a sheet's rows are written.
const sample = 1000

// Widths of a column, in characters.
const (
	minWidth = 6
	maxWidth = 60
)

// Table is one sheet: a name and rows, the header first.
type Table struct {
	Name string
	Rows [][]string
}

// Write writes tables as a workbook, one sheet each.
func Write(w io.Writer, tables ...Table) error {
	b := New(w)
	for _, t := range tables {
		s, err := b.Sheet(t.Name)
		if err != nil {
			return err
		}
		for _, row := range t.Rows {
			if err := s.Row(row...); err != nil {
				return err
			}
		}
	}
	return b.Close()
}

// Workbook is an XLSX file being written: its sheets one after the other,
// then, at Close, the parts that list them. What it holds at any time is
// one sheet's first rows and the few texts that look like a character
// escape (at most maxSharedBytes; see Sheet.text), whatever the table's
// length.
type Workbook struct {
	zw     *zip.Writer
	sheets []string
	cur    *Sheet
	err    error
	// shared are the texts written in the shared strings part (see
	// Sheet.text), and sharedBytes their length.
	shared      []string
	sharedBytes int
	// maxRows is MaxRows, and maxShared maxSharedBytes, less in a test.
	maxRows, maxShared int
}

// New starts a workbook written to w: its package relationships, then
// the sheets, then (at Close) the parts that list them, the content types
// last (readers find parts by the zip's directory, not by their order).
func New(w io.Writer) *Workbook {
	zw := zip.NewWriter(w)
	zw.RegisterCompressor(zip.Deflate, func(w io.Writer) (io.WriteCloser, error) { return flate.NewWriter(w, flate.BestSpeed) })
	b := &Workbook{zw: zw, maxRows: MaxRows, maxShared: maxSharedBytes}
	b.part("_rels/.rels", []byte(xmlHeader+`<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">`+
		`<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`))
	return b
}

// contentTypes are the workbook's content types: each part named with
// its own (a worksheet's, for each of n sheets), as Excel writes them.
func contentTypes(n int) []byte {
	const ns = "application/vnd.openxmlformats-officedocument.spreadsheetml."
	b := []byte(xmlHeader + `<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
		`<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>` +
		`<Default Extension="xml" ContentType="application/xml"/>` +
		`<Override PartName="/xl/workbook.xml" ContentType="` + ns + `sheet.main+xml"/>` +
		`<Override PartName="/xl/styles.xml" ContentType="` + ns + `styles+xml"/>` +
		`<Override PartName="/xl/sharedStrings.xml" ContentType="` + ns + `sharedStrings+xml"/>`)
	for i := 1; i <= n; i++ {
		b = fmt.Appendf(b, `<Override PartName="/xl/worksheets/sheet%d.xml" ContentType="%sworksheet+xml"/>`, i, ns)
	}
	return append(b, `</Types>`...)
}

// epoch is the date of every part: the first an MS-DOS date can say, so
// that a workbook's bytes depend on its cells only (a zero time would be
// written as 1980-00-00, no date).
var epoch = time.Date(1980, 1, 1, 0, 0, 0, 0, time.UTC)

// create starts a part of the package, compressed.
func (b *Workbook) create(name string) (io.Writer, error) {
	return b.zw.CreateHeader(&zip.FileHeader{Name: name, Method: zip.Deflate, Modified: epoch})
}

// part writes a whole part of the package.
func (b *Workbook) part(name string, data []byte) error {
	if b.err != nil {
		return b.err
	}
	w, err := b.create(name)
	if err == nil {
		_, err = w.Write(data)
	}
	return b.fail(err)
}

// Sheet ends the sheet being written, if any, and starts the next, named
// name (at most 31 characters, none of []:*?/\, unique: the caller's
// names are fixed words). Its first row is the header: bold, and frozen
// in place as the rows scroll.
func (b *Workbook) Sheet(name string) (*Sheet, error) {
	if err := b.endSheet(); err != nil {
		return nil, err
	}
	b.sheets = append(b.sheets, name)
	b.cur = &Sheet{b: b, name: name}
	return b.cur, nil
}

// endSheet writes out the sheet being written.
func (b *Workbook) endSheet() error {
	if b.err != nil || b.cur == nil {
		return b.err
	}
	s := b.cur
	b.cur = nil
	if err := s.start(); err != nil {
		return b.fail(err)
	}
	return b.fail(s.finish())
}

func (b *Workbook) fail(err error) error {
	if b.err == nil {
		b.err = err
	}
	return b.err
}

// Close ends the last sheet and writes the workbook's other parts; the
// file is complete when it returns nil.
func (b *Workbook) Close() error {
	if err := b.endSheet(); err != nil {
		return err
	}
	if len(b.sheets) == 0 {
		return errors.New("a workbook needs a sheet")
	}
	var book, rels []byte
	book = append(book, xmlHeader+`<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">`+
		`<bookViews><workbookView/></bookViews><sheets>`...)
	rels = append(rels, xmlHeader+`<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">`+
		`<Relationship Id="rIdStyles" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>`+
		`<Relationship Id="rIdStrings" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>`...)
	for i, name := range b.sheets {
		n := strconv.Itoa(i + 1)
		book = fmt.Appendf(book, `<sheet name="%s" sheetId="%s" r:id="rId%s"/>`, escape(name), n, n)
		rels = fmt.Appendf(rels, `<Relationship Id="rId%s" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet%s.xml"/>`, n, n)
	}
	b.part("xl/workbook.xml", append(book, `</sheets></workbook>`...))
	b.part("xl/_rels/workbook.xml.rels", append(rels, `</Relationships>`...))
	b.part("xl/styles.xml", []byte(styles))
	b.part("xl/sharedStrings.xml", b.sharedStrings())
	if err := b.part("[Content_Types].xml", contentTypes(len(b.sheets))); err != nil {
		return err
	}
	return b.fail(b.zw.Close())
}

// sharedStrings is the shared strings part: the texts of Sheet.text.
func (b *Workbook) sharedStrings() []byte {
	var buf bytes.Buffer
	n := strconv.Itoa(len(b.shared))
	buf.WriteString(xmlHeader + `<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="` + n + `" uniqueCount="` + n + `">`)
	for _, t := range b.shared {
		buf.WriteString(`<si><t xml:space="preserve">`)
		escapeText(&buf, t)
		buf.WriteString(`</t></si>`)
	}
	buf.WriteString(`</sst>`)
	return buf.Bytes()
}

// styles are the workbook's cell styles: 0 the default, 1 bold (the
// header).
const styles = xmlHeader + `<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">` +
	`<fonts count="2"><font><sz val="11"/><name val="Calibri"/></font><font><b/><sz val="11"/><name val="Calibri"/></font></fonts>` +
	`<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>` +
	`<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>` +
	`<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>` +
	`<cellXfs count="4"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>` +
	`<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0" quotePrefix="1"/><xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1" quotePrefix="1"/></cellXfs>` +
	`<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>`

// Sheet is the worksheet being written.
type Sheet struct {
	b      *Workbook
	name   string
	header []string
	// held are the first rows, until the widths are chosen.
	held [][]string
	w    *bufio.Writer
	rows int // rows written
	// widths are the columns' widths, chosen from the held rows; refs
	// the columns' letters.
	widths []int
	refs   []string
	// part counts the sheets this table has filled (MaxRows each).
	part int
}

// Row adds a row of cells. A cell that is a decimal number, written as Go
// writes a float64 ('f', shortest: 3, -2.5, 0.125), is stored as a number;
// any other is text, its control characters shown as escapes
// (safetext.Terminal), stored as given (a string cell is never a formula;
// one that would be if typed in has the quotePrefix style), and cut with
// an ellipsis past
// Excel's 32,767 characters; text such as _x001B_ stays text (see
// Sheet.text). An empty cell is left out. The cells are not
// kept past the call.
func (s *Sheet) Row(cells ...string) error {
	if s.b.err != nil {
		return s.b.err
	}
	if s.b.cur != s {
		return errors.New("sheet: a row for a sheet already ended")
	}
	if s.header == nil {
		s.header = append([]string{}, cells...)
	}
	if s.w == nil {
		s.held = append(s.held, append([]string(nil), cells...))
		if len(s.held) < sample {
			return nil
		}
		return s.b.fail(s.start())
	}
	return s.b.fail(s.add(cells))
}

// add writes a row, in a new sheet when this one is full.
func (s *Sheet) add(cells []string) error {
	if s.rows == s.b.maxRows {
		if err := s.next(); err != nil {
			return err
		}
	}
	return s.row(cells)
}

// finish ends the sheet's part.
func (s *Sheet) finish() error {
	if _, err := s.w.WriteString(`</sheetData></worksheet>`); err != nil {
		return err
	}
	return s.w.Flush()
}

// next ends this sheet, full, and goes on in a new one, its columns as
// wide, that repeats the header.
func (s *Sheet) next() error {
	if err := s.finish(); err != nil {
		return err
	}
	s.part++
	s.b.sheets = append(s.b.sheets, fmt.Sprintf("%.24s (%d)", s.name, s.part+1))
	s.w, s.rows, s.held = nil, 0, [][]string{s.header}
	return s.start()
}

// start begins the sheet's part, its columns as wide as the held rows
// need, and writes the held rows.
func (s *Sheet) start() error {
	if s.w != nil {
		return nil
	}
	zw, err := s.b.create(fmt.Sprintf("xl/worksheets/sheet%d.xml", len(s.b.sheets)))
	if err != nil {
		return err
	}
	s.w = bufio.NewWriterSize(zw, 64<<10)
	s.w.WriteString(xmlHeader + `<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">` +
		`<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>` +
		`<selection pane="bottomLeft" activeCell="A2" sqref="A2"/></sheetView></sheetViews><sheetFormatPr defaultRowHeight="15"/>`)
	if s.widths == nil {
		s.widths = widths(s.held)
	}
	if len(s.widths) > 0 {
		s.w.WriteString(`<cols>`)
		for i, wd := range s.widths {
			fmt.Fprintf(s.w, `<col min="%d" max="%d" width="%d" customWidth="1"/>`, i+1, i+1, wd)
		}
		s.w.WriteString(`</cols>`)
	}
	s.w.WriteString(`<sheetData>`)
	rows := s.held
	s.held = nil
	for _, row := range rows {
		if err := s.add(row); err != nil {
			return err
		}
	}
	return nil
}

// widths are the columns' widths in characters: the longest cell of
// rows, within minWidth and maxWidth, with room for the filter button.
func widths(rows [][]string) []int {
	var ws []int
	for _, row := range rows {
		for i, c := range row {
			if i == len(ws) {
				ws = append(ws, minWidth)
			}
			n := utf8.RuneCountInString(safetext.Terminal(c)) + 2
			ws[i] = max(ws[i], min(n, maxWidth))
		}
	}
	return ws
}

// row writes one row.
func (s *Sheet) row(cells []string) error {
	s.rows++
	r := strconv.Itoa(s.rows)
	w := s.w
	w.WriteString(`<row r="`)
	w.WriteString(r)
	w.WriteString(`">`)
	for i, c := range cells {
		if c == "" {
			continue
		}
		for len(s.refs) <= i {
			s.refs = append(s.refs, column(len(s.refs)))
		}
		w.WriteString(`<c r="`)
		w.WriteString(s.refs[i])
		w.WriteString(r)
		style := 0
		if s.rows == 1 {
			style = styleHeader
		}
		if number(c) {
			if style != 0 {
				w.WriteString(`" s="1`)
			}
			w.WriteString(`"><v>`)
			w.WriteString(c)
			w.WriteString(`</v></c>`)
			continue
		}
		t := safetext.Terminal(c)
		if safetext.Cell(t) != t {
			style += styleQuoted
		}
		if style != 0 {
			w.WriteString(`" s="`)
			w.WriteString(strconv.Itoa(style))
		}
		s.text(fit(t))
	}
	_, err := w.WriteString(`</row>`)
	return err
}

// The cell styles (styles.xml's cellXfs): the header row's is bold; a
// text a spreadsheet would take for a formula if typed in (=, +, -, @)
// has quotePrefix, so that editing the cell keeps it text. The text is
// stored as given: a string cell (inline or shared) is never a formula,
// which only an <f> element holds, so nothing is prefixed to the data as
// CSV's cells are (safetext.Cell).
const (
	styleHeader = 1
	styleQuoted = 2 // + styleHeader: bold and quoted
)

// maxCell is the most a cell holds in Excel, in UTF-16 code units: a
// longer one makes it refuse the whole file.
const maxCell = 32767

// fit cuts s to maxCell, its end an ellipsis, when it is longer.
func fit(s string) string {
	if len(s) <= maxCell { // UTF-8 takes at least as many bytes as UTF-16 units
		return s
	}
	units := 0
	for i, r := range s {
		units += utf16.RuneLen(r)
		if units > maxCell-1 {
			return s[:i] + "…"
		}
	}
	return s
}

// maxSharedBytes is the most text the shared strings part holds (see
// Sheet.text).
const maxSharedBytes = 16 << 20

// text ends the cell being written, a text. Readers take _xHHHH_ (four
// hexadecimal digits) in a cell's text for the character HHHH (OOXML's
// escape of what XML cannot hold: _x001B_ for an escape), so text that
// holds one is written with its underscore escaped (escapeCodes). The
// readers that decode inline strings' escapes decode shared strings'
// (Excel, LibreOffice, excelize), and openpyxl, which decodes none of an
// inline string's, decodes a shared string's escaped underscores: so such
// a text, seldom seen, is a shared string, and every other text an inline
// one, written as the rows stream. Past maxSharedBytes of them (a file
// made to hold many), the rest are inline strings.
func (s *Sheet) text(t string) {
	w := s.w
	if e := escapeCodes(t); e != t {
		if b := s.b; b.sharedBytes < b.maxShared {
			w.WriteString(`" t="s"><v>`)
			w.WriteString(strconv.Itoa(len(b.shared)))
			w.WriteString(`</v></c>`)
			b.shared = append(b.shared, e)
			b.sharedBytes += len(e)
			return
		}
		t = e
	}
	w.WriteString(`" t="inlineStr"><is><t xml:space="preserve">`)
	escapeText(w, t)
	w.WriteString(`</t></is></c>`)
}

// escapeCodes keeps text that looks like OOXML's escape of a character,
// _xHHHH_ (four hexadecimal digits), as written: readers take it for the
// character, so its underscore is written as the escape of an
// underscore, _x005F_.
func escapeCodes(s string) string {
	i := strings.Index(s, "_x")
	if i < 0 {
		return s
	}
	var b strings.Builder
	for ; i >= 0; i = strings.Index(s, "_x") {
		if code(s[i:]) {
			b.WriteString(s[:i])
			b.WriteString("_x005F_")
		} else {
			b.WriteString(s[:i+1])
		}
		s = s[i+1:]
	}
	b.WriteString(s)
	return b.String()
}

// code reports whether s starts with _xHHHH_.
func code(s string) bool {
	if len(s) < 7 || s[6] != '_' {
		return false
	}
	for _, c := range []byte(s[2:6]) {
		if !('0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F') {
			return false
		}
	}
	return true
}

// number reports whether s is a decimal number as strconv writes a
// float64 ('f', shortest: 3, -2.5, 0.125), so that the sheet's number
// reads back as the same text: not an id such as 007 or 1e5, nor 2.50.
// It reads the bytes only: a decimal of at most 15 significant digits is
// the shortest text of the float64 nearest to it.
func number(s string) bool {
	if len(s) > 24 {
		return false
	}
	i := 0
	if i < len(s) && s[i] == '-' {
		i++
	}
	start, digits := i, 0
	for ; i < len(s) && s[i] >= '0' && s[i] <= '9'; i++ {
		if digits > 0 || s[i] != '0' {
			digits++
		}
	}
	if i == start || s[start] == '0' && i-start > 1 {
		return false // no digit, or a leading zero
	}
	if i < len(s) && s[i] == '.' {
		i++
		frac := i
		for ; i < len(s) && s[i] >= '0' && s[i] <= '9'; i++ {
			if digits > 0 || s[i] != '0' {
				digits++
			}
		}
		if i == frac || s[i-1] == '0' {
			return false // no digit, or a trailing zero
		}
	}
	if i != len(s) {
		return false
	}
	if digits <= 15 {
		return true
	}
	f, err := strconv.ParseFloat(s, 64)
	return err == nil && strconv.FormatFloat(f, 'f', -1, 64) == s
}

// column is the letters of column i (from 0): A … Z, AA …
func column(i int) string {
	var b []byte
	for i++; i > 0; i = (i - 1) / 26 {
		b = append([]byte{byte('A' + (i-1)%26)}, b...)
	}
	return string(b)
}

// escape is s as XML attribute text.
func escape(s string) string {
	var b []byte
	for _, r := range s {
		switch r {
		case '&':
			b = append(b, "&amp;"...)
		case '<':
			b = append(b, "&lt;"...)
		case '"':
			b = append(b, "&quot;"...)
		default:
			b = utf8.AppendRune(b, r)
		}
	}
	return string(b)
}

// xmlHeader opens every part (encoding/xml's Header).
const xmlHeader = `<?xml version="1.0" encoding="UTF-8"?>` + "\n"

// escapeText writes s as XML character data, byte for byte as
// encoding/xml's EscapeText does: quotes, &, <, > and the white space
// other than a space as character references, and what XML cannot hold
// (other control characters, invalid UTF-8, U+FFFE and U+FFFF, lone
// surrogates) as U+FFFD. Written by hand, so that encoding/xml, its
// initialisation at every start-up and its code, are not linked for it.
func escapeText(w io.StringWriter, s string) {
	last := 0
	for i := 0; i < len(s); {
		r, width := utf8.DecodeRuneInString(s[i:])
		var esc string
		switch r {
		case '"':
			esc = "&#34;"
		case '\'':
			esc = "&#39;"
		case '&':
			esc = "&amp;"
		case '<':
			esc = "&lt;"
		case '>':
			esc = "&gt;"
		case '\t':
			esc = "&#x9;"
		case '\n':
			esc = "&#xA;"
		case '\r':
			esc = "&#xD;"
		default:
			if !inXMLRange(r) || r == utf8.RuneError && width == 1 {
				esc = "\uFFFD"
				break
			}
			i += width
			continue
		}
		w.WriteString(s[last:i])
		w.WriteString(esc)
		i += width
		last = i
	}
	w.WriteString(s[last:])
}

// inXMLRange reports whether XML 1.0 can hold r (its Char production).
func inXMLRange(r rune) bool {
	return r == 0x09 || r == 0x0A || r == 0x0D ||
		r >= 0x20 && r <= 0xD7FF ||
		r >= 0xE000 && r <= 0xFFFD ||
		r >= 0x10000 && r <= 0x10FFFF
}
