package bankcmd

import (
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/digilead/digilead/assessment/calibrate"
	"github.com/digilead/digilead/cmd/internal/cmdutil"
	"github.com/digilead/digilead/cmd/internal/docflags"
	"github.com/digilead/digilead/questions"
	"github.com/digilead/digilead/report"
)

// bankCalibrateOptions are the flags and arguments of `digilead bank
// calibrate`.
type bankCalibrateOptions struct {
	*cmdutil.Factory
	doc      docflags.Doc[*calibrate.Report]
	minGroup int
	seed     uint64
	write    bool
	paths    []string
}

func newBankCalibrateCmd(f *cmdutil.Factory, runF func(*bankCalibrateOptions) error) *cobra.Command {
	opts := &bankCalibrateOptions{Factory: f}
	cmd := &cobra.Command{
		Use:   "calibrate --bank PATH PILOT...",
		Short: "Propose tier expectations from pilot answers of people whose tier is known",
		Long: `Calibrate proposes each tier's expectation on each dimension from a pilot:
answers of people whose tier is known (respondent.role). For a tier and a
dimension it expects, the proposal is the contrasting-groups cut: the score
that places fewest pilot people on the wrong side, those of the tier and
above against those below it (the middle of the range when several cuts
tie), rounded to a whole point. Each comes with the size of both groups, the
share placed right, and a 90% bootstrap interval (resampled with --seed, so
a run can be repeated exactly).

A pair with fewer than --min-group people with a score on either side is
refused and keeps its expectation, and so is every pair of the lowest tier:
nobody in a pilot can rank below it. So is a pair for which no cut
separates the groups: placing nobody at the tier misplaces no more people
than any cut. No proposal is above the highest score any answers can give
the dimension. People without a role are left out.
The report ends with how the level rule places the pilot people with the
current and with the proposed expectations.

PILOT is JSON Lines of answer sets, one {"respondent": …, "answers": …} per
line as 'digilead score' reads them, result files, or directories of them;
stdin when none is given, or for -. Bad lines are reported on stderr as
FILE:LINE: question-id: problem.

--write records the proposals in the bank file, keeping its comments and
layout. It writes nothing when a proposal would make an expectation fall
as rank rises (the report flags it "falls as rank rises"): bank review
would reject the bank. Pairs that are refused keep their expectation.
Exit codes: 0 done, 1 nothing could be calibrated or written, 2 bad usage
or input (bad lines are reported and the rest calibrated, but nothing is
written). See docs/bank-review.md.`,
		Example: `  digilead bank calibrate --bank my-bank.yaml pilot.jsonl
  digilead bank calibrate --bank my-bank.yaml pilot/ --format markdown -o calibration.md
  digilead bank calibrate --bank my-bank.yaml pilot.jsonl --min-group 50 --seed 7 --write`,
		Annotations: map[string]string{cmdutil.Streaming: "true"},
		RunE:        cmdutil.RunE(opts, runF, bankCalibrateRun, &opts.paths),
	}
	docflags.AddDoc(cmd, &opts.doc, report.Calibrations, "text", "question bank file or directory (default: the built-in bank)", "every figure in a sentence, no tables")
	fl := cmd.Flags()
	docflags.AddMinGroup(cmd, &opts.minGroup, calibrate.DefaultMinGroup, 1, "fewest people with a score needed on each side of a tier/dimension pair")
	fl.Uint64Var(&opts.seed, "seed", 1, "seed of the bootstrap resamples")
	fl.BoolVar(&opts.write, "write", false, "record the proposed expectations in the bank file")
	return cmd
}

func bankCalibrateRun(opts *bankCalibrateOptions) error {
	b, err := loadBankToWrite(&opts.doc, opts.Factory, opts.write, opts.paths)
	if err != nil {
		return err
	}
	c := calibrate.New(b)
	rep, summary, err := readAnswerSets(opts.Factory, b, opts.paths, "calibrate", c.Add)
	if err != nil {
		return err
	}
	cal, err := c.ReportContext(opts.Ctx, calibrate.Options{MinGroup: opts.minGroup, Seed: opts.seed})
	if err != nil {
		return err
	}
	if err := opts.doc.Write(opts.IO, cal); err != nil {
		return err
	}
	notWritten := ""
	if opts.write {
		notWritten = "; the bank was not changed"
	}
	switch {
	case rep.Rejected() > 0:
		return rep.Err(summary + "; fix or remove them and run again" + notWritten)
	case cal.Proposed == 0:
		opts.Say("digilead: nothing could be calibrated: every tier/dimension pair was refused (see the report for why)%s\n", notWritten)
		return cmdutil.Silent(cmdutil.ExitFailure)
	case opts.write:
		return opts.writeExpectations(b, cal)
	}
	return nil
}

// writeExpectations records the proposals in the bank's files.
// Proposals that would make an expectation fall as rank rises are not
// written, nor is any other: the bank would be one bank review rejects
// (falling-expectation), and which of the two tiers is wrong is a
// judgement the pilot cannot make.
func (opts *bankCalibrateOptions) writeExpectations(b *questions.Bank, cal *calibrate.Report) error {
	if falling := cal.Falling(); len(falling) > 0 {
		opts.Say("digilead: --write: the proposals for %s would make expectations fall as rank rises, which bank review rejects (falling-expectation); the bank was not changed. See the report's findings on them: check the pilot's roles, pilot more people, or set those expectations by hand\n", strings.Join(falling, ", "))
		return cmdutil.Silent(cmdutil.ExitFailure)
	}
	names, err := questions.WriteExpectations(b, cal.Proposals())
	if err != nil {
		return fmt.Errorf("--write: %w", err)
	}
	opts.Say("Recorded %d proposed expectations in %s; %d pairs kept theirs\n", cal.Proposed, strings.Join(names, ", "), len(cal.Pairs)-cal.Proposed)
	if flagged := cal.Flagged(); len(flagged) > 0 {
		opts.Say("digilead: check the findings on %s in the report before using the bank\n", strings.Join(flagged, ", "))
	}
	return nil
}
