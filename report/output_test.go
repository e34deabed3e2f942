package report

import (
	"errors"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
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

// TestOutputCheckRefusesADirectoryNoFileCanBeCreatedIn injects the
// probe's refusal: tests run as root, whom a directory's mode does not
// stop (TestOutputCheckReadOnlyDirectory and the E2E
// TestOutputToAReadOnlyDirectoryIsRefusedFirst try the real thing).
func TestOutputCheckRefusesADirectoryNoFileCanBeCreatedIn(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "fifo")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Fatal(err)
	}
	other := t.TempDir()
	link, target := filepath.Join(dir, "link"), filepath.Join(other, "target")
	if err := os.WriteFile(target, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(target, link); err != nil {
		t.Fatal(err)
	}
	var probed []string
	defer func(p func(string) error) { probe = p }(probe)
	probe = func(d string) error {
		probed = append(probed, d)
		return &os.PathError{Op: "open", Path: filepath.Join(d, ".x"), Err: syscall.EACCES}
	}
	s, _, _ := iostreams.Test("", nil)
	tests := []struct {
		path, probed, err string
	}{
		{filepath.Join(dir, "x.txt"), dir, filepath.Join(dir, "x.txt") + ": a file cannot be created in the directory " + dir + " (permission denied); make it writable or write to another directory"},
		{link, other, link + ": a file cannot be created in the directory " + other + " (permission denied); make it writable or write to another directory"},
		{fifo, "", ""}, // written in place
		{"-", "", ""},
	}
	for _, tc := range tests {
		probed = nil
		err := NewOutput(s, tc.path).Check()
		if tc.err == "" && err != nil || tc.err != "" && (err == nil || err.Error() != tc.err || !errors.Is(err, errtext.ErrInvalid)) {
			t.Errorf("%q: %v, want %q", tc.path, err, tc.err)
		}
		if want := []string{tc.probed}; tc.probed == "" && len(probed) > 0 || tc.probed != "" && !slices.Equal(probed, want) {
			t.Errorf("%q: probed %q, want %q", tc.path, probed, tc.probed)
		}
	}
}

func TestOutputCheckReadOnlyDirectory(t *testing.T) {
	if os.Geteuid() == 0 {
		t.Skip("root writes in a read-only directory")
	}
	dir := t.TempDir()
	if err := os.Chmod(dir, 0o555); err != nil {
		t.Fatal(err)
	}
	defer os.Chmod(dir, 0o755)
	s, _, _ := iostreams.Test("", nil)
	err := NewOutput(s, filepath.Join(dir, "x.txt")).Check()
	if err == nil || !errors.Is(err, errtext.ErrInvalid) || !strings.Contains(err.Error(), "a file cannot be created in the directory "+dir+" (permission denied)") {
		t.Errorf("a read-only directory: %v", err)
	}
	if entries, _ := os.ReadDir(dir); len(entries) > 0 {
		t.Errorf("the check left %v", entries)
	}
}

func TestOutputCheckLeavesNothingBehind(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	s, _, _ := iostreams.Test("", nil)
	if err := NewOutput(s, filepath.Join(dir, "x.txt")).Check(); err != nil {
		t.Fatal(err)
	}
	if entries, _ := os.ReadDir(dir); len(entries) > 0 {
		t.Errorf("the check left %v", entries)
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

// TestOutputToAnImmutableFileSaysWhatToDo marks the file immutable with
// chattr(1) where it can (root, on a file system that has the mark): the
// rename into place fails with EPERM, for root too.
func TestOutputToAnImmutableFileSaysWhatToDo(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "exist.txt")
	if err := os.WriteFile(path, []byte("old\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if out, err := exec.Command("chattr", "+i", path).CombinedOutput(); err != nil {
		t.Skipf("cannot mark a file immutable here: %v %s", err, out)
	}
	defer exec.Command("chattr", "-i", path).Run()
	s, _, _ := iostreams.Test("", nil)
	err := NewOutput(s, path).Write(func(w io.Writer) error { _, err := io.WriteString(w, "new\n"); return err })
	want := "write " + path + ": operation not permitted; the file may be marked immutable or append-only (lsattr " + path + " shows an i or a): write to another file, or have its owner clear the mark (chattr -i -a)"
	if err == nil || err.Error() != want {
		t.Errorf("%v, want %q", err, want)
	}
	if data, _ := os.ReadFile(path); string(data) != "old\n" {
		t.Errorf("the file is now %q", data)
	}
}

func TestReplaceHint(t *testing.T) {
	tests := []struct {
		err  error
		hint bool
	}{
		{&os.PathError{Op: "rename into place", Path: "x", Err: syscall.EPERM}, true},
		{&os.PathError{Op: "rename into place", Path: "x", Err: syscall.EACCES}, false},
		{syscall.ENOSPC, false},
	}
	for _, tc := range tests {
		if got := replaceHint(tc.err, "x"); (got != "") != tc.hint {
			t.Errorf("%v: hint %q, want one: %v", tc.err, got, tc.hint)
		}
	}
}
