package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"github.com/digilead/digilead/assessment/batch"
	"github.com/digilead/digilead/assessment/cohort"
	"github.com/digilead/digilead/questions"
	"github.com/digilead/digilead/report"
)

type cohortOptions struct {
	bank, target, format, output string
	minGroup                     int
	accessible                   bool
}

func newCohortCmd(a *app) *cobra.Command {
	o := &cohortOptions{}
	cmd := &cobra.Command{
		Use:   "cohort [PATH...]",
		Short: "Sum up a group's results: score spread, levels and common gaps",
		Long: `Cohort reads the results of a group and reports where the group stands:
per dimension the spread of scores (n, mean, sd, min, quartiles, max), how
many people are at each level, how ready the group is for each tier, and
which gaps are most common.

PATH is a result JSON file, a directory of them (*.json and *.jsonl files,
for example the folder where a workshop's results were collected) or a
JSON Lines file from 'digilead score'; with no PATH, or -, results are
read from stdin. All results must come from the same bank and version.

The report is anonymous: no names or respondent ids appear in any format,
and a group smaller than --min-group is refused, since people could be
recognised from the figures.

Gaps are counted against each person's own target tier; --target measures
everyone against one tier, using the bank's expectations (the built-in
bank, or --bank for results scored with another).`,
		Example: `  digilead cohort workshop-results/
  digilead score answers.jsonl | digilead cohort --format json
  digilead cohort --format html -o handout.html workshop-results/
  digilead cohort --target strategic --format csv dept/*.json`,
		RunE: func(cmd *cobra.Command, args []string) error {
			return runCohort(a, o, args)
		},
	}
	f := cmd.Flags()
	f.StringVar(&o.bank, "bank", "", "bank the results were scored with, for --target (default: the built-in bank)")
	f.StringVar(&o.target, "target", "", "tier to measure everyone's gaps against (default: each person's own target)")
	f.IntVar(&o.minGroup, "min-group", cohort.DefaultMinGroup, "refuse groups smaller than `N`, so no one can be recognised")
	f.StringVarP(&o.format, "format", "f", "text", "output format: "+strings.Join(report.CohortFormats(), ", "))
	f.StringVarP(&o.output, "output", "o", "", "write the report to `FILE` (mode 0600) instead of stdout")
	f.BoolVar(&o.accessible, "accessible", false, "screen-reader mode: the text report in sentences, without bars (also ACCESSIBLE=1)")
	return cmd
}

func runCohort(a *app, o *cohortOptions, args []string) error {
	render, err := report.LookupCohort(o.format)
	if err != nil {
		return usageError("--format: %v", err)
	}
	if o.minGroup < 1 {
		return usageError("--min-group: must be 1 or more, got %d", o.minGroup)
	}
	o.accessible = a.accessibleMode(o.accessible)
	copts := cohort.Options{MinGroup: o.minGroup}
	if o.bank != "" || o.target != "" {
		if copts.Bank, err = loadBankTarget(o.bank, o.target); err != nil {
			return err
		}
		copts.Target, _ = copts.Bank.Tier(o.target)
	}
	paths, err := expandCohortPaths(args)
	if err != nil {
		return err
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	b := cohort.New(copts)
	bad := &badInputs{w: a.io.ErrOut}
	for _, p := range paths {
		if err := a.readResults(ctx, p, b, bad); err != nil {
			if ctx.Err() != nil {
				return errInterrupted
			}
			return err
		}
	}
	if bad.n > 0 {
		return &exitError{code: exitUsage, err: fmt.Errorf("%d %s could not be read (listed above); a cohort report needs every result: fix or remove them", bad.n, plural(bad.n, "result", "results"))}
	}
	rep, err := b.Report()
	if err != nil {
		return err
	}
	ropts := a.reportOptions(o.output, o.accessible)
	return a.writeOutput(o.output, func(w *strings.Builder) error { return render(w, rep, ropts) })
}

// expandCohortPaths turns directories into the result files they hold,
// in name order; no paths means stdin.
func expandCohortPaths(args []string) ([]string, error) {
	if len(args) == 0 {
		return []string{"-"}, nil
	}
	var paths []string
	for _, arg := range args {
		info, err := os.Stat(arg)
		switch {
		case arg == "-":
			paths = append(paths, arg)
			continue
		case errors.Is(err, os.ErrNotExist):
			return nil, usageError("%s: no such file or directory", arg)
		case err != nil:
			return nil, fmt.Errorf("%s: %w", arg, cleanErr(err))
		case !info.IsDir():
			paths = append(paths, arg)
			continue
		}
		entries, err := os.ReadDir(arg)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", arg, cleanErr(err))
		}
		n := 0
		for _, e := range entries {
			ext := strings.ToLower(filepath.Ext(e.Name()))
			if e.IsDir() || strings.HasPrefix(e.Name(), ".") || (ext != ".json" && ext != ".jsonl") {
				continue
			}
			paths = append(paths, filepath.Join(arg, e.Name()))
			n++
		}
		if n == 0 {
			return nil, usageError("%s holds no result files (*.json or *.jsonl)", arg)
		}
	}
	return paths, nil
}

