package report

import (
	"fmt"
	"io"
	"math"
	"strings"

	"github.com/charmbracelet/x/ansi"

	"github.com/digilead/digilead/assessment/cohort"
)

// cohortText writes the cohort summary for a terminal: a table of
// dimensions with a distribution bar each, the spread of levels, readiness
// per tier and the most common gaps. Accessible mode says the same in
// sentences.
func cohortText(w io.Writer, c *cohort.Report, o Options) error {
	t := newText(o)
	t.title(t.l.T("cohort.title"))
	t.para("", cohortIntro(t.l, c))
	if o.Accessible {
		accessibleCohort(t, c)
	} else {
		visualCohort(t, c)
	}
	groupsText(t, c)
	t.blank()
	t.para("", t.st.dim.Render(t.l.T("cohort.privacy")))
	_, err := io.WriteString(w, t.sb.String())
	return err
}

// Distribution bar glyphs: the range, the middle half and the median.
const (
	glyphRange  = "─"
	glyphMiddle = "█"
	glyphMedian = "┃"
)

func visualCohort(t *text, c *cohort.Report) {
	l := t.l
	nameW := 0
	for _, d := range c.Dimensions {
		nameW = max(nameW, ansi.StringWidth(string(d.Name)))
	}
	// The figures' columns: n, median, mean and, when there is room, sd;
	// each as wide as its head in the language, at least as wide as its
	// figures.
	heads := []string{l.T("cohort.col.n"), l.T("cohort.col.median"), l.T("cohort.col.mean"), l.T("cohort.col.sd")}
	widths := []int{4, 6, 5, 5}
	for i, h := range heads {
		widths[i] = max(widths[i], ansi.StringWidth(h))
	}
	withSD := t.width >= 72
	cols := 3
	if withSD {
		cols = 4
	}
	nums := 0
	for _, w := range widths[:cols] {
		nums += 1 + w
	}
	nameW = max(12, min(nameW, t.width-2-nums-2-20))
	barW := min(50, t.width-2-nameW-nums-2)

	t.heading(l.T("report.dimension_scores"))
	t.para("", t.st.dim.Render(l.T("cohort.legend", "Range", glyphRange, "Middle", glyphMiddle, "Median", glyphMedian)))
	t.blank()
	head := "  " + pad("", nameW)
	for i, h := range heads[:cols] {
		head += fmt.Sprintf(" %*s", widths[i], h)
	}
	t.line(t.st.label.Render(head + "  " + scaleLine(barW)))
	for _, d := range c.Dimensions {
		row := fmt.Sprintf("  %s %*d %s %*s", pad(string(d.Name), nameW), widths[0], d.N, t.heat(d.Median, fmt.Sprintf("%*s", widths[1], fig(l, d.Median))), widths[2], fig(l, d.Mean))
		if withSD {
			row += fmt.Sprintf(" %*s", widths[3], fig(l, d.SD))
		}
		t.line(row + "  " + t.distribution(d, barW))
	}
	if note := withheldNote(l, c); note != "" {
		t.blank()
		t.para("", t.st.insufficient.Render(note))
	}
	if note := insufficientNote(l, c); note != "" {
		t.blank()
		t.para("", t.st.insufficient.Render(note))
	}

	t.heading(l.T("cohort.levels"))
	levelW := 0
	for _, lv := range c.Levels {
		levelW = max(levelW, ansi.StringWidth(levelName(l, lv)))
	}
	levelW = min(levelW, t.width-2-2-20-10)
	lbarW := min(30, t.width-2-levelW-2-11)
	for _, lv := range c.Levels {
		sh := share(lv.Count, c.Participants)
		t.line(fmt.Sprintf("  %s  %s %4d  %4s", pad(levelName(l, lv), levelW), t.bar(sh*100, lbarW, -1), lv.Count, percent(l, sh)))
	}

	t.heading(l.T("cohort.tiers"))
	for _, tr := range c.Tiers {
		t.para("  ", l.T("cohort.tier_line", "Name", tr.Name, "Met", tr.Met, "Total", c.Participants, "Share", percent(l, share(tr.Met, c.Participants)), "Mean", readinessPct(l, tr.ReadinessMean)))
	}
	commonGapsText(t, c)
}

