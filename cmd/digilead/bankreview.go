package main

import (
	"io"

	"github.com/spf13/cobra"

	"github.com/digilead/digilead/assessment/review"
	"github.com/digilead/digilead/report"
)

// maxRespondents bounds --respondents, so a typo cannot run for hours.
const maxRespondents = 1_000_000

func newBankReviewCmd(a *app) *cobra.Command {
	var seed uint64
	var respondents int
	cmd := &cobra.Command{
		Use:   "review [PATH]",
		Short: "Check what makes a bank measure badly: answer cues, keying, wording, tiers",
		Long: `Review looks for what makes a valid bank measure badly (bank validate checks
the format): answer cues in scenario questions (the best option is the
longest, options containing others, options of very different lengths),
dimensions without reverse-keyed questions, double-barrelled or hard-to-read
questions and questions about other people, tiers that differ only in their
numbers, and dimensions too weak to decide a tier. It then scores simulated
respondents who answer at random, straight-line, pick the longest or the
first option, or agree with everything, and reports the share reaching each
level. Each finding says FILE:LINE, the question, tier or dimension, what is
wrong and how to fix it. See docs/bank-review.md.

Exit status: 0 when the bank has no findings, 1 when it has some, 2 when the
bank or the usage is invalid. The simulation is reproducible: the same
--seed and --respondents give the same output.`,
		Example: `  digilead bank review                        # the built-in bank
  digilead bank review my-bank.yaml --format markdown -o review.md
  digilead bank review my-bank.yaml --format json --seed 7 --respondents 5000`,
		Args: maxArgs(1),
	}
	out := addOutputFlags(cmd, report.Reviews, "text")
	f := cmd.Flags()
	f.Uint64Var(&seed, "seed", 1, "seed of the simulated respondents")
	f.IntVar(&respondents, "respondents", review.DefaultRespondents, "simulated respondents for each random strategy")
	lf := addLangFlags(cmd)
	cmd.RunE = func(cmd *cobra.Command, args []string) error {
		path := ""
		if len(args) == 1 {
			path = args[0]
		}
		render, dest, err := out.check(a, path)
		if err != nil {
			return err
		}
		if respondents < 1 || respondents > maxRespondents {
			return usageError("--respondents: %d is out of range; give 1 to %d", respondents, maxRespondents)
		}
		s, language, err := a.showIn(lf, optional(path))
		if err != nil {
			return err
		}
		rep := review.Review(s.Bank, review.Options{Seed: seed, Respondents: respondents})
		ropts := dest.Options(false)
		ropts.Language = language
		if err := dest.Write(func(w io.Writer) error { return render(w, rep, ropts) }); err != nil {
			return err
		}
		if !rep.Clean() {
			if !dest.IsStdout() {
				a.say("digilead: %d finding(s) in the bank; see %s\n", len(rep.Findings), dest.Path)
			}
			return silent(exitFailure)
		}
		return nil
	}
	return cmd
}
