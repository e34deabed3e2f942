package safetext

import (
	"bytes"
	"reflect"
	"testing"
	"unicode/utf8"
)

func TestCell(t *testing.T) {
	for in, want := range map[string]string{
		"Leading change": "Leading change", "=1+1": "'=1+1", "+44": "'+44", "-x": "'-x", "@SUM": "'@SUM",
		"\tx": "'\tx", "\rx": "'\rx", "": "", "a=b": "a=b", "-2.5": "-2.5", "-1+1": "'-1+1",
	} {
		if got := Cell(in); got != want {
			t.Errorf("Cell(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestTerminal(t *testing.T) {
	for in, want := range map[string]string{
		"plain, with\nnewline and\ttab": "plain, with\nnewline and\ttab",
		"Ünïcödé – fine ✓":              "Ünïcödé – fine ✓",
		"\x1b]52;c;ZXZpbA==\x07":        `\x1b]52;c;ZXZpbA==\x07`,
		"\x1b]0;title\x07":              `\x1b]0;title\x07`,
		"\x1b[2J":                       `\x1b[2J`,
		"safe\roverwritten":             `safe\x0doverwritten`,
		"abc\u202edcba":                 `abc\u202edcba`,
		"\u2066isolate\u2069":           `\u2066isolate\u2069`,
		"c1 \u009b31m":                  `c1 \x9b31m`,
		"del\x7f":                       `del\x7f`,
		"bad \xff utf-8":                `bad \xff utf-8`,
		"a real \uFFFD stays":           "a real \uFFFD stays",
		"no characters \ufffe\uffff":    `no characters \ufffe\uffff`,
	} {
		if got := Terminal(in); got != want {
			t.Errorf("Terminal(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestCopy(t *testing.T) {
	type inner struct {
		Name  string
		Tags  []string
		hide  string
		Score *float64
	}
	type doc struct {
		Title string
		In    *inner
		List  []inner
		Map   map[string]string
		Any   any
		N     int
	}
	x := 1.5
	in := doc{Title: "t\x1b", In: &inner{Name: "n\r", Tags: []string{"\u202e"}, hide: "\x07", Score: &x}, List: []inner{{Name: "\x00"}},
		Map: map[string]string{"k\x1b": "v\x1b"}, Any: "a\x1b", N: 3}
	out := Copy(in)
	want := doc{Title: `t\x1b`, In: &inner{Name: `n\x0d`, Tags: []string{`\u202e`}, hide: "\x07", Score: &x}, List: []inner{{Name: `\x00`}},
		Map: map[string]string{`k\x1b`: `v\x1b`}, Any: `a\x1b`, N: 3}
	if !reflect.DeepEqual(out, want) {
		t.Errorf("Copy = %#v", out)
	}
	if in.Title != "t\x1b" || in.In.Name != "n\r" || in.Map["k\x1b"] != "v\x1b" {
		t.Error("Copy changed its input")
	}
}

// FuzzTerminal: no unsafe rune, and no byte that is not UTF-8, ever
// survives Terminal, and safe text passes unchanged.
func FuzzTerminal(f *testing.F) {
	for _, s := range []string{"plain", "\x1b[31mred", "\u202e", "\xff\xfe", "a\r\nb", "\u009b"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got := Terminal(s)
		if r, i := Find(got); i >= 0 {
			t.Fatalf("Terminal(%q) = %q keeps %U at %d", s, got, r, i)
		}
		if !utf8.ValidString(got) {
			t.Fatalf("Terminal(%q) = %q is not UTF-8", s, got)
		}
		if _, i := Find(s); i < 0 && utf8.ValidString(s) && got != s {
			t.Fatalf("safe text changed: %q -> %q", s, got)
		}
	})
}

// FuzzAppendCSVRow: the fast row writer writes every record byte for byte
// as CSV.Write does.
func FuzzAppendCSVRow(f *testing.F) {
	for _, s := range []string{"", "r000001", "88.5", "-2", "=SUM(A1)", "a,b", `say "hi"`, " lead", `\.`, "\x1b[31m", "Zoë", "\u202e", "tab\there"} {
		f.Add(s, "operational")
	}
	f.Fuzz(func(t *testing.T, a, b string) {
		var want bytes.Buffer
		w := NewCSV(&want, false)
		w.Write([]string{a, b, "42.25"})
		w.Flush()
		if got := AppendCSVRow([]byte("x"), a, b, "42.25"); string(got) != "x"+want.String() {
			t.Errorf("AppendCSVRow(%q, %q) = %q, CSV.Write %q", a, b, got[1:], want.String())
		}
	})
}

// TestOneLine: every kind of line break is a visible escape, as Terminal
// writes them; nothing else changes.
func TestOneLine(t *testing.T) {
	for in, want := range map[string]string{
		"plain": "plain", "a\r\nb": `a\x0d\x0ab`, "a\nb\rc": `a\x0ab\x0dc`, "a\vb\fc": `a\x0bb\x0cc`,
		"a\u0085b\u2028c\u2029d": `a\x85b\u2028c\u2029d`, "tab\tstays": "tab\tstays", "\x1b[31m": "\x1b[31m", "é\u00a0x": "é\u00a0x",
		Terminal("a\r\nb"): `a\x0d\x0ab`, // after Terminal, the same
	} {
		if got := OneLine(in); got != want {
			t.Errorf("OneLine(%q) = %q, want %q", in, got, want)
		}
	}
}
