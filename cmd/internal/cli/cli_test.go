package cli

import (
	"context"
	"runtime/debug"
	"slices"
	"strings"
	"testing"

	"github.com/spf13/cobra"

	"github.com/digilead/digilead/cmd/internal/cmdutil"
	"github.com/digilead/digilead/report/iostreams"
)

func testFactory() *cmdutil.Factory {
	return cmdutil.NewFactory(context.Background(), &iostreams.IOStreams{Getenv: func(string) string { return "" }}, "test")
}

// testProgram is a program like digilead: a root with flags of its own
// (one takes a value), a command, and a group that is a program of its
// own.
func testProgram() Program {
	return Program{
		Version: "test",
		Root: func(f *cmdutil.Factory) *cobra.Command {
			c := &cobra.Command{RunE: func(*cobra.Command, []string) error { return nil }}
			c.Flags().String("answers", "", "")
			c.Flags().Bool("accessible", false, "")
			return c
		},
		Commands: []Command{
			{Name: "score", New: func(*cmdutil.Factory) *cobra.Command {
				return &cobra.Command{Use: "score", RunE: func(*cobra.Command, []string) error { return nil }}
			}},
			Bank,
		},
	}
}

// TestForwarded: which command lines digilead hands to a group's own
// program: those that run, ask help for, or complete a word under the
// group, wherever the root's flags are; not a value of a flag, nor the
// group's own name being completed, nor another command.
func TestForwarded(t *testing.T) {
	p := testProgram()
	for _, tc := range []struct {
		args []string
		want bool
	}{
		{[]string{"bank"}, true},
		{[]string{"bank", "validate", "x.yaml"}, true},
		{[]string{"bank", "--help"}, true},
		{[]string{"--no-color", "bank", "show"}, true},
		{[]string{"--accessible", "bank", "show"}, true},
		{[]string{"--answers", "x", "bank", "show"}, true},
		{[]string{"--no-color", "help", "bank"}, true},
		{[]string{"--no-color", "help", "bank", "validate"}, true},
		{[]string{"help", "bank"}, true},
		{[]string{"help", "bank", "validate"}, true},
		{[]string{"__complete", "bank", ""}, true},
		{[]string{"__completeNoDesc", "bank", "val"}, true},
		{[]string{"__complete", "help", "bank", ""}, true},
		{[]string{"__complete", "help", "ba"}, false},
		{[]string{"__complete", "bank"}, false}, // completing the word "bank" itself
		{[]string{"__complete", "ba"}, false},
		{[]string{"--answers", "bank"}, false}, // a file named bank
		{[]string{"score", "bank"}, false},
		{[]string{"score"}, false},
		{[]string{"help"}, false},
		{[]string{"nope"}, false},
		{nil, false},
	} {
		root := NewRoot(testFactory(), p, tc.args...)
		got, ok := forwarded(root, tc.args)
		if ok != tc.want || ok && got != "digilead-bank" {
			t.Errorf("%q: forwarded to %q (%v), want %v", tc.args, got, ok, tc.want)
		}
	}
}

