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
