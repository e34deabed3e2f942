package report

import (
	"io"
	"strconv"

	"github.com/digilead/digilead/assessment/cohort"
)

// cohortMarkdown writes the cohort summary as CommonMark with GFM tables,
// for a wiki page or a workshop write-up.
func cohortMarkdown(w io.Writer, c *cohort.Report, o Options) error {
	l := o.lang()
	m := md{l: l}
	m.line("# " + mdEscape(l.T("cohort.title")))
	m.blank()
	m.line(mdEscape(cohortIntro(l, c)))

	m.heading("## " + mdEscape(l.T("report.dimension_scores")))
	rows := [][]string{{l.T("report.col.dimension"), l.T("cohort.md.n"), l.T("cohort.md.insufficient"), l.T("cohort.md.mean"), l.T("cohort.md.sd"),
		l.T("cohort.md.min"), l.T("cohort.md.p25"), l.T("cohort.md.median"), l.T("cohort.md.p75"), l.T("cohort.md.max")}}
	for _, d := range c.Dimensions {
		rows = append(rows, []string{string(d.Name), strconv.Itoa(d.N), strconv.Itoa(d.Insufficient), fig(l, d.Mean), fig(l, d.SD), fig(l, d.Min), fig(l, d.P25), fig(l, d.Median), fig(l, d.P75), fig(l, d.Max)})
	}
	m.table(rows, "l", "r", "r", "r", "r", "r", "r", "r", "r", "r")
	if note := withheldNote(l, c); note != "" {
		m.blank()
		m.line(mdEscape(note))
	}

	m.heading("## " + mdEscape(l.T("cohort.levels")))
	m.table(append([][]string{{l.T("cohort.md.level"), l.T("cohort.md.people"), l.T("cohort.md.share")}}, levelRows(l, c)...), "l", "r", "r")

	m.heading("## " + mdEscape(l.T("cohort.tiers")))
	rows = [][]string{{l.T("report.col.tier"), l.T("report.col.met"), l.T("cohort.md.share"), l.T("cohort.md.mean_readiness")}}
	for _, t := range c.Tiers {
		rows = append(rows, []string{string(t.Name), strconv.Itoa(t.Met), percent(l, share(t.Met, c.Participants)), readinessPct(l, t.ReadinessMean)})
	}
	m.table(rows, "l", "r", "r", "r")

	m.heading("## " + mdEscape(l.T("cohort.md.common_gaps")))
	rows = [][]string{{l.T("report.col.dimension"), l.T("cohort.md.with_gap"), l.T("cohort.md.assessed"), l.T("cohort.md.share"), l.T("cohort.md.mean_gap")}}
	for _, g := range c.Gaps {
		rows = append(rows, []string{string(g.Name), strconv.Itoa(g.WithGap), strconv.Itoa(g.Assessed), percent(l, g.Share), figGap(l, g)})
	}
	m.table(rows, "l", "r", "r", "r", "r")
	if note := gapWithheldNote(l, c); note != "" {
		m.blank()
		m.line(mdEscape(note))
	}
	groupsMarkdown(&m, c)

	m.blank()
	if note := insufficientNote(l, c); note != "" {
		m.line(mdEscape(note))
		m.blank()
	}
	m.line("_" + mdEscape(l.T("cohort.privacy")) + "_")
	_, err := io.WriteString(w, m.String())
	return err
}
