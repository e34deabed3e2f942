//go:build unix

package main

import (
	"bytes"
	"encoding/json"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/digilead/digilead/assessment/batch/batchtest"
)

// scoreUntilSignalled runs `digilead score` on an endless stream of
// answer sets and sends sig once it has written some output (or, with
// -o FILE, once it has begun writing FILE's temporary file: the signal
// handler is in place long before). It returns the exit code and what
// reached stdout.
func scoreUntilSignalled(t *testing.T, sig syscall.Signal, args ...string) (int, []byte, string) {
	t.Helper()
	_, lines := genAnswerSets(t, 200, batchtest.Options{Seed: 3})
	block := []byte(strings.Join(lines, "\n") + "\n")
	cmd := exec.Command(binary, append([]string{"score"}, args...)...)
	cmd.Env = []string{"PATH=" + os.Getenv("PATH"), "HOME=" + t.TempDir(), "TERM=dumb"}
	in, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	var errOut bytes.Buffer
	cmd.Stderr = &errOut
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() { // the answers never end
		for {
			if _, err := in.Write(block); err != nil {
				return
			}
		}
	}()
	var got bytes.Buffer
	if len(args) == 0 {
		if _, err := io.CopyN(&got, out, 1<<20); err != nil {
			t.Fatal(err)
		}
	} else {
		for deadline := time.Now().Add(30 * time.Second); ; time.Sleep(10 * time.Millisecond) {
			if entries, _ := os.ReadDir(filepath.Dir(args[1])); len(entries) > 0 {
				break
			}
			if time.Now().After(deadline) {
				t.Fatalf("score -o %s began no file in 30 s; stderr:\n%s", args[1], errOut.String())
			}
		}
	}
	cmd.Process.Signal(sig)
	rest, _ := io.ReadAll(out)
	got.Write(rest)
	cmd.Wait()
	in.Close()
	if strings.Contains(errOut.String(), "goroutine ") {
		t.Fatalf("a stack trace reached the user:\n%s", errOut.String())
	}
	return cmd.ProcessState.ExitCode(), got.Bytes(), errOut.String()
}

// TestScoreStopsAlikeOnEverySignal: INT, TERM and HUP all end score with
// exit 130, whole lines on stdout, and no file or temporary file left
// behind for -o.
func TestScoreStopsAlikeOnEverySignal(t *testing.T) {
	for _, sig := range []syscall.Signal{syscall.SIGINT, syscall.SIGTERM, syscall.SIGHUP} {
		t.Run(sig.String(), func(t *testing.T) {
			code, out, _ := scoreUntilSignalled(t, sig)
			if code != 130 {
				t.Errorf("exit %d, want 130", code)
			}
			if len(out) == 0 || out[len(out)-1] != '\n' {
				t.Fatalf("stdout does not end on a whole line (%d bytes)", len(out))
			}
			for i, line := range bytes.Split(bytes.TrimSuffix(out, []byte("\n")), []byte("\n")) {
				if !json.Valid(line) {
					t.Fatalf("line %d is not whole JSON: %.80s…", i+1, line)
				}
			}

			dir := t.TempDir()
			code, _, _ = scoreUntilSignalled(t, sig, "-o", filepath.Join(dir, "results.jsonl"))
			entries, _ := os.ReadDir(dir)
			if code != 130 || len(entries) != 0 {
				t.Errorf("-o: exit %d, left %v", code, entries)
			}
		})
	}
}
