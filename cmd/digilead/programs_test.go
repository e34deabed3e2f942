package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// runBinary runs the program (the test binary linked as digilead, or
// path) with args, in the environment of testEnv with PATH set to path.
func runBinary(t *testing.T, prog, pathEnv string, args ...string) runOut {
	t.Helper()
	cmd := exec.Command(prog, args...)
	for k, v := range testEnv(t, nil) {
		if k == "PATH" {
			v = pathEnv
		}
		cmd.Env = append(cmd.Env, k+"="+v)
	}
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	cmd.Run()
	return runOut{stdout.String(), stderr.String(), cmd.ProcessState.ExitCode()}
}

// TestGroupsRunAsTheirPrograms: the program digilead hands bank and
// workshop command lines to digilead-bank and digilead-workshop beside
// it, which print and exit as the groups do run in-process: a command,
// an error, help, completion, the root's flags first.
func TestGroupsRunAsTheirPrograms(t *testing.T) {
	t.Parallel()
	for _, args := range [][]string{
		{"bank", "show"}, {"--no-color", "bank", "show", "--format", "json"}, {"bank", "nope"}, {"bank", "validate", "missing.yaml"},
		{"--lang", "fr", "bank", "show"}, {"-f", "json", "bank", "show"}, {"--no-color", "help", "bank"}, {"--no-color=true", "help", "bank", "validate"},
		{"__complete", "help", "bank", "v"},
		{"bank"}, {"help", "bank", "validate"}, {"bank", "export", "--help"},
		{"workshop", "serve", "--nope"}, {"workshop"}, {"help", "workshop", "serve"},
		{"__complete", "bank", ""}, {"__complete", "bank", "validate", "--"}, {"__complete", "help", "workshop", ""}, {"__complete", "ba"},
	} {
		want := digilead(t, "", nil, args...)
		got := runBinary(t, binary, os.Getenv("PATH"), args...)
		if got != want {
			t.Errorf("digilead %q: the program: exit %d, stdout\n%s\nstderr\n%s\nin-process: exit %d, stdout\n%s\nstderr\n%s", args, got.code, got.stdout, got.stderr, want.code, want.stdout, want.stderr)
		}
	}
	// A group's program alone runs its command lines with or without the
	// group's name first.
	bankProgram := filepath.Join(filepath.Dir(binary), "digilead-bank")
	if runtime.GOOS == "windows" {
		bankProgram += ".exe"
	}
	for _, tc := range []struct{ alone, as []string }{
		{[]string{"show"}, []string{"bank", "show"}},
		{[]string{"bank", "show"}, []string{"bank", "show"}},
		{[]string{"--lang", "fr", "show"}, []string{"bank", "show", "--lang", "fr"}},
		{nil, []string{"bank"}},
		{[]string{"help"}, []string{"help", "bank"}},
		{[]string{"help", "validate"}, []string{"help", "bank", "validate"}},
		{[]string{"__complete", "v"}, []string{"__complete", "bank", "v"}},
	} {
		want := digilead(t, "", nil, tc.as...)
		if got := runBinary(t, bankProgram, os.Getenv("PATH"), tc.alone...); got != want {
			t.Errorf("digilead-bank %q: exit %d, stdout\n%s\nstderr\n%s\nwant digilead %q's: exit %d, stdout\n%s\nstderr\n%s", tc.alone, got.code, got.stdout, got.stderr, tc.as, want.code, want.stdout, want.stderr)
		}
	}
}

// TestGroupProgramsSayTheirVersion: each program answers version, so
// that one left from another install can be told apart.
func TestGroupProgramsSayTheirVersion(t *testing.T) {
	t.Parallel()
	for name := range groupPrograms {
		prog := filepath.Join(filepath.Dir(binary), name)
		if runtime.GOOS == "windows" {
			prog += ".exe"
		}
		r := runBinary(t, prog, os.Getenv("PATH"), "version")
		if want := name + " 0.0.0-test ("; r.code != 0 || !strings.HasPrefix(r.stdout, want) {
			t.Errorf("%s version: exit %d, stdout %q, stderr %q; want %q…", name, r.code, r.stdout, r.stderr, want)
		}
	}
}

// TestGroupProgramsAreFound: digilead finds a group's program beside
// itself (through a symbolic link to digilead too), else on PATH; found
// nowhere, it says which program, where it looked and how to install it.
func TestGroupProgramsAreFound(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("links")
	}
	t.Parallel()
	alone := t.TempDir()
	prog := filepath.Join(alone, "digilead")
	if err := os.Symlink(binary, prog); err != nil {
		t.Fatal(err)
	}
	// Through a link, digilead is where the link points, beside its
	// programs.
	if r := runBinary(t, prog, t.TempDir(), "bank", "show"); r.code != 0 || !strings.Contains(r.stdout, "public-sector-digital-leadership") {
		t.Errorf("through a symbolic link: exit %d, stderr %s", r.code, r.stderr)
	}
	copied := filepath.Join(t.TempDir(), "digilead")
	if err := os.Link(binary, copied); err != nil {
		t.Skipf("no hard link: %v", err)
	}
	r := runBinary(t, copied, t.TempDir(), "bank", "show")
	if r.code != 1 || r.stdout != "" {
		t.Errorf("no digilead-bank: exit %d, stdout %q; want 1, nothing", r.code, r.stdout)
	}
	for _, want := range []string{"'digilead bank' is run by the program digilead-bank, which is not installed", "next to digilead (in " + filepath.Dir(copied) + ") nor on PATH", "go install github.com/digilead/digilead/cmd/digilead-bank@latest"} {
		if !strings.Contains(r.stderr, want) {
			t.Errorf("no digilead-bank: stderr lacks %q:\n%s", want, r.stderr)
		}
	}
	// Beside it but not executable: said so, and not another one run
	// from PATH.
	dir := filepath.Dir(copied)
	if err := os.WriteFile(filepath.Join(dir, "digilead-bank"), []byte("#!/bin/sh\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	r = runBinary(t, copied, filepath.Dir(binary), "bank", "show")
	if want := "'digilead bank' is run by " + filepath.Join(dir, "digilead-bank") + ", which is not executable; make it so: chmod +x"; r.code != 1 || !strings.Contains(r.stderr, want) {
		t.Errorf("digilead-bank not executable: exit %d, stderr %q; want 1, %q", r.code, r.stderr, want)
	}
	// On PATH.
	if r := runBinary(t, copied, filepath.Dir(binary), "workshop", "serve", "--help"); r.code != 0 || !strings.Contains(r.stdout, "digilead workshop serve") {
		t.Errorf("digilead-workshop on PATH: exit %d, stderr %s", r.code, r.stderr)
	}
}
