package main

import (
	"github.com/spf13/cobra"

	"github.com/digilead/digilead/assessment/store"
	"github.com/digilead/digilead/cmd/internal/cmdutil"
	"github.com/digilead/digilead/cmd/internal/docflags"
	"github.com/digilead/digilead/report"
)

// historyOptions are the flags of `digilead history`.
type historyOptions struct {
	*factory
	doc docflags.Doc[*report.History]
}

func newHistoryCmd(f *factory, runF func(*historyOptions) error) *cobra.Command {
	opts := &historyOptions{factory: f}
	cmd := &cobra.Command{
		Use:   "history",
		Short: "List your saved results and development plans, newest first",
		Long: `History lists the results saved in the data directory
($XDG_DATA_HOME/digilead, else ~/.local/share/digilead; on Windows
%LocalAppData%\digilead), newest first,
with the date, bank, level and target of each, then the development
plans saved there ('digilead plan'), with their review dates.`,
		Example: `  digilead history
  digilead history --format json | jq -r '.results[0].path // "no saved results"'
  digilead compare --last`,
		Args: cmdutil.NoArgs,
		RunE: cmdutil.RunE(opts, runF, historyRun),
	}
	docflags.AddDoc(cmd, &opts.doc, report.Histories, "text", "bank of the results, for its translations (default: the built-in bank)", "")
	return cmd
}

func historyRun(opts *historyOptions) error {
	if err := opts.doc.Load(opts.Ctx, opts.IO); err != nil {
		return err
	}
	st, err := store.Open(opts.IO.Getenv)
	if err != nil {
		return err
	}
	h, err := report.ReadHistory(st)
	if err != nil {
		return err
	}
	if opts.doc.Out.Format == "text" {
		for _, s := range h.Skipped {
			opts.Say("digilead: skipped %s: %s\n", s.Path, s.Error)
		}
	}
	if len(h.Results) == 0 && len(h.Plans) == 0 {
		opts.Say("No saved results yet in %s.\nRun 'digilead' to take the assessment; each finished assessment is saved there.\n", st.Dir)
	}
	return opts.doc.Write(opts.IO, h)
}
