// Package cohortcmd is `digilead cohort`, and the summary the workshop prints when it stops.
package cohortcmd

import (
	"errors"
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/digilead/digilead/assessment/cohort"
	"github.com/digilead/digilead/assessment/inputs"
	"github.com/digilead/digilead/cmd/internal/cmdutil"
	"github.com/digilead/digilead/cmd/internal/docflags"
	"github.com/digilead/digilead/report"
)

// Options are the flags and arguments of `digilead cohort`.
type Options struct {
	*cmdutil.Factory
	doc               docflags.Doc[*cohort.Report]
	target, input, by string
	minGroup          int
	paths             []string
}

func New(f *cmdutil.Factory, runF func(*Options) error) *cobra.Command {
	opts := &Options{Factory: f}
	cmd := &cobra.Command{
		Use:   "cohort [PATH...]",
		Short: "Sum up a group's results or answers: score spread, levels and common gaps",
		Long: `Cohort reads the results of a group, or their answers, and reports where
the group stands: per dimension the spread of scores (n, mean, sd, min,
quartiles, max), how many people are at each level, how ready the group is
for each tier, and which gaps are most common.

PATH is a result JSON file, a directory of them (*.json and *.jsonl files,
for example the folder where a workshop's results were collected) or a
JSON Lines file from 'digilead score'; with no PATH, or -, results are
read from stdin. All results must come from the same bank and version.

PATH may also hold answer sets, one {"respondent": …, "answers": …} per
line as 'digilead score' reads them: cohort then scores them with --bank
(default: the built-in bank) and sums them up in one pass, on every CPU,
without writing a result; the report is the one 'digilead score | digilead
cohort' gives. What the input holds is told from its first document
(results name their schema), or set with --input answers or --input results.
An answer set that cannot be scored is reported as FILE:LINE and nothing
is reported on the group, as for a result that cannot be read.

The report is anonymous: no names or respondent ids appear in any format,
and a group smaller than --min-group is refused, since people could be
recognised from the figures. A result counted once already (the same
respondent and completion time; for answer sets, the same respondent id
and name) is left out and said so.

--by group (or role) also sums up each group of people sharing that
respondent field (respondent.group, for example a department, given in the
answers). The same rule holds for every group: a group smaller than
--min-group is never shown alone but merged into "other groups"; when the
merged groups together are still smaller than --min-group (as one small
group alone always is), the smallest shown groups join them until they are
not, so that no group can be worked out by taking the shown ones from the
whole.

Gaps are counted against each person's own target tier; --target measures
everyone against one tier, using the bank's expectations (the built-in
bank, or --bank for results scored with another).`,
		Example: `  digilead cohort workshop-results/
  digilead score answers.jsonl | digilead cohort --format json
  digilead cohort --bank my-bank.yaml answers.jsonl
  digilead cohort --by group --format csv -o by-department.csv answers.jsonl
  digilead cohort --format html -o handout.html workshop-results/
  digilead cohort --target strategic --format csv dept/*.json`,
		Annotations: map[string]string{cmdutil.Streaming: "true", cmdutil.MemoryLimit: "160"},
		RunE:        cmdutil.RunE(opts, runF, Run, &opts.paths),
	}
	docflags.AddDoc(cmd, &opts.doc, report.Cohorts, "text", "bank to score answer sets with, or the results were scored with for --target, and its translations (default: the built-in bank)", "the text report in sentences, without bars")
	fl := cmd.Flags()
	fl.StringVar(&opts.target, "target", "", "tier to measure everyone's gaps against (default: each person's own target)")
	cmdutil.StringVar(fl, &opts.input, "input", "", "what PATH holds: answers or results (default: told from the first document)", func(s string) error {
		return cmdutil.OneOf(s, "answers", "results")
	})
	cmdutil.Var(fl, &opts.by, "by", "", "string", "also sum up each group sharing this respondent `FIELD`: "+strings.Join(cohort.ByFields, " or "), func(s string) (string, error) {
		by := strings.TrimPrefix(s, "respondent.")
		return by, cmdutil.OneOf(by, cohort.ByFields...)
	})
	docflags.AddMinGroup(cmd, &opts.minGroup, cohort.DefaultMinGroup, 1, "refuse groups smaller than `N`, so no one can be recognised")
	return cmd
}

func Run(opts *Options) error {
	if err := opts.doc.Load(opts.Ctx, opts.IO, opts.paths...); err != nil {
		return err
	}
	set, err := opts.OpenInputs(opts.paths, opts.IO.InTTY, "results or answer sets")
	if err != nil {
		return err
	}
	defer set.Close()
	answers := opts.input == "answers" || opts.input == "" && !set.HoldsResults()
	copts := cohort.Options{MinGroup: opts.minGroup, By: opts.by}
	if answers || len(opts.doc.Bank.Banks) > 0 || opts.target != "" {
		if err := docflags.CheckTarget(opts.doc.Set.Bank, opts.target); err != nil {
			return err
		}
		copts.Bank = opts.doc.Set.Bank
		copts.Target, _ = copts.Bank.Tier(opts.target)
	}
	b := cohort.New(copts)
	rep := inputs.NewReporter(opts.IO.ErrOut)
	note, err := inputs.ReadCohort(opts.Ctx, set, b, copts.Bank, answers, rep)
	if opts.Note(note); err != nil {
		return err
	}
	summary, err := b.Report()
	if errors.Is(err, cohort.ErrMixedBanks) && copts.Bank != nil {
		return fmt.Errorf("%w (--bank)", err)
	}
	if err != nil {
		return err
	}
	return opts.doc.Write(opts.IO, summary)
}

// Summary is `digilead cohort DIR --bank … --min-group N` in text:
// what the workshop writes to stdout when it stops (workshopcmd.Summary).
func Summary(f *cmdutil.Factory, dir string, bank docflags.Bank, minGroup int) error {
	return Run(&Options{Factory: f, paths: []string{dir}, minGroup: minGroup,
		doc: docflags.Doc[*cohort.Report]{Out: &docflags.Output[report.Render[*cohort.Report]]{Formats: report.Cohorts, Format: "text"}, Bank: bank}})
}
