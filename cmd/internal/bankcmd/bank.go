// Package bankcmd is the bank command group: validate, export, show,
// review, stats, calibrate and translate a question bank.
package bankcmd

import (
	"fmt"
	"io"

	"github.com/spf13/cobra"

	"github.com/digilead/digilead/assessment/inputs"
	"github.com/digilead/digilead/cmd/internal/cli"
	"github.com/digilead/digilead/cmd/internal/cmdutil"
	"github.com/digilead/digilead/cmd/internal/docflags"
	"github.com/digilead/digilead/questions"
	"github.com/digilead/digilead/report"
)

// Program is digilead-bank, the program that runs `digilead bank`.
func Program(version string) cli.Program { return cli.Bank.Own(version, New) }

// New makes `digilead bank` with every command under it.
func New(f *cmdutil.Factory) *cobra.Command {
	return cmdutil.Group(cli.Bank.Name, cli.Bank.Short, `A question bank is a YAML file (or a directory of them) in the digilead/v1
format: tiers, dimensions, questions and development actions.
See docs/bank-format.md, or start from the default: digilead bank export.`,
		newBankValidateCmd(f, nil), newBankExportCmd(f, nil), newBankShowCmd(f, nil), newBankReviewCmd(f, nil),
		newBankStatsCmd(f, nil), newBankCalibrateCmd(f, nil), newBankTranslateCmd(f, nil))
}

// bankValidateOptions are the flags and arguments of `digilead bank validate`.
type bankValidateOptions struct {
	*cmdutil.Factory
	bank      docflags.Bank
	strict    bool
	all       bool
	catalogue string
	paths     []string
}

func newBankValidateCmd(f *cmdutil.Factory, runF func(*bankValidateOptions) error) *cobra.Command {
	opts := &bankValidateOptions{Factory: f}
	cmd := &cobra.Command{
		Use:   "validate [PATH...]",
		Short: "Check banks and their translations; report every problem as FILE:LINE: field: problem",
		Long: `Validate checks each PATH: a bank file, a bank directory (with the
translation files in it) or a translation file. A translation file is
checked against the bank given with --bank; without --bank, against a
bank PATH given before it whose id is the one the translation names
(bank validate my-bank.yaml de.yaml), else the built-in bank. A
translation of another bank than the one it is checked against is one
problem, said once. With no PATH it checks the built-in bank and its
translations.

A problem is an error (exit 2). Texts a translation leaves untranslated,
or translated from an earlier text of the bank, are warnings (exit 0);
--strict makes them errors. The first 20 problems and warnings of each
PATH are listed, with how many more there are; --all lists every one.
Observer wording that seems to speak to its reader ("did you …") rather
than of the person observed is a warning, even with --strict: the rule
is a heuristic.

Actions in another language than the bank's (language: cy in an English
bank), the language its reports are written in unless translated, are
warnings too, and errors with --strict. A tier expecting more on a
dimension than any answers can give it (its option scores are below 1) is
a warning, even with --strict; bank review reports it as an error.

--catalogue FILE checks a catalogue (digilead.catalogue/v1) against each
bank: its bank id, dimensions and tiers, and the language of its actions.`,
		Example: `  digilead bank validate                 # the built-in bank and its translations
  digilead bank validate my-bank.yaml banks/workshop/
  digilead bank validate my-bank.yaml de.yaml      # de.yaml against my-bank.yaml
  digilead bank validate --bank my-bank.yaml de.yaml --strict
  digilead bank validate --catalogue our-courses.yaml`,
		RunE: cmdutil.RunE(opts, runF, bankValidateRun, &opts.paths),
	}
	docflags.AddBank(cmd, &opts.bank, "bank the translation files given are checked against (default: the built-in bank)")
	cmd.Flags().BoolVar(&opts.strict, "strict", false, "texts a translation leaves untranslated or out of date are errors, not warnings")
	cmd.Flags().BoolVar(&opts.all, "all", false, fmt.Sprintf("list every problem and warning, not the first %d of each PATH", inputs.MaxShown))
	cmd.Flags().StringVar(&opts.catalogue, "catalogue", "", "check this catalogue `FILE` (digilead.catalogue/v1) against each bank")
	return cmd
}

// bankValidateRun checks each path and says what it found: what is valid
// on stdout (a report.Validation), problems and warnings on stderr.
func bankValidateRun(opts *bankValidateOptions) error {
	paths := opts.paths
	if len(paths) == 0 {
		paths = []string{""}
	}
	var v report.Validation
	bad := 0
	o := report.ValidateOptions{Banks: opts.bank.Banks, Strict: opts.strict, CatalogueName: opts.catalogue, Say: opts.Say,
		Max: inputs.MaxShown, MoreHint: "--all lists every one"}
	if opts.all {
		o.Max = 0
	}
	if ok, err := o.LoadCatalogue(opts.Ctx); err != nil {
		return fmt.Errorf("--catalogue: %w", err)
	} else if !ok {
		bad++
	}
	for _, p := range paths {
		if !v.Check(opts.Ctx, p, o) {
			bad++
		}
		if err := opts.Ctx.Err(); err != nil {
			return err // stopped: nothing written
		}
	}
	if err := docflags.WriteStdout(opts.IO, report.Validations, "text", &v, nil); err != nil {
		return err
	}
	if bad > 0 {
		return cmdutil.Silent(cmdutil.ExitUsage)
	}
	return nil
}

// bankExportOptions are the flags of `digilead bank export`.
type bankExportOptions struct {
	*cmdutil.Factory
	path string
}

func newBankExportCmd(f *cmdutil.Factory, runF func(*bankExportOptions) error) *cobra.Command {
	opts := &bankExportOptions{Factory: f}
	cmd := &cobra.Command{
		Use:   "export",
		Short: "Write the built-in bank's YAML, a starting point for your own bank",
		Example: `  digilead bank export > my-bank.yaml
  digilead bank export -o my-bank.yaml`,
		Args: cmdutil.NoArgs,
		RunE: cmdutil.RunE(opts, runF, bankExportRun),
	}
	cmdutil.OutputVar(cmd.Flags(), &opts.path, "write to `FILE` instead of stdout")
	return cmd
}

func bankExportRun(opts *bankExportOptions) error {
	dest := report.NewOutput(opts.IO, opts.path)
	if err := docflags.CheckDest(dest); err != nil {
		return err
	}
	return dest.Write(func(w io.Writer) error {
		_, err := w.Write(questions.DefaultYAML())
		return err
	})
}

// bankShowOptions are the flags and argument of `digilead bank show`.
type bankShowOptions struct {
	*cmdutil.Factory
	bank docflags.Bank
}

func newBankShowCmd(f *cmdutil.Factory, runF func(*bankShowOptions) error) *cobra.Command {
	opts := &bankShowOptions{Factory: f}
	cmd := &cobra.Command{
		Use:   "show [PATH]",
		Short: "Summarise a bank: tiers, dimensions and question counts",
		Args:  cmdutil.ArgsBetween(0, 1, ""),
		RunE:  cmdutil.RunE(opts, runF, bankShowRun, &opts.bank.Banks),
	}
	docflags.AddLang(cmd, &opts.bank)
	return cmd
}

func bankShowRun(opts *bankShowOptions) error {
	s, language, err := docflags.ShowIn(opts.Ctx, opts.IO, opts.bank)
	if err != nil {
		return err
	}
	return docflags.WriteStdout(opts.IO, report.BankSummaries, "text", s.Bank, language)
}
