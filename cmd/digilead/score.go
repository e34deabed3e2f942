package main

import (
	"fmt"
	"slices"

	"github.com/spf13/cobra"

	"github.com/digilead/digilead/assessment"
	"github.com/digilead/digilead/assessment/batch"
	"github.com/digilead/digilead/assessment/inputs"
	"github.com/digilead/digilead/cmd/internal/cmdutil"
	"github.com/digilead/digilead/cmd/internal/docflags"
	"github.com/digilead/digilead/report"
)

// maxWorkers is the most --workers accepted: far beyond any useful number
// on today's machines, and each worker holds chunks of input and output.
const maxWorkers = 1024

// scoreOptions are the flags and arguments of `digilead score`.
type scoreOptions struct {
	*factory
	out     *docflags.Output[report.ScoreFormat]
	bank    docflags.Bank
	target  string
	workers int
	paths   []string
}

func newScoreCmd(f *factory, runF func(*scoreOptions) error) *cobra.Command {
	opts := &scoreOptions{factory: f}
	cmd := &cobra.Command{
		Use:   "score [FILE|DIR...]",
		Short: "Score many answer sets (JSON Lines) into results, one per line",
		Long: `Score reads answer sets as JSON Lines, one per line, from the files named
(a directory stands for its *.json and *.jsonl files; stdin for - or no
file) and writes one result per line to stdout, in input order:

  {"respondent": {"id": "e123", "role": "operational"}, "answers": {"vis-horizon": 4, ...}}

Each line is the answers format of 'digilead assess --answers' as one JSON
object (an optional "bank" must match the bank in use). Empty lines are
skipped; a line may be at most 1 MiB.

A line that cannot be scored is reported on stderr as FILE:LINE:
question-id: problem (stdin:LINE for stdin) and left out; the other lines
are still scored. A summary of scored and rejected lines ends the run.

--format csv writes one row per respondent: id, name, role, level (empty
when no tier is met), target, one score column per dimension (empty when
there were too few answers) and one readiness column per tier. --format
xlsx writes the same cells as a workbook (numbers as numbers); it needs
-o FILE.xlsx. --format xapi writes one xAPI 1.0.3 statement per line, for
a learning record store (docs/formats.md says how to send them).

Exit status: 0 all scored, 2 some lines rejected (the others are still
written) or unusable arguments or bank, 130 interrupted.`,
		Example: `  digilead score answers.jsonl > results.jsonl
  digilead score --format csv -o scores.csv dept-a.jsonl dept-b.jsonl
  digilead score --format xlsx -o scores.xlsx dept-a.jsonl
  export-tool | digilead score | digilead cohort`,
		Annotations: map[string]string{cmdutil.Streaming: "true"},
		RunE:        cmdutil.RunE(opts, runF, scoreRun, &opts.paths),
	}
	opts.out = docflags.AddOutput(cmd, report.Scores, "jsonl")
	docflags.AddBank(cmd, &opts.bank, "question bank file or directory (default: the built-in bank)")
	cmd.Flags().StringVar(&opts.target, "target", "", "tier to measure everyone's gaps against (default: each person's role, or the tier above their level)")
	cmdutil.IntVar(cmd.Flags(), &opts.workers, "workers", 0, 0, maxWorkers, "parallel workers (default: one per CPU)", "give 1 to %[3]d (or leave it out for one per CPU), got %[1]d")
	return cmd
}

func scoreRun(opts *scoreOptions) error {
	if err := opts.out.Check(opts.IO, append(slices.Clone(opts.bank.Banks), opts.paths...)...); err != nil {
		return err
	}
	s, err := docflags.LoadSet(opts.Ctx, opts.bank)
	if err != nil {
		return err
	}
	docflags.NoteUnread(opts.IO, opts.bank)
	if err := docflags.CheckTarget(s.Bank, opts.target); err != nil {
		return err
	}
	set, err := opts.OpenInputs(opts.paths, opts.IO.InTTY, "JSON Lines answer sets")
	if err != nil {
		return err
	}
	defer set.Close()
	rep := inputs.NewReporter(opts.IO.ErrOut)
	sum, err := opts.out.Render.Score(opts.Ctx, opts.out.Dest, s.Bank, assessment.Options{Target: opts.target, Now: opts.Now(), Tool: opts.Tool()}, set.Inputs, batch.Options{Workers: opts.workers}, rep.Add)
	if err != nil {
		return err
	}
	summary := fmt.Sprintf("digilead score: %d scored, %d rejected", sum.Scored, sum.Rejected)
	if err := rep.Err(summary); err != nil {
		opts.Say("%s\n", err)
		return cmdutil.Silent(cmdutil.ExitUsage)
	}
	opts.Say("%s\n", summary)
	return nil
}
