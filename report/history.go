package report

import (
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/digilead/digilead/assessment"
	"github.com/digilead/digilead/assessment/store"
	"github.com/digilead/digilead/questions"
	"github.com/digilead/digilead/questions/lang"
)

// HistorySchema is the schema id of `digilead history --format json`.
const HistorySchema = "digilead.history/v1"

// History is the digilead.history/v1 document: the saved results, newest
// first.
type History struct {
	Schema  string         `json:"schema"`
	Dir     string         `json:"dir"`
	Results []HistoryEntry `json:"results"`
	// Skipped are files in the results directory that are not readable
	// results.
	Skipped []HistorySkip `json:"skipped,omitempty"`
	// Plans are the saved development plans, newest first; absent when
	// there are none.
	Plans []HistoryPlan `json:"plans,omitempty"`
}

// HistoryPlan is one saved development plan.
type HistoryPlan struct {
	Path      string             `json:"path"`
	CreatedAt time.Time          `json:"created_at"`
	Bank      assessment.BankRef `json:"bank"`
	ReviewOn  string             `json:"review_on"`
	// Priorities are the names of the plan's priorities.
	Priorities []questions.BankText `json:"priorities"`
}

// HistoryEntry is one saved result.
type HistoryEntry struct {
	Path        string              `json:"path"`
	CompletedAt time.Time           `json:"completed_at"`
	Bank        assessment.BankRef  `json:"bank"`
	Level       *assessment.TierRef `json:"level"`
	Target      assessment.TierRef  `json:"target"`
}

// HistorySkip is a file that could not be read as a result.
type HistorySkip struct {
	Path  string `json:"path"`
	Error string `json:"error"`
}

// NewHistory lists the results of a store directory, in the order given.
func NewHistory(dir string, entries []store.Entry) *History {
	h := &History{Schema: HistorySchema, Dir: dir, Results: []HistoryEntry{}}
	for _, e := range entries {
		if e.Err != nil {
			h.Skipped = append(h.Skipped, HistorySkip{Path: e.Path, Error: e.Err.Error()})
			continue
		}
		r := e.Result
		h.Results = append(h.Results, HistoryEntry{Path: e.Path, CompletedAt: r.CompletedAt, Bank: r.Bank, Level: r.Level, Target: r.Target})
	}
	return h
}

// AddPlans lists the plans of the store directory, in the order given;
// those that could not be read are skipped.
func (h *History) AddPlans(entries []store.PlanEntry) {
	for _, e := range entries {
		if e.Err != nil {
			h.Skipped = append(h.Skipped, HistorySkip{Path: e.Path, Error: e.Err.Error()})
			continue
		}
		p := HistoryPlan{Path: e.Path, CreatedAt: e.Plan.CreatedAt, Bank: e.Plan.Result.Bank, ReviewOn: e.Plan.ReviewOn, Priorities: []questions.BankText{}}
		for _, pr := range e.Plan.Priorities {
			p.Priorities = append(p.Priorities, pr.Name)
		}
		h.Plans = append(h.Plans, p)
	}
}

// historyJSON writes the digilead.history/v1 document.
func historyJSON(w io.Writer, h *History, _ Options) error { return writeJSON(w, h) }

// historyText writes the results as a table, then the plans, dates in
// local time. An empty history writes nothing.
func historyText(w io.Writer, h *History, o Options) error {
	l := o.lang()
	if len(h.Results) > 0 {
		if err := resultsTable(w, l, h); err != nil {
			return err
		}
	}
	if len(h.Plans) == 0 {
		return nil
	}
	if len(h.Results) > 0 {
		fmt.Fprintln(w)
	}
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, strings.Join([]string{l.T("history.col.plan"), l.T("history.col.bank"), l.T("history.col.review"), l.T("history.col.priorities"), l.T("history.col.file")}, "\t"))
	for _, p := range h.Plans {
		names := make([]string, len(p.Priorities))
		for i, n := range p.Priorities {
			names[i] = string(n)
		}
		at := p.CreatedAt.Local()
		fmt.Fprintf(tw, "%s %s\t%s\t%s\t%s\t%s\n", l.Day(at), at.Format("15:04"), p.Bank.ID, planDay(l, p.ReviewOn), strings.Join(names, "; "), p.Path)
	}
	return tw.Flush()
}

// resultsTable writes the results of a history as a table.
func resultsTable(w io.Writer, l *lang.Lang, h *History) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, strings.Join([]string{l.T("history.col.date"), l.T("history.col.bank"), l.T("history.col.version"), l.T("history.col.level"), l.T("history.col.target"), l.T("history.col.file")}, "\t"))
	for _, e := range h.Results {
		level := l.T("level.developing")
		if e.Level != nil {
			level = string(e.Level.Name)
		}
		at := e.CompletedAt.Local()
		fmt.Fprintf(tw, "%s %s\t%s\t%s\t%s\t%s\t%s\n", l.Day(at), at.Format("15:04"), e.Bank.ID, e.Bank.Version, level, e.Target.Name, e.Path)
	}
	return tw.Flush()
}

// historyCSV writes one row per saved result, newest first
// (historyRows).
func historyCSV(w io.Writer, h *History, _ Options) error {
	return writeCSV(w, historyRows(h), true)
}

// historyRows are the header and rows of the csv and xlsx formats: each
// saved result's file, completion time (UTC, RFC 3339), bank, level
// (empty when no tier is met) and target.
func historyRows(h *History) [][]string {
	rows := [][]string{{"path", "completed_at", "bank_id", "bank_version", "bank_digest", "level", "target"}}
	for _, e := range h.Results {
		level := ""
		if e.Level != nil {
			level = e.Level.ID
		}
		rows = append(rows, []string{e.Path, e.CompletedAt.UTC().Format(time.RFC3339), e.Bank.ID, e.Bank.Version, e.Bank.Digest, level, e.Target.ID})
	}
	return rows
}

// historyPlanRows are the header and rows of the xlsx format's second
// sheet: each saved plan's file, when it was made (UTC, RFC 3339), bank,
// review day and priorities (their names, joined by "; ").
func historyPlanRows(h *History) [][]string {
	rows := [][]string{{"path", "created_at", "bank_id", "bank_version", "review_on", "priorities"}}
	for _, p := range h.Plans {
		names := make([]string, len(p.Priorities))
		for i, n := range p.Priorities {
			names[i] = string(n)
		}
		rows = append(rows, []string{p.Path, p.CreatedAt.UTC().Format(time.RFC3339), p.Bank.ID, p.Bank.Version, p.ReviewOn, strings.Join(names, "; ")})
	}
	return rows
}

// ReadHistory lists the results and the plans saved in st.
func ReadHistory(st *store.Store) (*History, error) {
	entries, err := st.Results()
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", st.Dir, err)
	}
	plans, err := st.Plans()
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", st.Dir, err)
	}
	h := NewHistory(st.Dir, entries)
	h.AddPlans(plans)
	return h, nil
}
