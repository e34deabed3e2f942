package main

import (
	"cmp"
	"errors"
	"strconv"

	"github.com/spf13/cobra"

	"github.com/digilead/digilead/assessment"
	"github.com/digilead/digilead/assessment/inputs"
	"github.com/digilead/digilead/assessment/session"
	"github.com/digilead/digilead/assessment/store"
	"github.com/digilead/digilead/cmd/internal/cmdutil"
	"github.com/digilead/digilead/cmd/internal/docflags"
	"github.com/digilead/digilead/questions"
	"github.com/digilead/digilead/questions/lang"
	"github.com/digilead/digilead/report"
)

// assessOptions are the flags of `digilead` and `digilead assess`.
type assessOptions struct {
	*factory
	doc             docflags.Doc[*assessment.Result]
	catalogue       docflags.Catalogue
	answers, target string
	theme           string
	resume, noSave  bool
	all             bool
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
  respondent: {id: "e123", name: "Sam", role: operational}   # optional; each at most 1000 characters
  answers:
    vis-horizon: 4             # likert: a point on the scale
    vis-scenario: goal         # choice: an option id
    col-external: yes          # yesno: true/false or "yes"/"no"
    ai-check: na               # not applicable, where offered
    # multi, in a bank of your own (the built-in one has none):
    # tools-used: [email, forms]   # a list of option ids

A question left out is unanswered. See docs/bank-format.md.`,
		Example: `  digilead assess --answers me.yaml
  digilead assess --answers me.json --format json | jq -r '.level.name // "Developing"'
  cat me.json | digilead assess --answers - --target strategic`,
		Args: cmdutil.NoArgs,
		RunE: cmdutil.RunE(opts, runF, assessRun),
	}
	docflags.AddDoc(cmd, &opts.doc, report.Results, "text", "question bank file or directory (default: the built-in bank)", "numbered plain-text prompts and a linear report")
	fl := cmd.Flags()
	fl.StringVar(&opts.answers, "answers", "", "score this answers file (YAML or JSON; - for stdin) instead of asking")
	fl.StringVar(&opts.target, "target", "", "tier to measure gaps against (default: your role, or the tier above your level)")
	fl.BoolVar(&opts.resume, "resume", false, "continue the unfinished assessment saved as a draft")
	fl.BoolVar(&opts.noSave, "no-save", false, "do not keep a copy of the result in the data directory")
	docflags.AddTheme(cmd, &opts.theme, "questionnaire")
	docflags.AddCatalogue(cmd, &opts.catalogue)
	docflags.AddAll(cmd, &opts.all)
	fl.Lookup("all").Usage += "; and every problem of an answers file, not the first " + strconv.Itoa(inputs.MaxShown)
	return cmd
}

func assessRun(opts *assessOptions) error {
	if opts.answers != "" && opts.resume {
		return cmdutil.UsageError("--resume continues a questionnaire; it cannot be used with --answers")
	}
	if err := opts.doc.Load(opts.Ctx, opts.IO, opts.answers, opts.catalogue.Path); err != nil {
		return err
	}
	s := opts.doc.Set
	if err := docflags.CheckTarget(s.Bank, opts.target); err != nil {
		return err
	}
	if err := opts.catalogue.Load(opts.Ctx, opts.IO, opts.doc.Language.Tag(), func(c *questions.Catalogue) error { return c.Check(s.Bank) }); err != nil {
		return err
	}
	if opts.answers != "" {
		return scoreAnswers(opts)
	}
	st, err := store.Open(opts.IO.Getenv)
	if err != nil {
		return err
	}
	term := opts.Terminal()
	accessible := opts.IO.Accessible(opts.doc.Accessible)
	langs, _ := session.Languages(s, lang.Requested(opts.doc.Bank.Lang, opts.IO.Getenv))
	// The report is in the language the questions were asked in (the
	// person may have chosen another on the welcome page).
	deliver := func(r *assessment.Result, savedTo string) error {
		tag := cmp.Or(r.Language, s.Languages()[0])
		if savedTo != "" {
			opts.doc.Out.Short(opts.IO, opts.all, "digilead report --last --all")
		}
		if err := docflags.Write(opts.doc.Out, r, accessible, report.SetLanguage(s, tag), savedTo); err != nil {
			return err
		}
		if savedTo != "" {
			opts.nextSteps(lang.Get(tag))
		}
		return nil
	}
	return session.Run(opts.Ctx, term, session.Options{
		Bank: opts.bank(), Target: opts.target, Theme: opts.theme, Accessible: accessible,
		Resume: opts.resume, NoSave: opts.noSave, Now: opts.Now, Tool: opts.Tool(), Languages: langs,
		ResumeCommand: func(accessible bool) string {
			return docflags.ResumeCommand("digilead assess --resume", opts.doc.Bank.Banks, accessible)
		},
	}, st, deliver)
}

// nextSteps suggests on stderr, in l, what to do with a saved result:
// the HTML handout and a development plan.
func (opts *assessOptions) nextSteps(l *lang.Lang) {
	opts.Say("\n%s\n  %s\n    digilead report --last --format html -o report.html\n  %s\n    digilead plan --last\n",
		l.T("next.heading"), l.T("next.html"), l.T("next.plan"))
}

// scoreAnswers scores the answers file of --answers and writes the result.
func scoreAnswers(opts *assessOptions) error {
	data, name, err := inputs.ReadAll(opts.answers, opts.Stdin())
	if err != nil {
		return err
	}
	b := opts.bank()
	answers, err := questions.ParseAnswers(name, data, b)
	if ps := (questions.Problems{}); errors.As(err, &ps) && !opts.all {
		return inputs.Capped(ps, "--all lists every one")
	} else if err != nil {
		return err
	}
	if opts.answers != "-" {
		opts.doc.Out.Short(opts.IO, opts.all, "digilead assess --answers "+opts.answers+" --all")
	}
	return opts.doc.Write(opts.IO, assessment.Score(b, answers, assessment.Options{Target: opts.target, Now: opts.Now(), Tool: opts.Tool()}))
}

// bank is the bank to score with: the one loaded, its actions replaced
// by the catalogue's where it has some (the set keeps the bank's own, so
// that translations map the bank's texts only).
func (opts *assessOptions) bank() *questions.Bank {
	if c := opts.catalogue.Cat; c != nil {
		return c.Apply(opts.doc.Set.Bank)
	}
	return opts.doc.Set.Bank
}
