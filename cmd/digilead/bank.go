package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"slices"

	"github.com/spf13/cobra"

	"github.com/digilead/digilead/questions"
	"github.com/digilead/digilead/questions/safetext"
	"github.com/digilead/digilead/report"
)

func newBankCmd(a *app) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "bank",
		Short: "Check, inspect and export question banks",
		Long: `A question bank is a YAML file (or a directory of them) in the digilead/v1
format: tiers, dimensions, questions and development actions.
See docs/bank-format.md, or start from the default: digilead bank export.`,
		Args: noArgs,
	}
	cmd.AddCommand(newBankValidateCmd(a), newBankExportCmd(a), newBankShowCmd(a), newBankReviewCmd(a), newBankStatsCmd(a), newBankCalibrateCmd(a), newBankTranslateCmd(a))
	return cmd
}

func newBankValidateCmd(a *app) *cobra.Command {
	var banks []string
	var strict bool
	cmd := &cobra.Command{
		Use:   "validate [PATH...]",
		Short: "Check banks and their translations; report every problem as FILE:LINE: field: problem",
		Long: `Validate checks each PATH: a bank file, a bank directory (with the
translation files in it) or a translation file, which is checked against
the bank given with --bank (default: the built-in bank). With no PATH it
checks the built-in bank and its translations.

A problem is an error (exit 2). Texts a translation leaves untranslated,
or translated from an earlier text of the bank, are warnings that list
every one (exit 0); --strict makes them errors.`,
		Example: `  digilead bank validate                 # the built-in bank and its translations
  digilead bank validate my-bank.yaml banks/workshop/
  digilead bank validate --bank my-bank.yaml de.yaml --strict`,
		RunE: func(cmd *cobra.Command, args []string) error {
			paths := args
			if len(paths) == 0 {
				paths = []string{""}
			}
			bad := 0
			for _, p := range paths {
				if !a.validate(p, banks, strict) {
					bad++
				}
			}
			if bad > 0 {
				return silent(exitUsage)
			}
			return nil
		},
	}
	addBankFlag(cmd, &banks, "bank the translation files given are checked against (default: the built-in bank)")
	cmd.Flags().BoolVar(&strict, "strict", false, "texts a translation leaves untranslated or out of date are errors, not warnings")
	return cmd
}

// validate checks one PATH of bank validate and says what it found: ok
// lines on stdout, problems and warnings on stderr. banks is --bank, for a
// translation file. It reports whether the path passed.
func (a *app) validate(p string, banks []string, strict bool) bool {
	name := p
	var load []string
	switch {
	case p == "":
		name = "built-in bank"
	case isTranslationFile(p):
		load = append(slices.Clone(banks), p)
	default:
		load = []string{p}
	}
	s, err := loadSet(load, nil)
	if err == nil {
		err = s.Resolve()
	}
	if err != nil {
		var ps questions.Problems
		if errors.As(err, &ps) {
			for _, pr := range ps {
				a.say("%s\n", pr.String())
			}
			a.say("%s: %d problem(s)\n", name, len(ps))
		} else {
			a.say("digilead: %v\n", err)
		}
		return false
	}
	b := s.Bank
	kind := "warning"
	if strict {
		kind = "error"
	}
	for _, w := range s.Warnings {
		a.say("%s (%s)\n", w.String(), kind)
	}
	if !isTranslationFile(p) {
		fmt.Fprint(a.io.Out, safetext.Terminal(fmt.Sprintf("ok %s: %s %s, %d tiers, %d dimensions, %d questions\n", name, b.ID, b.Version, len(b.Tiers), len(b.Dimensions), len(b.Questions))))
	}
	total := len(b.Texts())
	for _, t := range s.Translations {
		missing, outdated := t.Missing(b)
		fmt.Fprint(a.io.Out, safetext.Terminal(fmt.Sprintf("ok %s: %s translation of %s (%s), %d of %d texts translated\n", t.File, t.Language, b.ID, t.Status, total-len(missing)-len(outdated), total)))
	}
	if len(s.Warnings) > 0 {
		a.say("%s: %d text(s) not translated or out of date (%ss; they show in %s)\n", name, len(s.Warnings), kind, questions.BankLanguage(b))
		return !strict
	}
	return true
}

// isTranslationFile reports whether path is a translation file (not a
// bank or a directory).
func isTranslationFile(path string) bool {
	if path == "" {
		return false
	}
	info, err := os.Stat(path)
	if err != nil || info.IsDir() {
		return false
	}
	f, err := os.Open(path)
	if err != nil {
		return false
	}
	defer f.Close()
	head, _ := questions.ReadLimited(io.LimitReader(f, 64<<10), 64<<10)
	return questions.IsTranslation(head)
}

func newBankExportCmd(a *app) *cobra.Command {
	var out string
	cmd := &cobra.Command{
		Use:   "export",
		Short: "Write the built-in bank's YAML, a starting point for your own bank",
		Example: `  digilead bank export > my-bank.yaml
  digilead bank export -o my-bank.yaml`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			dest := report.NewOutput(a.io, out)
			if err := checkOutput(dest); err != nil {
				return err
			}
			return dest.Write(func(w io.Writer) error {
				_, err := w.Write(questions.DefaultYAML())
				return err
			})
		},
	}
	cmd.Flags().StringVarP(&out, "output", "o", "", "write to `FILE` instead of stdout")
	return cmd
}

func newBankShowCmd(a *app) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "show [PATH]",
		Short: "Summarise a bank: tiers, dimensions and question counts",
		Args:  maxArgs(1),
	}
	lf := addLangFlags(cmd)
	cmd.RunE = func(cmd *cobra.Command, args []string) error {
		path := ""
		if len(args) == 1 {
			path = args[0]
		}
		_, language, err := a.showIn(lf, optional(path))
		if err != nil {
			return err
		}
		o := report.Options{Language: language}
		return report.NewOutput(a.io, "").Write(func(w io.Writer) error { return report.BankSummary(w, language.Bank, o) })
	}
	return cmd
}
