package main

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"runtime/debug"
	"strings"

	"github.com/spf13/cobra"

	"github.com/digilead/digilead/assessment"
	"github.com/digilead/digilead/assessment/batch"
	"github.com/digilead/digilead/assessment/store"
	"github.com/digilead/digilead/questions"
)

type scoreOptions struct {
	bank, target, format, output string
	workers                      int
}

func newScoreCmd(a *app) *cobra.Command {
	o := &scoreOptions{}
	cmd := &cobra.Command{
		Use:   "score [FILE...]",
		Short: "Score many answer sets (JSON Lines) into results, one per line",
		Long: `Score reads answer sets as JSON Lines, one per line, from the files named
(or stdin, for - or no file) and writes one result per line to stdout, in
input order:

  {"respondent": {"id": "e123", "role": "operational"}, "answers": {"vis-horizon": 4, ...}}

Each line is the answers format of 'digilead assess --answers' as one JSON
object (an optional "bank" must match the bank in use). Empty lines are
skipped; a line may be at most 1 MiB.

A line that cannot be scored is reported on stderr as LINE: question-id:
problem (FILE:LINE with several files) and left out; the other lines are
still scored. A summary of scored and rejected lines ends the run.

--format csv writes one row per respondent: id, name, role, level (empty
when no tier is met), target, one score column per dimension (empty when
there were too few answers) and one readiness column per tier.

Exit status: 0 all scored, 1 some lines rejected, 2 unusable arguments or
bank, 130 interrupted.`,
		Example: `  digilead score answers.jsonl > results.jsonl
  digilead score --format csv -o scores.csv dept-a.jsonl dept-b.jsonl
  export-tool | digilead score | digilead cohort`,
		RunE: func(cmd *cobra.Command, args []string) error {
			return runScore(a, o, args)
		},
	}
	f := cmd.Flags()
	f.StringVar(&o.bank, "bank", "", "question bank file or directory (default: the built-in bank)")
	f.StringVar(&o.target, "target", "", "tier to measure everyone's gaps against (default: each person's role, or the tier above their level)")
	f.StringVarP(&o.format, "format", "f", batch.JSONL, "output format: "+strings.Join(batch.Formats, ", "))
	f.StringVarP(&o.output, "output", "o", "", "write to `FILE` (mode 0600) instead of stdout")
	f.IntVar(&o.workers, "workers", 0, "parallel workers (default: one per CPU)")
	return cmd
}

func runScore(a *app, o *scoreOptions, args []string) error {
	if o.workers < 0 {
		return usageError("--workers: must be 1 or more, got %d", o.workers)
	}
	b, err := loadBankTarget(o.bank, o.target)
	if err != nil {
		return err
	}
	scorer, err := batch.NewScorer(b, assessment.Options{Target: o.target, Now: a.now(), Tool: a.tool()}, o.format)
	if err != nil {
		return usageError("--format: %v", err)
	}
	inputs, closeInputs, err := a.openInputs(args)
	if err != nil {
		return err
	}
	defer closeInputs()

	// The live heap is small and flat (a few chunks in flight); collecting
	// less often saves a fifth of the CPU, and the soft limit keeps the
	// peak well under 64 MiB however long the input.
	debug.SetGCPercent(200)
	debug.SetMemoryLimit(40 << 20)
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	var sum batch.Summary
	err = a.streamOutput(o.output, func(w io.Writer) error {
		sum, err = scorer.Run(ctx, inputs, batch.Options{Workers: o.workers}, func(p []byte) error {
			_, err := w.Write(p)
			return err
		}, func(ps questions.Problems) { a.printLineProblems(ps, len(inputs) > 1) })
		return err
	})
	switch {
	case ctx.Err() != nil:
		return errInterrupted
	case err != nil:
		return err
	}
	fmt.Fprintf(a.io.ErrOut, "digilead score: %d scored, %d rejected\n", sum.Scored, sum.Rejected)
	if sum.Rejected > 0 {
		return silent(exitFailure)
	}
	return nil
}

// loadBankArg loads the --bank bank; a missing one is a usage error.
func loadBankArg(path string) (*questions.Bank, error) {
	if _, err := os.Stat(path); path != "" && errors.Is(err, os.ErrNotExist) {
		return nil, usageError("--bank: bank %s: no such file or directory", path)
	}
	return loadBank(path)
}

// loadBankTarget loads the --bank bank and checks --target against it.
func loadBankTarget(path, target string) (*questions.Bank, error) {
	b, err := loadBankArg(path)
	if err != nil {
		return nil, err
	}
	if err := checkTarget(b, target); err != nil {
		return nil, err
	}
	return b, nil
}

// printLineProblems reports a bad input line on stderr as LINE: field:
// problem, or FILE:LINE: … when several inputs are read.
func (a *app) printLineProblems(ps questions.Problems, withFile bool) {
	for _, p := range ps {
		if !withFile {
			where := fmt.Sprint(p.Pos.Line)
			p.Pos = questions.Pos{}
			fmt.Fprintf(a.io.ErrOut, "%s: %s\n", where, p)
			continue
		}
		fmt.Fprintln(a.io.ErrOut, p)
	}
}

// openInputs opens the named files, or stdin for "-" or no names.
func (a *app) openInputs(args []string) ([]batch.Input, func(), error) {
	if len(args) == 0 {
		if a.io.InTTY {
			return nil, nil, usageError("no input: name JSON Lines files, or pipe them on stdin")
		}
		args = []string{"-"}
	}
	var files []*os.File
	closeAll := func() {
		for _, f := range files {
			f.Close()
		}
	}
	inputs := make([]batch.Input, 0, len(args))
	for _, path := range args {
		if path == "-" {
			inputs = append(inputs, batch.Input{Name: "stdin", R: a.io.In})
			continue
		}
		f, err := os.Open(path)
		if err != nil {
			closeAll()
			if errors.Is(err, os.ErrNotExist) {
				return nil, nil, usageError("%s: no such file", path)
			}
			return nil, nil, fmt.Errorf("%s: %w", path, cleanErr(err))
		}
		if fi, err := f.Stat(); err == nil && fi.IsDir() {
			f.Close()
			closeAll()
			return nil, nil, usageError("%s is a directory; name JSON Lines files", path)
		}
		files = append(files, f)
		inputs = append(inputs, batch.Input{Name: path, R: f})
	}
	return inputs, closeAll, nil
}

// streamOutput lets write stream to stdout, or to the -o file, which
// appears complete (mode 0600) only when write succeeds.
func (a *app) streamOutput(path string, write func(io.Writer) error) error {
	if path == "" || path == "-" {
		bw := bufio.NewWriterSize(a.io.Out, 256<<10)
		if err := write(bw); err != nil {
			return err
		}
		return bw.Flush()
	}
	f, err := store.CreateAtomic(path, 0o600)
	if err != nil {
		return fmt.Errorf("write %s: %w; check the directory exists and is writable", path, cleanErr(err))
	}
	bw := bufio.NewWriterSize(f, 256<<10)
	if err := write(bw); err != nil {
		f.Abort()
		return err
	}
	if err := bw.Flush(); err != nil {
		f.Abort()
		return fmt.Errorf("write %s: %w", path, cleanErr(err))
	}
	if err := f.Commit(); err != nil {
		return fmt.Errorf("write %s: %w", path, cleanErr(err))
	}
	return nil
}
