package main

import (
	"bufio"
	"bytes"
	"errors"
	"os"
	"os/exec"
	"strings"
	"syscall"
	"testing"
)

// fSetPipeSize is fcntl's F_SETPIPE_SZ on Linux.
const fSetPipeSize = 1031

// exportIntoPipe runs `digilead bank export` with stdout on a pipe whose
// reader calls read, then closes its end. It returns the exit status and
// stderr.
func exportIntoPipe(t *testing.T, read func(r *os.File)) (*os.ProcessState, string) {
	t.Helper()
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	// A one-page pipe, so the export (46 KB) cannot fit in it and the
	// write is still going on when the reader goes away.
	if _, _, errno := syscall.Syscall(syscall.SYS_FCNTL, w.Fd(), fSetPipeSize, 4096); errno != 0 {
		t.Fatalf("F_SETPIPE_SZ: %v", errno)
	}
	cmd := exec.Command(binary, "bank", "export")
	cmd.Env = []string{"PATH=" + os.Getenv("PATH"), "HOME=" + t.TempDir(), "TERM=dumb"}
	var errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = w, &errOut
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	w.Close()
	read(r)
	r.Close()
	err = cmd.Wait()
	var ee *exec.ExitError
	if err != nil && !errors.As(err, &ee) {
		t.Fatal(err)
	}
	return cmd.ProcessState, errOut.String()
}

// quietlyStopped checks that a program whose reader went away stopped
// without a word: killed by SIGPIPE as Unix tools are, or exit 0.
func quietlyStopped(t *testing.T, st *os.ProcessState, stderr string) {
	t.Helper()
	if stderr != "" {
		t.Errorf("stderr is not empty:\n%s", stderr)
	}
	ws := st.Sys().(syscall.WaitStatus)
	if !(ws.Exited() && ws.ExitStatus() == 0) && !(ws.Signaled() && ws.Signal() == syscall.SIGPIPE) {
		t.Errorf("want exit 0 or death by SIGPIPE, got %v", st)
	}
}

func TestBrokenPipeAfterFirstLine(t *testing.T) {
	t.Parallel()
	var first string
	st, stderr := exportIntoPipe(t, func(r *os.File) {
		first, _ = bufio.NewReader(r).ReadString('\n')
	})
	if !strings.HasPrefix(first, "#") {
		t.Errorf("first line %q, want the bank's header comment", first)
	}
	quietlyStopped(t, st, stderr)
	if !st.Sys().(syscall.WaitStatus).Signaled() {
		t.Errorf("the export finished although its reader left after one line: %v", st)
	}
}

func TestBrokenPipeBeforeAnyOutput(t *testing.T) {
	t.Parallel()
	st, stderr := exportIntoPipe(t, func(*os.File) {})
	quietlyStopped(t, st, stderr)
}
