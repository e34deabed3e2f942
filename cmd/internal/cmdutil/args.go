package cmdutil

import (
	"github.com/spf13/cobra"

	"github.com/digilead/digilead/questions/errtext"
)

// RunOr runs a command with its options: runF when a test gave one (to
// see the options parsed), else run.
func RunOr[O any](opts O, runF, run func(O) error) error {
	if runF != nil {
		return runF(opts)
	}
	return run(opts)
}

// RunE is a command's RunE: it refuses a flag value refused when given
// (Check), keeps its arguments in *args, when args is given, and runs
// the command with its options (see RunOr).
func RunE[O any](opts O, runF, run func(O) error, args ...*[]string) func(*cobra.Command, []string) error {
	return func(cmd *cobra.Command, positional []string) error {
		if err := Check(cmd); err != nil {
			return err
		}
		for _, p := range args {
			*p = positional
		}
		return RunOr(opts, runF, run)
	}
}

// Group is a command that only groups others; see
// RefuseUnknownSubcommands.
func Group(use, short, long string, cmds ...*cobra.Command) *cobra.Command {
	cmd := &cobra.Command{Use: use, Short: short, Long: long}
	cmd.AddCommand(cmds...)
	return cmd
}

// RefuseUnknownSubcommands makes every command under cmd that groups
// others refuse an unknown subcommand with a usage error and a
// suggestion, as cobra's root does, instead of printing its help and
// exiting 0. Alone, it still prints its help.
func RefuseUnknownSubcommands(cmd *cobra.Command) {
	for _, c := range cmd.Commands() {
		RefuseUnknownSubcommands(c)
	}
	if cmd.HasSubCommands() && cmd.HasParent() && cmd.Run == nil && cmd.RunE == nil {
		cmd.Args = NoArgs
		cmd.RunE = func(cmd *cobra.Command, args []string) error { return cmd.Help() }
	}
}

// NoArgs refuses positional arguments as a usage error.
func NoArgs(cmd *cobra.Command, args []string) error {
	if len(args) == 0 {
		return nil
	}
	if cmd.HasSubCommands() {
		return unknown("command", cmd, args[0])
	}
	return UsageError("%s takes no arguments, got %q", cmd.CommandPath(), args[0])
}

// unknown is the usage error for word, a command (what) cmd does not
// have, with the one of its commands meant if there is one.
func unknown(what string, cmd *cobra.Command, word string) error {
	var names []string
	for _, c := range cmd.Commands() {
		if c.IsAvailableCommand() {
			names = append(names, c.Name())
		}
	}
	more := "the commands"
	if len(names) == 0 {
		more = "usage"
	}
	return UsageError("unknown %s %q for %q%s\nRun '%s --help' for %s.", what, word, cmd.CommandPath(), errtext.Suggest(word, names), cmd.CommandPath(), more)
}

// StrictHelp makes root's help command refuse a topic that names no
// command (help frobnicate) with a usage error and a suggestion, as an
// unknown command is refused, instead of showing root's help and
// exiting 0.
func StrictHelp(root *cobra.Command) {
	root.InitDefaultHelpCmd()
	help, _, err := root.Find([]string{"help"})
	if err != nil || help == root || help.Run == nil {
		return
	}
	show := help.Run
	help.Run = nil
	help.RunE = func(c *cobra.Command, args []string) error {
		if cmd, rest, err := c.Root().Find(args); err == nil && len(rest) > 0 {
			return unknown("help topic", cmd, rest[0])
		}
		show(c, args)
		return nil
	}
}

// ArgsBetween requires min to max positional arguments (what they are),
// as a usage error.
func ArgsBetween(min, max int, what string) cobra.PositionalArgs {
	return func(cmd *cobra.Command, args []string) error {
		switch {
		case len(args) > max:
			return UsageError("%s takes at most %d argument(s), got %d", cmd.CommandPath(), max, len(args))
		case len(args) < min:
			return UsageError("%s needs %s\nRun '%s --help' for usage.", cmd.CommandPath(), what, cmd.CommandPath())
		}
		return nil
	}
}