// TestUnderGroup: a group's program runs every command line under its
// group, whether or not it names it: the name is put in where it is
// missing, first or after help or __complete, and a line digilead
// hands on as it was typed (the group after a flag with a value) is
// left alone.
func TestUnderGroup(t *testing.T) {
	group := func(*cmdutil.Factory) *cobra.Command {
		g := &cobra.Command{Use: "bank"}
		for _, name := range []string{"validate", "show"} {
			c := &cobra.Command{Use: name, RunE: func(*cobra.Command, []string) error { return nil }}
			c.Flags().String("lang", "", "")
			g.AddCommand(c)
		}
		return g
	}
	p := Bank.Own("test", group)
	for _, tc := range []struct {
		args []string
		want string
	}{
		{nil, "bank"},
		{[]string{"validate", "x"}, "bank validate x"},
		{[]string{"validate", "bank"}, "bank validate bank"}, // a file named bank
		{[]string{"bank", "validate", "x"}, "bank validate x"},
		{[]string{"--no-color", "validate", "x"}, "bank --no-color validate x"},
		{[]string{"--no-color", "bank", "validate", "x"}, "--no-color bank validate x"},
		{[]string{"--lang", "fr", "bank", "show"}, "--lang fr bank show"},
		{[]string{"--lang", "fr", "show"}, "bank --lang fr show"},
		{[]string{"--help"}, "bank --help"},
		{[]string{"help"}, "help bank"},
		{[]string{"help", "validate"}, "help bank validate"},
		{[]string{"--no-color", "help", "validate"}, "--no-color help bank validate"},
		{[]string{"help", "bank"}, "help bank"},
		{[]string{"__complete", "bank", ""}, "__complete bank "},
		{[]string{"__complete", "v"}, "__complete bank v"},
		{[]string{"__complete", "validate", ""}, "__complete bank validate "},
		{[]string{"completion", "bash"}, "completion bash"},
		{[]string{"version"}, "version"},
	} {
		root := NewRoot(testFactory(), p, tc.args...)
		got, changed := p.underGroup(root, tc.args)
		if strings.Join(got, " ") != tc.want || changed != (strings.Join(tc.args, " ") != tc.want) {
			t.Errorf("%q: %q (changed %v), want %q", tc.args, got, changed, tc.want)
		}
	}
	if got, _ := (Program{}).underGroup(NewRoot(testFactory(), testProgram()), []string{"validate"}); !slices.Equal(got, []string{"validate"}) {
		t.Errorf("digilead itself: %q", got)
	}
}

// TestCheckCaller: a group's program run by a digilead of another
// version says so on stderr; of the same version, or run alone, nothing.
func TestCheckCaller(t *testing.T) {
	p := Bank.Own("1.2.0", nil)
	for caller, want := range map[string]string{
		"":      "",
		"1.2.0": "",
		"1.1.0": "digilead: note: digilead 1.1.0 ran digilead-bank 1.2.0; install them together (README, Install)\n",
	} {
		s, _, errOut := iostreams.Test("", map[string]string{callerVersion: caller})
		p.checkCaller(s)
		if errOut.String() != want {
			t.Errorf("caller %q: stderr %q, want %q", caller, errOut, want)
		}
	}
}

// TestMissingProgram: a group whose program is nowhere says which
// program, where it looked, and how to install it; exit 1, nothing on
// stdout.
func TestMissingProgram(t *testing.T) {
	t.Setenv("PATH", t.TempDir())
	s, out, errOut := iostreams.Test("", map[string]string{})
	code := Run(context.Background(), testProgram(), []string{"bank", "validate", "x.yaml"}, s)
	if code != cmdutil.ExitFailure || out.Len() != 0 {
		t.Errorf("exit %d, stdout %q", code, out)
	}
	for _, want := range []string{"'digilead bank' is run by the program digilead-bank, which is not installed", "nor on PATH", "go install github.com/digilead/digilead/cmd/digilead-bank@latest"} {
		if !strings.Contains(errOut.String(), want) {
			t.Errorf("stderr lacks %q:\n%s", want, errOut)
		}
	}
}

// TestGCTunedOnlyAsTheProcess: a streaming command tunes the collector
// only when it is the whole process (Main), and the settings are back
// after it.
func TestGCTunedOnlyAsTheProcess(t *testing.T) {
	settings := func() (int, int64) {
		p := debug.SetGCPercent(-1)
		debug.SetGCPercent(p)
		return p, debug.SetMemoryLimit(-1)
	}
	percent, limit := settings()
	f := testFactory()
	score := &cobra.Command{Use: "score", Annotations: map[string]string{cmdutil.Streaming: "yes"}}
	defer func() { ownProcess = false }()
	for _, own := range []bool{false, true} {
		ownProcess = own
		tuneGC(f)(score, nil)
		p, l := settings()
		f.RestoreGC()
		f.RestoreGC = func() {}
		if own && (p != 200 || l != 40<<20) {
			t.Errorf("as the process: GOGC %d, limit %d during score; want 200, 40 MiB", p, l)
		}
		if !own && (p != percent || l != limit) {
			t.Errorf("in the test process: GOGC %d, limit %d during score; want them untouched (%d, %d)", p, l, percent, limit)
		}
		if p, l := settings(); p != percent || l != limit {
			t.Errorf("own process %v: GOGC %d, limit %d after score; want %d, %d restored", own, p, l, percent, limit)
		}
	}
}