// badInputs reports results that cannot be read, on stderr, up to a limit.
type badInputs struct {
	w io.Writer
	n int
}

const maxBadShown = 20

func (b *badInputs) add(where string, err error) {
	b.n++
	switch {
	case b.n <= maxBadShown:
		fmt.Fprintf(b.w, "%s: %v\n", where, err)
	case b.n == maxBadShown+1:
		fmt.Fprintln(b.w, "… (more not shown)")
	}
}

// readResults adds the results of one input (a file, or stdin for "-") to
// the cohort: JSON Lines in parallel, or one (pretty-printed) document.
func (a *app) readResults(ctx context.Context, path string, b *cohort.Builder, bad *badInputs) error {
	name := path
	var r io.Reader = a.io.In
	if path == "-" {
		name = "stdin"
	} else {
		f, err := os.Open(path)
		if err != nil {
			return fmt.Errorf("%s: %w", path, cleanErr(err))
		}
		defer f.Close()
		r = f
	}
	br := bufio.NewReaderSize(r, 64<<10)
	if !isJSONLines(br) {
		data, err := questions.ReadLimited(br, questions.MaxFileSize)
		if err != nil {
			return fmt.Errorf("%s: %w", name, err)
		}
		if e, err := cohort.Decode(data); err != nil {
			bad.add(name, err)
		} else {
			b.Add(e, name)
		}
		return nil
	}
	type decoded struct {
		entries []*cohort.Entry
		errs    []error
	}
	return batch.Run(ctx, []batch.Input{{Name: name, R: br}}, batch.Options{}, func(lines []batch.Line, s *decoded) {
		s.entries, s.errs = s.entries[:0], s.errs[:0]
		for _, l := range lines {
			err := l.Err
			var e *cohort.Entry
			if err == nil {
				e, err = cohort.Decode(l.Data)
			}
			s.entries, s.errs = append(s.entries, e), append(s.errs, err)
		}
	}, func(lines []batch.Line, s *decoded) error {
		for i, l := range lines {
			where := fmt.Sprintf("%s:%d", l.Source, l.No)
			if s.errs[i] != nil {
				bad.add(where, s.errs[i])
				continue
			}
			b.Add(s.entries[i], where)
		}
		return nil
	})
}

// isJSONLines reports whether the input's first line is a whole JSON
// value (JSON Lines), rather than the start of a pretty-printed document.
func isJSONLines(br *bufio.Reader) bool {
	data, err := br.Peek(br.Size())
	data = bytes.TrimLeft(data, " \t\r\n")
	nl := bytes.IndexByte(data, '\n')
	switch {
	case nl >= 0:
		return json.Valid(data[:nl])
	case err != nil: // the whole input is here, on one line
		return false
	}
	return true // a first line longer than the buffer: not pretty-printed
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
