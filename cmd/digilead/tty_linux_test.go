package main

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"golang.org/x/sys/unix"
)

// openPTY opens a pseudo-terminal: its controlling side and the terminal
// a program is given.
func openPTY(t *testing.T) (control, term *os.File) {
	t.Helper()
	control, err := os.OpenFile("/dev/ptmx", os.O_RDWR, 0)
	if err != nil {
		t.Skipf("no pseudo-terminals: %v", err)
	}
	t.Cleanup(func() { control.Close() })
	if err := unix.IoctlSetPointerInt(int(control.Fd()), unix.TIOCSPTLCK, 0); err != nil {
		t.Fatal(err)
	}
	n, err := unix.IoctlGetInt(int(control.Fd()), unix.TIOCGPTN)
	if err != nil {
		t.Fatal(err)
	}
	term, err = os.OpenFile(fmt.Sprintf("/dev/pts/%d", n), os.O_RDWR|unix.O_NOCTTY, 0)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { term.Close() })
	return control, term
}

// TestTerminalAskedOnce: in a terminal, what a command draws asks the
// terminal its background colour once (bubbletea's init does, for
// lipgloss's default renderer), not again for each renderer of stdout
// and stderr: every question is a round trip to the terminal (over SSH,
// a network's), and one that never answers costs seconds. The terminal
// here answers at once, as real ones do.
func TestTerminalAskedOnce(t *testing.T) {
	answers := filepath.Join(t.TempDir(), "answers.yaml")
	if err := os.WriteFile(answers, []byte("answers: {}\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{{"version"}, {"assess", "--answers", answers}} {
		control, term := openPTY(t)
		cmd := exec.Command(binary, args...)
		cmd.Env = []string{"PATH=" + os.Getenv("PATH"), "HOME=" + t.TempDir(), "TERM=xterm-256color"}
		cmd.Stdin, cmd.Stdout, cmd.Stderr = term, term, term
		// Its own session, the terminal its controlling one, as a shell
		// starts it.
		cmd.SysProcAttr = &syscall.SysProcAttr{Setsid: true, Setctty: true, Ctty: 0}
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		term.Close() // the program has it; the control side then ends with it
		done := make(chan error, 1)
		go func() { done <- cmd.Wait() }()
		chunks := make(chan []byte)
		go func() {
			defer close(chunks)
			for {
				buf := make([]byte, 4096)
				n, err := control.Read(buf)
				if n > 0 {
					chunks <- buf[:n]
				}
				if err != nil {
					return
				}
			}
		}()
		var seen bytes.Buffer
		asked, reported := 0, 0
		stop := time.After(20 * time.Second)
	read:
		for {
			select {
			case c, ok := <-chunks:
				if !ok {
					break read
				}
				seen.Write(c)
				// Answer each question as a dark terminal does.
				for ; bytes.Count(seen.Bytes(), []byte("\x1b]11;?")) > asked; asked++ {
					control.WriteString("\x1b]11;rgb:0000/0000/0000\x1b\\")
				}
				for ; bytes.Count(seen.Bytes(), []byte("\x1b[6n")) > reported; reported++ {
					control.WriteString("\x1b[1;1R")
				}
			case <-stop:
				cmd.Process.Kill()
				t.Fatalf("%v did not end in 20 s:\n%q", args, seen.String())
			}
		}
		if err := <-done; err != nil {
			t.Fatalf("%v: %v\n%q", args, err, seen.String())
		}
		if asked != 1 {
			t.Errorf("%v asked the terminal its background %d times, want once:\n%q", args, asked, seen.String())
		}
	}
}
