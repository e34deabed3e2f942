// Command digilead is a self-assessment of digital leadership for public
// servants: it asks the questions of a bank, scores the answers against
// leadership tiers and reports the gaps, with what to do about each.
package main

import (
	"github.com/spf13/cobra"

	"github.com/digilead/digilead/cmd/internal/cli"
	"github.com/digilead/digilead/cmd/internal/cmdutil"
)

// version is set at build time with -ldflags "-X main.version=…"; it falls
// back to the module version.
var version = ""

func main() { cli.Main(program()) }

// factory is what every command is made with (cmdutil.Factory): the
// streams, the clock and the context.
type factory = cmdutil.Factory

// program is digilead: the root is assess, with every command under it.
func program() cli.Program {
	return cli.Program{
		Version:  cmdutil.Version(version, "0.1.0-dev"),
		Commands: topCommands(),
		Root:     func(f *factory) *cobra.Command { return newAssessCmd(f, nil) },
	}
}
