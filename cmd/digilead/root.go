package main

import (
	"fmt"
	"io"
	"runtime/debug"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/digilead/digilead/assessment"
	"github.com/digilead/digilead/assessment/inputs"
	"github.com/digilead/digilead/internal/errtext"
	"github.com/digilead/digilead/questions"
	"github.com/digilead/digilead/questions/safetext"
	"github.com/digilead/digilead/report"
	"github.com/digilead/digilead/report/iostreams"
)

// version is set at build time with -ldflags "-X main.version=…"; it falls
// back to the module version.
var version = ""

func toolVersion() string {
	if version != "" {
		return version
	}
	if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
		return strings.TrimPrefix(bi.Main.Version, "v")
	}
	return "0.1.0-dev"
}

// app is what every command shares: the streams and the clock.
type app struct {
	io  *iostreams.IOStreams
	now func() time.Time
}

func newApp(s *iostreams.IOStreams) *app {
	a := &app{io: s, now: time.Now}
	// SOURCE_DATE_EPOCH fixes the clock for reproducible output.
	if v := s.Getenv("SOURCE_DATE_EPOCH"); v != "" {
		if sec, err := strconv.ParseInt(v, 10, 64); err == nil {
			a.now = func() time.Time { return time.Unix(sec, 0).UTC() }
		}
	}
	return a
}

// say writes a message on stderr. Everything in it that came from
// outside (file names, paths, ids, bank text) shows control characters as
// visible escapes (safetext.Terminal): a message cannot act on the
// terminal.
func (a *app) say(format string, args ...any) {
	io.WriteString(a.io.ErrOut, safetext.Terminal(fmt.Sprintf(format, args...)))
}

func (a *app) tool() assessment.Tool {
	return assessment.Tool{Name: "digilead", Version: toolVersion()}
}

// streaming marks the commands that stream many documents; see tuneGC.
const streaming = "streaming"

// memoryLimit marks a streaming command whose live heap grows with its
// input, with the soft memory limit (MiB) it gets instead of 40; see
// tuneGC.
const memoryLimit = "memory-limit"

// tuneGC is the one place that tunes the garbage collector, for the
// streaming commands (score, cohort, bank stats): their live heap is small
// and flat (a few chunks in flight), so collecting less often saves a
// fifth of the CPU, and the soft limit keeps the peak well under 64 MiB
// however long the input (docs/performance.md). cohort also remembers
// every respondent counted (about 40 bytes each, to count each once), so
// its limit is higher: a limit below the live heap would have the
// collector run without pause.
func tuneGC(cmd *cobra.Command, _ []string) {
	if cmd.Annotations[streaming] != "" {
		debug.SetGCPercent(200)
		limit, err := strconv.Atoi(cmd.Annotations[memoryLimit])
		if err != nil {
			limit = 40
		}
		debug.SetMemoryLimit(int64(limit) << 20)
	}
}

func newRootCmd(a *app) *cobra.Command {
	opts := &assessOptions{}
	root := &cobra.Command{
		Use:   "digilead",
		Short: "Find out your digital leadership level and what to work on next",
		Long: `digilead is a self-assessment of digital leadership for public servants.

Run it with no arguments to answer the questions of the default bank in
the terminal (about 16 minutes). It scores your answers against three
leadership tiers (frontline executor, operational implementer, strategic
visionary) and reports your level, the gaps to your target tier and what
to do about each. Nothing leaves your machine.`,
		Example: `  digilead                                  # answer the questions, see your gap report
  digilead --format json > me.json          # answer on screen, keep the result as JSON
  digilead assess --answers answers.yaml    # score an answers file without asking
  digilead bank export > my-bank.yaml       # start a bank of your own`,
		Args:             noArgs,
		SilenceUsage:     true,
		SilenceErrors:    true,
		PersistentPreRun: tuneGC,
		RunE: func(cmd *cobra.Command, args []string) error {
			return runAssess(a, cmd, opts)
		},
	}
	root.PersistentFlags().BoolVar(&a.io.NoColor, "no-color", a.io.NoColor, "plain output without colour (also NO_COLOR)")
	addAssessFlags(root, opts)
	root.SetFlagErrorFunc(func(c *cobra.Command, err error) error {
		return usageError("%w\nRun '%s --help' for usage.", err, c.CommandPath())
	})
	root.SetOut(a.io.Out)
	root.SetErr(a.io.ErrOut)
	root.SetIn(a.io.In)
	root.AddCommand(
		newAssessCmd(a),
		newReportCmd(a),
		newHistoryCmd(a),
		newCompareCmd(a),
		newScoreCmd(a),
		newCohortCmd(a),
		newWorkshopCmd(a),
		newBankCmd(a),
		newVersionCmd(a),
	)
	root.InitDefaultCompletionCmd()
	refuseUnknownSubcommands(root)
	return root
}

