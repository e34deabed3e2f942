// Package jsonscan reads JSON in place for the fast decoders of score's answers and cohort's results.
package jsonscan

import (
	"bytes"
	"unicode/utf8"
)

// Scanner reads JSON at a cursor in a byte slice. Each method reads one
// thing at the cursor and moves past it, or reports false: the fast
// decoders are accept-only recognisers, and give a document they cannot
// read up to encoding/json, so after a false the cursor is left wherever
// it stopped.
type Scanner struct {
	data []byte
	i    int
}

// Reset makes s read data from its start.
func (s *Scanner) Reset(data []byte) { s.data, s.i = data, 0 }

// End skips white space and reports whether the data ends there.
func (s *Scanner) End() bool {
	s.SkipSpace()
	return s.i == len(s.data)
}

// Byte returns the byte at the cursor, or 0 at the end of the data (no
// JSON value starts with one).
func (s *Scanner) Byte() byte {
	if s.i < len(s.data) {
		return s.data[s.i]
	}
	return 0
}

// Peek reports whether the byte at the cursor is c.
func (s *Scanner) Peek(c byte) bool { return s.i < len(s.data) && s.data[s.i] == c }

// SkipSpace passes over JSON's white space.
func (s *Scanner) SkipSpace() {
	for s.i < len(s.data) {
		switch s.data[s.i] {
		case ' ', '\t', '\n', '\r':
			s.i++
		default:
			return
		}
	}
}

// Literal reads the text lit (true, false or null).
func (s *Scanner) Literal(lit string) bool {
	if !bytes.HasPrefix(s.data[s.i:], []byte(lit)) {
		return false
	}
	s.i += len(lit)
	return true
}

// Bool reads true or false.
func (s *Scanner) Bool() (v, ok bool) {
	if s.Literal("true") {
		return true, true
	}
	return false, s.Literal("false")
}

// Object reads {"key": value, ...} with plain keys (see Plain), calling
// member with the cursor on each value. The cursor must be on the brace,
// as it is on each value and item the scanner hands over.
func (s *Scanner) Object(member func(key []byte) bool) bool {
	return s.List('{', '}', func() bool {
		key, ok := s.Plain()
		if !ok || !s.colon() {
			return false
		}
		return member(key)
	})
}

// Array reads [item, ...], calling item with the cursor on each item.
func (s *Scanner) Array(item func() bool) bool { return s.List('[', ']', item) }

// List reads open, items separated by commas, and close (a JSON array or
// object), calling item with the cursor on each item.
func (s *Scanner) List(open, close byte, item func() bool) bool {
	if !s.Peek(open) {
		return false
	}
	s.i++
	s.SkipSpace()
	if s.Peek(close) {
		s.i++
		return true
	}
	for {
		s.SkipSpace()
		if !item() {
			return false
		}
		s.SkipSpace()
		switch {
		case s.Peek(','):
			s.i++
		case s.Peek(close):
			s.i++
			return true
		default:
			return false
		}
	}
}

// colon reads the colon after an object's key and the white space around
// it.
func (s *Scanner) colon() bool {
	s.SkipSpace()
	if !s.Peek(':') {
		return false
	}
	s.i++
	s.SkipSpace()
	return true
}

// Plain reads a plain string: one without escapes or control characters,
// in valid UTF-8. It returns the string's contents, which are the data's
// own bytes.
func (s *Scanner) Plain() ([]byte, bool) {
	if !s.Peek('"') {
		return nil, false
	}
	start := s.i + 1
	ascii := true
	for i := start; i < len(s.data); i++ {
		c := s.data[i]
		if !stringStop[c] { // the common byte, one load and one test
			continue
		}
		switch {
		case c == '"':
			s.i = i + 1
			str := s.data[start:i]
			return str, ascii || utf8.Valid(str)
		case c == '\\' || c < 0x20:
			return nil, false
		default: // c >= utf8.RuneSelf
			ascii = false
		}
	}
	return nil, false
}

// stringStop marks the bytes Plain must look at: the closing quote, an
// escape, a control character (refused) and the bytes of multi-byte
// characters (checked as UTF-8 at the end).
var stringStop = func() (t [256]bool) {
	for c := range 256 {
		t[c] = c == '"' || c == '\\' || c < 0x20 || c >= utf8.RuneSelf
	}
	return t
}()

