package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/digilead/digilead/questions/e2e"
	"github.com/digilead/digilead/questions/questionstest"
)

// tinyDisk mounts a tmpfs of the given size (such as "16k") on a new
// directory: a real full disk, which answers writes with ENOSPC. A slow
// end-to-end test (see internal/e2e); mounting needs root (CAP_SYS_ADMIN)
// and a kernel or container that allows it, and fails, saying which,
// without them.
func tinyDisk(t *testing.T, size string) string {
	t.Helper()
	e2e.Tool(t, "apt-get install mount", "mount")
	if os.Geteuid() != 0 {
		t.Fatalf("a full disk is a tiny tmpfs, and mounting one needs root; run the end-to-end tests as root (as .ci/run does), or leave %s unset", e2e.Env)
	}
	dir := t.TempDir()
	if out, err := exec.Command("mount", "-t", "tmpfs", "-o", "size="+size+",mode=0700", "tmpfs", dir).CombinedOutput(); err != nil {
		t.Fatalf("mounting a tmpfs for a full disk was refused: %v: %s", err, strings.TrimSpace(string(out)))
	}
	// Registered after TempDir, so it runs before TempDir's removal.
	t.Cleanup(func() {
		if out, err := exec.Command("umount", dir).CombinedOutput(); err != nil {
			t.Errorf("umount %s: %v: %s", dir, err, out)
		}
	})
	return dir
}

// fill writes into dir until the disk is full.
func fill(t *testing.T, dir string) {
	t.Helper()
	f, err := os.Create(filepath.Join(dir, "filler"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	block := make([]byte, 4096)
	for {
		if _, err := f.Write(block); err != nil {
			return
		}
	}
}

// A full disk while saving a draft stops the questionnaire with exit 1
// and a message that names the directory and what to do.
func TestDraftOnFullDisk(t *testing.T) {
	p := newPane(t)
	p.data = tinyDisk(t, "16k")
	fill(t, p.data)
	startAccessible(p)
	if code := p.exitCode(); code != 1 {
		t.Fatalf("exit %d, want 1; screen:\n%s", code, p.screen())
	}
	msg := said(p)
	for _, w := range []string{"could not keep your progress: ", filepath.Join(p.data, "digilead"), "no space left on device", "Set XDG_DATA_HOME to a writable directory"} {
		if !strings.Contains(msg, w) {
			t.Errorf("the message does not say %q:\n%s", w, msg)
		}
	}
}

// A disk with room for the draft (2 KB) but not the result (20 KB): the
// result still goes to stdout, the draft is kept, no partial result is
// left, exit 1.
func TestResultOnFullDisk(t *testing.T) {
	p := newPane(t)
	p.data = tinyDisk(t, "16k")
	_, pages := pagesOf(t)
	startAccessible(p)
	want := p.answerAccessible(pages, len(pages))
	if code := p.exitCode(); code != 1 {
		t.Fatalf("exit %d, want 1; screen:\n%s", code, p.screen())
	}
	questionstest.SameValues(t, readResult(t, filepath.Join(p.dir, "me.json")).Answers, want)
	results := filepath.Join(p.data, "digilead", "results")
	msg := said(p)
	for _, w := range []string{
		"could not save the result: save result in " + results + ": no space left on device",
		"The result was still written to the output.",
		"Your answers are kept in " + filepath.Join(p.data, "digilead", "drafts"),
	} {
		if !strings.Contains(msg, w) {
			t.Errorf("the message does not say %q:\n%s", w, msg)
		}
	}
	keptDraft(t, p.data, len(want))
	if left, _ := os.ReadDir(results); len(left) != 0 {
		t.Errorf("the failed save left %v in %s", left, results)
	}
}

// A full disk for -o, with room in the data directory: the result is
// saved there, and the message says so and how to write it again.
func TestOutputOnFullDisk(t *testing.T) {
	p := newPane(t)
	out := tinyDisk(t, "16k")
	fill(t, out)
	_, pages := pagesOf(t)
	startAccessible(p, "-o", filepath.Join(out, "r.json"))
	p.answerAccessible(pages, len(pages))
	if code := p.exitCode(); code != 1 {
		t.Fatalf("exit %d, want 1; screen:\n%s", code, p.screen())
	}
	msg := said(p)
	for _, w := range []string{
		"no space left on device",
		"The result was saved in " + filepath.Join(p.data, "digilead", "results"),
		"write it again with 'digilead report --last -o FILE'.",
	} {
		if !strings.Contains(msg, w) {
			t.Errorf("the message does not say %q:\n%s", w, msg)
		}
	}
}