func accessibleCohort(t *text, c *cohort.Report) {
	l := t.l
	t.heading(l.T("report.acc.dimension_scores"))
	for _, d := range c.Dimensions {
		t.para("- ", dimensionSentence(t, d, c.MinGroup))
	}
	t.heading(l.T("cohort.levels"))
	for _, lv := range c.Levels {
		t.para("- ", l.N("cohort.acc.level", lv.Count, "Name", levelName(l, lv), "Share", percent(l, share(lv.Count, c.Participants))))
	}
	t.heading(l.T("cohort.tiers"))
	for _, tr := range c.Tiers {
		t.para("- ", l.T("cohort.acc.tier", "Name", tr.Name, "Met", tr.Met, "Total", c.Participants, "Mean", l.Int(int(math.Floor(tr.ReadinessMean)))))
	}
	commonGapsText(t, c)
}

func commonGapsText(t *text, c *cohort.Report) {
	t.heading(t.l.T("cohort.common_gaps"))
	gaps := topGaps(c, cohortTopGaps)
	withheld := gapWithheldNote(t.l, c)
	if len(gaps) == 0 && withheld == "" {
		t.para("  ", t.l.T("cohort.no_gaps"))
	}
	for i, g := range gaps {
		t.para(fmt.Sprintf("  %d. ", i+1), gapSentence(t.l, g)+".")
	}
	if withheld != "" {
		t.para("  ", withheld)
	}
}

// dimensionSentence says a dimension's distribution in words; min is
// the report's --min-group, for a dimension withheld.
func dimensionSentence(t *text, d cohort.Dimension, min int) string {
	l := t.l
	if d.N == 0 {
		return l.N("cohort.acc.dim_none", d.Insufficient, "Name", d.Name)
	}
	sd, few := "", ""
	if d.SD != nil {
		sd = l.T("cohort.acc.sd", "SD", fig(l, d.SD))
	}
	if d.Insufficient > 0 {
		few = " " + l.N("cohort.acc.few", d.Insufficient)
	}
	if d.Withheld != "" {
		return l.N("cohort.acc.dim_withheld", d.N, "Name", d.Name, "Min", min) + few
	}
	return l.N("cohort.acc.dim", d.N, "Name", d.Name, "Median", fig(l, d.Median), "Mean", fig(l, d.Mean), "SD", sd,
		"P25", fig(l, d.P25), "P75", fig(l, d.P75), "Min", fig(l, d.Min), "Max", fig(l, d.Max)) + few
}

// scaleLine labels a distribution bar's ends.
func scaleLine(width int) string {
	return "0" + strings.Repeat(" ", max(0, width-4)) + "100"
}

// distribution draws a dimension's spread in width cells over 0-100.
func (t *text) distribution(d cohort.Dimension, width int) string {
	switch {
	case d.N == 0:
		return t.st.insufficient.Render(t.l.T("report.not_scored"))
	case d.Min == nil:
		return t.st.insufficient.Render(t.l.T("cohort.withheld_short"))
	}
	cell := func(x float64) int { return max(0, min(width-1, int(x/100*float64(width)))) }
	lo, hi := cell(*d.Min), cell(*d.Max)
	q1, q3, med := cell(*d.P25), cell(*d.P75), cell(*d.Median)
	var sb strings.Builder
	for i := 0; i <= hi; i++ {
		switch {
		case i == med:
			sb.WriteString(t.st.marker.Render(glyphMedian))
		case i >= q1 && i <= q3:
			sb.WriteString(t.st.bar.Render(glyphMiddle))
		case i >= lo:
			sb.WriteString(t.st.dim.Render(glyphRange))
		default:
			sb.WriteByte(' ')
		}
	}
	return sb.String()
}

// heat colours a figure by how high it is, like a heatmap cell; the number
// itself is always shown, so colour is never the only cue.
func (t *text) heat(x *float64, s string) string {
	if x == nil {
		return s
	}
	switch v := math.Round(*x); {
	case v >= 75:
		return t.st.met.Render(s)
	case v >= 60:
		return t.st.small.Render(s)
	case v >= 40:
		return t.st.moderate.Render(s)
	}
	return t.st.large.Render(s)
}
