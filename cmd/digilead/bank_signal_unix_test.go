//go:build unix

package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"syscall"
	"testing"
	"time"
)

// openFIFOSyscall is how /proc/PID/task/TID/syscall begins while a
// thread waits in openat(2) (an open of a FIFO without a writer).
var openFIFOSyscall = map[string]string{"amd64": "257 ", "arm64": "56 "}[runtime.GOARCH]

// TestSignalStopsBankCommandsOnAFIFO: a bank that is a FIFO nobody
// writes to (mkfifo p.yaml; digilead bank validate p.yaml) waits in
// open(2), which a signal does not wake: every bank command stops at
// once on the first SIGINT, exit 130, "digilead: interrupted", nothing on
// stdout; so do the commands reading answers or results from a FIFO.
// Before, each waited on until a second signal killed it.
func TestSignalStopsBankCommandsOnAFIFO(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "p.yaml")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Skip("no FIFO here:", err)
	}
	pilot := filepath.Join(dir, "pilot.jsonl")
	if err := os.WriteFile(pilot, []byte("{}\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{
		{"bank", "validate", fifo},
		{"bank", "validate", "--bank", fifo, "../../questions/default.cy.yaml"},
		{"bank", "show", fifo},
		{"bank", "review", fifo},
		{"bank", "translate", "de", fifo},
		{"bank", "stats", "--bank", fifo, pilot},
		{"bank", "calibrate", "--bank", fifo, pilot},
		{"score", "--bank", fifo, pilot},
		// The FIFO as the catalogue.
		{"bank", "validate", "--catalogue", fifo},
		{"assess", "--answers", example, "--no-save", "--catalogue", fifo},
		// The FIFO as the answers read.
		{"bank", "stats", fifo},
		{"bank", "calibrate", fifo},
		{"score", fifo},
		{"cohort", fifo},
	} {
		t.Run(strings.Join(args[:2], " "), func(t *testing.T) {
			code, stdout, stderr := interruptBank(t, openFIFOSyscall, args...)
			if code != 130 || !strings.Contains(stderr, "digilead: interrupted") || len(stdout) > 0 {
				t.Errorf("%v: exit %d, stdout %q, stderr %q; want 130, nothing, digilead: interrupted", args, code, stdout, stderr)
			}
		})
	}
}

// TestSignalStopsBankReview: bank review stops at once on SIGINT or
// SIGTERM in the middle of its simulation (a million respondents: minutes
// of work), exit 130, and writes nothing, neither on stdout nor to -o.
// Before, it ran to the end and exited 0 (or 1) with a whole report.
func TestSignalStopsBankReview(t *testing.T) {
	for _, sig := range []syscall.Signal{syscall.SIGINT, syscall.SIGTERM} {
		t.Run(sig.String(), func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "review.md")
			for _, args := range [][]string{
				{"bank", "review", "--respondents", "1000000"},
				{"bank", "review", "--respondents", "1000000", "--format", "markdown", "-o", out},
			} {
				code, stdout, stderr := signalWhileWorking(t, sig, "digilead-bank", args...)
				if code != 130 || !strings.Contains(stderr, "digilead: interrupted") || len(stdout) > 0 {
					t.Errorf("%v: exit %d, stdout %d bytes, stderr %q; want 130, nothing, digilead: interrupted", args, code, len(stdout), stderr)
				}
				if entries, _ := os.ReadDir(filepath.Dir(out)); len(entries) > 0 {
					t.Errorf("%v left %v", args, entries)
				}
			}
		})
	}
}

// interruptBank runs digilead args, sends SIGINT once a thread of it is
// in the system call prefix names (see waitInSyscall) and returns as
// interruptWhileReadingStdin does.
func interruptBank(t *testing.T, prefix string, args ...string) (int, []byte, string) {
	t.Helper()
	cmd, done, stdout, stderr := startDigilead(t, nil, nil, args...)
	if !waitInSyscall(cmd.Process.Pid, prefix, done) {
		t.Fatalf("%v ended before waiting: exit %d, %s", args, cmd.ProcessState.ExitCode(), stderr.String())
	}
	return stopDigilead(cmd, done, syscall.SIGINT, stdout, stderr)
}

// signalWhileWorking runs digilead args, waits until the process is
// program (digilead hands a group's commands on to its own program, see
// cmd/internal/cli) and catching signals (waitCatching), lets it work a
// moment more and sends sig; it returns as interruptWhileReadingStdin
// does. A fixed delay was not enough: under -race on a loaded machine the
// second start took longer, and a signal that comes before a program
// catches signals ends it as it ends any program (killed by the signal,
// no message), which is not what this test is about.
func signalWhileWorking(t *testing.T, sig syscall.Signal, program string, args ...string) (int, []byte, string) {
	t.Helper()
	cmd, done, stdout, stderr := startDigilead(t, nil, nil, args...)
	if !waitCatching(cmd.Process.Pid, program, done) {
		t.Fatalf("%v ended before the signal: exit %d, %s", args, cmd.ProcessState.ExitCode(), stderr.String())
	}
	select {
	case <-done:
		t.Fatalf("%v ended before the signal: exit %d, %s", args, cmd.ProcessState.ExitCode(), stderr.String())
	case <-time.After(100 * time.Millisecond):
	}
	return stopDigilead(cmd, done, sig, stdout, stderr)
}

// startDigilead starts digilead args with stdin (nil: none) and env
// added to a bare environment; done is closed once it has ended.
func startDigilead(t *testing.T, stdin *os.File, env []string, args ...string) (*exec.Cmd, chan struct{}, *bytes.Buffer, *bytes.Buffer) {
	t.Helper()
	cmd := exec.Command(binary, args...)
	cmd.Env = append([]string{"PATH=" + os.Getenv("PATH"), "HOME=" + t.TempDir(), "XDG_DATA_HOME=" + t.TempDir(), "TERM=dumb"}, env...)
	if stdin != nil {
		cmd.Stdin = stdin
	}
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	done := make(chan struct{})
	go func() { cmd.Wait(); close(done) }()
	return cmd, done, &stdout, &stderr
}

// stopDigilead sends sig and waits 3 s for the process to end (-1 when
// it has not, then killed).
func stopDigilead(cmd *exec.Cmd, done chan struct{}, sig syscall.Signal, stdout, stderr *bytes.Buffer) (int, []byte, string) {
	cmd.Process.Signal(sig)
	select {
	case <-done:
	case <-time.After(3 * time.Second):
		cmd.Process.Kill()
		<-done
		return -1, stdout.Bytes(), stderr.String()
	}
	return cmd.ProcessState.ExitCode(), stdout.Bytes(), stderr.String()
}
