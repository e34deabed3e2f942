package main

import (
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/digilead/digilead/assessment"
	"github.com/digilead/digilead/assessment/compare"
	"github.com/digilead/digilead/assessment/store"
	"github.com/digilead/digilead/report"
)

func newCompareCmd(a *app) *cobra.Command {
	o := &renderOptions{}
	var last bool
	cmd := &cobra.Command{
		Use:   "compare OLD.json NEW.json | --last",
		Short: "Show what changed between two results of the same bank",
		Long: `Compare sets two results side by side: each dimension's old score, new
score and change, how the level and target moved, readiness per tier, and
which gaps closed and which opened. --last compares the two newest saved
results of the same bank (see 'digilead history').

Results of different banks are refused (exit 2). Results of two versions
of one bank are compared on the dimensions both have; the others are
listed as left out. When the bank records each dimension's reliability,
a change smaller than 1.96 x sqrt(2) x SEM is marked "no reliable change".`,
		Example: `  digilead compare march.json september.json
  digilead compare --last --format markdown >> development-plan.md
  digilead compare --last --format json | jq '.dimensions[] | select(.change > 0)'`,
		Args: func(cmd *cobra.Command, args []string) error {
			if last {
				if len(args) > 0 {
					return usageError("--last compares the two newest saved results; give either --last or two files, not both")
				}
				return nil
			}
			return exactArgs(2, "two result files, OLD.json and NEW.json (or --last)")(cmd, args)
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			return runCompare(a, args, last, o)
		},
	}
	addRenderFlags(cmd, o, report.CompareFormats())
	cmd.Flags().BoolVar(&last, "last", false, "compare the two newest saved results of the same bank")
	return cmd
}

func runCompare(a *app, args []string, last bool, o *renderOptions) error {
	render, err := report.LookupCompare(o.format)
	if err != nil {
		return usageError("--format: %v", err)
	}
	var older, newer *assessment.Result
	var paths [2]string
	if last {
		older, newer, paths, err = lastTwo(a)
	} else {
		older, newer, paths, err = readPair(a, args[0], args[1])
	}
	if err != nil {
		return err
	}
	c, err := compare.Compare(older, newer)
	if err != nil {
		return fmt.Errorf("compare %s with %s: %w", paths[0], paths[1], err)
	}
	c.Old.Source, c.New.Source = paths[0], paths[1]
	ropts := a.reportOptions(o.output, a.accessibleMode(o.accessible))
	return a.writeOutput(o.output, func(w *strings.Builder) error {
		return render(w, c, ropts)
	})
}

// readPair reads two result files; at most one may be stdin.
func readPair(a *app, oldPath, newPath string) (*assessment.Result, *assessment.Result, [2]string, error) {
	paths := [2]string{oldPath, newPath}
	if oldPath == "-" && newPath == "-" {
		return nil, nil, paths, usageError("only one of the two results can come from stdin ('-')")
	}
	older, err := a.readResult(oldPath)
	if err != nil {
		return nil, nil, paths, err
	}
	newer, err := a.readResult(newPath)
	if err != nil {
		return nil, nil, paths, err
	}
	for i, p := range paths {
		if p == "-" {
			paths[i] = "stdin"
		}
	}
	return older, newer, paths, nil
}

// lastTwo finds the newest saved result and the newest one before it from
// the same bank.
func lastTwo(a *app) (*assessment.Result, *assessment.Result, [2]string, error) {
	var paths [2]string
	st, err := store.Open(a.io.Getenv)
	if err != nil {
		return nil, nil, paths, err
	}
	entries, err := st.Results()
	if err != nil {
		return nil, nil, paths, fmt.Errorf("read %s: %w", st.Dir, err)
	}
	var newest *store.Entry
	for i := range entries {
		e := &entries[i]
		switch {
		case e.Err != nil:
			fmt.Fprintf(a.io.ErrOut, "digilead: skipped %s: %v\n", e.Path, e.Err)
		case newest == nil:
			newest = e
		case e.Result.Bank.ID == newest.Result.Bank.ID:
			return e.Result, newest.Result, [2]string{e.Path, newest.Path}, nil
		}
	}
	found := "no saved results"
	if newest != nil {
		found = fmt.Sprintf("only one saved result of bank %q", newest.Result.Bank.ID)
	}
	return nil, nil, paths, usageError("--last needs two saved results of the same bank, and %s has %s\nTake the assessment again, or compare two result files: digilead compare OLD.json NEW.json", st.Dir, found)
}
