package main

import (
	"fmt"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/spf13/cobra"

	"github.com/digilead/digilead/assessment"
	"github.com/digilead/digilead/assessment/store"
	"github.com/digilead/digilead/report"
)

// historySchema is the schema id of `digilead history --format json`.
const historySchema = "digilead.history/v1"

// historyDoc is the digilead.history/v1 document.
type historyDoc struct {
	Schema  string         `json:"schema"`
	Dir     string         `json:"dir"`
	Results []historyEntry `json:"results"`
	// Skipped are files in the results directory that are not readable
	// results.
	Skipped []historySkip `json:"skipped,omitempty"`
}

type historyEntry struct {
	Path        string              `json:"path"`
	CompletedAt time.Time           `json:"completed_at"`
	Bank        assessment.BankRef  `json:"bank"`
	Level       *assessment.TierRef `json:"level"`
	Target      assessment.TierRef  `json:"target"`
}

type historySkip struct {
	Path  string `json:"path"`
	Error string `json:"error"`
}

func newHistoryCmd(a *app) *cobra.Command {
	var format string
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
		RunE: func(cmd *cobra.Command, args []string) error {
			return runHistory(a, format)
		},
	}
	cmd.Flags().StringVarP(&format, "format", "f", "text", "output format: text, json")
	return cmd
}

func runHistory(a *app, format string) error {
	if format != "text" && format != "json" {
		return usageError("--format: unknown format %q; use one of text, json", format)
	}
	st, err := store.Open(a.io.Getenv)
	if err != nil {
		return err
	}
	entries, err := st.Results()
	if err != nil {
		return fmt.Errorf("read %s: %w", st.Dir, err)
	}
	doc := historyDoc{Schema: historySchema, Dir: st.Dir, Results: []historyEntry{}}
	for _, e := range entries {
		if e.Err != nil {
			doc.Skipped = append(doc.Skipped, historySkip{Path: e.Path, Error: e.Err.Error()})
			continue
		}
		r := e.Result
		doc.Results = append(doc.Results, historyEntry{Path: e.Path, CompletedAt: r.CompletedAt, Bank: r.Bank, Level: r.Level, Target: r.Target})
	}
	if format == "text" {
		for _, s := range doc.Skipped {
			fmt.Fprintf(a.io.ErrOut, "digilead: skipped %s: %s\n", s.Path, s.Error)
		}
	}
	if len(doc.Results) == 0 {
		fmt.Fprintf(a.io.ErrOut, "No saved results yet in %s.\nRun 'digilead' to take the assessment; each finished assessment is saved there.\n", st.Dir)
		if format == "text" {
			return nil
		}
	}
	return a.writeOutput("", func(w *strings.Builder) error {
		if format == "json" {
			return report.WriteJSON(w, doc)
		}
		writeHistory(w, doc.Results)
		return nil
	})
}

// writeHistory writes the results as a table, dates in local time.
func writeHistory(w *strings.Builder, results []historyEntry) {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "DATE\tBANK\tVERSION\tLEVEL\tTARGET\tFILE")
	for _, e := range results {
		level := "Developing"
		if e.Level != nil {
			level = e.Level.Name
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\n", e.CompletedAt.Local().Format("2006-01-02 15:04"), e.Bank.ID, e.Bank.Version, level, e.Target.Name, e.Path)
	}
	tw.Flush()
}
