package lang

import (
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// Values a message's data may hold that each language writes its own way;
// they are written when the message is said (see Lang.T).
type (
	// Number is written without needless decimals, at most two: 50,
	// 52.5, 66.67 (52,5 in French).
	Number float64
	// Decimal is written with exactly Places decimals.
	Decimal struct {
		X      float64
		Places int
	}
	// Pct is a share written as a percentage with Places decimals:
	// Pct{0.5625, 2} is 56.25%, 56,25 % in French.
	Pct struct {
		Share  float64
		Places int
		// Words writes it as the accessible reports say a share, for a
		// screen reader: 56.25 percent (format.percent_words).
		Words bool
	}
	// Pointed is a number already written with a decimal point, written
	// with the language's separator.
	Pointed string
	// List is written as "a, b and c" in the language.
	List []string
	// Joined is its items, each written as a message argument is, joined
	// by the message Sep (such as "list.semicolon").
	Joined struct {
		Items []any
		Sep   string
	}
)

// Value writes a message argument as the language does when it says the
// message: a Msg said, a Number, Decimal or List written; others as they
// are.
func (l *Lang) Value(v any) any { return l.or().value(v) }

// Items makes a list of message arguments, for Joined.
func Items[T any](xs []T) []any {
	out := make([]any, len(xs))
	for i, x := range xs {
		out[i] = x
	}
	return out
}

// value writes a message argument that the language formats.
func (l *Lang) value(v any) any {
	switch v := v.(type) {
	case Msg:
		return l.Say(v)
	case Number:
		return l.Num(float64(v))
	case Decimal:
		return l.Fixed(v.X, v.Places)
	case Pct:
		if v.Words {
			return l.T("format.percent_words", "N", l.Fixed(100*v.Share, v.Places))
		}
		return l.Percent(l.Fixed(100*v.Share, v.Places))
	case Pointed:
		return l.Point(string(v))
	case List:
		return l.List(v)
	case Joined:
		parts := make([]string, len(v.Items))
		for i, it := range v.Items {
			parts[i] = fmt.Sprint(l.value(it))
		}
		return strings.Join(parts, l.T(v.Sep))
	}
	return v
}

// Num writes a number without needless decimals, at most two: 50, 52.5,
// 66.67, with the language's decimal separator.
func (l *Lang) Num(x float64) string {
	s := strconv.FormatFloat(x, 'f', 2, 64)
	s = strings.TrimRight(s, "0")
	s = strings.TrimSuffix(s, ".")
	if s == "-0" {
		s = "0"
	}
	return l.or().separator(s)
}

// Fixed writes a number with exactly places decimals.
func (l *Lang) Fixed(x float64, places int) string {
	return l.or().separator(strconv.FormatFloat(x, 'f', places, 64))
}

// Int writes a whole number.
func (l *Lang) Int(n int) string { return strconv.Itoa(n) }

// Point writes a number already formatted with a decimal point (by
// strconv or fmt) with the language's decimal separator.
func (l *Lang) Point(s string) string { return l.or().separator(s) }

func (l *Lang) separator(s string) string {
	if l.decimal == "." || l.decimal == "" {
		return s
	}
	return strings.Replace(s, ".", l.decimal, 1)
}

// Percent writes a number already formatted (see Num, Fixed) as a
// percentage: 56.25%, 56,25 % in French.
func (l *Lang) Percent(n string) string { return l.T("format.percent", "N", n) }

// List joins items as "a, b and c": the language's separator, and its
// "and" before the last (Welsh "ac" before a vowel). An empty list is the
// language's "nothing".
func (l *Lang) List(items []string) string {
	switch len(items) {
	case 0:
		return l.T("list.none")
	case 1:
		return items[0]
	}
	last := items[len(items)-1]
	and := l.T("list.and")
	if r, _ := utf8.DecodeRuneInString(last); strings.ContainsRune("aeiouwyAEIOUWYâêîôûŵŷÂÊÎÔÛŴŶ", r) {
		and = l.T("list.and_vowel")
	}
	return strings.Join(items[:len(items)-1], l.T("list.separator")) + and + last
}

// Day writes a date, such as 2024-03-01 in English or 1 Mawrth 2024 in
// Welsh.
func (l *Lang) Day(t time.Time) string {
	return l.T("format.day", l.dateArgs(t)...)
}

// Time writes a date and a time of day, such as 2 Jan 2026 15:04.
func (l *Lang) Time(t time.Time) string {
	return l.T("format.time", l.dateArgs(t)...)
}

func (l *Lang) dateArgs(t time.Time) []any {
	m := int(t.Month())
	return []any{
		"Year", t.Year(), "Month", m, "MM", pad2(m), "D", t.Day(), "DD", pad2(t.Day()),
		"MonthName", l.T("month." + strconv.Itoa(m)), "Mon", l.T("month.short." + strconv.Itoa(m)),
		"HH", pad2(t.Hour()), "Min", pad2(t.Minute()),
	}
}

func pad2(n int) string {
	if n < 10 {
		return "0" + strconv.Itoa(n)
	}
	return strconv.Itoa(n)
}

// Capitalise returns s with its first letter in upper case.
func Capitalise(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if n == 0 {
		return s
	}
	return string(unicode.ToUpper(r)) + s[n:]
}
