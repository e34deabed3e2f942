package report

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/digilead/digilead/questions/errtext"
	"github.com/digilead/digilead/report/iostreams"
)

func TestOutputCheck(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	file := filepath.Join(dir, "file")
	os.WriteFile(file, nil, 0o600)
	s, _, _ := iostreams.Test("", nil)
	tests := []struct{ path, err string }{
		{"", ""},
		{"-", ""},
		{filepath.Join(dir, "new.json"), ""},
		{file, ""},
		{dir, dir + " is a directory; name a file"},
		{filepath.Join(dir, "no", "x.json"), filepath.Join(dir, "no", "x.json") + ": the directory " + filepath.Join(dir, "no") + " does not exist; create it first"},
		{filepath.Join(file, "x.json"), filepath.Join(file, "x.json") + ": " + file + " is not a directory"},
	}
	for _, tc := range tests {
		err := NewOutput(s, tc.path).Check()
		if tc.err == "" && err != nil || tc.err != "" && (err == nil || err.Error() != tc.err || !errors.Is(err, errtext.ErrInvalid)) {
			t.Errorf("%q: %v, want %q", tc.path, err, tc.err)
		}
	}
}

func TestOutputWritesWholeFilesOrNothing(t *testing.T) {
	t.Parallel()
	s, out, errOut := iostreams.Test("", nil)
	s.Width, s.ErrTTY = 90, true
	if err := NewOutput(s, "").Write(func(w io.Writer) error { _, err := io.WriteString(w, "doc\n"); return err }); err != nil || out.String() != "doc\n" {
		t.Fatalf("stdout: %q, %v", out.String(), err)
	}
	if o := NewOutput(s, "-").Options(true); o.Width != 90 || o.Renderer == nil || !o.Accessible {
		t.Errorf("stdout report options %+v", o)
	}
	path := filepath.Join(t.TempDir(), "r.txt")
	o := NewOutput(s, path)
	if ro := o.Options(false); ro.Width != 0 || ro.Renderer != nil {
		t.Errorf("a file is laid out plainly at the default width: %+v", ro)
	}
	if err := o.Write(func(w io.Writer) error { io.WriteString(w, "half"); return errors.New("render failed") }); err == nil {
		t.Fatal("a failed render was not reported")
	}
	if _, err := os.Stat(path); !errors.Is(err, os.ErrNotExist) {
		t.Fatalf("a failed render left a file: %v", err)
	}
	if err := o.Write(func(w io.Writer) error { _, err := io.WriteString(w, "whole\n"); return err }); err != nil {
		t.Fatal(err)
	}
	info, _ := os.Stat(path)
	data, _ := os.ReadFile(path)
	if string(data) != "whole\n" || info.Mode().Perm() != 0o600 {
		t.Errorf("file %q, mode %v", data, info.Mode().Perm())
	}
	if !strings.HasPrefix(errOut.String(), "Wrote ") {
		t.Errorf("a terminal is told where the file went: %q", errOut.String())
	}
}
