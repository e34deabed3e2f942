package report

import (
	"math"

	"github.com/digilead/digilead/assessment"
	"github.com/digilead/digilead/questions/lang"
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
			names = append(names, string(g.Name))
		}
	}
	return names
}

// gapSummary says what a gap is in words, e.g. "small gap of 1.67 (score
// 53.33, expected 55)".
func gapSummary(l *lang.Lang, g assessment.Gap) string {
	if g.Score == nil {
		return l.T("report.summary.unscored", "Expected", whole(l, g.Expected))
	}
	id := "report.summary"
	if g.WithinError {
		id = "report.summary_within"
	}
	return l.T(id, "Gap", l.TOr("report.gap_of."+g.Severity, g.Severity, "N", wholeGap(l, g.Gap)), "Score", whole(l, *g.Score), "Expected", whole(l, g.Expected))
}

// levelReason explains the level: the next tier up and the dimensions that
// keep it from being met.
func levelReason(l *lang.Lang, r *assessment.Result) string {
	why := l.T("report.why.all_met")
	for _, tr := range r.Tiers {
		if !tr.Met {
			why = whyNotMet(l, r, tr, dimensionNames(r, tr.Blocking))
			break
		}
	}
	if below := withinErrorMet(l, r); below != "" {
		why += " " + below
	}
	return why
}

// scoreText is a dimension's score for tables: the number, or why there is
// none.
func scoreText(l *lang.Lang, d assessment.DimensionScore) string {
	if d.Score == nil {
		return l.T("report.score_unscored", "Answered", d.Answered, "Total", d.Total)
	}
	return whole(l, *d.Score)
}

// severityText is a dimension's gap severity in words, for tables.
func severityText(l *lang.Lang, d dimRow) string {
	if d.Severity == "" {
		return ""
	}
	s := l.TOr("severity."+d.Severity, d.Severity)
	if d.WithinError {
		s = l.T("report.severity_within", "Severity", s)
	}
	return s
}

// optWhole formats an optional figure as a whole number, empty when nil.
func optWhole(l *lang.Lang, x *float64) string {
	if x == nil {
		return ""
	}
	return whole(l, *x)
}

// orNaN is the value of x, or NaN when nil (no value on a chart).
func orNaN(x *float64) float64 {
	if x == nil {
		return math.NaN()
	}
	return *x
}

// respondentName is the name the respondent gave, else their id.
func respondentName(r *assessment.Result) string {
	if r.Respondent.Name != "" {
		return r.Respondent.Name
	}
	return r.Respondent.ID
}
