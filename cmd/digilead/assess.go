package main

import (
	"cmp"
	"io"
	"strings"

	"github.com/spf13/cobra"

	"github.com/digilead/digilead/assessment"
	"github.com/digilead/digilead/assessment/inputs"
	"github.com/digilead/digilead/assessment/session"
	"github.com/digilead/digilead/assessment/store"
	"github.com/digilead/digilead/questions"
	"github.com/digilead/digilead/questions/form"
	"github.com/digilead/digilead/questions/lang"
	"github.com/digilead/digilead/report"
)

// assessOptions are the flags of `digilead` and `digilead assess`.
type assessOptions struct {
	out        *outputFlags[report.Render[*assessment.Result]]
	lang       *langFlags
	answers    string
	bank       []string
	target     string
	theme      string
	accessible bool
	resume     bool
	noSave     bool
}

func addAssessFlags(cmd *cobra.Command, o *assessOptions) {
	o.out = addOutputFlags(cmd, report.Results, "text")
	f := cmd.Flags()
	f.StringVar(&o.answers, "answers", "", "score this answers file (YAML or JSON; - for stdin) instead of asking")
	addBankFlag(cmd, &o.bank, "question bank file or directory (default: the built-in bank)")
	o.lang = addLangFlags(cmd)
	f.StringVar(&o.target, "target", "", "tier to measure gaps against (default: your role, or the tier above your level)")
	f.StringVar(&o.theme, "theme", "charm", "questionnaire theme: "+strings.Join(form.Themes(), ", "))
	addAccessibleFlag(cmd, &o.accessible, "numbered plain-text prompts and a linear report")
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

func runAssess(a *app, cmd *cobra.Command, o *assessOptions) error {
	render, out, err := o.out.check(a, append([]string{o.answers}, o.bank...)...)
	if err != nil {
		return err
	}
	if o.answers != "" && o.resume {
		return usageError("--resume continues a questionnaire; it cannot be used with --answers")
	}
	if err := form.CheckTheme(o.theme); err != nil {
		return usageError("--theme: %v", err)
	}
	accessible := a.io.Accessible(o.accessible)
	s, err := loadSet(o.bank, o.lang.translations)
	if err != nil {
		return err
	}
	b := s.Bank
	if err := checkTarget(b, o.target); err != nil {
		return err
	}
	// The report is in the language the questions were asked in (the
	// person may have chosen another on the welcome page).
	deliver := func(r *assessment.Result, savedTo string) error {
		ropts := out.Options(accessible)
		ropts.SavedTo = savedTo
		ropts.Language = reportLanguage(s, cmp.Or(r.Language, s.Languages()[0]))
		return out.Write(func(w io.Writer) error { return render(w, r, ropts) })
	}
	if o.answers != "" {
		tag := a.language(o.lang, s)
		deliver = func(r *assessment.Result, savedTo string) error {
			ropts := out.Options(accessible)
			ropts.Language = reportLanguage(s, tag)
			return out.Write(func(w io.Writer) error { return render(w, r, ropts) })
		}
		data, name, err := inputs.ReadAll(o.answers, a.io.In)
		if err != nil {
			return err
		}
		answers, err := questions.ParseAnswers(name, data, b)
		if err != nil {
			return err
		}
		return deliver(assessment.Score(b, answers, assessment.Options{Target: o.target, Now: a.now(), Tool: a.tool()}), "")
	}
	st, err := store.Open(a.io.Getenv)
	if err != nil {
		return err
	}
	term := session.Terminal{
		In: a.io.In, Out: a.io.ErrOut, IsTerminal: a.io.InTTY && a.io.ErrTTY,
		Renderer: a.io.ErrRenderer(), Term: a.io.Getenv("TERM"),
	}
	requested := lang.Requested(o.lang.lang, a.io.Getenv)
	langs, ok := session.Languages(s, requested)
	if !ok && requested != "" {
		a.fallBack(requested, s)
	}
	return session.Run(cmd.Context(), term, session.Options{
		Bank: b, Target: o.target, Theme: o.theme, Accessible: accessible,
		Resume: o.resume, NoSave: o.noSave, Now: a.now, Tool: a.tool(), Languages: langs,
		ResumeCommand: func(accessible bool) string { return resumeCommand(o.bank, accessible) },
	}, st, deliver)
}

// resumeCommand is the command line that resumes a questionnaire.
func resumeCommand(banks []string, accessible bool) string {
	cmd := "digilead assess --resume"
	for _, bank := range banks {
		cmd += " --bank " + bank
	}
	if accessible {
		cmd += " --accessible"
	}
	return cmd
}
