package main

import (
	"fmt"
	"io"
	"slices"

	"github.com/spf13/cobra"

	"github.com/digilead/digilead/assessment"
	"github.com/digilead/digilead/assessment/batch"
	"github.com/digilead/digilead/assessment/inputs"
	"github.com/digilead/digilead/report"
)

// maxWorkers is the most --workers accepted: far beyond any useful number
// on today's machines, and each worker holds chunks of input and output.
const maxWorkers = 1024

func newScoreCmd(a *app) *cobra.Command {
	var bank []string
	var target string
	var workers int
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
there were too few answers) and one readiness column per tier.

Exit status: 0 all scored, 2 some lines rejected (the others are still
written) or unusable arguments or bank, 130 interrupted.`,
		Example: `  digilead score answers.jsonl > results.jsonl
  digilead score --format csv -o scores.csv dept-a.jsonl dept-b.jsonl
  export-tool | digilead score | digilead cohort`,
		Annotations: map[string]string{streaming: "true"},
	}
	out := addOutputFlags(cmd, report.Scores, "jsonl")
	f := cmd.Flags()
	addBankFlag(cmd, &bank, "question bank file or directory (default: the built-in bank)")
	f.StringVar(&target, "target", "", "tier to measure everyone's gaps against (default: each person's role, or the tier above their level)")
	f.IntVar(&workers, "workers", 0, "parallel workers (default: one per CPU)")
	cmd.RunE = func(cmd *cobra.Command, args []string) error {
		format, dest, err := out.check(a, append(slices.Clone(bank), args...)...)
		if err != nil {
			return err
		}
		if workers < 0 || workers > maxWorkers {
			return usageError("--workers: give 1 to %d (or leave it out for one per CPU), got %d", maxWorkers, workers)
		}
		b, err := loadBankTarget(bank, target)
		if err != nil {
			return err
		}
		set, err := a.openInputs(args, a.io.InTTY, "JSON Lines answer sets")
		if err != nil {
			return err
		}
		defer set.Close()
		ctx := cmd.Context()
		scorer := batch.NewScorer(b, assessment.Options{Target: target, Now: a.now(), Tool: a.tool()}, format)
		rep := inputs.NewReporter(a.io.ErrOut)
		var sum batch.Summary
		err = dest.Stream(func(w io.Writer) error {
			sum, err = scorer.Run(ctx, set.Inputs, batch.Options{Workers: workers}, func(p []byte) error {
				_, err := w.Write(p)
				return err
			}, rep.Add)
			return err
		})
		switch {
		case ctx.Err() != nil:
			return errInterrupted
		case err != nil:
			return err
		}
		summary := fmt.Sprintf("digilead score: %d scored, %d rejected", sum.Scored, sum.Rejected)
		if err := rep.Err(summary); err != nil {
			a.say("%s\n", err)
			return silent(exitUsage)
		}
		a.say("%s\n", summary)
		return nil
	}
	return cmd
}
