package main

import (
	"context"
	"strings"
	"testing"

	"github.com/spf13/cobra"

	"github.com/digilead/digilead/report/iostreams"
)

// TestTopCommandsNameTheirCommands: each entry of topCommands makes the
// command of its name, and the whole tree has no other command under the
// root but cobra's own (help, completion).
func TestTopCommandsNameTheirCommands(t *testing.T) {
	f := newFactory(context.Background(), &iostreams.IOStreams{Getenv: func(string) string { return "" }})
	named := map[string]bool{}
	for _, c := range topCommands() {
		cmd := c.New(f)
		if cmd.Name() != c.Name {
			t.Errorf("topCommands entry %q makes the command %q", c.Name, cmd.Name())
		}
		if len(cmd.Aliases) > 0 {
			t.Errorf("%s has aliases %v: commandNamed matches names only, so a command line naming an alias builds the whole tree", c.Name, cmd.Aliases)
		}
		named[c.Name] = true
	}
	for _, cmd := range newRootCmd(f).Commands() {
		if !named[cmd.Name()] && cmd.Name() != "completion" && cmd.Name() != "help" {
			t.Errorf("the root has %q, which topCommands does not list", cmd.Name())
		}
	}
}

// TestLazyRootBuildsOnlyTheCommandNamed: a command line naming a command
// gets a root with that command alone; any other gets them all.
func TestLazyRootBuildsOnlyTheCommandNamed(t *testing.T) {
	f := newFactory(context.Background(), &iostreams.IOStreams{Getenv: func(string) string { return "" }})
	names := func(root *cobra.Command) string {
		var n []string
		for _, c := range root.Commands() {
			n = append(n, c.Name())
		}
		return strings.Join(n, " ")
	}
	if got := names(newRootCmd(f, "version", "--help")); got != "version" {
		t.Errorf("digilead version --help: the root has %q, want version alone", got)
	}
	full := names(newRootCmd(f))
	for _, args := range [][]string{nil, {"--no-color", "version"}, {"help", "version"}, {"versio"}, {"__complete", "v"}, {"completion", "bash"}} {
		if got := names(newRootCmd(f, args...)); got != full {
			t.Errorf("digilead %q: the root has %q, want the whole tree %q", args, got, full)
		}
	}
}

// TestLazyRootBehavesAsFull: every command line below prints the same and
// exits the same with the root made for it (run) as with the whole tree:
// help of a command and of a group, unknown commands and subcommands with
// their suggestion, help X, shell completion, flags before the command.
func TestLazyRootBehavesAsFull(t *testing.T) {
	lines := [][]string{
		{"version"}, {"version", "--help"}, {"version", "-h"}, {"version", "extra"}, {"version", "--nope"},
		{"version", "--no-color"}, {"--no-color", "version"}, {"--no-pager", "version", "--help"},
		{"bank"}, {"bank", "--help"}, {"bank", "nope"}, {"bank", "validat"}, {"bank", "help"},
		{"bank", "validate", "--help"}, {"bank", "validate", "--nope"},
		{"workshop"}, {"workshop", "nope"}, {"feedback", "nope"},
		{"help"}, {"--help"}, {"help", "bank"}, {"help", "bank", "validate"}, {"help", "nope"},
		{"versio"}, {"nope"}, {"--nope"},
		{"completion"}, {"completion", "bash"}, {"completion", "nope"},
		{"__complete", ""}, {"__complete", "ba"}, {"__complete", "bank", ""}, {"__complete", "version", "--"},
		{"__completeNoDesc", "b"}, {"__complete", "assess", "--format", ""},
		{"assess", "--answers", example, "--format", "json", "--no-save"},
		{"assess", "--answers", example, "--no-color", "--no-save"},
		{"assess", "--format", "nope", "--no-save"},
		// The root's own flags (assess's) belong to the root alone, which
		// is bare when a command is named.
		{"version", "--format", "json"}, {"version", "-f", "json"}, {"bank", "show", "--answers", example},
		{"version", "--no-pager=false", "--no-color=true"}, {"assess", "--no-pager", "--target", "nope", "--answers", example},
	}
	f := newFactory(context.Background(), &iostreams.IOStreams{Getenv: func(string) string { return "" }})
	for _, c := range topCommands() {
		lines = append(lines, []string{c.Name, "--help"}, []string{"help", c.Name}, []string{"__complete", c.Name, "-"})
		for _, sub := range c.New(f).Commands() {
			lines = append(lines, []string{c.Name, sub.Name(), "--help"}, []string{"__complete", c.Name, sub.Name(), "--"})
		}
	}
	full := func(f *factory, _ ...string) *cobra.Command { return newRootCmd(f) }
	for _, args := range lines {
		env := testEnv(t, nil)
		s, out, errOut := iostreams.Test("", env)
		code := run(context.Background(), args, s)
		fs, fout, ferrOut := iostreams.Test("", env)
		fcode := execute(context.Background(), full, args, fs)
		if code != fcode || out.String() != fout.String() || errOut.String() != ferrOut.String() {
			t.Errorf("digilead %q: with the command named alone, exit %d, stdout\n%s\nstderr\n%s\nwith the whole tree, exit %d, stdout\n%s\nstderr\n%s",
				args, code, out, errOut, fcode, fout, ferrOut)
		}
	}
}
