package main

import (
	"errors"
	"fmt"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/digilead/digilead/questions"
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
	cmd.AddCommand(newBankValidateCmd(a), newBankExportCmd(a), newBankShowCmd(a), newBankStatsCmd(a), newBankReviewCmd(a))
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
							fmt.Fprintln(a.io.ErrOut, pr.String())
						}
						fmt.Fprintf(a.io.ErrOut, "%s: %d problem(s)\n", name, len(ps))
					} else {
						fmt.Fprintf(a.io.ErrOut, "digilead: %v\n", err)
					}
					continue
				}
				fmt.Fprintf(a.io.Out, "ok %s: %s %s, %d tiers, %d dimensions, %d questions\n", name, b.ID, b.Version, len(b.Tiers), len(b.Dimensions), len(b.Questions))
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
			return a.writeOutput(out, func(w *strings.Builder) error {
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
			return a.writeOutput("", func(w *strings.Builder) error {
				writeBankSummary(w, b)
				return nil
			})
		},
	}
}

func writeBankSummary(w *strings.Builder, b *questions.Bank) {
	fmt.Fprintf(w, "%s\n", b.Title)
	fmt.Fprintf(w, "id %s · version %s · %s\n", b.ID, b.Version, b.Digest)
	if b.Description != "" {
		fmt.Fprintf(w, "\n%s\n", b.Description)
	}
	minutes := (len(b.Questions)*15 + 59) / 60
	fmt.Fprintf(w, "\n%d questions in %d dimensions, about %d minutes. Minimum coverage %.0f%%.\n", len(b.Questions), len(b.Dimensions), minutes, b.MinCoverage*100)

	fmt.Fprintf(w, "\nTiers (by rank)\n")
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintf(tw, "  RANK\tID\tNAME\n")
	for _, t := range b.Tiers {
		fmt.Fprintf(tw, "  %d\t%s\t%s\n", t.Rank, t.ID, t.Name)
	}
	tw.Flush()

	fmt.Fprintf(w, "\nDimensions and expectations\n")
	tw = tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintf(tw, "  ID\tQUESTIONS\tWEIGHT\tACTIONS")
	for _, t := range b.Tiers {
		fmt.Fprintf(tw, "\t%s", strings.ToUpper(t.ID))
	}
	fmt.Fprintln(tw)
	for _, d := range b.Dimensions {
		fmt.Fprintf(tw, "  %s\t%d\t%g\t%d", d.ID, len(b.QuestionsOf(d.ID)), d.Weight, len(d.Actions))
		for _, t := range b.Tiers {
			if e, ok := t.Expectations[d.ID]; ok {
				fmt.Fprintf(tw, "\t%g", e)
			} else {
				fmt.Fprintf(tw, "\t-")
			}
		}
		fmt.Fprintln(tw)
	}
	tw.Flush()

	counts := map[string]int{}
	for _, q := range b.Questions {
		counts[q.Type]++
	}
	fmt.Fprintf(w, "\nQuestion types: %d likert, %d choice, %d multi, %d yesno\n", counts[questions.Likert], counts[questions.Choice], counts[questions.Multi], counts[questions.YesNo])
}
