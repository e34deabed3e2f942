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
		var names []string
		for _, c := range cmd.Commands() {
			if c.IsAvailableCommand() {
				names = append(names, c.Name())
			}
		}
		return UsageError("unknown command %q for %q%s\nRun '%s --help' for the commands.", args[0], cmd.CommandPath(), errtext.Suggest(args[0], names), cmd.CommandPath())
	}
	return UsageError("%s takes no arguments, got %q", cmd.CommandPath(), args[0])
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
