package bankcmd

import (
	"github.com/spf13/cobra"

	"github.com/digilead/digilead/assessment/review"
	"github.com/digilead/digilead/cmd/internal/cmdutil"
	"github.com/digilead/digilead/cmd/internal/docflags"
	"github.com/digilead/digilead/report"
)

// maxRespondents bounds --respondents, so a typo cannot run for hours.
const maxRespondents = 1_000_000

// bankReviewOptions are the flags and argument of `digilead bank review`.
type bankReviewOptions struct {
	*cmdutil.Factory
	doc         docflags.Doc[*review.Report]
	seed        uint64
	respondents int
}

func newBankReviewCmd(f *cmdutil.Factory, runF func(*bankReviewOptions) error) *cobra.Command {
	opts := &bankReviewOptions{Factory: f}
	cmd := &cobra.Command{
		Use:   "review [PATH]",
		Short: "Check what makes a bank measure badly: answer cues, keying, wording, tiers",
		Long: `Review looks for what makes a valid bank measure badly (bank validate checks
the format): answer cues in scenario questions (the best option is the
longest, options containing others, options of very different lengths,
absolute words such as "always" or "at once" marking the wrong options),
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
		Args: cmdutil.ArgsBetween(0, 1, ""),
		RunE: cmdutil.RunE(opts, runF, bankReviewRun, &opts.doc.Bank.Banks),
	}
	docflags.AddDoc(cmd, &opts.doc, report.Reviews, "text", "", "")
	cmd.Flags().Uint64Var(&opts.seed, "seed", 1, "seed of the simulated respondents")
	cmdutil.IntVar(cmd.Flags(), &opts.respondents, "respondents", review.DefaultRespondents, 1, maxRespondents, "simulated respondents for each random strategy", "%[1]d is out of range; give %[2]d to %[3]d")
	return cmd
}

func bankReviewRun(opts *bankReviewOptions) error {
	if err := opts.doc.Load(opts.Ctx, opts.IO); err != nil {
		return err
	}
	rep, err := review.ReviewContext(opts.Ctx, opts.doc.Set.Bank, review.Options{Seed: opts.seed, Respondents: opts.respondents})
	if err != nil {
		return err
	}
	if err := opts.doc.Write(opts.IO, rep); err != nil {
		return err
	}
	if dest := opts.doc.Out.Dest; !rep.Clean() {
		if !dest.IsStdout() {
			opts.Say("digilead: %d finding(s) in the bank; see %s\n", len(rep.Findings), dest.Path)
		}
		return cmdutil.Silent(cmdutil.ExitFailure)
	}
	return nil
}
