package main

import (
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/digilead/digilead/assessment"
	"github.com/digilead/digilead/report"
)

// renderOptions are the output flags of report and compare.
type renderOptions struct {
	format     string
	output     string
	accessible bool
}

func addRenderFlags(cmd *cobra.Command, o *renderOptions, formats []string) {
	f := cmd.Flags()
	f.StringVarP(&o.format, "format", "f", "text", "output format: "+strings.Join(formats, ", "))
	f.StringVarP(&o.output, "output", "o", "", "write to `FILE` (mode 0600) instead of stdout")
	f.BoolVar(&o.accessible, "accessible", false, "screen-reader mode: a linear report with every number in words (also ACCESSIBLE=1)")
}

// accessibleMode is the --accessible flag or the ACCESSIBLE environment
// variable.
func (a *app) accessibleMode(flag bool) bool {
	v := a.io.Getenv("ACCESSIBLE")
	return flag || (v != "" && v != "0" && v != "false")
}

func newReportCmd(a *app) *cobra.Command {
	o := &renderOptions{}
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
			return runReport(a, args[0], o)
		},
	}
	addRenderFlags(cmd, o, report.Formats())
	return cmd
}

func runReport(a *app, path string, o *renderOptions) error {
	render, err := checkFormat(o.format)
	if err != nil {
		return err
	}
	r, err := a.readResult(path)
	if err != nil {
		return err
	}
	ropts := a.reportOptions(o.output, a.accessibleMode(o.accessible))
	return a.writeOutput(o.output, func(w *strings.Builder) error {
		return render(w, r, ropts)
	})
}

// readResult reads and checks a result file ("-" for stdin); errors name
// the file.
func (a *app) readResult(path string) (*assessment.Result, error) {
	data, name, err := a.readInput(path)
	if err != nil {
		return nil, err
	}
	r, err := assessment.DecodeResult(data)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	return r, nil
}
