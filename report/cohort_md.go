package report

import (
	"io"
	"strconv"

	"github.com/digilead/digilead/assessment/cohort"
)

// CohortMarkdown writes the cohort summary as CommonMark with GFM tables,
// for a wiki page or a workshop write-up.
func CohortMarkdown(w io.Writer, c *cohort.Report, _ Options) error {
	var m md
	m.line("# Digital leadership cohort report")
	m.blank()
	m.line(mdEscape(cohortIntro(c)))

	m.heading("## Dimension scores")
	rows := [][]string{{"Dimension", "n", "Insufficient", "Mean", "SD", "Min", "P25", "Median", "P75", "Max"}}
	for _, d := range c.Dimensions {
		rows = append(rows, []string{d.Name, strconv.Itoa(d.N), strconv.Itoa(d.Insufficient), fig(d.Mean), fig(d.SD), fig(d.Min), fig(d.P25), fig(d.Median), fig(d.P75), fig(d.Max)})
	}
	m.table(rows, "l", "r", "r", "r", "r", "r", "r", "r", "r", "r")

	m.heading("## Levels")
	m.table(append([][]string{{"Level", "People", "Share"}}, levelRows(c)...), "l", "r", "r")

	m.heading("## Tiers")
	rows = [][]string{{"Tier", "Met", "Share", "Mean readiness"}}
	for _, t := range c.Tiers {
		rows = append(rows, []string{t.Name, strconv.Itoa(t.Met), percent(share(t.Met, c.Participants)), num(t.ReadinessMean) + "%"})
	}
	m.table(rows, "l", "r", "r", "r")

	m.heading("## Common gaps")
	rows = [][]string{{"Dimension", "With a gap", "Assessed", "Share", "Mean gap"}}
	for _, g := range c.Gaps {
		rows = append(rows, []string{g.Name, strconv.Itoa(g.WithGap), strconv.Itoa(g.Assessed), percent(g.Share), fig(g.MeanGap)})
	}
	m.table(rows, "l", "r", "r", "r", "r")
	groupsMarkdown(&m, c)

	m.blank()
	if note := insufficientNote(c); note != "" {
		m.line(mdEscape(note))
		m.blank()
	}
	m.line("_" + mdEscape(cohortPrivacy) + "_")
	_, err := io.WriteString(w, m.String())
	return err
}
