package main

import (
	"fmt"

	"github.com/spf13/cobra"

	"github.com/digilead/digilead/assessment"
	"github.com/digilead/digilead/assessment/inputs"
	"github.com/digilead/digilead/cmd/internal/cmdutil"
	"github.com/digilead/digilead/cmd/internal/docflags"
	"github.com/digilead/digilead/report"
)

// reportOptions are the flags and argument of `digilead report`.
type reportOptions struct {
	*factory
	doc       docflags.Doc[*assessment.Result]
	catalogue docflags.Catalogue
	path      string
	last, all bool
}

func newReportCmd(f *factory, runF func(*reportOptions) error) *cobra.Command {
	opts := &reportOptions{factory: f}
	cmd := &cobra.Command{
		Use:   "report RESULT.json|- | --last",
		Short: "Render a saved result again, in any format",
		Long: `Report re-renders a result saved as JSON (digilead --format json, or a file
from 'digilead history') as text, json, markdown, html, csv, xlsx (a
workbook: -o FILE.xlsx) or xapi (an xAPI statement for a learning record
store). '-' reads the result from stdin; --last takes the newest saved result (see 'digilead
history'). A file that is not a digilead result, is from a newer digilead,
or is cut short is refused (exit 2); no partial report is written.

The text report leads with what to do: your strengths and two or three
priorities, each with a first step. In a terminal that is all it shows;
--all (or a file, or a pipe) gives the complete report. A report taller
than the terminal is paged with DIGILEAD_PAGER, else PAGER, else
'less -FRX'; --no-pager turns that off, and --accessible (or
ACCESSIBLE=1) never pages: the linear report is written as it is.

--catalogue FILE recommends a department's own actions (with links) for
the dimensions the catalogue names, in place of those the result holds;
no score or level changes.`,
		Example: `  digilead report --last --format html -o me.html
  digilead report me.json --all
  digilead report me.json --format markdown >> development-plan.md
  digilead assess --answers me.yaml -f json | digilead report - -f csv
  digilead report me.json --catalogue our-courses.yaml -f html -o me.html`,
		Args: lastOr(&opts.last, 1, 1, "a result file (or - for stdin, or --last)"),
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := cmdutil.Check(cmd); err != nil {
				return err
			}
			if len(args) > 0 {
				opts.path = args[0]
			}
			return cmdutil.RunOr(opts, runF, reportRun)
		},
	}
	cmd.Flags().BoolVar(&opts.last, "last", false, "the newest saved result")
	docflags.AddAll(cmd, &opts.all)
	docflags.AddDoc(cmd, &opts.doc, report.Results, "text", "bank the result was scored with, for its translations (default: the built-in bank)", "a linear report with every number in words")
	docflags.AddCatalogue(cmd, &opts.catalogue)
	return cmd
}

func reportRun(opts *reportOptions) error {
	if err := opts.doc.Load(opts.Ctx, opts.IO, opts.path, opts.catalogue.Path); err != nil {
		return err
	}
	r, err := loadResult(opts.factory, opts.path, opts.last)
	if err != nil {
		return err
	}
	if r, err = opts.catalogue.Apply(opts.Ctx, opts.IO, opts.doc.Language.Tag(), r); err != nil {
		return err
	}
	again := "digilead report " + opts.path + " --all"
	switch {
	case opts.last:
		again = "digilead report --last --all"
	case opts.path == "-":
		again = ""
	}
	if again != "" && opts.catalogue.Path != "" {
		again += " --catalogue " + opts.catalogue.Path
	}
	opts.doc.Out.Short(opts.IO, opts.all, again)
	return opts.doc.Write(opts.IO, r)
}

// loadResult reads the result file at path, or the newest saved result
// for last.
func loadResult(f *factory, path string, last bool) (*assessment.Result, error) {
	if !last {
		return inputs.ReadResult(path, f.Stdin())
	}
	r, notes, err := inputs.Last(f.IO.Getenv)
	if f.Note(notes...); err != nil {
		return nil, fmt.Errorf("--last: %w", err)
	}
	return r, nil
}

// lastOr takes min to max arguments (what they are), or none with
// --last.
func lastOr(last *bool, min, max int, what string) cobra.PositionalArgs {
	return func(cmd *cobra.Command, args []string) error {
		if !*last {
			return cmdutil.ArgsBetween(min, max, what)(cmd, args)
		}
		if len(args) > 0 {
			return cmdutil.UsageError("--last takes the newest saved result; give either --last or a file, not both")
		}
		return nil
	}
}
