package main

import (
	"github.com/spf13/cobra"

	"github.com/digilead/digilead/assessment"
	"github.com/digilead/digilead/assessment/inputs"
	"github.com/digilead/digilead/questions"
	"github.com/digilead/digilead/report"
)

// reportOptions are the flags and argument of `digilead report`.
type reportOptions struct {
	*factory
	doc       docFlags[*assessment.Result]
	catalogue catalogueFlag
	path      string
}

func newReportCmd(f *factory, runF func(*reportOptions) error) *cobra.Command {
	opts := &reportOptions{factory: f}
	cmd := &cobra.Command{
		Use:   "report RESULT.json|-",
		Short: "Render a saved result again, in any format",
		Long: `Report re-renders a result saved as JSON (digilead --format json, or a file
from 'digilead history') as text, json, markdown, html or csv. '-' reads
the result from stdin. A file that is not a digilead result, is from a
newer digilead, or is cut short is refused (exit 2); no partial report is
written.

--catalogue FILE recommends a department's own actions (with links) for
the dimensions the catalogue names, in place of those the result holds;
no score or level changes.`,
		Example: `  digilead report me.json --format html -o me.html
  digilead report me.json --format markdown >> development-plan.md
  digilead assess --answers me.yaml -f json | digilead report - -f csv
  digilead report me.json --catalogue our-courses.yaml -f html -o me.html`,
		Args: argsBetween(1, 1, "a result file (or - for stdin)"),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.path = args[0]
			return runOr(opts, runF, reportRun)
		},
	}
	addDocFlags(cmd, &opts.doc, report.Results, "text", "bank the result was scored with, for its translations (default: the built-in bank)", "a linear report with every number in words")
	addCatalogueFlag(cmd, &opts.catalogue)
	return cmd
}

func reportRun(opts *reportOptions) error {
	if err := opts.doc.load(opts.factory, opts.path, opts.catalogue.path); err != nil {
		return err
	}
	r, err := inputs.ReadResult(opts.path, opts.io.In)
	if err != nil {
		return err
	}
	if err := opts.catalogue.load(opts.factory, opts.doc.language.Tag(), func(c *questions.Catalogue) error {
		return c.CheckFor(r.Bank.ID, resultDimensions(r), resultTiers(r))
	}); err != nil {
		return err
	}
	if c := opts.catalogue.cat; c != nil {
		r = assessment.WithCatalogue(r, c)
	}
	return opts.doc.write(opts.factory, r)
}

// resultDimensions are the ids of the dimensions a result holds, and
// resultTiers its tiers': its bank's, as far as a catalogue needs them.
func resultDimensions(r *assessment.Result) []string {
	ids := make([]string, len(r.Dimensions))
	for i, d := range r.Dimensions {
		ids[i] = d.ID
	}
	return ids
}

func resultTiers(r *assessment.Result) []string {
	ids := make([]string, len(r.Tiers))
	for i, t := range r.Tiers {
		ids[i] = t.ID
	}
	return ids
}
