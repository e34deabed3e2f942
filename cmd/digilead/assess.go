package main

import (
	"cmp"
	"context"
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
	*factory
	ctx        context.Context
	out        *outputFlags[report.Render[*assessment.Result]]
	bank       bankFlags
	answers    string
	target     string
	theme      string
	accessible bool
	resume     bool
	noSave     bool
}

func newAssessCmd(f *factory, runF func(*assessOptions) error) *cobra.Command {
	opts := &assessOptions{factory: f}
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
			opts.ctx = cmd.Context()
			if runF != nil {
				return runF(opts)
			}
			return assessRun(opts)
		},
	}
	opts.out = addOutputFlags(cmd, report.Results, "text")
	fl := cmd.Flags()
	fl.StringVar(&opts.answers, "answers", "", "score this answers file (YAML or JSON; - for stdin) instead of asking")
	addBankFlag(cmd, &opts.bank, "question bank file or directory (default: the built-in bank)")
	addLangFlags(cmd, &opts.bank)
	fl.StringVar(&opts.target, "target", "", "tier to measure gaps against (default: your role, or the tier above your level)")
	fl.StringVar(&opts.theme, "theme", "charm", "questionnaire theme: "+strings.Join(form.Themes(), ", "))
	addAccessibleFlag(cmd, &opts.accessible, "numbered plain-text prompts and a linear report")
	fl.BoolVar(&opts.resume, "resume", false, "continue the unfinished assessment saved as a draft")
	fl.BoolVar(&opts.noSave, "no-save", false, "do not keep a copy of the result in the data directory")
	return cmd
}

func assessRun(opts *assessOptions) error {
	if err := opts.out.check(opts.factory, append([]string{opts.answers}, opts.bank.banks...)...); err != nil {
		return err
	}
	if opts.answers != "" && opts.resume {
		return usageError("--resume continues a questionnaire; it cannot be used with --answers")
	}
	if err := form.CheckTheme(opts.theme); err != nil {
		return usageError("--theme: %v", err)
	}
	s, err := loadSet(opts.bank)
	if err != nil {
		return err
	}
	if err := checkTarget(s.Bank, opts.target); err != nil {
		return err
	}
	accessible := opts.io.Accessible(opts.accessible)
	requested := lang.Requested(opts.bank.lang, opts.io.Getenv)
	if opts.answers != "" {
		return scoreAnswers(opts, s, requested, accessible)
	}
	st, err := store.Open(opts.io.Getenv)
	if err != nil {
		return err
	}
	term := session.Terminal{
		In: opts.io.In, Out: opts.io.ErrOut, IsTerminal: opts.io.InTTY && opts.io.ErrTTY,
		Renderer: opts.io.ErrRenderer(), Term: opts.io.Getenv("TERM"),
	}
	langs, ok := session.Languages(s, requested)
	if !ok {
		opts.fallBack(requested, s)
	}
	// The report is in the language the questions were asked in (the
	// person may have chosen another on the welcome page).
	deliver := func(r *assessment.Result, savedTo string) error {
		return write(opts.out, r, accessible, reportLanguage(s, cmp.Or(r.Language, s.Languages()[0])), savedTo)
	}
	return session.Run(opts.ctx, term, session.Options{
		Bank: s.Bank, Target: opts.target, Theme: opts.theme, Accessible: accessible,
		Resume: opts.resume, NoSave: opts.noSave, Now: opts.now, Tool: opts.tool(), Languages: langs,
		ResumeCommand: func(accessible bool) string { return resumeCommand(opts.bank.banks, accessible) },
	}, st, deliver)
}

// scoreAnswers scores the answers file of --answers and writes the result
// in the language asked for.
func scoreAnswers(opts *assessOptions, s *questions.Set, requested string, accessible bool) error {
	tag := opts.language(requested, s)
	data, name, err := inputs.ReadAll(opts.answers, opts.io.In)
	if err != nil {
		return err
	}
	answers, err := questions.ParseAnswers(name, data, s.Bank)
	if err != nil {
		return err
	}
	r := assessment.Score(s.Bank, answers, assessment.Options{Target: opts.target, Now: opts.now(), Tool: opts.tool()})
	return write(opts.out, r, accessible, reportLanguage(s, tag), "")
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
