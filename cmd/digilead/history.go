package main

import (
	"fmt"
	"io"

	"github.com/spf13/cobra"

	"github.com/digilead/digilead/assessment/store"
	"github.com/digilead/digilead/report"
)

func newHistoryCmd(a *app) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "history",
		Short: "List your saved results, newest first",
		Long: `History lists the results saved in the data directory
($XDG_DATA_HOME/digilead, else ~/.local/share/digilead), newest first,
with the date, bank, level and target of each.`,
		Example: `  digilead history
  digilead history --format json | jq -r '.results[0].path'
  digilead compare --last`,
		Args: noArgs,
	}
	out := addOutputFlags(cmd, report.Histories, "text")
	var banks []string
	addBankFlag(cmd, &banks, "bank of the results, for its translations (default: the built-in bank)")
	lf := addLangFlags(cmd)
	cmd.RunE = func(cmd *cobra.Command, args []string) error {
		render, dest, err := out.check(a)
		if err != nil {
			return err
		}
		_, language, err := a.showIn(lf, banks)
		if err != nil {
			return err
		}
		st, err := store.Open(a.io.Getenv)
		if err != nil {
			return err
		}
		entries, err := st.Results()
		if err != nil {
			return fmt.Errorf("read %s: %w", st.Dir, err)
		}
		h := report.NewHistory(st.Dir, entries)
		if out.format == "text" {
			for _, s := range h.Skipped {
				a.say("digilead: skipped %s: %s\n", s.Path, s.Error)
			}
		}
		if len(h.Results) == 0 {
			a.say("No saved results yet in %s.\nRun 'digilead' to take the assessment; each finished assessment is saved there.\n", st.Dir)
		}
		ropts := dest.Options(false)
		ropts.Language = language
		return dest.Write(func(w io.Writer) error { return render(w, h, ropts) })
	}
	return cmd
}
