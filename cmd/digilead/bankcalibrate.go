package main

import (
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/digilead/digilead/assessment/batch"
	"github.com/digilead/digilead/assessment/calibrate"
	"github.com/digilead/digilead/assessment/inputs"
	"github.com/digilead/digilead/questions"
	"github.com/digilead/digilead/report"
)

func newBankCalibrateCmd(a *app) *cobra.Command {
	var bank []string
	var minGroup int
	var seed uint64
	var write, accessible bool
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
nobody in a pilot can rank below it. People without a role are left out.
The report ends with how the level rule places the pilot people with the
current and with the proposed expectations.

PILOT is JSON Lines of answer sets, one {"respondent": …, "answers": …} per
line as 'digilead score' reads them, result files, or directories of them;
stdin when none is given, or for -. Bad lines are reported on stderr as
FILE:LINE: question-id: problem.

--write records the proposals in the bank file, keeping its comments and
layout. Exit codes: 0 done, 1 nothing could be calibrated, 2 bad usage or
input (bad lines are reported and the rest calibrated, but nothing is
written). See docs/bank-review.md.`,
		Example: `  digilead bank calibrate --bank my-bank.yaml pilot.jsonl
  digilead bank calibrate --bank my-bank.yaml pilot/ --format markdown -o calibration.md
  digilead bank calibrate --bank my-bank.yaml pilot.jsonl --min-group 50 --seed 7 --write`,
		Annotations: map[string]string{streaming: "true"},
	}
	out := addOutputFlags(cmd, report.Calibrations, "text")
	f := cmd.Flags()
	addBankFlag(cmd, &bank, "question bank file or directory (default: the built-in bank)")
	lf := addLangFlags(cmd)
	f.IntVar(&minGroup, "min-group", calibrate.DefaultMinGroup, "fewest people with a score needed on each side of a tier/dimension pair")
	f.Uint64Var(&seed, "seed", 1, "seed of the bootstrap resamples")
	f.BoolVar(&write, "write", false, "record the proposed expectations in the bank file")
	addAccessibleFlag(cmd, &accessible, "every figure in a sentence, no tables")
	cmd.RunE = func(cmd *cobra.Command, args []string) error {
		render, dest, err := out.check(a, append(slices.Clone(bank), args...)...)
		if err != nil {
			return err
		}
		if minGroup < 1 {
			return usageError("--min-group: %d is not a number of people; give 1 or more (default %d)", minGroup, calibrate.DefaultMinGroup)
		}
		b, language, err := a.loadBankToWrite(lf, bank, write)
		if err != nil {
			return err
		}
		c := calibrate.New(b)
		rep, summary, err := a.readAnswerSets(cmd, b, args, "calibrate", c.Add)
		if err != nil {
			return err
		}
		cal := c.Report(calibrate.Options{MinGroup: minGroup, Seed: seed})
		ropts := dest.Options(a.io.Accessible(accessible))
		ropts.Language = language
		if err := dest.Write(func(w io.Writer) error { return render(w, cal, ropts) }); err != nil {
			return err
		}
		switch {
		case rep.Rejected() > 0:
			return rep.Err(summary + "; fix or remove them and run again" + notWritten(write))
		case cal.Proposed == 0:
			a.say("digilead: nothing could be calibrated: every tier/dimension pair was refused (see the report for why)%s\n", notWritten(write))
			return silent(exitFailure)
		case write:
			return writeExpectations(a, b, cal)
		}
		return nil
	}
	return cmd
}

// loadBankToWrite loads the --bank of bank stats and bank calibrate,
// refusing the built-in bank when --write is given, and the language of
// the report.
func (a *app) loadBankToWrite(lf *langFlags, paths []string, write bool) (*questions.Bank, *report.Language, error) {
	s, language, err := a.showIn(lf, paths)
	if err != nil {
		return nil, nil, err
	}
	if write {
		if err := s.Bank.CheckWritable(); err != nil {
			return nil, nil, usageError("--write: %v: digilead bank export -o my-bank.yaml, then --bank my-bank.yaml", err)
		}
	}
	return s.Bank, language, nil
}

// readAnswerSets reads the answer sets (or results) of bank stats and
// bank calibrate, passing each good one to add. It returns the reporter of
// the rejected ones and a summary of what was read; no good answer set at
// all is an error (exit 2), saying what could not be done (verb).
func (a *app) readAnswerSets(cmd *cobra.Command, b *questions.Bank, args []string, verb string, add func(*questions.Answers)) (*inputs.Reporter, string, error) {
	set, err := a.openInputs(args, a.io.InTTY, `answer sets ({"respondent": …, "answers": …} per line) or results`)
	if err != nil {
		return nil, "", err
	}
	defer set.Close()
	rep := inputs.NewReporter(a.io.ErrOut)
	read := 0
	err = inputs.Read(cmd.Context(), set, batch.NewAnswerReader(b).Read, func(_ inputs.Place, ans *questions.Answers) { read++; add(ans) }, rep)
	switch {
	case cmd.Context().Err() != nil:
		return nil, "", errInterrupted
	case err != nil:
		return nil, "", err
	}
	summary := fmt.Sprintf("%d answer sets analysed, %d rejected", read, rep.Rejected())
	if read == 0 {
		if err := rep.Err(summary + "; nothing to " + verb); err != nil {
			return nil, "", err
		}
		return nil, "", usageError("no answer sets in the input; give JSON Lines of {\"respondent\": …, \"answers\": …} or result files")
	}
	return rep, summary, nil
}

// notWritten tells that --write did nothing.
func notWritten(write bool) string {
	if write {
		return "; the bank was not changed"
	}
	return ""
}

// writeExpectations records the proposals in the bank's files.
func writeExpectations(a *app, b *questions.Bank, cal *calibrate.Report) error {
	names, err := questions.WriteExpectations(b, cal.Proposals())
	if err != nil {
		return fmt.Errorf("--write: %w", err)
	}
	var flagged []string
	for _, p := range cal.Pairs {
		if p.Proposed != nil && len(p.Flags) > 0 {
			flagged = append(flagged, p.Tier+"/"+p.Dimension)
		}
	}
	a.say("Recorded %d proposed expectations in %s; %d pairs kept theirs\n", cal.Proposed, strings.Join(names, ", "), len(cal.Pairs)-cal.Proposed)
	if len(flagged) > 0 {
		a.say("digilead: check the findings on %s in the report before using the bank\n", strings.Join(flagged, ", "))
	}
	return nil
}
