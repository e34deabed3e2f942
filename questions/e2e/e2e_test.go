package e2e

import (
	"os"
	"strings"
	"testing"
)

// fakeT records what a test helper does to its test.
type fakeT struct {
	testing.TB
	skipped, failed string
}

func (f *fakeT) Helper()                        {}
func (f *fakeT) Skip(args ...any)               { f.skipped = args[0].(string); panic(f) }
func (f *fakeT) Fatalf(format string, a ...any) { f.failed = format; panic(f) }

// run calls fn with a fake test and returns it once fn stops it (as Skip
// and Fatalf stop a test) or returns.
func run(fn func(testing.TB)) (f *fakeT) {
	f = &fakeT{}
	defer func() {
		if r := recover(); r != nil && r != f {
			panic(r)
		}
	}()
	fn(f)
	return f
}

func TestSwitch(t *testing.T) {
	t.Setenv(Env, "")
	os.Unsetenv(Env)
	if f := run(func(t testing.TB) { Slow(t) }); !strings.Contains(f.skipped, "DIGILEAD_E2E=1") {
		t.Errorf("unset: skipped %q", f.skipped)
	}
	if f := run(func(t testing.TB) { Tool(t, "apt-get install nothing", "no-such-tool-here") }); f.skipped == "" || f.failed != "" {
		t.Errorf("unset, tool missing: skipped %q, failed %q; want a skip", f.skipped, f.failed)
	}

	t.Setenv(Env, "1")
	if f := run(func(t testing.TB) { Slow(t) }); f.skipped != "" || f.failed != "" {
		t.Errorf("set: skipped %q, failed %q", f.skipped, f.failed)
	}
	if f := run(func(t testing.TB) { Tool(t, "apt-get install nothing", "no-such-tool-here") }); f.failed == "" || f.skipped != "" {
		t.Errorf("set, tool missing: skipped %q, failed %q; want a failure", f.skipped, f.failed)
	}
	var got string
	run(func(t testing.TB) { got = Tool(t, "", "no-such-tool-here", "go") })
	if got == "" {
		t.Error("set, second name on PATH: not found")
	}
}
