// Package cli is the program around digilead's commands: the root, signals, errors to exit codes, and the command groups that are programs of their own.
package cli

import (
	"context"
	"fmt"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/spf13/cobra"

	"github.com/digilead/digilead/cmd/internal/cmdutil"
	"github.com/digilead/digilead/questions/safetext"
	"github.com/digilead/digilead/report/iostreams"
)

// Command is one command under the root: its name and how to make it, or,
// for a command group that is a program of its own (Program), the
// executable that runs its command lines.
type Command struct {
	Name string
	New  func(*cmdutil.Factory) *cobra.Command
	// Program is the executable that runs the command's command lines
	// when New is nil (digilead-bank for bank): digilead lists the
	// command, with Short, and hands any command line naming it to that
	// program (Forward), so that digilead never links, nor initialises
	// at each start, what only that group uses (docs/architecture.md).
	Program, Short string
}

// Program is one executable: its version, the commands under its root
// and, for a command group's own program, the group.
type Program struct {
	Version  string
	Commands []Command
	// Root makes the root of a command line naming no command (digilead's
	// is assess); nil: a bare root, which prints its help.
	Root func(*cmdutil.Factory) *cobra.Command
	// Group is the command every command line of a group's program runs
	// under (bank for digilead-bank): `digilead-bank validate x` is
	// `digilead bank validate x`, as is the command line digilead hands
	// on, `bank validate x`.
	Group string
}

// sameSignal is how soon after the first a signal is taken as the same
// one delivered twice: far longer than the microseconds between
// deliveries of one signal, shorter than anyone presses Ctrl-C twice.
const sameSignal = 250 * time.Millisecond

// ownProcess is set by Main: the command is the whole process, and may
// tune its garbage collector (cmdutil.TuneGC). A command run in a test
// process leaves it alone.
var ownProcess bool

// Main runs p on the process's command line and exits with its code.
func Main(p Program) {
	// One signal context for every command: Ctrl-C, SIGTERM and SIGHUP
	// (a closed terminal) all stop a command the same way, exit 130. A
	// moment (sameSignal) after it is cancelled the default action is
	// back, so a second signal ends the process at once; one that comes
	// with the first is the same one delivered twice (timeout(1) sends
	// its signal to the process and to its process group), and stops the
	// command as the first does. (context.AfterFunc starts no goroutine
	// until the context is cancelled: none waits for a signal that never
	// comes.)
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM, syscall.SIGHUP)
	context.AfterFunc(ctx, func() { time.AfterFunc(sameSignal, stop) })
	ownProcess = true
	// No stop() at the end: os.Exit ends the process and its signal
	// handling (stopping first only cost start-up a goroutine).
	os.Exit(Run(ctx, p, os.Args[1:], iostreams.System()))
}

// Run executes the command line args of p and returns the exit code.
// Errors are printed once, here, to stderr.
func Run(ctx context.Context, p Program, args []string, io *iostreams.IOStreams) int {
	return Execute(ctx, p, func(f *cmdutil.Factory, args ...string) *cobra.Command { return NewRoot(f, p, args...) }, args, io)
}

// Execute runs args on the root newRoot makes for them (NewRoot, or in a
// test one that ignores them and makes the whole tree).
func Execute(ctx context.Context, p Program, newRoot func(*cmdutil.Factory, ...string) *cobra.Command, args []string, io *iostreams.IOStreams) int {
	f := cmdutil.NewFactory(ctx, io, p.Version)
	defer func() { f.RestoreGC() }()
	root := newRoot(f, args...)
	if under, changed := p.underGroup(root, args); changed {
		args, root = under, newRoot(f, under...)
	}
	p.checkCaller(io)
	var err error
	if program, ok := forwarded(root, args); ok {
		err = forward(ctx, program, p.Version, args)
	} else {
		root.SetArgs(args)
		err = root.ExecuteContext(ctx)
	}
	if err != nil {
		if msg := message(err); msg != "" {
			fmt.Fprintln(io.ErrOut, "digilead: "+indentLines(safetext.Terminal(msg)))
		}
	}
	return ExitCode(err)
}

// tuneGC tunes the collector for cmd when the command is the process;
// f.RestoreGC puts the settings back.
func tuneGC(f *cmdutil.Factory) func(*cobra.Command, []string) {
	return func(cmd *cobra.Command, _ []string) {
		if ownProcess {
			f.RestoreGC = cmdutil.TuneGC(cmd)
		}
	}
}
