package report

import (
	"fmt"
	"math"

	"github.com/digilead/digilead/assessment"
)

// dimRow joins a dimension's score with the target's expectation: one row
// of the dimension tables of the markdown, HTML and CSV reports.
type dimRow struct {
	assessment.DimensionScore
	// Expected is nil when the target has no expectation for the
	// dimension.
	Expected *float64
	Gap      *float64
	Severity string
	// WithinError is the gap's flag: too small to tell from measurement
	// error.
	WithinError bool
}

// dimensionRows lists the dimensions in bank order with their gaps.
func dimensionRows(r *assessment.Result) []dimRow {
	gaps := make(map[string]assessment.Gap, len(r.Gaps))
	for _, g := range r.Gaps {
		gaps[g.Dimension] = g
	}
	rows := make([]dimRow, len(r.Dimensions))
	for i, d := range r.Dimensions {
		rows[i] = dimRow{DimensionScore: d}
		if g, ok := gaps[d.ID]; ok {
			e, gap := g.Expected, g.Gap
			rows[i].Expected, rows[i].Gap = &e, &gap
			rows[i].Severity, rows[i].WithinError = g.Severity, g.WithinError
		}
	}
	return rows
}

// openGaps are the gaps not yet met, largest first.
func openGaps(r *assessment.Result) []assessment.Gap {
	var open []assessment.Gap
	for _, g := range r.Gaps {
		if g.Severity != assessment.SeverityMet {
			open = append(open, g)
		}
	}
	return open
}

// metGaps names the target's expectations already met.
func metGaps(r *assessment.Result) []string {
	var names []string
	for _, g := range r.Gaps {
		if g.Severity == assessment.SeverityMet {
			names = append(names, g.Name)
		}
	}
	return names
}

// gapSummary says what a gap is in words, e.g. "small gap of 1.67 (score
// 53.33, expected 55)".
func gapSummary(g assessment.Gap) string {
	if g.Score == nil {
		return fmt.Sprintf("not enough answers to score (expected %s)", formatNum(g.Expected))
	}
	s := fmt.Sprintf("%s gap of %s (score %s, expected %s)", g.Severity, formatNum(g.Gap), formatNum(*g.Score), formatNum(g.Expected))
	if g.WithinError {
		s += "; within measurement error"
	}
	return s
}

// levelReason explains the level: the next tier up and the dimensions that
// keep it from being met.
func levelReason(r *assessment.Result) string {
	for _, tr := range r.Tiers {
		if !tr.Met {
			return fmt.Sprintf("%s is not yet met because of %s.", tr.Name, joinWords(dimensionNames(r, tr.Blocking)))
		}
	}
	return "every tier's expectations are met."
}

// scoreText is a dimension's score for tables: the number, or why there is
// none.
func scoreText(d assessment.DimensionScore) string {
	if d.Score == nil {
		return fmt.Sprintf("not scored (%d of %d answered)", d.Answered, d.Total)
	}
	return formatNum(*d.Score)
}

// optNum formats an optional number, empty when nil.
func optNum(x *float64) string {
	if x == nil {
		return ""
	}
	return formatNum(*x)
}

// orNaN is the value of x, or NaN when nil (no value on a chart).
func orNaN(x *float64) float64 {
	if x == nil {
		return math.NaN()
	}
	return *x
}

// completedDate is the day the assessment was completed, in UTC.
func completedDate(r *assessment.Result) string {
	return r.CompletedAt.UTC().Format("2006-01-02")
}

// respondentName is the name the respondent gave, else their id.
func respondentName(r *assessment.Result) string {
	if r.Respondent.Name != "" {
		return r.Respondent.Name
	}
	return r.Respondent.ID
}
