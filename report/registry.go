package report

import (
	"fmt"
	"io"
	"maps"
	"slices"
	"strings"

	"github.com/digilead/digilead/assessment"
	"github.com/digilead/digilead/assessment/batch"
	"github.com/digilead/digilead/assessment/calibrate"
	"github.com/digilead/digilead/assessment/cohort"
	"github.com/digilead/digilead/assessment/compare"
	"github.com/digilead/digilead/assessment/itemstats"
	"github.com/digilead/digilead/assessment/review"
)

// Render writes one document of type D in some format.
type Render[D any] func(w io.Writer, doc D, o Options) error

// Registry names the formats of one kind of document. F is what a format
// name stands for: a Render function, or a batch.Format for score.
type Registry[F any] struct{ m map[string]F }

// Names lists the formats, sorted.
func (r Registry[F]) Names() []string { return slices.Sorted(maps.Keys(r.m)) }

// Lookup returns what a format name stands for, or an error naming the
// formats there are.
func (r Registry[F]) Lookup(name string) (F, error) {
	f, ok := r.m[name]
	if !ok {
		return f, fmt.Errorf("unknown format %q; use one of %s", name, strings.Join(r.Names(), ", "))
	}
	return f, nil
}

// Every format of every document, in one place.
var (
	// Results are the formats of one person's result.
	Results = Registry[Render[*assessment.Result]]{map[string]Render[*assessment.Result]{
		"text":     Text,
		"json":     JSON,
		"markdown": Markdown,
		"html":     HTML,
		"csv":      CSV,
	}}
	// Comparisons are the formats of `digilead compare`.
	Comparisons = Registry[Render[*compare.Comparison]]{map[string]Render[*compare.Comparison]{
		"text":     CompareText,
		"markdown": CompareMarkdown,
		"json":     CompareJSON,
	}}
	// Cohorts are the formats of a group's summary.
	Cohorts = Registry[Render[*cohort.Report]]{map[string]Render[*cohort.Report]{
		"text":     CohortText,
		"json":     CohortJSON,
		"csv":      CohortCSV,
		"markdown": CohortMarkdown,
		"html":     CohortHTML,
	}}
	// ItemAnalyses are the formats of `digilead bank stats`.
	ItemAnalyses = Registry[Render[*itemstats.Report]]{map[string]Render[*itemstats.Report]{
		"text":     ItemStatsText,
		"json":     ItemStatsJSON,
		"csv":      ItemStatsCSV,
		"markdown": ItemStatsMarkdown,
	}}
	// Calibrations are the formats of `digilead bank calibrate`.
	Calibrations = Registry[Render[*calibrate.Report]]{map[string]Render[*calibrate.Report]{
		"text":     CalibrationText,
		"json":     CalibrationJSON,
		"markdown": CalibrationMarkdown,
	}}
	// Reviews are the formats of `digilead bank review`.
	Reviews = Registry[Render[*review.Report]]{map[string]Render[*review.Report]{
		"text":     ReviewText,
		"json":     ReviewJSON,
		"markdown": ReviewMarkdown,
	}}
	// Histories are the formats of `digilead history`.
	Histories = Registry[Render[*History]]{map[string]Render[*History]{
		"text": HistoryText,
		"json": HistoryJSON,
	}}
	// Scores are the formats of `digilead score`, written by its workers.
	Scores = Registry[batch.Format]{map[string]batch.Format{
		"jsonl": batch.JSONL,
		"csv":   batch.CSV,
	}}
)
