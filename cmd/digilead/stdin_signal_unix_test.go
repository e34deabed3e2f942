//go:build unix

package main

import (
	"bytes"
	"math/bits"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestSignalStopsAReadOfStdin: every command that reads documents from
// stdin stops at once on SIGINT while that read waits (a pipe that stays
// open and never brings anything): exit 130, "digilead: interrupted",
// stdout empty or ending on a whole line. A blocking read of stdin is
// not woken by the signal; without iostreams.Interruptible each went on
// waiting until the pipe closed.
func TestSignalStopsAReadOfStdin(t *testing.T) {
	r := newFeedbackRun(t)
	self := r.self(5)
	for _, args := range [][]string{
		{"score"},
		{"cohort"},
		{"report", "-"},
		{"plan", "-"},
		{"compare", "-", self},
		{"assess", "--answers", "-"},
		{"feedback", "give", "--bank", observedBank, "--round", r.round, "--role", "peer", "--answers", "-"},
		{"feedback", "report", "--bank", observedBank, "--self", self},
		{"bank", "stats"},
		{"bank", "calibrate"},
	} {
		t.Run(strings.Join(args[:min(2, len(args))], " "), func(t *testing.T) {
			t.Parallel()
			code, stdout, stderr := interruptWhileReadingStdin(t, []string{"XDG_DATA_HOME=" + filepath.Join(r.dir, "data")}, args...)
			if code != 130 || !strings.Contains(stderr, "digilead: interrupted") {
				t.Errorf("exit %d, stderr %q; want 130, digilead: interrupted", code, stderr)
			}
			if len(stdout) > 0 && !bytes.HasSuffix(stdout, []byte("\n")) {
				t.Errorf("stdout does not end on a whole line: %q", stdout)
			}
		})
	}
}

// interruptWhileReadingStdin runs digilead args with stdin a pipe that
// stays open and never brings anything, sends SIGINT once the process
// waits reading it, and returns the exit code (-1 when it has not ended
// 3 s later, then killed) and what reached stdout and stderr.
func interruptWhileReadingStdin(t *testing.T, env []string, args ...string) (int, []byte, string) {
	t.Helper()
	pr, pw, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	defer pw.Close()
	cmd, done, stdout, stderr := startDigilead(t, pr, env, args...)
	pr.Close()
	if !waitReadingStdin(cmd.Process.Pid, done) {
		t.Fatalf("%v ended before reading stdin: exit %d, %s", args, cmd.ProcessState.ExitCode(), stderr.String())
	}
	return stopDigilead(cmd, done, syscall.SIGINT, stdout, stderr)
}

// readStdinSyscall is how /proc/PID/task/TID/syscall begins while a
// thread waits in read(0, …): the system call's number, then its first
// argument, the file descriptor.
var readStdinSyscall = map[string]string{"amd64": "0 0x0 ", "arm64": "63 0x0 ", "386": "3 0x0 ", "arm": "3 0x0 "}[runtime.GOARCH]

// waitReadingStdin waits until a thread of process pid is in a read of
// stdin (so the signal handler is in place: main installs it first),
// or for 300 ms where /proc cannot tell; false when the process ended
// first (done closed).
func waitReadingStdin(pid int, done <-chan struct{}) bool {
	return waitInSyscall(pid, readStdinSyscall, done)
}

// waitInSyscall waits until a thread of process pid is in the system
// call /proc/PID/task/TID/syscall begins with (prefix), or for 300 ms
// where /proc cannot tell (or prefix is ""); false when the process
// ended first (done closed).
func waitInSyscall(pid int, prefix string, done <-chan struct{}) bool {
	if prefix == "" {
		return waitProc(pid, done, nil)
	}
	return waitProc(pid, done, func(proc, task string) bool {
		data, err := os.ReadFile(filepath.Join(task, "syscall"))
		return err == nil && strings.HasPrefix(string(data), prefix)
	})
}

// waitCatching waits until process pid runs program (the base name of
// its argv[0]) and catches signals: Go's signal.Notify starts a thread
// that blocks nearly every signal, which /proc/PID/task/TID/status shows
// as a SigBlk with many bits set (a thread being created blocks all
// signals for a moment, SIGINT too; that one does not count). Where /proc
// cannot tell it waits 300 ms; false when the process ended first.
func waitCatching(pid int, program string, done <-chan struct{}) bool {
	return waitProc(pid, done, func(proc, task string) bool {
		argv, _ := os.ReadFile(filepath.Join(proc, "cmdline"))
		if argv0, _, _ := strings.Cut(string(argv), "\x00"); filepath.Base(argv0) != program {
			return false
		}
		status, _ := os.ReadFile(filepath.Join(task, "status"))
		for line := range strings.Lines(string(status)) {
			if hex, ok := strings.CutPrefix(line, "SigBlk:"); ok {
				mask, err := strconv.ParseUint(strings.TrimSpace(hex), 16, 64)
				return err == nil && bits.OnesCount64(mask) >= 16 && mask&(1<<(uint(syscall.SIGINT)-1)) == 0
			}
		}
		return false
	})
}

// waitProc waits until match holds for a thread of process pid (given
// /proc/PID and /proc/PID/task/TID), for 20 s at most; where /proc
// cannot tell, or match is nil, it waits 300 ms. It returns false when
// the process ended first (done closed).
func waitProc(pid int, done <-chan struct{}, match func(proc, task string) bool) bool {
	proc := filepath.Join("/proc", strconv.Itoa(pid))
	tasks := filepath.Join(proc, "task")
	if _, err := os.Stat(tasks); err != nil || match == nil {
		select {
		case <-done:
			return false
		case <-time.After(300 * time.Millisecond):
			return true
		}
	}
	for deadline := time.Now().Add(20 * time.Second); time.Now().Before(deadline); {
		select {
		case <-done:
			return false
		case <-time.After(5 * time.Millisecond):
		}
		threads, _ := os.ReadDir(tasks)
		for _, th := range threads {
			if match(proc, filepath.Join(tasks, th.Name())) {
				return true
			}
		}
	}
	return true
}
