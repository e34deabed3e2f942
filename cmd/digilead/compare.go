package main

import (
	"fmt"

	"github.com/spf13/cobra"

	"github.com/digilead/digilead/assessment"
	"github.com/digilead/digilead/assessment/compare"
	"github.com/digilead/digilead/assessment/inputs"
	"github.com/digilead/digilead/assessment/store"
	"github.com/digilead/digilead/report"
)

// compareOptions are the flags and arguments of `digilead compare`.
type compareOptions struct {
	*factory
	doc   docFlags[*compare.Comparison]
	last  bool
	paths []string
}

func newCompareCmd(f *factory, runF func(*compareOptions) error) *cobra.Command {
	opts := &compareOptions{factory: f}
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
			if !opts.last {
				return argsBetween(2, 2, "two result files, OLD.json and NEW.json (or --last)")(cmd, args)
			}
			if len(args) > 0 {
				return usageError("--last compares the two newest saved results; give either --last or two files, not both")
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.paths = args
			return runOr(opts, runF, compareRun)
		},
	}
	addDocFlags(cmd, &opts.doc, report.Comparisons, "text", "bank the results were scored with, for its translations (default: the built-in bank)", "a linear report with every number in words")
	cmd.Flags().BoolVar(&opts.last, "last", false, "compare the two newest saved results of the same bank")
	return cmd
}

func compareRun(opts *compareOptions) error {
	if err := opts.doc.load(opts.factory, opts.paths...); err != nil {
		return err
	}
	var pair [2]*assessment.Result
	var paths [2]string
	var err error
	if opts.last {
		pair, paths, err = opts.lastTwo()
	} else {
		pair, paths, err = opts.readPair(opts.paths[0], opts.paths[1])
	}
	if err != nil {
		return err
	}
	c, err := compare.Compare(pair[0], pair[1])
	if err != nil {
		return fmt.Errorf("compare %s with %s: %w", paths[0], paths[1], err)
	}
	c.Old.Source, c.New.Source = paths[0], paths[1]
	return opts.doc.write(opts.factory, c)
}

// readPair reads two result files; at most one may be stdin.
func (f *factory) readPair(oldPath, newPath string) ([2]*assessment.Result, [2]string, error) {
	var pair [2]*assessment.Result
	paths := [2]string{oldPath, newPath}
	if oldPath == "-" && newPath == "-" {
		return pair, paths, usageError("only one of the two results can come from stdin ('-')")
	}
	for i, p := range paths {
		r, err := inputs.ReadResult(p, f.io.In)
		if err != nil {
			return pair, paths, err
		}
		pair[i] = r
		if p == "-" {
			paths[i] = "stdin"
		}
	}
	return pair, paths, nil
}

// lastTwo reads the two newest saved results of the same bank.
func (f *factory) lastTwo() ([2]*assessment.Result, [2]string, error) {
	st, err := store.Open(f.io.Getenv)
	if err != nil {
		return [2]*assessment.Result{}, [2]string{}, err
	}
	older, newer, skipped, err := st.LastTwo()
	for _, e := range skipped {
		f.say("digilead: skipped %s: %v\n", e.Path, e.Err)
	}
	if err != nil {
		return [2]*assessment.Result{}, [2]string{}, fmt.Errorf("--last: %w, or compare two result files: digilead compare OLD.json NEW.json", err)
	}
	return [2]*assessment.Result{older.Result, newer.Result}, [2]string{older.Path, newer.Path}, nil
}
