package main

import (
	"fmt"

	"github.com/spf13/cobra"

	"github.com/digilead/digilead/assessment"
	"github.com/digilead/digilead/assessment/inputs"
	"github.com/digilead/digilead/questions"
	"github.com/digilead/digilead/report"
)

// reportOptions are the flags and argument of `digilead report`.
type reportOptions struct {
	*factory
	out        *outputFlags[report.Render[*assessment.Result]]
	bank       bankFlags
	accessible bool
	path       string
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
written.`,
		Example: `  digilead report me.json --format html -o me.html
  digilead report me.json --format markdown >> development-plan.md
  digilead assess --answers me.yaml -f json | digilead report - -f csv`,
		Args: exactArgs(1, "a result file (or - for stdin)"),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.path = args[0]
			if runF != nil {
				return runF(opts)
			}
			return reportRun(opts)
		},
	}
	opts.out = addOutputFlags(cmd, report.Results, "text")
	addAccessibleFlag(cmd, &opts.accessible, "a linear report with every number in words")
	addBankFlag(cmd, &opts.bank, "bank the result was scored with, for its translations (default: the built-in bank)")
	addLangFlags(cmd, &opts.bank)
	return cmd
}

func reportRun(opts *reportOptions) error {
	if err := opts.out.check(opts.factory, opts.path); err != nil {
		return err
	}
	_, language, err := opts.showIn(opts.bank)
	if err != nil {
		return err
	}
	r, err := opts.readResult(opts.path)
	if err != nil {
		return err
	}
	return write(opts.out, r, opts.io.Accessible(opts.accessible), language, "")
}

// readResult reads and checks a result file ("-" for stdin); errors name
// the file.
func (f *factory) readResult(path string) (*assessment.Result, error) {
	data, name, err := inputs.ReadAll(path, f.io.In)
	if err != nil {
		return nil, err
	}
	r, err := assessment.DecodeResult(data)
	if err == nil {
		err = assessment.Verify(questions.Default(), r) // when it is the built-in bank's
	}
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	return r, nil
}
