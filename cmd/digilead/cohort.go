package main

import (
	"fmt"
	"io"
	"slices"

	"github.com/spf13/cobra"

	"github.com/digilead/digilead/assessment/cohort"
	"github.com/digilead/digilead/assessment/inputs"
	"github.com/digilead/digilead/questions"
	"github.com/digilead/digilead/report"
)

func newCohortCmd(a *app) *cobra.Command {
	var banks []string
	var target string
	var minGroup int
	var accessible bool
	cmd := &cobra.Command{
		Use:   "cohort [PATH...]",
		Short: "Sum up a group's results: score spread, levels and common gaps",
		Long: `Cohort reads the results of a group and reports where the group stands:
per dimension the spread of scores (n, mean, sd, min, quartiles, max), how
many people are at each level, how ready the group is for each tier, and
which gaps are most common.

PATH is a result JSON file, a directory of them (*.json and *.jsonl files,
for example the folder where a workshop's results were collected) or a
JSON Lines file from 'digilead score'; with no PATH, or -, results are
read from stdin. All results must come from the same bank and version.

The report is anonymous: no names or respondent ids appear in any format,
and a group smaller than --min-group is refused, since people could be
recognised from the figures.

Gaps are counted against each person's own target tier; --target measures
everyone against one tier, using the bank's expectations (the built-in
bank, or --bank for results scored with another).`,
		Example: `  digilead cohort workshop-results/
  digilead score answers.jsonl | digilead cohort --format json
  digilead cohort --format html -o handout.html workshop-results/
  digilead cohort --target strategic --format csv dept/*.json`,
		Annotations: map[string]string{streaming: "true"},
	}
	out := addOutputFlags(cmd, report.Cohorts, "text")
	f := cmd.Flags()
	addBankFlag(cmd, &banks, "bank the results were scored with, for --target and its translations (default: the built-in bank)")
	lf := addLangFlags(cmd)
	f.StringVar(&target, "target", "", "tier to measure everyone's gaps against (default: each person's own target)")
	f.IntVar(&minGroup, "min-group", cohort.DefaultMinGroup, "refuse groups smaller than `N`, so no one can be recognised")
	addAccessibleFlag(cmd, &accessible, "the text report in sentences, without bars")
	cmd.RunE = func(cmd *cobra.Command, args []string) error {
		render, dest, err := out.check(a, append(slices.Clone(banks), args...)...)
		if err != nil {
			return err
		}
		if minGroup < 1 {
			return usageError("--min-group: must be 1 or more, got %d", minGroup)
		}
		copts := cohort.Options{MinGroup: minGroup}
		s, language, err := a.showIn(lf, banks)
		if err != nil {
			return err
		}
		if len(banks) > 0 || target != "" {
			if err := checkTarget(s.Bank, target); err != nil {
				return err
			}
			copts.Bank = s.Bank
			copts.Target, _ = copts.Bank.Tier(target)
		}
		set, err := a.openInputs(args, false, "results")
		if err != nil {
			return err
		}
		defer set.Close()
		ctx := cmd.Context()
		b := cohort.New(copts)
		rep := inputs.NewReporter(a.io.ErrOut)
		if err := inputs.Read(ctx, set, cohort.Decode, func(at string, e *cohort.Entry) { b.Add(e, at) }, rep); err != nil {
			if ctx.Err() != nil {
				return errInterrupted
			}
			return err
		}
		if d := b.Duplicates(); len(d) > 0 {
			a.io.Sayf("digilead: %d duplicate %s left out (the same respondent and completion time), e.g. %s, already read at %s\n",
				len(d), questions.Plural(len(d), "result", "results"), d[0].Source, d[0].First)
		}
		if n := rep.Rejected(); n > 0 {
			return rep.Err(fmt.Sprintf("%d %s could not be read (listed above); a cohort report needs every result: fix or remove them", n, questions.Plural(n, "result", "results")))
		}
		summary, err := b.Report()
		if err != nil {
			return err
		}
		ropts := dest.ReportOptions(a.io.Accessible(accessible))
		ropts.Language = language
		return dest.Write(func(w io.Writer) error { return render(w, summary, ropts) })
	}
	return cmd
}
