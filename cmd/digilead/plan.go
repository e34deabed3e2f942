package main

import (
	"cmp"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/digilead/digilead/assessment"
	"github.com/digilead/digilead/assessment/inputs"
	"github.com/digilead/digilead/assessment/plan"
	"github.com/digilead/digilead/assessment/store"
	"github.com/digilead/digilead/cmd/internal/cmdutil"
	"github.com/digilead/digilead/cmd/internal/docflags"
	"github.com/digilead/digilead/questions/form"
	"github.com/digilead/digilead/report"
	"github.com/digilead/digilead/report/planform"
)

// planOptions are the flags and argument of `digilead plan`.
type planOptions struct {
	*factory
	doc          docflags.Doc[*plan.Plan]
	path         string
	last, noSave bool
	priorities   int
	catalogue    docflags.Catalogue
	// chosen is set when --priorities is given: the plan takes them
	// without asking, even in a terminal.
	chosen    bool
	supporter string
	// reviewOn is zero unless given: the review is --review-in from now.
	reviewOn time.Time
	reviewIn time.Duration
	theme    string
	// making are the flags given that make a new plan: a saved plan
	// given as the file refuses them.
	making []string
}

func newPlanCmd(f *factory, runF func(*planOptions) error) *cobra.Command {
	opts := &planOptions{factory: f}
	cmd := &cobra.Command{
		Use:   "plan [RESULT.json|PLAN.json|-] | --last",
		Short: "Make a personal development plan from a result",
		Long: `Plan turns a result into a development plan: one to three priorities, the
actions for each (70:20:10: mostly practice at work, some learning from
people, a little from courses) with due dates, a review date and,
if you like, a supporter.

In a terminal it is a short form; otherwise, or with --priorities, it
picks the top priorities by itself (the largest gaps to the target,
weighted by the bank), an action for each way of learning, due at even
steps before the review. --last (or no RESULT) takes the newest saved
result.

The plan is saved beside your results (see 'digilead history'), unless
--no-save. Given a saved plan (digilead.plan/v1) in place of a result,
it shows that plan again, in any format: its calendar file has the same
events, so importing it again updates them rather than adding copies. At the review, take the assessment again and check progress
with 'digilead compare --plan PLAN RESULT'. Formats: text, json
(digilead.plan/v1), markdown, html, ics (a calendar file with an event
for each dated action and one for the review), and csv and xlsx (a row
for each action; xlsx needs -o FILE.xlsx).

--catalogue FILE plans a department's own actions (with links) for the
dimensions the catalogue names, in place of those the result holds.`,
		Example: `  digilead plan --last
  digilead plan me.json --priorities 3 --review-in 8w --format ics -o plan.ics
  digilead plan --last --supporter "Ana (line manager)" --format markdown >> development-plan.md
  digilead plan ~/.local/share/digilead/plans/PLAN.plan.json --format ics -o plan.ics`,
		Args: lastOr(&opts.last, 0, 1, "a result file or a saved plan"),
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := cmdutil.Check(cmd); err != nil {
				return err
			}
			if len(args) > 0 {
				opts.path = args[0]
			}
			opts.last = opts.path == ""
			opts.chosen = cmd.Flags().Changed("priorities")
			for _, name := range []string{"priorities", "review-in", "review-on", "supporter", "catalogue", "no-save", "theme"} {
				if cmd.Flags().Changed(name) {
					opts.making = append(opts.making, "--"+name)
				}
			}
			return cmdutil.RunOr(opts, runF, planRun)
		},
	}
	docflags.AddDoc(cmd, &opts.doc, report.Plans, "text", "bank the result was scored with, for its translations (default: the built-in bank)", "numbered plain-text prompts")
	fl := cmd.Flags()
	fl.BoolVar(&opts.last, "last", false, "the newest saved result (the default without RESULT)")
	cmdutil.IntVar(fl, &opts.priorities, "priorities", 2, 1, plan.MaxPriorities, "how many priorities to take without asking, 1 to 3", "%[1]d is not %[2]d to %[3]d; a plan holds one to three priorities")
	cmdutil.Var(fl, &opts.reviewIn, "review-in", "12w", "string", "review the plan after this `PERIOD`: weeks (12w), days (84d) or hours", plan.ParseDuration)
	cmdutil.Var(fl, &opts.reviewOn, "review-on", "", "string", "review the plan on this `DATE` (YYYY-MM-DD) instead", func(s string) (time.Time, error) {
		return plan.ParseReviewDay(s, f.Now())
	})
	fl.StringVar(&opts.supporter, "supporter", "", "the `NAME` of who supports you (a line manager, a mentor)")
	fl.BoolVar(&opts.noSave, "no-save", false, "do not keep a copy of the plan in the data directory")
	docflags.AddTheme(cmd, &opts.theme, "form")
	docflags.AddCatalogue(cmd, &opts.catalogue)
	return cmd
}

func planRun(opts *planOptions) error {
	now := opts.Now()
	review := cmp.Or(opts.reviewOn, now.Add(opts.reviewIn))
	if err := opts.doc.Load(opts.Ctx, opts.IO, opts.path, opts.catalogue.Path); err != nil {
		return err
	}
	var r *assessment.Result
	var err error
	if opts.last {
		r, err = loadResult(opts.factory, "", true)
	} else {
		var saved *plan.Plan
		r, saved, err = inputs.ReadResultOrPlan(opts.path, opts.Stdin())
		if saved != nil {
			if len(opts.making) > 0 {
				return cmdutil.UsageError("%s is a saved plan, shown as it was made; %s make a new plan: give them with a result file or --last", opts.path, strings.Join(opts.making, ", "))
			}
			return opts.doc.Write(opts.IO, saved)
		}
	}
	if err != nil {
		return err
	}
	if r, err = opts.catalogue.Apply(opts.Ctx, opts.IO, opts.doc.Language.Tag(), r); err != nil {
		return err
	}
	po := plan.Options{Now: now, Priorities: opts.priorities, ReviewOn: review, Supporter: opts.supporter}
	if !opts.chosen && opts.IO.InTTY && opts.IO.ErrTTY {
		if err := opts.ask(r, &po); err != nil {
			return err
		}
	}
	p := plan.New(r, po)
	if !opts.noSave {
		st, err := store.Open(opts.IO.Getenv)
		if err != nil {
			return err
		}
		path, err := st.SavePlan(p)
		if err != nil {
			return err
		}
		opts.Say("%s\n", opts.doc.Language.T("plan.saved_to", "Path", path))
		opts.Say("%s\n", opts.doc.Language.T("plan.show_again", "Path", path))
	}
	return opts.doc.Write(opts.IO, p)
}

// ask has the person choose the plan in the form: the priorities on
// offer are the result's gaps, first things first, said in the report's
// language; the choices keep the result's own texts.
func (opts *planOptions) ask(r *assessment.Result, po *plan.Options) error {

	a, err := form.AskPlan(opts.Ctx, form.PlanForm{
		In: opts.IO.In, Out: opts.IO.ErrOut, Renderer: opts.IO.ErrRenderer(), Theme: opts.theme,
		Accessible: opts.IO.Accessible(opts.doc.Accessible), Lang: opts.doc.Language.Lang,
		Items: planform.Items(r, opts.doc.Language), Preselected: 2, Review: po.ReviewOn, Today: po.Now, OwnKind: "practice",
		Due:   func(i, n int) time.Time { return plan.Step(po.Now, po.ReviewOn, i, n) },
		Width: opts.IO.Width,
	})
	if err != nil {
		return err
	}
	planform.Apply(r, a, po)
	return nil
}
