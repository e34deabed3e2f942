package main

import (
	"fmt"
	"io"

	"github.com/spf13/cobra"

	"github.com/digilead/digilead/assessment"
	"github.com/digilead/digilead/assessment/inputs"
	"github.com/digilead/digilead/questions"
	"github.com/digilead/digilead/report"
)

func newReportCmd(a *app) *cobra.Command {
	var accessible bool
	var banks []string
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
	}
	out := addOutputFlags(cmd, report.Results, "text")
	addAccessibleFlag(cmd, &accessible, "a linear report with every number in words")
	addBankFlag(cmd, &banks, "bank the result was scored with, for its translations (default: the built-in bank)")
	lf := addLangFlags(cmd)
	cmd.RunE = func(cmd *cobra.Command, args []string) error {
		render, dest, err := out.check(a, args...)
		if err != nil {
			return err
		}
		_, language, err := a.showIn(lf, banks)
		if err != nil {
			return err
		}
		r, err := a.readResult(args[0])
		if err != nil {
			return err
		}
		ropts := dest.Options(a.io.Accessible(accessible))
		ropts.Language = language
		return dest.Write(func(w io.Writer) error { return render(w, r, ropts) })
	}
	return cmd
}

// readResult reads and checks a result file ("-" for stdin); errors name
// the file.
func (a *app) readResult(path string) (*assessment.Result, error) {
	data, name, err := inputs.ReadAll(path, a.io.In)
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
