package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/digilead/digilead/questions/e2e"
)

// TestOutputToAReadOnlyDirectoryIsRefusedFirst runs digilead as a user
// who cannot write the -o directory (nobody, through runuser, when the
// tests run as root, whom a directory's mode does not stop): every
// command refuses it with exit 2 before asking or reading anything, not
// with exit 1 after the work.
func TestOutputToAReadOnlyDirectoryIsRefusedFirst(t *testing.T) {
	e2e.Slow(t) // copies the program for another user
	var as []string
	if os.Geteuid() == 0 {
		as = []string{e2e.Tool(t, "apt-get install util-linux", "runuser"), "-u", "nobody", "--"}
	}
	dir, err := os.MkdirTemp("", "digilead-ro-")
	if err != nil {
		t.Fatal(err)
	}
	defer os.RemoveAll(dir)
	data, err := os.ReadFile(binary)
	if err != nil {
		t.Fatal(err)
	}
	prog := filepath.Join(dir, "digilead")
	ro := filepath.Join(dir, "ro")
	for _, err := range []error{os.WriteFile(prog, data, 0o755), os.Mkdir(ro, 0o755), os.Chmod(ro, 0o555), os.Chmod(dir, 0o755), os.Chmod(prog, 0o755)} {
		if err != nil {
			t.Fatal(err)
		}
	}
	for name := range groupPrograms { // beside it, as an archive has them
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	for _, args := range [][]string{
		{"--accessible", "-o", "ro/x.txt"},
		{"assess", "--accessible", "-o", "ro/x.txt"},
		{"bank", "export", "-o", "ro/x.yaml"},
		{"report", "--last", "-o", "ro/x.txt"},
		{"score", "-", "-o", "ro/x.csv"},
		{"cohort", "-", "-o", "ro/x.txt"},
	} {
		line := append(append(slices.Clone(as), prog), args...)
		cmd := exec.Command(line[0], line[1:]...)
		cmd.Dir = dir
		cmd.Env = []string{"HOME=" + dir, "XDG_DATA_HOME=" + dir, "TERM=dumb", "PATH=" + os.Getenv("PATH")}
		var stderr bytes.Buffer
		cmd.Stdin, cmd.Stderr = strings.NewReader("1\n"), &stderr
		cmd.Run()
		want := "-o ro/x."
		if code := cmd.ProcessState.ExitCode(); code != exitUsage || !strings.Contains(stderr.String(), want) || !strings.Contains(stderr.String(), ": a file cannot be created in the directory ro (permission denied); make it writable or write to another directory") {
			t.Errorf("digilead %q: exit %d, stderr %q; want exit %d refusing the directory", args, code, stderr.String(), exitUsage)
		}
	}
}
