package jsonscan

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"
)

// read runs f on a scanner of in and returns what it read, whether it
// could and what is left after the cursor.
func read(in string, f func(s *Scanner) (string, bool)) (got string, ok bool, rest string) {
	var s Scanner
	s.Reset([]byte(in))
	got, ok = f(&s)
	return got, ok, string(s.data[s.i:])
}

func plain(s *Scanner) (string, bool) { b, ok := s.Plain(); return string(b), ok }

func integer(s *Scanner) (string, bool) { n, ok := s.Int(); return fmt.Sprint(n), ok }

func number(s *Scanner) (string, bool) { b, ok := s.Number(); return string(b), ok }

func boolean(s *Scanner) (string, bool) { v, ok := s.Bool(); return fmt.Sprint(v), ok }

func null(s *Scanner) (string, bool) { return "", s.Literal("null") }

// members lists an object's keys and the values under them, read as
// plain strings or integers.
func members(s *Scanner) (string, bool) {
	var got []string
	ok := s.Object(func(key []byte) bool {
		v, ok := scalar(s)
		got = append(got, string(key)+"="+v)
		return ok
	})
	return strings.Join(got, ","), ok
}

func items(s *Scanner) (string, bool) {
	var got []string
	ok := s.Array(func() bool {
		v, ok := scalar(s)
		got = append(got, v)
		return ok
	})
	return strings.Join(got, ","), ok
}

func scalar(s *Scanner) (string, bool) {
	if s.Peek('"') {
		return plain(s)
	}
	return integer(s)
}

func skip(s *Scanner) (string, bool) { return "", s.Skip() }

func TestScanner(t *testing.T) {
	for _, c := range []struct {
		name, in string
		read     func(*Scanner) (string, bool)
		want     string
		ok       bool
		rest     string // what is left when ok
	}{
		{"plain", `"abc",`, plain, "abc", true, ","},
		{"plain", `""`, plain, "", true, ""},
		{"plain", `"Zoë ✓"`, plain, "Zoë ✓", true, ""},
		{"plain", `"a\"b"`, plain, "", false, ""},
		{"plain", `"a\nb"`, plain, "", false, ""},
		{"plain", "\"a\tb\"", plain, "", false, ""},
		{"plain", "\"\xff\"", plain, "", false, ""},
		{"plain", `"abc`, plain, "", false, ""},
		{"plain", `abc`, plain, "", false, ""},
		{"plain", ` "abc"`, plain, "", false, ""},

		{"int", `4}`, integer, "4", true, "}"},
		{"int", `0`, integer, "0", true, ""},
		{"int", `-0`, integer, "0", true, ""},
		{"int", `-12 `, integer, "-12", true, " "},
		{"int", `9999999999`, integer, "9999999999", true, ""},
		{"int", `99999999999`, integer, "", false, ""},
		{"int", `04`, integer, "", false, ""},
		{"int", `4.0`, integer, "", false, ""},
		{"int", `4e0`, integer, "", false, ""},
		{"int", `4E0`, integer, "", false, ""},
		{"int", `-`, integer, "", false, ""},
		{"int", `-x`, integer, "", false, ""},
		{"int", `+4`, integer, "", false, ""},
		{"int", ``, integer, "", false, ""},

		{"number", `0,`, number, "0", true, ","},
		{"number", `-0.5e+3]`, number, "-0.5e+3", true, "]"},
		{"number", `12E-7`, number, "12E-7", true, ""},
		{"number", `99999999999999999999`, number, "99999999999999999999", true, ""},
		{"number", `01`, number, "0", true, "1"}, // the caller refuses what follows
		{"number", `.5`, number, "", false, ""},
		{"number", `1.`, number, "", false, ""},
		{"number", `1.e2`, number, "", false, ""},
		{"number", `1e`, number, "", false, ""},
		{"number", `1e+`, number, "", false, ""},
		{"number", `-`, number, "", false, ""},
		{"number", `+1`, number, "", false, ""},

		{"bool", `true,`, boolean, "true", true, ","},
		{"bool", `false`, boolean, "false", true, ""},
		{"bool", `tru`, boolean, "false", false, ""},
		{"bool", `null`, boolean, "false", false, ""},
		{"null", `null}`, null, "", true, "}"},
		{"null", `nul`, null, "", false, ""},
		{"null", `Null`, null, "", false, ""},

		{"object", `{} `, members, "", true, " "},
		{"object", `{ }`, members, "", true, ""},
		{"object", "{ \"a\" :\t1 ,\n\"b\":\"x\"\r}", members, "a=1,b=x", true, ""},
		{"object", `{"a":1,"a":2}`, members, "a=1,a=2", true, ""}, // duplicates are the caller's to refuse
		{"object", `{"a":1,}`, members, "", false, ""},
		{"object", `{"a" 1}`, members, "", false, ""},
		{"object", `{"a":1 "b":2}`, members, "", false, ""},
		{"object", `{"a\u0062":1}`, members, "", false, ""},
		{"object", `{a:1}`, members, "", false, ""},
		{"object", `{"a":1`, members, "", false, ""},
		{"object", ` {}`, members, "", false, ""}, // the cursor must be on the brace
		{"object", `[]`, members, "", false, ""},

		{"array", `[]`, items, "", true, ""},
		{"array", `[ 1 , "b" ]x`, items, "1,b", true, "x"},
		{"array", `[1,]`, items, "", false, ""},
		{"array", `[,1]`, items, "", false, ""},
		{"array", `[1 2]`, items, "", false, ""},
		{"array", `[1`, items, "", false, ""},
		{"array", `{}`, items, "", false, ""},

		{"skip", `{"a\u00e9\n":[1.5e3,true,false,null,{"b":"\\\"\/"}]} x`, skip, "", true, " x"},
		{"skip", `"\ud83d"`, skip, "", true, ""},
		{"skip", "\"\xff\"", skip, "", true, ""}, // as encoding/json takes it
		{"skip", `"\x"`, skip, "", false, ""},
		{"skip", `"\u12g4"`, skip, "", false, ""},
		{"skip", `"\u12"`, skip, "", false, ""},
		{"skip", "\"a\x01\"", skip, "", false, ""},
		{"skip", `{1:2}`, skip, "", false, ""},
		{"skip", `[1,2,}`, skip, "", false, ""},
		{"skip", `nan`, skip, "", false, ""},
		{"skip", ``, skip, "", false, ""},
		{"skip", strings.Repeat("[", MaxDepth+1) + strings.Repeat("]", MaxDepth+1), skip, "", true, ""},
		{"skip", strings.Repeat("[", MaxDepth+2) + strings.Repeat("]", MaxDepth+2), skip, "", false, ""},
	} {
		got, ok, rest := read(c.in, c.read)
		if ok != c.ok || (ok && (got != c.want || rest != c.rest)) {
			t.Errorf("%s %.40q: read %q, %v, left %.20q; want %q, %v, left %q", c.name, c.in, got, ok, rest, c.want, c.ok, c.rest)
		}
	}
}

