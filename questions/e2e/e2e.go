// Package e2e gates digilead's slow end-to-end tests: those that drive
// tmux, chromium or R, serve many SSH clients, or kill and restart a
// process. They run only when the environment variable DIGILEAD_E2E is set
// (DIGILEAD_E2E=1 go test ./...; .ci/run always sets it), so that the
// README's go test ./... stays under a minute. When it is set, a tool such
// a test needs and cannot find is a failure, not a skip: CI must not pass
// by testing less.
package e2e

import (
	"os"
	"os/exec"
	"testing"
)

// Env is the environment variable that turns the slow tests on.
const Env = "DIGILEAD_E2E"

// Enabled reports whether the slow end-to-end tests run.
func Enabled() bool { return os.Getenv(Env) != "" }

// Slow skips the test unless DIGILEAD_E2E is set.
func Slow(t testing.TB) {
	t.Helper()
	if !Enabled() {
		t.Skip("slow end-to-end test: set " + Env + "=1 to run it")
	}
}

// Tool skips the test unless DIGILEAD_E2E is set, then returns the path of
// the first of names on PATH; when none is there the test fails, saying
// what to install (install, such as "apt-get install tmux").
func Tool(t testing.TB, install string, names ...string) string {
	t.Helper()
	Slow(t)
	for _, name := range names {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	t.Fatalf("%s is needed by this end-to-end test and %s is set, so it may not be skipped: %s", names[0], Env, install)
	return ""
}