// Int reads an integer of at most 10 digits in JSON's number syntax,
// refusing fractions and exponents (which encoding/json still reads into
// an int when they are whole, e.g. 4.0).
func (s *Scanner) Int() (int, bool) {
	neg := s.Peek('-')
	if neg {
		s.i++
	}
	start, n := s.i, 0
	for s.i < len(s.data) && s.data[s.i] >= '0' && s.data[s.i] <= '9' {
		if s.i-start > 9 {
			return 0, false
		}
		n = n*10 + int(s.data[s.i]-'0')
		s.i++
	}
	digits := s.i - start
	if digits == 0 || (digits > 1 && s.data[start] == '0') {
		return 0, false
	}
	if s.i < len(s.data) {
		if c := s.data[s.i]; c == '.' || c == 'e' || c == 'E' {
			return 0, false
		}
	}
	if neg {
		n = -n
	}
	return n, true
}

// Number reads a number in JSON's syntax and returns its text.
func (s *Scanner) Number() ([]byte, bool) {
	d, i, ok := s.data, s.i, false
	if i < len(d) && d[i] == '-' {
		i++
	}
	switch {
	case i < len(d) && d[i] == '0':
		i++
	case i < len(d) && d[i] >= '1' && d[i] <= '9':
		i, _ = digits(d, i)
	default:
		return nil, false
	}
	if i < len(d) && d[i] == '.' {
		if i, ok = digits(d, i+1); !ok {
			return nil, false
		}
	}
	if i < len(d) && (d[i] == 'e' || d[i] == 'E') {
		i++
		if i < len(d) && (d[i] == '+' || d[i] == '-') {
			i++
		}
		if i, ok = digits(d, i); !ok {
			return nil, false
		}
	}
	text := d[s.i:i]
	s.i = i
	return text, true
}

// digits returns the end of the run of digits at d[i:] and whether it has
// any.
func digits(d []byte, i int) (end int, ok bool) {
	end = i
	for end < len(d) && d[end] >= '0' && d[end] <= '9' {
		end++
	}
	return end, end > i
}

// MaxDepth bounds the nesting Skip follows, well inside encoding/json's
// limit (10,000), so that nothing encoding/json refuses for its depth is
// skipped as valid.
const MaxDepth = 1000

// Skip validates and passes over one value of any kind.
func (s *Scanner) Skip() bool { return s.skip(0) }

func (s *Scanner) skip(depth int) bool {
	if s.i >= len(s.data) || depth > MaxDepth {
		return false
	}
	switch c := s.data[s.i]; {
	case c == '"':
		return s.skipString()
	case c == '{':
		return s.List('{', '}', func() bool { return s.skipString() && s.colon() && s.skip(depth+1) })
	case c == '[':
		return s.List('[', ']', func() bool { return s.skip(depth + 1) })
	case c == 't':
		return s.Literal("true")
	case c == 'f':
		return s.Literal("false")
	case c == 'n':
		return s.Literal("null")
	default:
		_, ok := s.Number()
		return ok
	}
}

// stop marks the bytes a string's scan stops at: the quote, the
// backslash and control characters.
var stop = func() (t [256]bool) {
	for c := 0; c < 0x20; c++ {
		t[c] = true
	}
	t['"'], t['\\'] = true, true
	return t
}()

// skipString validates and passes over a string, escapes included.
func (s *Scanner) skipString() bool {
	if !s.Peek('"') {
		return false
	}
	d := s.data
	for i := s.i + 1; i < len(d); {
		for i < len(d) && !stop[d[i]] {
			i++
		}
		if i >= len(d) {
			return false
		}
		switch d[i] {
		case '"':
			s.i = i + 1
			return true
		case '\\':
			if i+1 >= len(d) {
				return false
			}
			switch d[i+1] {
			case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
				i += 2
			case 'u':
				if i+6 > len(d) {
					return false
				}
				for _, h := range d[i+2 : i+6] {
					if !isHex(h) {
						return false
					}
				}
				i += 6
			default:
				return false
			}
		default: // a control character
			return false
		}
	}
	return false
}

func isHex(c byte) bool { return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F' }
