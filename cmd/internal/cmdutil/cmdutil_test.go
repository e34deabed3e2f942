package cmdutil

import (
	"errors"
	"fmt"
	"math"
	"strings"
	"testing"
	"time"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
)

// parse parses args with the flags define adds, and returns the message
// of pflag's error, or of the value refused as Check tells it ("" for
// none).
func parse(define func(fs *pflag.FlagSet), args ...string) string {
	fs := pflag.NewFlagSet("t", pflag.ContinueOnError)
	fs.SetOutput(new(strings.Builder))
	define(fs)
	err := fs.Parse(args)
	if err == nil {
		if name, why := refused(fs); why != nil {
			return "--" + name + ": " + why.Error()
		}
		return ""
	}
	return err.Error()
}

func TestValuesRefuseWhatTheyDoNotTakeNamingTheFlag(t *testing.T) {
	var n int
	var d time.Duration
	var s string
	var parts []string
	define := func(fs *pflag.FlagSet) {
		IntVar(fs, &n, "workers", 0, 0, 8, "", "give 1 to %[3]d, got %[1]d (default %[4]d)")
		DurationVar(fs, &d, "idle", time.Minute, "")
		StringVar(fs, &s, "input", "", "", func(v string) error {
			if v != "a" {
				return fmt.Errorf("give a, got %q", v)
			}
			return nil
		})
		Var(fs, &parts, "split", "", "string", "", func(v string) ([]string, error) { return strings.Split(v, ","), nil })
	}
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"--workers", "9"}, "--workers: give 1 to 8, got 9 (default 0)"},
		{[]string{"--workers", "x"}, `--workers: "x" is not a whole number`},
		{[]string{"--workers", "99999999999999999999"}, `--workers: "99999999999999999999" is out of range; give 0 to 8`},
		{[]string{"--workers", "-99999999999999999999"}, `--workers: "-99999999999999999999" is out of range; give 0 to 8`},
		{[]string{"--idle", "0s"}, "--idle: must be more than 0, got 0s"},
		{[]string{"--input", "b"}, `--input: give a, got "b"`},
	} {
		if got := parse(define, c.args...); got != c.want {
			t.Errorf("%q: %q, want %q", c.args, got, c.want)
		}
	}
	if got := parse(define, "--workers", "8", "--idle", "2s", "--input", "a", "--split", "x,y"); got != "" || n != 8 || d != 2*time.Second || s != "a" || len(parts) != 2 {
		t.Errorf("good values: %q; %d %v %q %q", got, n, d, s, parts)
	}
	// Numbers as pflag's int flags read them (strconv's base prefixes
	// and underscores), as before the flag checked itself.
	for _, v := range []string{"0x8", "0o10", "0b1000", "8", "+8", "0x_8"} {
		if got := parse(define, "--workers", v); got != "" || n != 8 {
			t.Errorf("--workers %s: %q, %d; want 8", v, got, n)
		}
	}
	if got := parse(define, "--split", ""); got != "" || parts != nil {
		t.Errorf("--split '': %q, %q; want the flag left out", got, parts)
	}
	// pflag's own refusals keep their words.
	if got := parse(define, "--nope"); got != "unknown flag: --nope" {
		t.Errorf("unknown flag: %q", got)
	}
}

func TestDefaultsShowInHelpAsPflagsOwnDo(t *testing.T) {
	fs := pflag.NewFlagSet("t", pflag.ContinueOnError)
	var n, zero int
	var s string
	var d time.Duration
	var strs []string
	IntVar(fs, &n, "n", 5, 1, math.MaxInt, "`N` things", "")
	IntVar(fs, &zero, "zero", 0, 0, 1, "none by default", "")
	StringVar(fs, &s, "theme", "charm", "the theme", func(string) error { return nil })
	DurationVar(fs, &d, "idle", 30*time.Minute, "idle time")
	fs.Var(Strings{P: &strs}, "bank", "banks")
	usage := fs.FlagUsages()
	for _, want := range []string{"--n N ", "(default 5)", `(default "charm")`, "(default 30m0s)", "--bank stringArray"} {
		if !strings.Contains(usage, want) {
			t.Errorf("usage lacks %q:\n%s", want, usage)
		}
	}
	if strings.Contains(usage, "(default 0)") || n != 5 || s != "charm" || d != 30*time.Minute {
		t.Errorf("defaults: %d %q %v\n%s", n, s, d, usage)
	}
	if err := fs.Parse([]string{"--bank", "a,b", "--bank", "c"}); err != nil || len(strs) != 2 || strs[0] != "a,b" {
		t.Errorf("--bank twice: %q, %v", strs, err)
	}
}

