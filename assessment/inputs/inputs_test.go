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
	set, err := Open([]string{"-"}, strings.NewReader(in), false, "x")
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	rep := NewReporter(&buf)
	err = Read(context.Background(), set, decodeObject, func(at Place, v string) { added = append(added, at.String()+" "+v) }, rep)
	if err != nil {
		t.Fatal(err)
	}
	return added, buf.String(), rep.Rejected()
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
// document is either added or rejected with its place.
func FuzzRead(f *testing.F) {
	for _, seed := range []string{
		"{\"a\": 1}\n{\"b\": 2}\n",
		"{\n  \"schema\": \"x\"\n}\n",
		"not json\n\n{}\n[1]\n",
		"{\n",
		"\r\n{\r\n}",
	} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		set, _ := Open(nil, bytes.NewReader(data), false, "x")
		var errOut bytes.Buffer
		rep := NewReporter(&errOut)
		added := 0
		if err := Read(context.Background(), set, decodeObject, func(Place, string) { added++ }, rep); err != nil {
			t.Fatal(err)
		}
		if rep.Rejected() > 0 && !strings.HasPrefix(errOut.String(), "stdin:") {
			t.Fatalf("rejected input reported without its place: %q", errOut.String())
		}
		bom := bytes.HasPrefix(data, []byte{0xFF, 0xFE}) || bytes.HasPrefix(data, []byte{0xFE, 0xFF}) || bytes.HasPrefix(data, []byte{0xEF, 0xBB, 0xBF})
		if nonBlank := len(bytes.Fields(data)); nonBlank > 0 && !bom && added+rep.Rejected() == 0 {
			t.Fatalf("input %q neither added nor rejected", data)
		}
	})
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
