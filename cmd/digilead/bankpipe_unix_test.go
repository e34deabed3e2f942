//go:build unix

package main

import (
	"bytes"
	"os"
	"os/exec"
	"strings"
	"testing"
)

// TestBankValidateReadsAPipeOnce: bank validate reads a bank given as a
// pipe (/dev/stdin, <(…) is /dev/fd/N) once, as bank show does: it
// used to sniff the file for a translation and then open it again,
// drained ("file is empty"). A translation given as a pipe after it is
// checked against the bank read from the first pipe, not read again.
func TestBankValidateReadsAPipeOnce(t *testing.T) {
	bank, err := os.ReadFile(reviewClean)
	if err != nil {
		t.Fatal(err)
	}
	tr := digilead(t, "", nil, "bank", "translate", "de", reviewClean)
	if tr.code != 0 {
		t.Fatalf("bank translate: exit %d, %s", tr.code, tr.stderr)
	}
	for _, args := range [][]string{
		{"bank", "validate", "/dev/stdin"},
		{"bank", "show", "/dev/stdin"},
		{"bank", "validate", "/dev/stdin", "/dev/fd/3"},
		{"bank", "validate", "--bank", "/dev/stdin", "/dev/fd/3", "/dev/fd/3"},
	} {
		cmd := exec.Command(binary, args...)
		cmd.Env = []string{"PATH=" + os.Getenv("PATH"), "HOME=" + t.TempDir(), "XDG_DATA_HOME=" + t.TempDir(), "TERM=dumb"}
		cmd.Stdin = bytes.NewReader(bank) // a pipe
		pr, pw, err := os.Pipe()
		if err != nil {
			t.Fatal(err)
		}
		cmd.ExtraFiles = []*os.File{pr}
		go func() { pw.Write([]byte(tr.stdout)); pw.Close() }()
		var stdout, stderr bytes.Buffer
		cmd.Stdout, cmd.Stderr = &stdout, &stderr
		err = cmd.Run()
		pr.Close()
		if err != nil || !strings.Contains(stdout.String(), "clean") {
			t.Errorf("%v: %v\nstdout: %s\nstderr: %s", args, err, stdout.String(), stderr.String())
		}
		if n := strings.Count(stdout.String(), "de translation"); n != strings.Count(strings.Join(args, " "), "fd/3") {
			t.Errorf("%v: %d translations checked:\n%s", args, n, stdout.String())
		}
	}
}

// TestWriteRefusesABankReadFromAPipe: --write records into the bank's
// files; a bank read from a pipe is refused before any work (exit 2,
// saying why), where it used to be read a second time, drained, and
// refused as "would not load … please report this".
func TestWriteRefusesABankReadFromAPipe(t *testing.T) {
	bank, err := os.ReadFile(statsBank)
	if err != nil {
		t.Fatal(err)
	}
	for _, cmdName := range []string{"stats", "calibrate"} {
		cmd := exec.Command(binary, "bank", cmdName, "--bank", "/dev/stdin", "testdata/stats-answers.jsonl", "--write")
		cmd.Env = []string{"PATH=" + os.Getenv("PATH"), "HOME=" + t.TempDir(), "XDG_DATA_HOME=" + t.TempDir(), "TERM=dumb"}
		cmd.Stdin = bytes.NewReader(bank)
		var stdout, stderr bytes.Buffer
		cmd.Stdout, cmd.Stderr = &stdout, &stderr
		cmd.Run()
		if code := cmd.ProcessState.ExitCode(); code != 2 || stdout.Len() > 0 || !strings.Contains(stderr.String(), "/dev/stdin is not a regular file") {
			t.Errorf("bank %s --write: exit %d, stdout %d bytes, stderr %q; want 2, nothing, not a regular file", cmdName, code, stdout.Len(), stderr.String())
		}
	}
}
