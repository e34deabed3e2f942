package main

import (
	"context"
	"io"
	"time"

	"github.com/spf13/cobra"

	"github.com/digilead/digilead/assessment"
	"github.com/digilead/digilead/cmd/internal/cmdutil"
	"github.com/digilead/digilead/cmd/internal/docflags"
	"github.com/digilead/digilead/report/iostreams"
)

// version is set at build time with -ldflags "-X main.version=…"; it falls
// back to the module version.
var version = ""

func toolVersion() string { return cmdutil.Version(version, "0.1.0-dev") }

// factory is what every command is made with (gh's cmdutil.Factory): the
// streams and the clock.
type factory struct {
	io  *iostreams.IOStreams
	now func() time.Time
	// ctx is the command's context: cancelled by a signal.
	ctx context.Context
	// restoreGC undoes tuneGC, for runs in the test process.
	restoreGC func()
	// in is stdin for documents (stdin).
	in io.Reader
}

func newFactory(ctx context.Context, s *iostreams.IOStreams) *factory {
	// SOURCE_DATE_EPOCH fixes the clock for reproducible output.
	return &factory{io: s, now: cmdutil.Clock(s.Getenv), ctx: ctx, restoreGC: func() {}}
}

// stdin is what commands read documents from on stdin ("-", or no
// path): io.In, but a read blocked waiting on a terminal or a slow pipe
// ends with ctx's error as soon as a signal stops the command
// (iostreams.Interruptible), so it stops at once, exit 130. Made once:
// at most one read of stdin is ever under way. The questionnaire, plan's
// form and the workshop dashboard read io.In itself: they need the
// terminal's file for raw mode, and cancel their own reads.
func (f *factory) stdin() io.Reader {
	if f.in == nil {
		f.in = iostreams.Interruptible(f.ctx, f.io.In)
	}
	return f.in
}

// say writes a message on stderr, outside text escaped (docflags.Say).
func (f *factory) say(format string, args ...any) { docflags.Say(f.io, format, args...) }

func (f *factory) tool() assessment.Tool {
	return assessment.Tool{Name: "digilead", Version: toolVersion()}
}

// ownProcess is set by main: the command is the whole process, and may
// tune its garbage collector (cmdutil.TuneGC). A command run in the test
// process leaves it alone.
var ownProcess bool

// tuneGC tunes the collector for cmd when the command is the process;
// f.restoreGC puts the settings back.
func (f *factory) tuneGC(cmd *cobra.Command, _ []string) {
	if ownProcess {
		f.restoreGC = cmdutil.TuneGC(cmd)
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
	root.PersistentPreRun = f.tuneGC
	root.PersistentFlags().BoolVar(&f.io.NoColor, "no-color", f.io.NoColor, "plain output without colour (also NO_COLOR)")
	root.PersistentFlags().BoolVar(&f.io.NoPager, "no-pager", false, "never page a long report in a terminal (the pager is DIGILEAD_PAGER, else PAGER, else 'less -FRX')")
	root.SetFlagErrorFunc(func(c *cobra.Command, err error) error {
		return usageError("%w\nRun '%s --help' for usage.", err, c.CommandPath())
	})
	root.SetOut(f.io.Out)
	root.SetErr(f.io.ErrOut)
	root.SetIn(f.io.In)
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
