package main

import (
	"fmt"
	"maps"
	"strings"

	"github.com/spf13/cobra"

	"github.com/digilead/digilead/assessment/calibrate"
	"github.com/digilead/digilead/questions"
	"github.com/digilead/digilead/report"
)

// bankCalibrateOptions are the flags of `digilead bank calibrate`.
type bankCalibrateOptions struct {
	bank       string
	minGroup   int
	seed       uint64
	format     string
	output     string
	write      bool
	accessible bool
}

func newBankCalibrateCmd(a *app) *cobra.Command {
	o := &bankCalibrateOptions{}
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
		RunE: func(cmd *cobra.Command, args []string) error {
			return runBankCalibrate(a, o, args)
		},
	}
	f := cmd.Flags()
	f.StringVar(&o.bank, "bank", "", "question bank file or directory (default: the built-in bank)")
	f.IntVar(&o.minGroup, "min-group", calibrate.DefaultMinGroup, "fewest people with a score needed on each side of a tier/dimension pair")
	f.Uint64Var(&o.seed, "seed", 1, "seed of the bootstrap resamples")
	f.StringVarP(&o.format, "format", "f", "text", "output format: "+strings.Join(report.CalibrationFormats(), ", "))
	f.StringVarP(&o.output, "output", "o", "", "write the calibration to `FILE` instead of stdout")
	f.BoolVar(&o.write, "write", false, "record the proposed expectations in the bank file")
	f.BoolVar(&o.accessible, "accessible", false, "screen-reader mode: every figure in a sentence, no tables (also ACCESSIBLE=1)")
	return cmd
}

func runBankCalibrate(a *app, o *bankCalibrateOptions, args []string) error {
	render, err := report.LookupCalibration(o.format)
	if err != nil {
		return usageError("--format: %v", err)
	}
	if o.minGroup < 1 {
		return usageError("--min-group: %d is not a number of people; give 1 or more (default %d)", o.minGroup, calibrate.DefaultMinGroup)
	}
	o.accessible = a.accessibleMode(o.accessible)
	if len(args) == 0 {
		if a.io.InTTY {
			return usageError("bank calibrate needs a pilot: give JSON Lines of answer sets or result files, or pipe them in\nRun 'digilead bank calibrate --help' for usage.")
		}
		args = []string{"-"}
	}
	b, err := loadBankArg(o.bank)
	if err != nil {
		return err
	}
	if o.write && b.Source == "default" {
		return usageError("--write: the built-in bank cannot be changed; export it first (digilead bank export -o my-bank.yaml) and pass --bank my-bank.yaml")
	}
	c := calibrate.New(b)
	in := &answerSets{bank: b, addAnswers: c.Add, errOut: a.io.ErrOut}
	for _, p := range args {
		if err := in.readPath(a, p); err != nil {
			return err
		}
	}
	if in.read == 0 {
		if in.rejected > 0 {
			return usageError("%s; nothing to calibrate", in.summary())
		}
		return usageError("no answer sets in the input; give JSON Lines of {\"respondent\": …, \"answers\": …} or result files")
	}
	rep := c.Report(calibrate.Options{MinGroup: o.minGroup, Seed: o.seed})
	if err := a.writeOutput(o.output, func(w *strings.Builder) error {
		return render(w, rep, a.reportOptions(o.output, o.accessible))
	}); err != nil {
		return err
	}
	switch {
	case in.rejected > 0:
		fmt.Fprintf(a.io.ErrOut, "digilead: %s; fix or remove them and run again%s\n", in.summary(), notWritten(o.write))
		return silent(exitUsage)
	case rep.Proposed == 0:
		fmt.Fprintf(a.io.ErrOut, "digilead: nothing could be calibrated: every tier/dimension pair was refused (see the report for why)%s\n", notWritten(o.write))
		return silent(exitFailure)
	case o.write:
		return writeExpectations(a, b, rep)
	}
	return nil
}

// notWritten tells that --write did nothing.
func notWritten(write bool) string {
	if write {
		return "; the bank was not changed"
	}
	return ""
}

// writeExpectations records the proposals in the files that define their
// tiers, after checking that the edited bank loads with every expectation
// as intended (proposals in place, the rest unchanged).
func writeExpectations(a *app, b *questions.Bank, rep *calibrate.Report) error {
	props := rep.Proposals()
	byFile := map[string]map[string]map[string]float64{}
	want := map[string]map[string]float64{}
	for _, t := range b.Tiers {
		want[t.ID] = maps.Clone(t.Expectations)
		if set := props[t.ID]; set != nil {
			maps.Copy(want[t.ID], set)
			if byFile[t.Pos.File] == nil {
				byFile[t.Pos.File] = map[string]map[string]float64{}
			}
			byFile[t.Pos.File][t.ID] = set
		}
	}
	names, err := rewriteBankFiles(b, func(path string, data []byte) ([]byte, bool, error) {
		exps := byFile[path]
		if exps == nil {
			return data, false, nil
		}
		out, err := questions.SetExpectations(path, data, exps)
		return out, true, err
	}, func(nb *questions.Bank) error {
		for _, t := range nb.Tiers {
			if !maps.Equal(t.Expectations, want[t.ID]) {
				return fmt.Errorf("--write: the edit of tier %s's expectations did not take as intended (%s); set them by hand", t.ID, t.Pos)
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	var flagged []string
	for _, p := range rep.Pairs {
		if p.Proposed != nil && len(p.Flags) > 0 {
			flagged = append(flagged, p.Tier+"/"+p.Dimension)
		}
	}
	fmt.Fprintf(a.io.ErrOut, "Recorded %d proposed expectations in %s; %d pairs kept theirs\n", rep.Proposed, strings.Join(names, ", "), len(rep.Pairs)-rep.Proposed)
	if len(flagged) > 0 {
		fmt.Fprintf(a.io.ErrOut, "digilead: check the findings on %s in the report before using the bank\n", strings.Join(flagged, ", "))
	}
	return nil
}
