// Command digilead is a self-assessment of digital leadership for public
// servants: it asks the questions of a bank, scores the answers against
// leadership tiers and reports the gaps, with what to do about each.
package main

import (
	"context"
	"fmt"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/spf13/cobra"

	"github.com/digilead/digilead/questions/safetext"
	"github.com/digilead/digilead/report/iostreams"
)

// sameSignal is how soon after the first a signal is taken as the same
// one delivered twice: far longer than the microseconds between
// deliveries of one signal, shorter than anyone presses Ctrl-C twice.
const sameSignal = 250 * time.Millisecond

func main() {
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
	os.Exit(run(ctx, os.Args[1:], iostreams.System()))
}

// run executes the command line and returns the exit code. Errors are
// printed once, here, to stderr.
func run(ctx context.Context, args []string, io *iostreams.IOStreams) int {
	return execute(ctx, newRootCmd, args, io)
}

// execute runs args on the root newRoot makes for them (newRootCmd, or in
// a test one that ignores them and makes the whole tree).
func execute(ctx context.Context, newRoot func(*factory, ...string) *cobra.Command, args []string, io *iostreams.IOStreams) int {
	f := newFactory(ctx, io)
	defer func() { f.RestoreGC() }()
	root := newRoot(f, args...)
	root.SetArgs(args)
	err := root.ExecuteContext(ctx)
	if err != nil {
		if msg := message(err); msg != "" {
			fmt.Fprintln(io.ErrOut, "digilead: "+indentLines(safetext.Terminal(msg)))
		}
	}
	return exitCode(err)
}