func TestArgumentCountsAreUsageErrors(t *testing.T) {
	root := &cobra.Command{Use: "prog"}
	leaf := &cobra.Command{Use: "leaf", Args: ArgsBetween(1, 2, "a FILE"), RunE: func(*cobra.Command, []string) error { return nil }}
	bare := &cobra.Command{Use: "bare", Args: NoArgs, RunE: func(*cobra.Command, []string) error { return nil }}
	root.AddCommand(Group("grp", "a group", "", leaf), bare)
	RefuseUnknownSubcommands(root)
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"grp", "leaf"}, "prog grp leaf needs a FILE"},
		{[]string{"grp", "leaf", "a", "b", "c"}, "prog grp leaf takes at most 2 argument(s), got 3"},
		{[]string{"bare", "x"}, `prog bare takes no arguments, got "x"`},
		{[]string{"grp", "laef"}, `unknown command "laef" for "prog grp" (did you mean "leaf"?)`},
	} {
		root.SetArgs(c.args)
		root.SetOut(new(strings.Builder))
		root.SetErr(new(strings.Builder))
		err := root.Execute()
		if code, ok := Code(err); !ok || code != ExitUsage || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%q: %v (exit %d); want a usage error saying %q", c.args, err, code, c.want)
		}
	}
}

func TestRunEKeepsTheArgumentsAndPrefersRunF(t *testing.T) {
	type options struct{ paths []string }
	opts := &options{}
	ran := ""
	run := func(*options) error { ran = "run"; return nil }
	runF := func(*options) error { ran = "runF"; return nil }
	if err := RunE(opts, nil, run, &opts.paths)(nil, []string{"a", "b"}); err != nil || ran != "run" || len(opts.paths) != 2 {
		t.Errorf("RunE: %v, ran %s, paths %q", err, ran, opts.paths)
	}
	if err := RunE(opts, runF, run)(nil, nil); err != nil || ran != "runF" {
		t.Errorf("RunE with runF: %v, ran %s", err, ran)
	}
}

func TestSilentCarriesItsCodeAndNoMessage(t *testing.T) {
	err := fmt.Errorf("wrapped: %w", Silent(ExitFailure))
	var ee *ExitError
	if code, ok := Code(err); !ok || code != ExitFailure || !errors.As(err, &ee) || ee.Error() != "" {
		t.Errorf("Silent: %v, %v", code, ok)
	}
	if _, ok := Code(errors.New("plain")); ok {
		t.Error("a plain error carries no exit code")
	}
}

func TestClockAndVersion(t *testing.T) {
	env := map[string]string{"SOURCE_DATE_EPOCH": "86400"}
	if got := Clock(func(k string) string { return env[k] })(); !got.Equal(time.Unix(86400, 0)) || got.Location() != time.UTC {
		t.Errorf("Clock with SOURCE_DATE_EPOCH = %v", got)
	}
	env["SOURCE_DATE_EPOCH"] = "soon"
	if got := Clock(func(k string) string { return env[k] })(); time.Since(got) > time.Minute {
		t.Errorf("Clock with a bad SOURCE_DATE_EPOCH = %v, want now", got)
	}
	if Version("1.2.3", "dev") != "1.2.3" || Version("", "dev") != "dev" {
		t.Errorf("Version: %q, %q", Version("1.2.3", "dev"), Version("", "dev"))
	}
}
