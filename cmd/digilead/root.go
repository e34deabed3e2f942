package main

import (
	"context"

	"github.com/spf13/cobra"

	"github.com/digilead/digilead/cmd/internal/cmdutil"
	"github.com/digilead/digilead/report/iostreams"
)

// version is set at build time with -ldflags "-X main.version=…"; it falls
// back to the module version.
var version = ""

func toolVersion() string { return cmdutil.Version(version, "0.1.0-dev") }

// factory is what every command is made with (cmdutil.Factory): the
// streams, the clock and the context.
type factory = cmdutil.Factory

func newFactory(ctx context.Context, s *iostreams.IOStreams) *factory {
	return cmdutil.NewFactory(ctx, s, toolVersion())
}

// ownProcess is set by main: the command is the whole process, and may
// tune its garbage collector (cmdutil.TuneGC). A command run in the test
// process leaves it alone.
var ownProcess bool

// tuneGC tunes the collector for cmd when the command is the process;
// f.RestoreGC puts the settings back.
func tuneGC(f *factory) func(*cobra.Command, []string) {
	return func(cmd *cobra.Command, _ []string) {
		if ownProcess {
			f.RestoreGC = cmdutil.TuneGC(cmd)
		}
	}
}

// newRootCmd makes the root command (assess, with every command under
// it) for the command line args. When args' first word names a command
// (commandNamed), the root is bare, only its identity and persistent
// flags, with that one command under it: no run of a command pays for
// building the others, nor assess's flags (which only the root's own run
// and help use). Any other command line (none, help, completion, a flag
// first, an unknown word) gets the whole tree. Either way the command
// line behaves the same (TestLazyRootBehavesAsFull).
func newRootCmd(f *factory, args ...string) *cobra.Command {
	c, named := commandNamed(args)
	root := &cobra.Command{}
	if !named {
		root = newAssessCmd(f, nil)
	}
	root.Use = "digilead"
	root.Short = "Find out your digital leadership level and what to work on next"
	root.Long = `digilead is a self-assessment of digital leadership for public servants.

Run it with no arguments to answer the questions of the default bank in
the terminal (about 17 minutes). It scores your answers against three
leadership tiers (frontline executor, operational implementer, strategic
visionary) and reports your level, the gaps to your target tier and what
to do about each. Nothing leaves your machine.`
	root.Example = `  digilead                                  # answer the questions, see your gap report
  digilead --format json > me.json          # answer on screen, keep the result as JSON
  digilead assess --answers answers.yaml    # score an answers file without asking
  digilead bank export > my-bank.yaml       # start a bank of your own`
	root.SilenceUsage = true
	root.SilenceErrors = true
	root.PersistentPreRun = tuneGC(f)
	root.PersistentFlags().BoolVar(&f.IO.NoColor, "no-color", f.IO.NoColor, "plain output without colour (also NO_COLOR)")
	root.PersistentFlags().BoolVar(&f.IO.NoPager, "no-pager", false, "never page a long report in a terminal (the pager is DIGILEAD_PAGER, else PAGER, else 'less -FRX'; --accessible never pages)")
	root.SetFlagErrorFunc(func(c *cobra.Command, err error) error {
		return usageError("%w\nRun '%s --help' for usage.", err, c.CommandPath())
	})
	root.SetOut(f.IO.Out)
	root.SetErr(f.IO.ErrOut)
	root.SetIn(f.IO.In)
	if named {
		// Only the command named: the default completion command (which
		// cobra would add) is not needed either, as a command line that
		// asks for it names no other command.
		root.CompletionOptions.DisableDefaultCmd = true
		root.AddCommand(c.new(f))
	} else {
		for _, c := range topCommands() {
			root.AddCommand(c.new(f))
		}
		root.InitDefaultCompletionCmd()
	}
	refuseUnknownSubcommands(root)
	if !named {
		cmdutil.StrictHelp(root) // help is no command named (commandNamed)
	}
	return root
}

// refuseUnknownSubcommands makes bank, feedback, workshop and completion
// refuse an unknown subcommand as the root does (exit 2, with a
// suggestion); alone, each prints its help.
var refuseUnknownSubcommands = cmdutil.RefuseUnknownSubcommands
