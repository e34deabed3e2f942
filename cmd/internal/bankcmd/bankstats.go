package bankcmd

import (
	"errors"
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/digilead/digilead/assessment/inputs"
	"github.com/digilead/digilead/assessment/itemstats"
	"github.com/digilead/digilead/cmd/internal/cmdutil"
	"github.com/digilead/digilead/cmd/internal/docflags"
	"github.com/digilead/digilead/questions"
	"github.com/digilead/digilead/report"
)

// bankStatsOptions are the flags and arguments of `digilead bank stats`.
type bankStatsOptions struct {
	*cmdutil.Factory
	doc   docflags.Doc[*itemstats.Report]
	write bool
	paths []string
}

func newBankStatsCmd(f *cmdutil.Factory, runF func(*bankStatsOptions) error) *cobra.Command {
	opts := &bankStatsOptions{Factory: f}
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
question-id: problem and left out; the exit code is then 2.

--write records each dimension's reliability and score_sd in the bank file,
keeping its comments and layout, so results scored with it carry the SEM and
mark gaps within measurement error. See docs/reliability.md.`,
		Example: `  digilead bank stats --bank my-bank.yaml answers.jsonl
  digilead bank stats --bank my-bank.yaml workshop-results/ --format csv -o items.csv
  digilead score --bank my-bank.yaml < answers.jsonl | digilead bank stats --bank my-bank.yaml
  digilead bank stats --bank my-bank.yaml answers.jsonl --write`,
		Annotations: map[string]string{cmdutil.Streaming: "true"},
		RunE:        cmdutil.RunE(opts, runF, bankStatsRun, &opts.paths),
	}
	docflags.AddDoc(cmd, &opts.doc, report.ItemAnalyses, "text", "question bank file or directory (default: the built-in bank)", "every figure in a sentence, no tables")
	cmd.Flags().BoolVar(&opts.write, "write", false, "record each dimension's reliability and score_sd in the bank file")
	return cmd
}

func bankStatsRun(opts *bankStatsOptions) error {
	b, err := loadBankToWrite(&opts.doc, opts.Factory, opts.write, opts.paths)
	if err != nil {
		return err
	}
	an := itemstats.New(b)
	rep, summary, err := readAnswerSets(opts.Factory, b, opts.paths, "analyse", func(ans *questions.Answers) { an.Add(ans.Values) })
	if err != nil {
		return err
	}
	analysis := an.Report()
	if err := opts.doc.Write(opts.IO, analysis); err != nil {
		return err
	}
	if opts.write {
		if err := writeFigures(opts.Factory, b, analysis); err != nil {
			return err
		}
	}
	return rep.Err(summary)
}

// writeFigures records the figures fit to record in the bank's files.
func writeFigures(f *cmdutil.Factory, b *questions.Bank, analysis *itemstats.Report) error {
	figs, skipped := analysis.Figures()
	for _, s := range skipped {
		f.Say("digilead: --write skipped %s\n", s)
	}
	if len(figs) == 0 {
		return fmt.Errorf("--write: no dimension has figures fit to record; the bank is unchanged")
	}
	names, err := questions.WriteFigures(b, figs)
	if err != nil {
		return fmt.Errorf("--write: %w", err)
	}
	f.Say("Recorded reliability and score_sd for %d of %d dimensions in %s\n", len(figs), len(analysis.Dimensions), strings.Join(names, ", "))
	return nil
}

// loadBankToWrite loads the bank and language of bank stats and bank
// calibrate (see docflags.Doc.Load), refusing the built-in bank when --write
// is given.
func loadBankToWrite[D any](d *docflags.Doc[D], f *cmdutil.Factory, write bool, inputs []string) (*questions.Bank, error) {
	if err := d.Load(f.Ctx, f.IO, inputs...); err != nil {
		return nil, err
	}
	if err := d.Set.Bank.CheckWritable(); write && errors.Is(err, questions.ErrBuiltIn) {
		return nil, cmdutil.UsageError("--write: %v: digilead bank export -o my-bank.yaml, then --bank my-bank.yaml", err)
	} else if write && err != nil {
		return nil, cmdutil.UsageError("--write: %v", err)
	}
	return d.Set.Bank, nil
}

// readAnswerSets reads the answer sets (or results) of bank stats and
// bank calibrate, passing each good one to add. It returns the reporter of
// the rejected ones and a summary of what was read; no good answer set at
// all is an error (exit 2), saying what could not be done (verb).
func readAnswerSets(f *cmdutil.Factory, b *questions.Bank, paths []string, verb string, add func(*questions.Answers)) (*inputs.Reporter, string, error) {
	set, err := f.OpenInputs(paths, f.IO.InTTY, `answer sets ({"respondent": …, "answers": …} per line) or results`)
	if err != nil {
		return nil, "", err
	}
	defer set.Close()
	rep := inputs.NewReporter(f.IO.ErrOut)
	summary, err := inputs.ReadAnswerSets(f.Ctx, set, b, add, rep, verb)
	return rep, summary, err
}
