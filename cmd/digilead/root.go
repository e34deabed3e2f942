package main

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime/debug"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/digilead/digilead/assessment"
	"github.com/digilead/digilead/assessment/store"
	"github.com/digilead/digilead/questions"
	"github.com/digilead/digilead/report"
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

// app is what every command shares.
type app struct {
	io  *IOStreams
	now func() time.Time
	// drafts is the store of a finished questionnaire's draft, which is
	// removed once the result is saved.
	drafts *store.Store
}

func newApp(s *IOStreams) *app {
	a := &app{io: s, now: time.Now}
	// SOURCE_DATE_EPOCH fixes the clock for reproducible output.
	if v := s.Getenv("SOURCE_DATE_EPOCH"); v != "" {
		if sec, err := strconv.ParseInt(v, 10, 64); err == nil {
			a.now = func() time.Time { return time.Unix(sec, 0).UTC() }
		}
	}
	return a
}

func (a *app) tool() assessment.Tool {
	return assessment.Tool{Name: "digilead", Version: toolVersion()}
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
		Args:          noArgs,
		SilenceUsage:  true,
		SilenceErrors: true,
		RunE: func(cmd *cobra.Command, args []string) error {
			return runAssess(a, cmd, opts)
		},
	}
	root.PersistentFlags().BoolVar(&a.io.NoColor, "no-color", a.io.NoColor, "plain output without colour (also NO_COLOR)")
	addAssessFlags(root, opts)
	root.SetFlagErrorFunc(func(c *cobra.Command, err error) error {
		return &exitError{code: exitUsage, err: fmt.Errorf("%w\nRun '%s --help' for usage.", err, c.CommandPath())}
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
		newBankCmd(a),
		newVersionCmd(a),
	)
	return root
}

// noArgs refuses positional arguments as a usage error.
func noArgs(cmd *cobra.Command, args []string) error {
	if len(args) > 0 {
		if cmd.HasSubCommands() {
			return usageError("unknown command %q for %q\nRun '%s --help' for the commands.", args[0], cmd.CommandPath(), cmd.CommandPath())
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

// loadBank loads the bank at path, or the default bank when path is empty.
func loadBank(path string) (*questions.Bank, error) {
	if path == "" {
		return questions.Default()
	}
	return questions.Load(path)
}

// readInput reads a file, or stdin for "-", refusing more than the limit.
func (a *app) readInput(path string) ([]byte, string, error) {
	if path == "-" {
		data, err := questions.ReadLimited(a.io.In, questions.MaxFileSize)
		if errors.Is(err, questions.ErrTooLarge) {
			return nil, "stdin", questions.Invalidf("stdin: larger than the %d MiB limit", questions.MaxFileSize>>20)
		}
		return data, "stdin", err
	}
	f, err := os.Open(path)
	if err != nil {
		if errors.Is(err, os.ErrNotExist) {
			return nil, path, &exitError{code: exitUsage, err: fmt.Errorf("%s: no such file", path)}
		}
		return nil, path, err
	}
	defer f.Close()
	data, err := questions.ReadLimited(f, questions.MaxFileSize)
	if errors.Is(err, questions.ErrTooLarge) {
		return nil, path, questions.Invalidf("%s: larger than the %d MiB limit", path, questions.MaxFileSize>>20)
	}
	if err != nil {
		return nil, path, fmt.Errorf("%s: %w", path, err)
	}
	return data, path, nil
}

// writeOutput sends rendered bytes to stdout or to the -o file.
func (a *app) writeOutput(path string, render func(w *strings.Builder) error) error {
	var sb strings.Builder
	if err := render(&sb); err != nil {
		return err
	}
	if path == "" || path == "-" {
		_, err := fmt.Fprint(a.io.Out, sb.String())
		return err
	}
	if err := store.WriteFileAtomic(path, []byte(sb.String()), 0o600); err != nil {
		return fmt.Errorf("write %s: %w; check the directory exists and is writable", path, cleanErr(err))
	}
	if a.io.ErrTTY {
		abs, _ := filepath.Abs(path)
		fmt.Fprintf(a.io.ErrOut, "Wrote %s\n", abs)
	}
	return nil
}

// reportOptions are the text layout options for output to path (stdout
// when empty).
func (a *app) reportOptions(path string, accessible bool) report.Options {
	o := report.Options{Accessible: accessible}
	if path == "" || path == "-" {
		o.Width = a.io.Width
		o.Renderer = a.io.outRenderer()
	}
	return o
}

func cleanErr(err error) error {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// indentLines indents every line after the first, so multi-line errors read
// as one message.
func indentLines(s string) string {
	return strings.ReplaceAll(strings.TrimRight(s, "\n"), "\n", "\n  ")
}
