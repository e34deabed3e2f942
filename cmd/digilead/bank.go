package main

import (
	"errors"
	"fmt"
	"io"

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
	cmd.AddCommand(newBankValidateCmd(a), newBankExportCmd(a), newBankShowCmd(a), newBankReviewCmd(a), newBankStatsCmd(a), newBankCalibrateCmd(a))
	return cmd
}

func newBankValidateCmd(a *app) *cobra.Command {
	return &cobra.Command{
		Use:   "validate [PATH...]",
		Short: "Check banks and report every problem as FILE:LINE: field: problem",
		Example: `  digilead bank validate                 # the built-in bank
  digilead bank validate my-bank.yaml banks/workshop/`,
		RunE: func(cmd *cobra.Command, args []string) error {
			paths := args
			if len(paths) == 0 {
				paths = []string{""}
			}
			bad := 0
			for _, p := range paths {
				b, err := loadBank(p)
				name := p
				if name == "" {
					name = "built-in bank"
				}
				if err != nil {
					bad++
					var ps questions.Problems
					if errors.As(err, &ps) {
						for _, pr := range ps {
							a.io.Sayf("%s\n", pr.String())
						}
						a.io.Sayf("%s: %d problem(s)\n", name, len(ps))
					} else {
						a.io.Sayf("digilead: %v\n", err)
					}
					continue
				}
				fmt.Fprint(a.io.Out, safetext.Terminal(fmt.Sprintf("ok %s: %s %s, %d tiers, %d dimensions, %d questions\n", name, b.ID, b.Version, len(b.Tiers), len(b.Dimensions), len(b.Questions))))
			}
			if bad > 0 {
				return silent(exitUsage)
			}
			return nil
		},
	}
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
			dest := a.io.Output(out)
			if err := dest.Check(); err != nil {
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
	return &cobra.Command{
		Use:   "show [PATH]",
		Short: "Summarise a bank: tiers, dimensions and question counts",
		Args:  maxArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			path := ""
			if len(args) == 1 {
				path = args[0]
			}
			b, err := loadBank(path)
			if err != nil {
				return err
			}
			return a.io.Output("").Write(func(w io.Writer) error { return report.BankSummary(w, b, report.Options{}) })
		},
	}
}
