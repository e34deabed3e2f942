package main

import (
	"fmt"
	"math"
	"strings"

	"github.com/spf13/cobra"

	"github.com/digilead/digilead/assessment/itemstats"
	"github.com/digilead/digilead/questions"
	"github.com/digilead/digilead/report"
)

// bankStatsOptions are the flags of `digilead bank stats`.
type bankStatsOptions struct {
	bank       string
	format     string
	output     string
	write      bool
	accessible bool
}

func newBankStatsCmd(a *app) *cobra.Command {
	o := &bankStatsOptions{}
	cmd := &cobra.Command{
		Use:   "stats [ANSWERS.jsonl | RESULT.json | DIR ...]",
		Short: "Item analysis of a bank from collected answers: alpha, weak questions, SEM",
		Long: `Stats checks whether a bank's questions measure anything consistently, from
answers people gave: per dimension Cronbach's alpha, the standardised alpha,
the mean correlation between its questions and the standard error of
measurement (SEM) of its score; per question its mean, SD, correlation with
the rest of its dimension, alpha if it were deleted, and how many answered
N/A. Findings are flagged in plain words: low consistency (alpha < 0.7),
weak questions (r < 0.3), questions probably keyed the wrong way (r < 0),
dimensions with fewer than 3 questions, fewer than 30 complete answers.

Input is JSON Lines of answer sets, one {"respondent": …, "answers": …} per
line as 'digilead score' reads them, or result files (JSON, or JSON Lines
from 'digilead score'), or directories of them; stdin when no file is given
or for -. A dimension's figures use the people who answered all its
questions (listwise). Bad lines are reported on stderr as FILE:LINE:
question-id: problem and left out; the exit code is then 1.

--write records each dimension's reliability and score_sd in the bank file,
keeping its comments and layout, so results scored with it carry the SEM and
mark gaps within measurement error. See docs/reliability.md.`,
		Example: `  digilead bank stats --bank my-bank.yaml answers.jsonl
  digilead bank stats --bank my-bank.yaml workshop-results/ --format csv -o items.csv
  digilead score --bank my-bank.yaml < answers.jsonl | digilead bank stats --bank my-bank.yaml
  digilead bank stats --bank my-bank.yaml answers.jsonl --write`,
		RunE: func(cmd *cobra.Command, args []string) error {
			return runBankStats(a, o, args)
		},
	}
	f := cmd.Flags()
	f.StringVar(&o.bank, "bank", "", "question bank file or directory (default: the built-in bank)")
	f.StringVarP(&o.format, "format", "f", "text", "output format: "+strings.Join(report.ItemStatsFormats(), ", "))
	f.StringVarP(&o.output, "output", "o", "", "write the analysis to `FILE` instead of stdout")
	f.BoolVar(&o.write, "write", false, "record each dimension's reliability and score_sd in the bank file")
	f.BoolVar(&o.accessible, "accessible", false, "screen-reader mode: every figure in a sentence, no tables (also ACCESSIBLE=1)")
	return cmd
}

func runBankStats(a *app, o *bankStatsOptions, args []string) error {
	render, err := report.LookupItemStats(o.format)
	if err != nil {
		return usageError("--format: %v", err)
	}
	o.accessible = a.accessibleMode(o.accessible)
	if len(args) == 0 {
		if a.io.InTTY {
			return usageError("bank stats needs answers: give JSON Lines or result files, or pipe them in\nRun 'digilead bank stats --help' for usage.")
		}
		args = []string{"-"}
	}
	b, err := loadBank(o.bank)
	if err != nil {
		return err
	}
	if o.write && b.Source == "default" {
		return usageError("--write: the built-in bank cannot be changed; export it first (digilead bank export -o my-bank.yaml) and pass --bank my-bank.yaml")
	}
	an := itemstats.New(b)
	in := &answerSets{bank: b, add: an.Add, errOut: a.io.ErrOut}
	for _, p := range args {
		if err := in.readPath(a, p); err != nil {
			return err
		}
	}
	if in.read == 0 {
		if in.rejected > 0 {
			return fmt.Errorf("%s; nothing to analyse", in.summary())
		}
		return usageError("no answer sets in the input; give JSON Lines of {\"respondent\": …, \"answers\": …} or result files")
	}
	rep := an.Report()
	if err := a.writeOutput(o.output, func(w *strings.Builder) error {
		return render(w, rep, a.reportOptions(o.output, o.accessible))
	}); err != nil {
		return err
	}
	if o.write {
		if err := writeFigures(a, b, rep); err != nil {
			return err
		}
	}
	if in.rejected > 0 {
		fmt.Fprintf(a.io.ErrOut, "digilead: %s\n", in.summary())
		return silent(exitFailure)
	}
	return nil
}

// figures picks the dimensions whose figures are fit to record, and says
// why the others are not.
func figures(rep *itemstats.Report) (map[string]questions.Figures, []string) {
	figs := map[string]questions.Figures{}
	var skipped []string
	for _, d := range rep.Dimensions {
		switch {
		case d.N < itemstats.MinAnswers:
			skipped = append(skipped, fmt.Sprintf("%s: only %d complete answer sets (%d needed)", d.ID, d.N, itemstats.MinAnswers))
		case d.Alpha == nil || d.ScoreSD == nil || *d.ScoreSD <= 0:
			skipped = append(skipped, fmt.Sprintf("%s: alpha cannot be computed", d.ID))
		case math.Round(*d.Alpha*1000) <= 0:
			skipped = append(skipped, fmt.Sprintf("%s: alpha %.2f is not a usable reliability; fix the questions first", d.ID, *d.Alpha))
		default:
			figs[d.ID] = questions.Figures{Reliability: math.Round(*d.Alpha*1000) / 1000, ScoreSD: math.Round(*d.ScoreSD*100) / 100}
		}
	}
	return figs, skipped
}

// writeFigures records the figures in the bank's files, checks that the
// edited bank still loads with them, and replaces the files atomically.
func writeFigures(a *app, b *questions.Bank, rep *itemstats.Report) error {
	figs, skipped := figures(rep)
	for _, s := range skipped {
		fmt.Fprintf(a.io.ErrOut, "digilead: --write skipped %s\n", s)
	}
	if len(figs) == 0 {
		return fmt.Errorf("--write: no dimension has figures fit to record; the bank is unchanged")
	}
	byFile := map[string]map[string]questions.Figures{}
	for _, d := range b.Dimensions {
		if f, ok := figs[d.ID]; ok {
			if byFile[d.Pos.File] == nil {
				byFile[d.Pos.File] = map[string]questions.Figures{}
			}
			byFile[d.Pos.File][d.ID] = f
		}
	}
	names, err := rewriteBankFiles(b, func(path string, data []byte) ([]byte, bool, error) {
		figs := byFile[path]
		if figs == nil {
			return data, false, nil
		}
		out, err := questions.SetFigures(path, data, figs)
		return out, true, err
	}, func(nb *questions.Bank) error {
		for _, figs := range byFile {
			for id, f := range figs {
				if d, ok := nb.Dimension(id); !ok || d.Reliability != f.Reliability || d.ScoreSD != f.ScoreSD {
					return fmt.Errorf("--write: the edit of dimension %s did not take; set reliability: %g and score_sd: %g by hand", id, f.Reliability, f.ScoreSD)
				}
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	fmt.Fprintf(a.io.ErrOut, "Recorded reliability and score_sd for %d of %d dimensions in %s\n", len(figs), len(rep.Dimensions), strings.Join(names, ", "))
	return nil
}
