package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/digilead/digilead/questions/safetext"
)

func TestOutputFileCannotBeWritten(t *testing.T) {
	t.Parallel()
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
	t.Parallel()
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

// TestNothingFromOutsideReachesTheTerminalRaw: control sequences in a
// result, an answers line, a bank's keys and a file name come out as
// visible escapes, on stdout and stderr alike.
func TestNothingFromOutsideReachesTheTerminalRaw(t *testing.T) {
	t.Parallel()
	const evil = "\x1b]52;c;ZXZpbA==\x07\x1b[2J\u202e"
	dir := t.TempDir()
	res := digilead(t, "", nil, "assess", "--answers", example, "-f", "json")
	var r map[string]any
	json.Unmarshal([]byte(res.stdout), &r)
	r["respondent"] = map[string]any{"name": "Pat" + evil}
	r["bank"].(map[string]any)["title"] = "Bank" + evil
	hostile, _ := json.Marshal(r)
	resultFile := filepath.Join(dir, "r.json")
	os.WriteFile(resultFile, hostile, 0o600)
	bank := filepath.Join(dir, "b.yaml")
	os.WriteFile(bank, []byte("schema: digilead/v1\n\"ke\\ey\": 1\n"), 0o600)
	for _, c := range []struct {
		stdin string
		args  []string
	}{
		{"", []string{"report", resultFile}},
		{"", []string{"report", resultFile, "-f", "markdown"}},
		{"", []string{"report", filepath.Join(dir, "no"+evil+".json")}},
		{"", []string{"bank", "validate", bank}},
		{`{"answers": {"q` + "\\u001b[2J" + `": 1}}` + "\n", []string{"score"}},
		{"", []string{"compare", resultFile, resultFile}},
	} {
		out := digilead(t, c.stdin, nil, c.args...)
		if r, i := safetext.Find(out.stdout + out.stderr); i >= 0 {
			t.Errorf("%v: %U reaches the terminal:\n%q\n%q", c.args, r, out.stdout, out.stderr)
		}
	}
}
