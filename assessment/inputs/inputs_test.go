package inputs

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"unicode/utf8"

	"github.com/digilead/digilead/assessment/batch"
	"github.com/digilead/digilead/assessment/batch/batchtest"
	"github.com/digilead/digilead/questions"
	"github.com/digilead/digilead/questions/errtext"
)

// decodeObject accepts a JSON object on one line or pretty-printed and
// refuses anything else, placing the problem on the document's line 2
// when it has a second line (as a decoder reporting a line would).
func decodeObject(data []byte) (string, error) {
	t := strings.TrimSpace(string(data))
	switch {
	case strings.HasPrefix(t, "{") && strings.HasSuffix(t, "}"):
		return t, nil
	case strings.Count(t, "\n") > 0:
		return "", questions.Problems{{Pos: questions.Pos{Line: 2}, Field: "f", Msg: "bad"}}
	}
	return "", errors.New("not an object")
}

func read(t *testing.T, in string) (added []string, errOut string, rejected int) {
	t.Helper()
	return readPlaces(t, []byte(in))
}

func TestReadTellsLinesFromADocument(t *testing.T) {
	tests := []struct {
		name, in string
		added    []string
		errOut   string
	}{
		{"json lines", "{\"a\":1}\n\n{\"b\":2}\n", []string{"stdin:1 {\"a\":1}", "stdin:3 {\"b\":2}"}, ""},
		{"bad first line keeps its number", "nope\n{\"b\":2}\n", []string{"stdin:2 {\"b\":2}"}, "stdin:1: not an object\n"},
		{"pretty document", "\n{\n  \"a\": 1\n}\n", []string{"stdin {\n  \"a\": 1\n}"}, ""},
		{"a problem inside a document is placed at its line", "{\n  \"a\": 1\n", nil, "stdin:2: f: bad\n"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			added, errOut, _ := read(t, tc.in)
			if fmt.Sprint(added) != fmt.Sprint(tc.added) || errOut != tc.errOut {
				t.Errorf("added %q, reported %q; want %q, %q", added, errOut, tc.added, tc.errOut)
			}
		})
	}
}

func TestReporterCapsMessagesAndCountsTheRest(t *testing.T) {
	in := strings.Repeat("x\n", MaxShown+5)
	_, errOut, rejected := read(t, in)
	if rejected != MaxShown+5 || strings.Count(errOut, "\n") != MaxShown {
		t.Fatalf("rejected %d, shown %d lines", rejected, strings.Count(errOut, "\n"))
	}
	rep := NewReporter(&bytes.Buffer{})
	if rep.Err("fine") != nil {
		t.Error("no rejections is no error")
	}
	for range MaxShown + 5 {
		rep.Reject("f", 1, errors.New("bad"))
	}
	err := rep.Err("25 rejected")
	if !errors.Is(err, errtext.ErrInvalid) || err.Error() != "25 rejected (5 more problems not shown)" {
		t.Errorf("Err: %v", err)
	}
}

