package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestOutputFileCannotBeWritten(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "file")
	if err := os.WriteFile(file, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	isDir := filepath.Join(dir, "taken")
	if err := os.Mkdir(isDir, 0o700); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct{ path, why string }{
		{filepath.Join(file, "bank.yaml"), file + " is not a directory"},
		{isDir, "is a directory; name a file"},
	} {
		r := digilead(t, "", nil, "bank", "export", "-o", tc.path)
		want := "digilead: -o " + tc.path + ": " + tc.why
		if tc.path == isDir {
			want = "digilead: -o " + tc.path + " " + tc.why
		}
		if r.code != 2 || r.stdout != "" || !strings.HasPrefix(r.stderr, want) {
			t.Errorf("-o %s: exit %d, stdout %d bytes, stderr %q; want exit 2 and %q", tc.path, r.code, len(r.stdout), r.stderr, want)
		}
		if strings.Contains(r.stderr, ".tmp-") {
			t.Errorf("the error names a temporary file: %q", r.stderr)
		}
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 2 {
		t.Errorf("the failed writes left files behind: %v", entries)
	}
}

// TestOutputMayNotBeAnInput: -o naming a file the command reads is refused
// before anything is read or written, whatever path names it.
func TestOutputMayNotBeAnInput(t *testing.T) {
	dir := t.TempDir()
	bank := filepath.Join(dir, "b.yaml")
	os.WriteFile(bank, []byte(digilead(t, "", nil, "bank", "export").stdout), 0o600)
	before, _ := os.ReadFile(bank)
	results := filepath.Join(dir, "results")
	os.Mkdir(results, 0o700)
	r := digilead(t, "", nil, "assess", "--answers", example, "-f", "json")
	one := filepath.Join(results, "one.json")
	os.WriteFile(one, []byte(r.stdout), 0o600)
	os.Symlink(bank, filepath.Join(dir, "link.yaml"))
	for _, args := range [][]string{
		{"bank", "stats", "--bank", bank, "--write", "-o", bank, one},
		{"bank", "stats", "--bank", bank, "-o", filepath.Join(dir, ".", "b.yaml"), one},
		{"assess", "--answers", example, "--bank", bank, "-o", filepath.Join(dir, "link.yaml")},
		{"report", one, "-o", one},
		{"cohort", "--min-group", "1", results, "-o", one},
		{"score", "--bank", bank, "-o", bank, "-"},
	} {
		r := digilead(t, "", nil, args...)
		if r.code != 2 || !strings.Contains(r.stderr, "one of the inputs; write the output to another file") {
			t.Errorf("%v: exit %d, %q", args, r.code, r.stderr)
		}
	}
	if after, _ := os.ReadFile(bank); string(after) != string(before) {
		t.Error("the bank was changed")
	}
	if data, _ := os.ReadFile(one); string(data) != r.stdout {
		t.Error("the result was changed")
	}
}
