package main

import (
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/digilead/digilead/assessment"
	"github.com/digilead/digilead/assessment/store"
	"github.com/digilead/digilead/questions"
	"github.com/digilead/digilead/report"
)

// assessOptions are the flags of `digilead` and `digilead assess`.
type assessOptions struct {
	answers    string
	bank       string
	target     string
	format     string
	output     string
	theme      string
	accessible bool
	resume     bool
	noSave     bool
}

func addAssessFlags(cmd *cobra.Command, o *assessOptions) {
	f := cmd.Flags()
	f.StringVar(&o.answers, "answers", "", "score this answers file (YAML or JSON; - for stdin) instead of asking")
	f.StringVar(&o.bank, "bank", "", "question bank file or directory (default: the built-in bank)")
	f.StringVar(&o.target, "target", "", "tier to measure gaps against (default: your role, or the tier above your level)")
	f.StringVarP(&o.format, "format", "f", "text", "output format: "+strings.Join(report.Formats(), ", "))
	f.StringVarP(&o.output, "output", "o", "", "write the result to `FILE` (mode 0600) instead of stdout")
	f.StringVar(&o.theme, "theme", "charm", "questionnaire theme: charm, dracula, catppuccin, base16, base")
	f.BoolVar(&o.accessible, "accessible", false, "screen-reader mode: numbered plain-text prompts and a linear report (also ACCESSIBLE=1)")
	f.BoolVar(&o.resume, "resume", false, "continue the unfinished assessment saved as a draft")
	f.BoolVar(&o.noSave, "no-save", false, "do not keep a copy of the result in the data directory")
}

func newAssessCmd(a *app) *cobra.Command {
	opts := &assessOptions{}
	cmd := &cobra.Command{
		Use:   "assess",
		Short: "Answer the questionnaire, or score an answers file, and report the gaps",
		Long: `Assess runs the questionnaire in the terminal, or with --answers scores an
answers file without asking anything, and writes the result to stdout.

An answers file is YAML or JSON:

  bank: public-sector-digital-leadership   # optional; must match the bank
  respondent: {id: "e123", name: "Sam", role: operational}   # optional
  answers:
    vision-horizon: 4          # likert: a point on the scale
    vision-scenario: b         # choice: an option id
    dev-activities: [a, c]     # multi: a list of option ids
    sec-report: yes            # yesno: true/false or "yes"/"no"
    ai-understand: na          # not applicable, where offered`,
		Example: `  digilead assess --answers me.yaml
  digilead assess --answers me.json --format json | jq .level
  cat me.json | digilead assess --answers - --target strategic`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			return runAssess(a, cmd, opts)
		},
	}
	addAssessFlags(cmd, opts)
	return cmd
}

// checkFormat refuses an unknown output format.
func checkFormat(format string) (report.Func, error) {
	f, err := report.Lookup(format)
	if err != nil {
		return nil, usageError("--format: %v", err)
	}
	return f, nil
}

// checkTarget refuses a --target that is not a tier of the bank.
func checkTarget(b *questions.Bank, target string) error {
	if target == "" {
		return nil
	}
	if _, ok := b.Tier(target); !ok {
		return usageError("--target: unknown tier %q%s; the bank's tiers are %s", target, questions.Suggest(target, b.TierIDs()), strings.Join(b.TierIDs(), ", "))
	}
	return nil
}

func runAssess(a *app, cmd *cobra.Command, o *assessOptions) error {
	render, err := checkFormat(o.format)
	if err != nil {
		return err
	}
	if o.answers != "" && o.resume {
		return usageError("--resume continues a questionnaire; it cannot be used with --answers")
	}
	o.accessible = a.accessibleMode(o.accessible)
	b, err := loadBank(o.bank)
	if err != nil {
		return err
	}
	if err := checkTarget(b, o.target); err != nil {
		return err
	}
	var answers *questions.Answers
	savedTo := ""
	if o.answers == "" {
		answers, err = runQuestionnaire(a, b, o)
		if err != nil {
			return err
		}
	} else {
		data, name, err := a.readInput(o.answers)
		if err != nil {
			return err
		}
		if answers, err = questions.ParseAnswers(name, data, b); err != nil {
			return err
		}
	}
	result := assessment.Score(b, answers, assessment.Options{Target: o.target, Now: a.now(), Tool: a.tool()})
	var saveErr error
	if o.answers == "" {
		if !o.noSave {
			savedTo, saveErr = a.saveResult(b, result)
		}
		if saveErr == nil {
			// The answers now live in the saved result (or --no-save said
			// not to keep them): the draft has done its work.
			a.removeDraft(b)
		}
	}
	ropts := a.reportOptions(o.output, o.accessible)
	ropts.SavedTo = savedTo
	if err := a.writeOutput(o.output, func(w *strings.Builder) error {
		return render(w, result, ropts)
	}); err != nil {
		return err
	}
	return saveErr
}

// saveResult keeps a copy of a finished assessment in the data directory
// (XDG), written atomically with mode 0600, and returns where. A failure
// does not lose the result, which still goes to the output; the error,
// returned once the output is written, makes the exit code 1.
func (a *app) saveResult(b *questions.Bank, r *assessment.Result) (string, error) {
	st, err := store.Open(a.io.Getenv)
	path := ""
	if err == nil {
		path, err = st.SaveResult(r)
	}
	if err != nil {
		return "", fmt.Errorf("could not save the result: %w\nThe result was still written to the output.%s Set XDG_DATA_HOME to a writable directory to keep your results.", err, a.draftNote(b))
	}
	return path, nil
}
