package atomicfile_test

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/digilead/digilead/questions/atomicfile"
	"github.com/digilead/digilead/questions/e2e"
)

// tempLeftovers lists WriteFile's temporary files in dir.
func tempLeftovers(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var left []string
	for _, e := range entries {
		if strings.Contains(e.Name(), ".tmp-") {
			left = append(left, e.Name())
		}
	}
	return left
}

func TestWriteFileCleansUpWhenRenameFails(t *testing.T) {
	dir := t.TempDir()
	target := filepath.Join(dir, "taken")
	if err := os.Mkdir(target, 0o700); err != nil {
		t.Fatal(err)
	}
	err := atomicfile.WriteFile(target, []byte("{}"), 0o600)
	var pe *os.PathError
	if !errors.As(err, &pe) || pe.Path != target || !errors.Is(err, syscall.EISDIR) {
		t.Errorf("want a path error naming %s (is a directory), got %v", target, err)
	}
	if left := tempLeftovers(t, dir); len(left) > 0 {
		t.Errorf("temporary files left behind: %v", left)
	}
}

// Two complete versions of a file that the helper below alternates.
var (
	versionA = bytes.Repeat([]byte("A"), 1<<20)
	versionB = bytes.Repeat([]byte("b"), 3<<19)
)

// TestAtomicWriterHelper is not a test: TestKilledWriterLeavesNoTruncatedFile
// runs the test binary again with DIGILEAD_ATOMIC_TARGET set, and this
// rewrites that file until it is killed.
func TestAtomicWriterHelper(t *testing.T) {
	target := os.Getenv("DIGILEAD_ATOMIC_TARGET")
	if target == "" {
		t.Skip("helper process for TestKilledWriterLeavesNoTruncatedFile")
	}
	for i := 0; ; i++ {
		data := versionA
		if i%2 == 0 {
			data = versionB
		}
		if err := atomicfile.WriteFile(target, data, 0o600); err != nil {
			t.Fatal(err)
		}
	}
}

func TestKilledWriterLeavesNoTruncatedFile(t *testing.T) {
	e2e.Slow(t) // kills a writer, for seconds
	dir := t.TempDir()
	target := filepath.Join(dir, "2026-11-23T100000Z-bank.json")
	if err := atomicfile.WriteFile(target, versionA, 0o600); err != nil {
		t.Fatal(err)
	}
	// whole reads the target as a listing of results would, and fails
	// unless it holds one version whole; it returns the version's size.
	whole := func(when string) int {
		t.Helper()
		got, err := os.ReadFile(target)
		if err != nil {
			t.Fatalf("%s: the target is gone: %v", when, err)
		}
		if !bytes.Equal(got, versionA) && !bytes.Equal(got, versionB) {
			t.Fatalf("%s: the target holds %d bytes, neither version whole", when, len(got))
		}
		return len(got)
	}
	for round, delay := range []time.Duration{0, 5 * time.Millisecond, 20 * time.Millisecond, 50 * time.Millisecond, 200 * time.Millisecond} {
		cmd := exec.Command(os.Args[0], "-test.run=^TestAtomicWriterHelper$")
		cmd.Env = append(os.Environ(), "DIGILEAD_ATOMIC_TARGET="+target)
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		// Read the file all the while it is rewritten: let the writer
		// finish two saves, then kill it mid-save after a different delay
		// each round.
		when := fmt.Sprintf("round %d, while writing", round)
		last, flips := whole(when), 0
		for deadline := time.Now().Add(20 * time.Second); flips < 2 && time.Now().Before(deadline); {
			if n := whole(when); n != last {
				last, flips = n, flips+1
			}
		}
		for until := time.Now().Add(delay); time.Now().Before(until); {
			whole(when)
		}
		if err := cmd.Process.Kill(); err != nil {
			t.Fatal(err)
		}
		cmd.Wait()
		whole(fmt.Sprintf("round %d, after the kill", round))
		// What a kill leaves is a hidden temporary file that no listing of
		// results (*.json) picks up.
		for _, name := range tempLeftovers(t, dir) {
			if !strings.HasPrefix(name, ".") || strings.HasSuffix(name, ".json") {
				t.Errorf("round %d: leftover %q would be read as a result", round, name)
			}
		}
	}
}
