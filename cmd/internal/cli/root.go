package cli

import (
	"github.com/spf13/cobra"

	"github.com/digilead/digilead/cmd/internal/cmdutil"
)

// NewRoot makes the root command of p, with every command under it, for
// the command line args. When args' first word names a command
// (p.named), the root is bare, only its identity and persistent flags,
// with that one command under it: no run of a command pays for building
// the others, nor assess's flags (which only the root's own run and help
// use). Any other command line (none, help, completion, a flag first, an
// unknown word) gets the whole tree. Either way the command line behaves
// the same (TestLazyRootBehavesAsFull).
func NewRoot(f *cmdutil.Factory, p Program, args ...string) *cobra.Command {
	c, named := p.named(args)
	root := &cobra.Command{}
	if !named && p.Root != nil {
		root = p.Root(f)
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
		return cmdutil.UsageError("%w\nRun '%s --help' for usage.", err, c.CommandPath())
	})
	root.SetOut(f.IO.Out)
	root.SetErr(f.IO.ErrOut)
	root.SetIn(f.IO.In)
	if named {
		// Only the command named: the default completion command (which
		// cobra would add) is not needed either, as a command line that
		// asks for it names no other command.
		root.CompletionOptions.DisableDefaultCmd = true
		root.AddCommand(c.make(f, args))
	} else {
		for _, c := range p.Commands {
			root.AddCommand(c.make(f, args))
		}
		root.InitDefaultCompletionCmd()
	}
	// bank, feedback, workshop and completion refuse an unknown
	// subcommand as the root does (exit 2, with a suggestion); alone,
	// each prints its help.
	cmdutil.RefuseUnknownSubcommands(root)
	if !named {
		cmdutil.StrictHelp(root) // help is no command named (named)
	}
	return root
}

// named is the command a command line names by its first word, or false
// when it names none exactly: no arguments, a flag first, help,
// completion, shell completion (__complete) or a word that is no
// command's name (which needs every name for its suggestion). Only then
// does the root need every command; otherwise building the one named is
// enough, and a run pays for no other (docs/performance.md).
func (p Program) named(args []string) (Command, bool) {
	if len(args) == 0 {
		return Command{}, false
	}
	for _, c := range p.Commands {
		if c.Name == args[0] {
			return c, true
		}
	}
	return Command{}, false
}

// make makes the command: c.New's, or the stand-in for a group that is a
// program of its own, whose command lines Execute hands to that program
// before cobra parses them (forwarded). The stand-in lists the group in
// help and completion; it runs only for a command line forwarded misses,
// and then hands it on too.
func (c Command) make(f *cmdutil.Factory, args []string) *cobra.Command {
	if c.New != nil {
		return c.New(f)
	}
	return &cobra.Command{
		Use:                c.Name,
		Short:              c.Short,
		DisableFlagParsing: true,
		Annotations:        map[string]string{programAnnotation: c.Program},
		RunE: func(cmd *cobra.Command, _ []string) error {
			return forward(cmd.Context(), c.Program, f.Version, args)
		},
	}
}
