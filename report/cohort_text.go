package report

import (
	"fmt"
	"io"
	"math"
	"strings"

	"github.com/charmbracelet/x/ansi"

	"github.com/digilead/digilead/assessment/cohort"
	"github.com/digilead/digilead/questions"
)

// CohortText writes the cohort summary for a terminal: a table of
// dimensions with a distribution bar each, the spread of levels, readiness
// per tier and the most common gaps. Accessible mode says the same in
// sentences.
func CohortText(w io.Writer, c *cohort.Report, o Options) error {
	t := &text{width: o.width(), st: newStyles(o.renderer())}
	t.line(t.st.title.Render("Digital leadership cohort report"))
	t.para("", cohortIntro(c))
	if o.Accessible {
		accessibleCohort(t, c)
	} else {
		visualCohort(t, c)
	}
	groupsText(t, c)
	t.blank()
	t.para("", t.st.dim.Render(cohortPrivacy))
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
	nameW := 0
	for _, d := range c.Dimensions {
		nameW = max(nameW, ansi.StringWidth(d.Name))
	}
	withSD := t.width >= 72
	nums := 5 + 7 + 6 // " n", " median", " mean"
	if withSD {
		nums += 6
	}
	nameW = max(12, min(nameW, t.width-2-nums-2-20))
	barW := min(50, t.width-2-nameW-nums-2)

	t.heading("Dimension scores")
	t.para("", t.st.dim.Render(fmt.Sprintf("Each bar runs from 0 to 100: %s spans the lowest to the highest score, %s the middle half of the group, %s marks the median.", glyphRange, glyphMiddle, glyphMedian)))
	t.blank()
	head := fmt.Sprintf("  %s %4s %6s %5s", pad("", nameW), "n", "median", "mean")
	if withSD {
		head += fmt.Sprintf(" %5s", "sd")
	}
	t.line(t.st.label.Render(head + "  " + scaleLine(barW)))
	for _, d := range c.Dimensions {
		row := fmt.Sprintf("  %s %4d %s %5s", pad(d.Name, nameW), d.N, t.heat(d.Median, fmt.Sprintf("%6s", fig(d.Median))), fig(d.Mean))
		if withSD {
			row += fmt.Sprintf(" %5s", fig(d.SD))
		}
		t.line(row + "  " + t.distribution(d, barW))
	}
	if note := insufficientNote(c); note != "" {
		t.blank()
		t.para("", t.st.insufficient.Render(note))
	}

	t.heading("Levels")
	levelW := 0
	for _, l := range c.Levels {
		levelW = max(levelW, ansi.StringWidth(l.Name))
	}
	levelW = min(levelW, t.width-2-2-20-10)
	lbarW := min(30, t.width-2-levelW-2-11)
	for _, l := range c.Levels {
		sh := share(l.Count, c.Participants)
		t.line(fmt.Sprintf("  %s  %s %4d  %4s", pad(l.Name, levelW), t.bar(sh*100, lbarW, -1), l.Count, percent(sh)))
	}

	t.heading("Tiers")
	for _, tr := range c.Tiers {
		t.para("  ", fmt.Sprintf("%s: met by %d of %d (%s), mean readiness %s%%.", tr.Name, tr.Met, c.Participants, percent(share(tr.Met, c.Participants)), num(tr.ReadinessMean)))
	}
	commonGapsText(t, c)
}

func accessibleCohort(t *text, c *cohort.Report) {
	t.heading("Dimension scores, out of 100")
	for _, d := range c.Dimensions {
		t.para("- ", dimensionSentence(d))
	}
	t.heading("Levels")
	for _, l := range c.Levels {
		t.para("- ", fmt.Sprintf("%s: %d %s, %s.", l.Name, l.Count, questions.Plural(l.Count, "person", "people"), percent(share(l.Count, c.Participants))))
	}
	t.heading("Tiers")
	for _, tr := range c.Tiers {
		t.para("- ", fmt.Sprintf("%s: met by %d of %d, mean readiness %s percent.", tr.Name, tr.Met, c.Participants, num(tr.ReadinessMean)))
	}
	commonGapsText(t, c)
}

func commonGapsText(t *text, c *cohort.Report) {
	t.heading("Most common gaps")
	gaps := topGaps(c, cohortTopGaps)
	if len(gaps) == 0 {
		t.para("  ", "None: everyone meets what their target expects.")
	}
	for i, g := range gaps {
		t.para(fmt.Sprintf("  %d. ", i+1), gapSentence(g)+".")
	}
}

// dimensionSentence says a dimension's distribution in words.
func dimensionSentence(d cohort.Dimension) string {
	if d.N == 0 {
		return fmt.Sprintf("%s: not scored; all %d had too few answers.", d.Name, d.Insufficient)
	}
	s := fmt.Sprintf("%s: %d %s scored, median %s, mean %s", d.Name, d.N, questions.Plural(d.N, "person", "people"), fig(d.Median), fig(d.Mean))
	if d.SD != nil {
		s += ", standard deviation " + fig(d.SD)
	}
	s += fmt.Sprintf("; middle half from %s to %s, range %s to %s.", fig(d.P25), fig(d.P75), fig(d.Min), fig(d.Max))
	if d.Insufficient > 0 {
		s += fmt.Sprintf(" %d had too few answers.", d.Insufficient)
	}
	return s
}

// scaleLine labels a distribution bar's ends.
func scaleLine(width int) string {
	return "0" + strings.Repeat(" ", max(0, width-4)) + "100"
}

// distribution draws a dimension's spread in width cells over 0-100.
func (t *text) distribution(d cohort.Dimension, width int) string {
	if d.N == 0 {
		return t.st.insufficient.Render("not scored")
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