func TestOpen(t *testing.T) {
	dir := t.TempDir()
	for name, content := range map[string]string{"b.jsonl": "{}", "a.json": "{}", ".hidden.json": "{}", "notes.txt": "x", "sub/c.json": "{}"} {
		p := filepath.Join(dir, name)
		os.MkdirAll(filepath.Dir(p), 0o700)
		os.WriteFile(p, []byte(content), 0o600)
	}
	empty := t.TempDir()
	tests := []struct {
		name  string
		paths []string
		tty   bool
		want  []string
		err   string
	}{
		{"directory: its json files in name order", []string{dir}, false, []string{filepath.Join(dir, "a.json"), filepath.Join(dir, "b.jsonl")}, ""},
		{"file and stdin", []string{filepath.Join(dir, "notes.txt"), "-"}, false, []string{filepath.Join(dir, "notes.txt"), "stdin"}, ""},
		{"no path is stdin", nil, false, []string{"stdin"}, ""},
		{"no path on a terminal", nil, true, nil, "no input: name files or directories of answers, or pipe them on stdin"},
		{"missing", []string{filepath.Join(dir, "nope")}, false, nil, filepath.Join(dir, "nope") + ": no such file or directory"},
		{"empty directory", []string{empty}, false, nil, empty + " holds no *.json or *.jsonl files"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			set, err := Open(tc.paths, strings.NewReader(""), tc.tty, "answers")
			if tc.err != "" {
				if err == nil || err.Error() != tc.err || !errors.Is(err, errtext.ErrInvalid) {
					t.Fatalf("got %v, want %q (invalid input)", err, tc.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			defer set.Close()
			var names []string
			for _, in := range set.Inputs {
				names = append(names, in.Name)
			}
			if fmt.Sprint(names) != fmt.Sprint(tc.want) {
				t.Errorf("inputs %q, want %q", names, tc.want)
			}
		})
	}
}

// TestOpenGatheringReadsAnEmptyDirectoryAsNone: documents still coming
// in (a round's feedback) may not have come yet; the rest is as Open.
func TestOpenGatheringReadsAnEmptyDirectoryAsNone(t *testing.T) {
	empty, full := t.TempDir(), t.TempDir()
	os.WriteFile(filepath.Join(full, "a.json"), []byte("{}"), 0o600)
	set, err := OpenGathering([]string{empty, full}, strings.NewReader(""), false, "feedback")
	if err != nil {
		t.Fatal(err)
	}
	defer set.Close()
	if len(set.Inputs) != 1 || fmt.Sprint(set.Notes()) != "["+empty+" holds no *.json or *.jsonl files yet]" {
		t.Errorf("inputs %v, notes %q", set.Inputs, set.Notes())
	}
	if _, err := OpenGathering([]string{filepath.Join(empty, "nope")}, nil, false, "feedback"); !errors.Is(err, errtext.ErrInvalid) {
		t.Errorf("a missing path: %v, want invalid input", err)
	}
}

// FuzzRead feeds arbitrary input to Read: it never panics, and every
// document is either added or rejected with its place. UTF-8 text reads
// the same with a byte-order mark and as UTF-16 LE or BE.
func FuzzRead(f *testing.F) {
	for _, seed := range []string{
		"{\"a\": 1}\n{\"b\": 2}\n",
		"{\n  \"schema\": \"x\"\n}\n",
		"not json\n\n{}\n[1]\n",
		"{\n",
		"\r\n{\r\n}",
	} {
		for _, e := range batchtest.Encodings(seed) {
			f.Add(e.Data)
		}
	}
	f.Add([]byte("\xff\xfe{\x00}\x00\n\x00\x00"))
	f.Add([]byte("\xfe\xff\x00{\x00}\x00\r\x00\n\x00x"))
	f.Fuzz(func(t *testing.T, data []byte) {
		added, errOut, rejected := readPlaces(t, data)
		if rejected > 0 && !strings.HasPrefix(errOut, "stdin:") {
			t.Fatalf("rejected input reported without its place: %q", errOut)
		}
		bom := bytes.HasPrefix(data, []byte{0xFF, 0xFE}) || bytes.HasPrefix(data, []byte{0xFE, 0xFF}) || bytes.HasPrefix(data, []byte{0xEF, 0xBB, 0xBF})
		if nonBlank := len(bytes.Fields(data)); nonBlank > 0 && !bom && len(added)+rejected == 0 {
			t.Fatalf("input %q neither added nor rejected", data)
		}
		if _, err := batch.TextOf(bytes.NewReader(data)); bom || err != nil || !utf8.Valid(data) || bytes.HasPrefix(data, []byte{0}) {
			return // not plain UTF-8 text; or, led by U+0000, UTF-16LE that reads as UTF-32's mark
		}
		for _, e := range batchtest.Encodings(string(data))[1:] {
			a, eo, r := readPlaces(t, e.Data)
			if fmt.Sprint(a) != fmt.Sprint(added) || eo != errOut || r != rejected {
				t.Fatalf("%s of %q: added %q, reported %q; as UTF-8 %q, %q", e.Name, data, a, eo, added, errOut)
			}
		}
	})
}

// readPlaces reads data from stdin with Read, as documents decodeObject
// takes, and returns where each was added, what was reported and how
// many were rejected.
func readPlaces(t *testing.T, data []byte) (added []string, errOut string, rejected int) {
	t.Helper()
	set, _ := Open(nil, bytes.NewReader(data), false, "x")
	var out bytes.Buffer
	rep := NewReporter(&out)
	if err := Read(context.Background(), set, decodeObject, func(at Place, v string) { added = append(added, at.String()+" "+v) }, rep); err != nil {
		t.Fatal(err)
	}
	return added, out.String(), rep.Rejected()
}

// TestOpenSkipsWhatCannotBeReadAndReadsAFileOnce: a FIFO in a folder
// would hang the command; a file named twice (directly and through its
// folder) would count its results twice.
func TestOpenSkipsWhatCannotBeReadAndReadsAFileOnce(t *testing.T) {
	dir := t.TempDir()
	a := filepath.Join(dir, "a.json")
	os.WriteFile(a, []byte("{}"), 0o600)
	if err := syscall.Mkfifo(filepath.Join(dir, "pipe.json"), 0o600); err != nil {
		t.Skip("no FIFOs here:", err)
	}
	set, err := Open([]string{dir, a, filepath.Join(dir, ".", "a.json")}, nil, false, "x")
	if err != nil {
		t.Fatal(err)
	}
	defer set.Close()
	if len(set.Inputs) != 1 || set.Inputs[0].Name != a {
		t.Errorf("inputs %v", set.Inputs)
	}
	want := []string{
		filepath.Join(dir, "pipe.json") + ": not a regular file, skipped",
		a + ": the same file as " + a + ", read once",
		filepath.Join(dir, ".", "a.json") + ": the same file as " + a + ", read once",
	}
	if fmt.Sprint(set.Notes()) != fmt.Sprint(want) {
		t.Errorf("notes %q\nwant %q", set.Notes(), want)
	}
}

// TestEncodings: a byte-order mark or UTF-16 from a Windows tool is read
// as the text it is, from a file, a directory's file or stdin: the same
// documents at the same places, the same problems at the same lines
// (counted in the text), and the same guess of results or answer sets.
func TestEncodings(t *testing.T) {
	texts := []struct{ name, text string }{
		{"json lines", "{\"schema\":\"x\"}\n\nnope\n{\"a\":\"é\"}\n"},
		{"json lines crlf", "{\"answers\":{}}\r\n\r\nnope\r\n{\"b\":\"𝄞\"}"},
		{"document", "\n{\n  \"schema\": \"x\",\n  \"a\": \"é\"\n}\n"},
		{"document crlf", "\r\n{\r\n  \"a\": 1\r\n}\r\n"},
		{"document with a problem", "{\r\n  \"a\": 1\r\n"},
	}
	type outcome struct {
		added   []string
		errOut  string
		results bool
	}
	readAs := func(t *testing.T, path string, stdin []byte, name string) outcome {
		t.Helper()
		set, err := Open([]string{path}, bytes.NewReader(stdin), false, "x")
		if err != nil {
			t.Fatal(err)
		}
		defer set.Close()
		var o outcome
		o.results = set.HoldsResults()
		var errOut bytes.Buffer
		rep := NewReporter(&errOut)
		if err := Read(context.Background(), set, decodeObject, func(at Place, v string) { o.added = append(o.added, at.String()+" "+v) }, rep); err != nil {
			t.Fatal(err)
		}
		o.errOut = strings.ReplaceAll(errOut.String(), name, "in")
		for i := range o.added {
			o.added[i] = strings.ReplaceAll(o.added[i], name, "in")
		}
		return o
	}
	for _, tc := range texts {
		t.Run(tc.name, func(t *testing.T) {
			want := readAs(t, "-", []byte(tc.text), Stdin)
			if len(want.added) == 0 && want.errOut == "" {
				t.Fatalf("plain text read nothing: %+v", want)
			}
			for _, e := range batchtest.Encodings(tc.text) {
				dir := t.TempDir()
				file := filepath.Join(dir, "in.jsonl")
				if err := os.WriteFile(file, e.Data, 0o600); err != nil {
					t.Fatal(err)
				}
				for _, from := range []struct{ what, path, name string }{{"file", file, file}, {"directory", dir, file}, {"stdin", "-", Stdin}} {
					if got := readAs(t, from.path, e.Data, from.name); fmt.Sprint(got) != fmt.Sprint(want) {
						t.Errorf("%s from %s: %+v\nwant %+v", e.Name, from.what, got, want)
					}
				}
			}
		})
	}
}

// TestCapped keeps MaxShown problems and counts the rest, as a Reporter
// does, without changing the problems given.
func TestCapped(t *testing.T) {
	ps := make(questions.Problems, MaxShown+3)
	for i := range ps {
		ps[i] = questions.Problem{Pos: questions.Pos{File: "f", Line: i + 1}, Msg: "bad"}
	}
	if got := Capped(ps[:MaxShown], "x"); len(got) != MaxShown {
		t.Errorf("%d problems capped to %d", MaxShown, len(got))
	}
	got := Capped(ps, "--all lists every one")
	if len(got) != MaxShown+1 || got[MaxShown].String() != "3 more problems not shown; --all lists every one" || got[MaxShown-1] != ps[MaxShown-1] {
		t.Errorf("Capped: %v", got)
	}
	if ps[MaxShown].Msg != "bad" {
		t.Error("Capped changed the problems given")
	}
}
