package main

import (
	"fmt"

	"github.com/spf13/cobra"

	"github.com/digilead/digilead/assessment"
	"github.com/digilead/digilead/assessment/compare"
	"github.com/digilead/digilead/assessment/inputs"
	"github.com/digilead/digilead/cmd/internal/cmdutil"
	"github.com/digilead/digilead/cmd/internal/docflags"
	"github.com/digilead/digilead/report"
)

// compareOptions are the flags and arguments of `digilead compare`.
type compareOptions struct {
	*factory
	doc   docflags.Doc[*compare.Comparison]
	last  bool
	paths []string
	// plan is the plan of --plan, checked against one result.
	plan string
}

func newCompareCmd(f *factory, runF func(*compareOptions) error) *cobra.Command {
	opts := &compareOptions{factory: f}
	cmd := &cobra.Command{
		Use:   "compare OLD.json NEW.json | --last | --plan PLAN.json RESULT.json",
		Short: "Show what changed between two results of the same bank",
		Long: `Compare sets two results side by side: each dimension's old score, new
score and change, how the level and target moved, readiness per tier, and
which gaps closed and which opened. --last compares the two newest saved
results of the same bank (see 'digilead history').

Results of different banks are refused (exit 2). Results of two versions
of one bank are compared on the dimensions both have; the others are
listed as left out. When the bank records each dimension's reliability,
a change smaller than 1.96 x sqrt(2) x SEM is marked "no reliable change".

--plan checks a development plan ('digilead plan') against a newer
result (a file, or --last for the newest saved one): for each planned
priority the score then and now and a verdict, improved, unchanged or
worse, by the same rule (1.96 x sqrt(SEM_then² + SEM_now²), each score
with its own result's SEM), with the actions and their due dates.`,
		Example: `  digilead compare march.json september.json
  digilead compare --last --format markdown >> development-plan.md
  digilead compare --last --format json | jq '.dimensions[] | select(.change > 0)'
  digilead compare --plan ~/.local/share/digilead/plans/2025-03-03T100000Z-public-sector-digital-leadership.plan.json --last`,
		Args: func(cmd *cobra.Command, args []string) error {
			if opts.plan != "" {
				return lastOr(&opts.last, 1, 1, "a result file to check the plan against (or --last)")(cmd, args)
			}
			if !opts.last {
				return cmdutil.ArgsBetween(2, 2, "two result files, OLD.json and NEW.json (or --last)")(cmd, args)
			}
			if len(args) > 0 {
				return cmdutil.UsageError("--last compares the two newest saved results; give either --last or two files, not both")
			}
			return nil
		},
		RunE: cmdutil.RunE(opts, runF, compareRun, &opts.paths),
	}
	docflags.AddDoc(cmd, &opts.doc, report.Comparisons, "text", "bank the results were scored with, for its translations (default: the built-in bank)", "a linear report with every number in words")
	cmd.Flags().BoolVar(&opts.last, "last", false, "compare the two newest saved results of the same bank (with --plan: the newest saved result)")
	cmd.Flags().StringVar(&opts.plan, "plan", "", "check the development plan in `PLAN.json` against a newer result")
	return cmd
}

func compareRun(opts *compareOptions) error {
	if err := opts.doc.Load(opts.Ctx, opts.IO, append([]string{opts.plan}, opts.paths...)...); err != nil {
		return err
	}
	if opts.plan != "" {
		return opts.checkPlan()
	}
	var pair [2]*assessment.Result
	var paths [2]string
	var err error
	if opts.last {
		var notes []string
		pair, paths, notes, err = inputs.LastTwo(opts.IO.Getenv)
		if opts.Note(notes...); err != nil {
			return fmt.Errorf("--last: %w, or compare two result files: digilead compare OLD.json NEW.json", err)
		}
	} else if pair, paths, err = inputs.ReadPair(opts.paths[0], opts.paths[1], opts.Stdin()); err != nil {
		return err
	}
	c, err := compare.Compare(pair[0], pair[1])
	if err != nil {
		return fmt.Errorf("compare %s with %s: %w", paths[0], paths[1], err)
	}
	c.Old.Source, c.New.Source = paths[0], paths[1]
	return opts.doc.Write(opts.IO, c)
}

// checkPlan checks the plan of --plan against the result given, in the
// format and language of the flags (digilead.plan-check/v1 in JSON).
func (opts *compareOptions) checkPlan() error {
	out := &docflags.Output[report.Render[*compare.PlanCheck]]{Formats: report.PlanChecks, Format: opts.doc.Out.Format, Path: opts.doc.Out.Path}
	if err := out.Check(opts.IO, append([]string{opts.plan}, opts.paths...)...); err != nil {
		return err
	}
	resultPath := "-"
	if len(opts.paths) > 0 {
		resultPath = opts.paths[0]
	}
	if opts.plan == "-" && resultPath == "-" && !opts.last {
		return cmdutil.UsageError("only one of the plan and the result can come from stdin ('-')")
	}
	p, err := inputs.ReadPlan(opts.plan, opts.Stdin())
	if err != nil {
		return err
	}
	r, err := loadResult(opts.factory, resultPath, opts.last)
	if err != nil {
		return err
	}
	c, err := compare.CheckPlan(p, r)
	if err != nil {
		return fmt.Errorf("check %s against %s: %w", opts.plan, resultPath, err)
	}
	if opts.plan != "-" {
		c.Plan.Source = opts.plan
	}
	if !opts.last && resultPath != "-" {
		c.Result.Source = resultPath
	}
	return docflags.Write(out, c, opts.IO.Accessible(opts.doc.Accessible), opts.doc.Language, "")
}
