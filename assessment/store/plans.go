package store

import (
	"path/filepath"
	"slices"
	"strings"

	"github.com/digilead/digilead/assessment/plan"
)

func (s *Store) plansDir() string { return filepath.Join(s.Dir, "plans") }

// SavePlan writes a plan into the plans directory, beside the results,
// atomically and with mode 0600, and returns its path.
func (s *Store) SavePlan(p *plan.Plan) (string, error) {
	return writeNew(s.plansDir(), p.CreatedAt.UTC().Format("2006-01-02T150405Z")+"-"+safeName(p.Result.Bank.ID)+".plan", p, "plan")
}

// PlanEntry is one saved plan. Err is set (and Plan nil) when the file
// could not be read as a plan.
type PlanEntry struct {
	Path string
	Plan *plan.Plan
	Err  error
}

// Plans lists the saved plans, newest first (by creation time, then file
// name); those that could not be read last. A missing directory is an
// empty list.
func (s *Store) Plans() ([]PlanEntry, error) {
	files, err := filepath.Glob(filepath.Join(s.plansDir(), "*.json"))
	if err != nil {
		return nil, err
	}
	entries := make([]PlanEntry, 0, len(files))
	for _, f := range files {
		e := PlanEntry{Path: f}
		data, err := readResult(f)
		if err == nil {
			e.Plan, err = plan.Decode(data)
		}
		e.Err = err
		entries = append(entries, e)
	}
	slices.SortStableFunc(entries, func(a, b PlanEntry) int {
		if (a.Plan == nil) != (b.Plan == nil) {
			if a.Plan != nil {
				return -1
			}
			return 1
		}
		if a.Plan != nil {
			if c := b.Plan.CreatedAt.Compare(a.Plan.CreatedAt); c != 0 {
				return c
			}
		}
		return strings.Compare(b.Path, a.Path)
	})
	return entries, nil
}
