// Command digilead is a self-assessment of digital leadership for public
// servants: it asks the questions of a bank, scores the answers against
// leadership tiers and reports the gaps, with what to do about each.
package main

import (
	"fmt"
	"os"
)

func main() {
	os.Exit(run(os.Args[1:], systemStreams()))
}

// run executes the command line and returns the exit code. Errors are
// printed once, here, to stderr.
func run(args []string, io *IOStreams) int {
	app := newApp(io)
	root := newRootCmd(app)
	root.SetArgs(args)
	err := root.Execute()
	if err != nil {
		if msg := err.Error(); msg != "" {
			fmt.Fprintln(io.ErrOut, "digilead: "+indentLines(msg))
		}
	}
	return exitCode(err)
}
