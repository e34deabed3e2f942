package main

import (
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/digilead/digilead/assessment/itemstats"
	"github.com/digilead/digilead/questions"
	"github.com/digilead/digilead/report"
)

func newBankStatsCmd(a *app) *cobra.Command {
	var bank []string
	var write, accessible bool
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
		Annotations: map[string]string{streaming: "true"},
	}
	out := addOutputFlags(cmd, report.ItemAnalyses, "text")
	f := cmd.Flags()
	addBankFlag(cmd, &bank, "question bank file or directory (default: the built-in bank)")
	lf := addLangFlags(cmd)
	f.BoolVar(&write, "write", false, "record each dimension's reliability and score_sd in the bank file")
	addAccessibleFlag(cmd, &accessible, "every figure in a sentence, no tables")
	cmd.RunE = func(cmd *cobra.Command, args []string) error {
		render, dest, err := out.check(a, append(slices.Clone(bank), args...)...)
		if err != nil {
			return err
		}
		b, language, err := a.loadBankToWrite(lf, bank, write)
		if err != nil {
			return err
		}
		an := itemstats.New(b)
		rep, summary, err := a.readAnswerSets(cmd, b, args, "analyse", func(ans *questions.Answers) { an.Add(ans.Values) })
		if err != nil {
			return err
		}
		analysis := an.Report()
		ropts := dest.Options(a.io.Accessible(accessible))
		ropts.Language = language
		if err := dest.Write(func(w io.Writer) error { return render(w, analysis, ropts) }); err != nil {
			return err
		}
		if write {
			if err := writeFigures(a, b, analysis); err != nil {
				return err
			}
		}
		return rep.Err(summary)
	}
	return cmd
}

// writeFigures records the figures fit to record in the bank's files.
func writeFigures(a *app, b *questions.Bank, analysis *itemstats.Report) error {
	figs, skipped := analysis.Figures()
	for _, s := range skipped {
		a.say("digilead: --write skipped %s\n", s)
	}
	if len(figs) == 0 {
		return fmt.Errorf("--write: no dimension has figures fit to record; the bank is unchanged")
	}
	names, err := questions.WriteFigures(b, figs)
	if err != nil {
		return fmt.Errorf("--write: %w", err)
	}
	a.say("Recorded reliability and score_sd for %d of %d dimensions in %s\n", len(figs), len(analysis.Dimensions), strings.Join(names, ", "))
	return nil
}