func TestEnd(t *testing.T) {
	for in, want := range map[string]bool{"": true, " \t\r\n": true, " x": false, "\f": false} {
		var s Scanner
		s.Reset([]byte(in))
		if got := s.End(); got != want {
			t.Errorf("End of %q = %v, want %v", in, got, want)
		}
	}
}

func TestByte(t *testing.T) {
	var s Scanner
	s.Reset([]byte("{}"))
	if s.Byte() != '{' || !s.Peek('{') || s.Peek('}') {
		t.Errorf("at the start: Byte %q", s.Byte())
	}
	s.Skip()
	if s.Byte() != 0 || s.Peek(0) {
		t.Errorf("at the end: Byte %q, Peek(0) %v", s.Byte(), s.Peek(0))
	}
}

// FuzzSkip: Skip takes a document exactly when encoding/json finds it
// valid, as long as it cannot nest deeper than MaxDepth.
func FuzzSkip(f *testing.F) {
	for _, doc := range []string{`{"a":[1,-2.5e+3,"\u00e9\n",true,false,null,{}]}`, `"\xff"`, ` [ ] `, `{"a":1,}`, `01`, `"\ud800"`, `1E400`} {
		f.Add([]byte(doc))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		var s Scanner
		s.Reset(data)
		s.SkipSpace()
		skipped := s.Skip() && s.End()
		valid := json.Valid(data)
		if skipped && !valid {
			t.Fatalf("skipped %q, which encoding/json refuses", data)
		}
		if valid && !skipped && len(data) <= 2*(MaxDepth+1) {
			t.Fatalf("refused %q, which encoding/json takes", data)
		}
	})
}
