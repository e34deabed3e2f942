package report

import (
	"strconv"
	"strings"

	"github.com/digilead/digilead/assessment/cohort"
	"github.com/digilead/digilead/questions/lang"
)

// The groups of a cohort report made with --by, in every format: each
// group's size, levels and most common gap, and its median per dimension
// (markdown, html); the csv format gives every figure of every group.

// groupLabel names a group for people.
func groupLabel(l *lang.Lang, g cohort.Group) string {
	switch {
	case g.Other:
		return l.N("cohort.group.other", g.Merged)
	case g.Name == "":
		return l.T("cohort.group.not_given")
	}
	return g.Name
}

// groupsHeading is the heading of the groups' section.
func groupsHeading(l *lang.Lang, c *cohort.Report) string {
	return l.T("cohort.group.heading", "Field", l.TOr("cohort.by."+c.By, c.By))
}

// groupsNote says how the groups were formed.
func groupsNote(l *lang.Lang, c *cohort.Report) string {
	return l.T("cohort.group.note", "Field", c.By, "Min", c.MinGroup)
}

// groupsWithheldNote explains the dashes of the groups' medians where a
// group's figures are withheld, or is "" when none is.
func groupsWithheldNote(l *lang.Lang, c *cohort.Report) string {
	for _, g := range c.Groups {
		for _, d := range g.Dimensions {
			if d.Withheld != "" {
				return l.T("cohort.group.withheld", "Min", c.MinGroup)
			}
		}
	}
	return ""
}

// groupSentence sums a group up in one sentence: its size, levels and
// most common gap.
func groupSentence(l *lang.Lang, c *cohort.Report, g cohort.Group) string {
	var levels []string
	for _, lv := range g.Levels {
		levels = append(levels, l.T("cohort.group.level", "Name", levelName(l, lv), "Share", percent(l, share(lv.Count, g.Participants))))
	}
	s := l.T("cohort.group.sentence", "Group", groupLabel(l, g), "People", l.N("stats.people", g.Participants), "Levels", strings.Join(levels, ", "))
	if top := topGaps(c.GroupReport(g), 1); len(top) > 0 {
		s += l.T("cohort.group.top_gap", "Name", top[0].Name, "Share", percent(l, top[0].Share))
	}
	return s + "."
}

// groupsText writes the groups' section of the text format.
func groupsText(t *text, c *cohort.Report) {
	if len(c.Groups) == 0 {
		return
	}
	t.heading(groupsHeading(t.l, c))
	for _, g := range c.Groups {
		t.para("- ", groupSentence(t.l, c, g))
	}
	t.blank()
	t.para("", t.st.dim.Render(groupsNote(t.l, c)))
}

// groupMedianRows are a table of each group's size and median per
// dimension, with a header row.
func groupMedianRows(l *lang.Lang, c *cohort.Report) [][]string {
	head := []string{l.T("cohort.group.col.group"), l.T("cohort.md.people")}
	for _, d := range c.Dimensions {
		head = append(head, string(d.Name))
	}
	rows := [][]string{head}
	for _, g := range c.Groups {
		row := []string{groupLabel(l, g), strconv.Itoa(g.Participants)}
		for _, d := range g.Dimensions {
			row = append(row, fig(l, d.Median))
		}
		rows = append(rows, row)
	}
	return rows
}

// groupsMarkdown writes the groups' section of the markdown format.
func groupsMarkdown(m *md, c *cohort.Report) {
	if len(c.Groups) == 0 {
		return
	}
	m.heading("## " + mdEscape(groupsHeading(m.l, c)))
	m.line(mdEscape(m.l.T("cohort.group.medians")))
	m.blank()
	rows := groupMedianRows(m.l, c)
	align := []string{"l"}
	for range rows[0][1:] {
		align = append(align, "r")
	}
	m.table(rows, align...)
	if note := groupsWithheldNote(m.l, c); note != "" {
		m.blank()
		m.line(mdEscape(note))
	}
	m.blank()
	for _, g := range c.Groups {
		m.line("- " + mdEscape(groupSentence(m.l, c, g)))
	}
	m.blank()
	m.line(mdEscape(groupsNote(m.l, c)))
}

// groupCSVRows are the csv format's rows of a grouped cohort: the header
// and the whole cohort's rows with the scope and group columns before
// them, then each group's.
func groupCSVRows(c *cohort.Report, rows [][]string) [][]string {
	out := [][]string{append([]string{"scope", "group"}, rows[0]...)}
	for _, r := range rows[1:] {
		out = append(out, append([]string{"all", ""}, r...))
	}
	for _, g := range c.Groups {
		scope := "group"
		if g.Other {
			scope = "other"
		}
		for _, r := range cohortCSVRows(c.GroupReport(g))[1:] {
			out = append(out, append([]string{scope, g.Name}, r...))
		}
	}
	return out
}