// refuseUnknownSubcommands makes every command that groups others (bank,
// completion) refuse an unknown subcommand with exit 2 and a suggestion,
// as the root does, instead of printing its help and exiting 0. Alone, it
// still prints its help.
func refuseUnknownSubcommands(cmd *cobra.Command) {
	for _, c := range cmd.Commands() {
		refuseUnknownSubcommands(c)
	}
	if cmd.HasSubCommands() && cmd.HasParent() && cmd.Run == nil && cmd.RunE == nil {
		cmd.Args = noArgs
		cmd.RunE = func(cmd *cobra.Command, args []string) error { return cmd.Help() }
	}
}

// noArgs refuses positional arguments as a usage error.
func noArgs(cmd *cobra.Command, args []string) error {
	if len(args) > 0 {
		if cmd.HasSubCommands() {
			var names []string
			for _, c := range cmd.Commands() {
				if c.IsAvailableCommand() {
					names = append(names, c.Name())
				}
			}
			return usageError("unknown command %q for %q%s\nRun '%s --help' for the commands.", args[0], cmd.CommandPath(), errtext.Suggest(args[0], names), cmd.CommandPath())
		}
		return usageError("%s takes no arguments, got %q", cmd.CommandPath(), args[0])
	}
	return nil
}

// maxArgs refuses more than n positional arguments as a usage error.
func maxArgs(n int) cobra.PositionalArgs {
	return func(cmd *cobra.Command, args []string) error {
		if len(args) > n {
			return usageError("%s takes at most %d argument(s), got %d", cmd.CommandPath(), n, len(args))
		}
		return nil
	}
}

// exactArgs requires n positional arguments, as a usage error.
func exactArgs(n int, what string) cobra.PositionalArgs {
	return func(cmd *cobra.Command, args []string) error {
		if len(args) != n {
			return usageError("%s needs %s\nRun '%s --help' for usage.", cmd.CommandPath(), what, cmd.CommandPath())
		}
		return nil
	}
}

// loadBank loads the --bank bank (and checks any translation files given
// with it), or the built-in bank when paths hold no bank; a path that does
// not exist is a usage error.
func loadBank(paths []string) (*questions.Bank, error) {
	s, err := loadSet(paths, nil)
	if err != nil {
		return nil, err
	}
	return s.Bank, nil
}

// loadBankTarget loads the --bank bank and checks --target against it.
func loadBankTarget(paths []string, target string) (*questions.Bank, error) {
	b, err := loadBank(paths)
	if err != nil {
		return nil, err
	}
	return b, checkTarget(b, target)
}

// checkTarget refuses a --target that is not a tier of the bank.
func checkTarget(b *questions.Bank, target string) error {
	if target != "" {
		if _, ok := b.Tier(target); !ok {
			return usageError("--target: unknown tier %q%s; the bank's tiers are %s", target, errtext.Suggest(target, b.TierIDs()), strings.Join(b.TierIDs(), ", "))
		}
	}
	return nil
}

// openInputs opens the input paths of score, cohort and bank stats, stdin
// for none unless stdinTTY, and says which files are skipped or read once.
func (a *app) openInputs(paths []string, stdinTTY bool, what string) (*inputs.Set, error) {
	set, err := inputs.Open(paths, a.io.In, stdinTTY, what)
	if err != nil {
		return nil, err
	}
	for _, n := range set.Notes() {
		a.say("%s\n", "digilead: "+n)
	}
	return set, nil
}

// outputFlags are --format and -o of a command that writes one kind of
// document; F is what a format name stands for in its registry.
type outputFlags[F any] struct {
	formats report.Registry[F]
	format  string
	output  string
}

// addOutputFlags adds --format (default def) and -o to cmd.
func addOutputFlags[F any](cmd *cobra.Command, formats report.Registry[F], def string) *outputFlags[F] {
	o := &outputFlags[F]{formats: formats}
	f := cmd.Flags()
	f.StringVarP(&o.format, "format", "f", def, "output format: "+strings.Join(formats.Names(), ", "))
	f.StringVarP(&o.output, "output", "o", "", "write to `FILE` (mode 0600) instead of stdout")
	return o
}

// check is the one place --format and -o are checked, before any work:
// it returns the format and where the document goes. inputs are the
// files the command reads (-o may not be one of them).
func (o *outputFlags[F]) check(a *app, inputs ...string) (F, *report.Output, error) {
	f, err := o.formats.Lookup(o.format)
	if err != nil {
		return f, nil, usageError("--format: %v", err)
	}
	out := report.NewOutput(a.io, o.output)
	return f, out, checkOutput(out, inputs...)
}

// checkOutput checks where -o sends the document (see report.Output.Check).
func checkOutput(out *report.Output, inputs ...string) error {
	if err := out.Check(inputs...); err != nil {
		return usageError("-o %w", err)
	}
	return nil
}

// addAccessibleFlag adds --accessible, described by what it gives.
func addAccessibleFlag(cmd *cobra.Command, p *bool, what string) {
	cmd.Flags().BoolVar(p, "accessible", false, "screen-reader mode: "+what+" (also ACCESSIBLE=1)")
}
