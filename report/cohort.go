package report

import (
	"fmt"
	"io"
	"math"
	"strconv"

	"github.com/digilead/digilead/assessment/cohort"
	"github.com/digilead/digilead/questions/lang"
)

// cohortJSON writes the digilead.cohort/v1 document.
func cohortJSON(w io.Writer, c *cohort.Report, _ Options) error { return writeJSON(w, c) }

// CohortCSVHeader names the columns of the cohort csv format: one row per
// dimension, in bank order, with its distribution and how common its gap
// is.
var CohortCSVHeader = []string{
	"dimension_id", "dimension", "n", "insufficient", "mean", "sd", "min", "p25", "median", "p75", "max",
	"with_gap", "assessed", "share", "mean_gap",
}

// cohortCSV writes one row per dimension under a header row (RFC 4180).
// Missing figures are empty cells. A cohort with groups (--by) has two
// more columns first, scope (all, group or other) and group (its name),
// and the rows of each group after the whole cohort's.
func cohortCSV(w io.Writer, c *cohort.Report, _ Options) error {
	return writeCSV(w, cohortRows(c), true)
}

// cohortRows are the header and the rows of the csv and xlsx formats:
// the dimensions, then, when the report has groups, each group's.
func cohortRows(c *cohort.Report) [][]string {
	rows := cohortCSVRows(c)
	if len(c.Groups) > 0 {
		rows = groupCSVRows(c, rows)
	}
	return rows
}

// cohortCSVRows are the header and the rows of the csv format.
func cohortCSVRows(c *cohort.Report) [][]string {
	rows := [][]string{CohortCSVHeader}
	gaps := gapsByDimension(c)
	for _, d := range c.Dimensions {
		row := []string{d.ID, string(d.Name), strconv.Itoa(d.N), strconv.Itoa(d.Insufficient),
			csvNum(d.Mean), csvNum(d.SD), csvNum(d.Min), csvNum(d.P25), csvNum(d.Median), csvNum(d.P75), csvNum(d.Max)}
		if g, ok := gaps[d.ID]; ok {
			row = append(row, strconv.Itoa(g.WithGap), strconv.Itoa(g.Assessed), strconv.FormatFloat(g.Share, 'f', -1, 64), csvNum(g.MeanGap))
		} else {
			row = append(row, "", "", "", "")
		}
		rows = append(rows, row)
	}
	return rows
}

func gapsByDimension(c *cohort.Report) map[string]cohort.Gap {
	m := make(map[string]cohort.Gap, len(c.Gaps))
	for _, g := range c.Gaps {
		m[g.Dimension] = g
	}
	return m
}

// cohortTopGaps is how many common gaps the text and handout list.
const cohortTopGaps = 5

// topGaps returns the most common gaps that someone has, largest share
// first.
func topGaps(c *cohort.Report, n int) []cohort.Gap {
	var gs []cohort.Gap
	for _, g := range c.Gaps {
		if g.WithGap > 0 && len(gs) < n {
			gs = append(gs, g)
		}
	}
	return gs
}

// percent writes a share (0-1) as a whole percentage.
func percent(l *lang.Lang, share float64) string {
	return l.Percent(fmt.Sprintf("%.0f", math.Round(share*100)))
}

// fig writes a figure as a whole number (whole; the JSON and CSV keep
// the exact one), or an en dash when there is none.
func fig(l *lang.Lang, x *float64) string {
	if x == nil {
		return "–"
	}
	return whole(l, *x)
}

// figGap writes g's mean gap as a whole number, at least 1 (wholeGap),
// "too few to show" when it is withheld, or an en dash when there is
// none.
func figGap(l *lang.Lang, g cohort.Gap) string {
	switch {
	case g.MeanGapWithheld != "":
		return l.T("cohort.withheld_short")
	case g.MeanGap == nil:
		return "–"
	}
	return wholeGap(l, *g.MeanGap)
}

// share is n out of total as a fraction, 0 when total is 0.
func share(n, total int) float64 {
	if total == 0 {
		return 0
	}
	return float64(n) / float64(total)
}

// cohortIntro is the opening sentence of every human-readable format.
func cohortIntro(l *lang.Lang, c *cohort.Report) string {
	s := l.N("cohort.intro", c.Participants, "Title", c.Bank.Title, "Version", c.Bank.Version)
	if c.GapTarget != nil {
		return s + " " + l.T("cohort.intro_target", "Tier", c.GapTarget.Name)
	}
	return s + " " + l.T("cohort.intro_own")
}

// gapSentence describes a common gap.
func gapSentence(l *lang.Lang, g cohort.Gap) string {
	return l.T("cohort.gap", "Name", g.Name, "With", g.WithGap, "Assessed", g.Assessed, "Share", percent(l, g.Share), "Mean", figGap(l, g))
}

// insufficientNote lists the dimensions where some people had too few
// answers, or "" when there are none.
func insufficientNote(l *lang.Lang, c *cohort.Report) string {
	var parts []any
	for _, d := range c.Dimensions {
		if d.Insufficient > 0 {
			parts = append(parts, l.T("cohort.insufficient_item", "Name", d.Name, "N", d.Insufficient))
		}
	}
	if len(parts) == 0 {
		return ""
	}
	return l.T("cohort.insufficient", "Items", lang.Joined{Items: parts, Sep: "list.separator"})
}

// withheldNote lists the dimensions whose figures are withheld because
// too few were scored in them, or "" when there are none.
func withheldNote(l *lang.Lang, c *cohort.Report) string {
	return dimensionsNote(l, c, "cohort.withheld", func(d cohort.Dimension) bool { return d.Withheld != "" })
}

// gapWithheldNote lists the dimensions whose gaps are withheld, or "".
func gapWithheldNote(l *lang.Lang, c *cohort.Report) string {
	return dimensionsNote(l, c, "cohort.gap_withheld", func(d cohort.Dimension) bool { return d.GapWithheld != "" })
}

// dimensionsNote is message key listing the names of the dimensions of c
// that pass, or "" when none does.
func dimensionsNote(l *lang.Lang, c *cohort.Report, key string, pass func(cohort.Dimension) bool) string {
	var names []any
	for _, d := range c.Dimensions {
		if pass(d) {
			names = append(names, d.Name)
		}
	}
	if len(names) == 0 {
		return ""
	}
	return l.T(key, "Min", c.MinGroup, "Items", lang.Joined{Items: names, Sep: "list.separator"})
}

// levelName names a level of a cohort in l: a tier's name, or
// "Developing" for those who meet none.
func levelName(l *lang.Lang, lv cohort.LevelCount) string {
	if lv.ID == nil {
		return l.T("level.developing")
	}
	return string(lv.Name)
}

// levelRows are the table rows of a cohort's levels: name, count and share.
func levelRows(l *lang.Lang, c *cohort.Report) [][]string {
	rows := make([][]string, 0, len(c.Levels))
	for _, lv := range c.Levels {
		rows = append(rows, []string{levelName(l, lv), strconv.Itoa(lv.Count), percent(l, share(lv.Count, c.Participants))})
	}
	return rows
}
