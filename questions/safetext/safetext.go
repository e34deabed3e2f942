// Package safetext makes outside text safe to show: text from banks,
// answers, results, names and file names, in a terminal or a document
// (no control sequences) and in a spreadsheet cell (no formulas).
package safetext

import (
	"encoding/csv"
	"fmt"
	"io"
	"iter"
	"reflect"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Cell defuses text a spreadsheet would run as a formula (starting with =,
// +, -, @, tab or carriage return) by prefixing a single quote, as OWASP
// advises for CSV files opened in spreadsheets. A negative number, such as
// -2.5, is left as it is.
func Cell(s string) string {
	if s == "" {
		return s
	}
	switch s[0] {
	case '-':
		if _, err := strconv.ParseFloat(s, 64); err == nil {
			return s
		}
		return "'" + s
	case '=', '+', '@', '\t', '\r':
		return "'" + s
	}
	return s
}

// Unsafe reports whether r would act on a terminal or reorder text rather
// than show: a C0 control other than newline and tab, DEL, a C1 control,
// or a bidirectional override, embedding, isolate or mark; or whether a
// document cannot hold it: U+FFFE and U+FFFF, no characters, which XML
// (and so an XLSX cell) forbids.
func Unsafe(r rune) bool {
	switch {
	case r == '\n' || r == '\t':
		return false
	case r < 0x20, r == 0x7f, r >= 0x80 && r < 0xa0:
		return true
	case r == 0x061c, r == 0x200e, r == 0x200f, r >= 0x202a && r <= 0x202e, r >= 0x2066 && r <= 0x2069:
		return true
	case r == 0xfffe, r == 0xffff:
		return true
	}
	return false
}

// Find returns the first unsafe rune of s (see Unsafe) and its byte
// offset, or -1; bytes that are not UTF-8 count as unsafe.
func Find(s string) (rune, int) {
	for i, r := range All(s) {
		return r, i
	}
	return 0, -1
}

// All yields every unsafe rune of s (see Find) with its byte offset, in
// order.
func All(s string) iter.Seq2[int, rune] {
	return func(yield func(int, rune) bool) {
		for i, r := range s {
			if (Unsafe(r) || r == utf8.RuneError && !strings.HasPrefix(s[i:], "\uFFFD")) && !yield(i, r) {
				return
			}
		}
	}
}

// OneLine returns s on one line, for a table cell: every line break
// (LF, CR, VT, FF, NEL, U+2028, U+2029) is shown as a visible escape, as
// Terminal shows control characters (\x0a, \u2028), so that a cell is
// one line whether or not Terminal went first (it keeps LF and U+2028).
func OneLine(s string) string {
	if !strings.ContainsFunc(s, lineBreak) {
		return s
	}
	var sb strings.Builder
	for _, r := range s {
		switch {
		case !lineBreak(r):
			sb.WriteRune(r)
		case r < 0x100:
			fmt.Fprintf(&sb, `\x%02x`, r)
		default:
			fmt.Fprintf(&sb, `\u%04x`, r)
		}
	}
	return sb.String()
}

// lineBreak reports whether r ends a line.
func lineBreak(r rune) bool {
	switch r {
	case '\n', '\r', '\v', '\f', 0x85, 0x2028, 0x2029:
		return true
	}
	return false
}

// Terminal returns s with every unsafe rune (see Unsafe) shown as a
// visible escape, \x1b or \u202e, and bytes that are not UTF-8 as \xff:
// text from outside cannot move the cursor, clear the screen, set the
// window title or clipboard (OSC 0, OSC 52), overwrite a line (CR) or
// reverse what follows it.
func Terminal(s string) string {
	if _, i := Find(s); i < 0 {
		return s
	}
	var sb strings.Builder
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && n == 1:
			fmt.Fprintf(&sb, `\x%02x`, s[i])
		case Unsafe(r) && r < 0x100:
			fmt.Fprintf(&sb, `\x%02x`, r)
		case Unsafe(r):
			fmt.Fprintf(&sb, `\u%04x`, r)
		default:
			sb.WriteString(s[i : i+n])
		}
		i += n
	}
	return sb.String()
}

// Copy returns a deep copy of v in which every string, in structs, pointers,
// slices, arrays and maps (keys and values), went through Terminal, so a
// whole document can be rendered for people from outside data. Unexported
// fields are copied as they are.
func Copy[T any](v T) T {
	rv := reflect.ValueOf(&v).Elem()
	out := reflect.New(rv.Type()).Elem()
	copyValue(out, rv)
	return out.Interface().(T)
}

func copyValue(dst, src reflect.Value) {
	switch src.Kind() {
	case reflect.String:
		dst.SetString(Terminal(src.String()))
	case reflect.Pointer:
		if src.IsNil() {
			return
		}
		p := reflect.New(src.Type().Elem())
		copyValue(p.Elem(), src.Elem())
		dst.Set(p)
	case reflect.Struct:
		dst.Set(src)
		for i := range src.NumField() {
			if dst.Field(i).CanSet() {
				copyValue(dst.Field(i), src.Field(i))
			}
		}
	case reflect.Slice:
		if src.IsNil() {
			return
		}
		s := reflect.MakeSlice(src.Type(), src.Len(), src.Len())
		for i := range src.Len() {
			copyValue(s.Index(i), src.Index(i))
		}
		dst.Set(s)
	case reflect.Array:
		for i := range src.Len() {
			copyValue(dst.Index(i), src.Index(i))
		}
	case reflect.Map:
		if src.IsNil() {
			return
		}
		m := reflect.MakeMapWithSize(src.Type(), src.Len())
		for it := src.MapRange(); it.Next(); {
			k := reflect.New(src.Type().Key()).Elem()
			copyValue(k, it.Key())
			e := reflect.New(src.Type().Elem()).Elem()
			copyValue(e, it.Value())
			m.SetMapIndex(k, e)
		}
		dst.Set(m)
	case reflect.Interface:
		if src.IsNil() {
			return
		}
		e := reflect.New(src.Elem().Type()).Elem()
		copyValue(e, src.Elem())
		dst.Set(e)
	default:
		dst.Set(src)
	}
}

// CSV writes CSV (RFC 4180) whose every cell, headers and ids included,
// is safe: control characters shown as escapes (Terminal) and formulas
// defused (Cell).
type CSV struct {
	w   *csv.Writer
	row []string
}

// NewCSV writes to w, ending lines with CRLF when crlf is set (RFC 4180)
// and LF otherwise.
func NewCSV(w io.Writer, crlf bool) *CSV {
	c := &CSV{w: csv.NewWriter(w)}
	c.w.UseCRLF = crlf
	return c
}

// SpreadsheetCell is s made safe for a CSV cell, which a spreadsheet
// parses: control characters shown as escapes (Terminal) and formulas
// defused (Cell). An XLSX string cell is never a formula: report/sheet
// writes Terminal(s) as given, with the quotePrefix style where Cell
// would have prefixed it.
func SpreadsheetCell(s string) string { return Cell(Terminal(s)) }

// Write writes one record; the record is not changed.
func (c *CSV) Write(record []string) error {
	c.row = c.row[:0]
	for _, s := range record {
		c.row = append(c.row, SpreadsheetCell(s))
	}
	return c.w.Write(c.row)
}

// Flush writes out what is buffered and returns the first error.
func (c *CSV) Flush() error {
	c.w.Flush()
	return c.w.Error()
}
