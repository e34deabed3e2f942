package report

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/digilead/digilead/assessment/cohort"
	"github.com/digilead/digilead/questions"
)

// The groups of a cohort report made with --by, in every format: each
// group's size, levels and most common gap, and its median per dimension
// (markdown, html); the csv format gives every figure of every group.

// groupLabel names a group for people.
func groupLabel(g cohort.Group) string {
	switch {
	case g.Other:
		return fmt.Sprintf("Other groups (%d merged)", g.Merged)
	case g.Name == "":
		return "(not given)"
	}
	return g.Name
}

// groupsHeading is the heading of the groups' section.
func groupsHeading(c *cohort.Report) string { return "By " + c.By }

// groupsNote says how the groups were formed.
func groupsNote(c *cohort.Report) string {
	return fmt.Sprintf("People are grouped by respondent.%s. A group of fewer than %d people is never shown alone: such groups are merged into the other groups, with the smallest shown groups when the merged ones are still fewer than %d together, so that no group can be worked out from the others and the whole.", c.By, c.MinGroup, c.MinGroup)
}

// groupSentence sums a group up in one sentence: its size, levels and
// most common gap.
func groupSentence(c *cohort.Report, g cohort.Group) string {
	var levels []string
	for _, l := range g.Levels {
		levels = append(levels, fmt.Sprintf("%s %s", l.Name, percent(share(l.Count, g.Participants))))
	}
	s := fmt.Sprintf("%s: %d %s; %s", groupLabel(g), g.Participants, questions.Plural(g.Participants, "person", "people"), strings.Join(levels, ", "))
	if top := topGaps(c.GroupReport(g), 1); len(top) > 0 {
		s += fmt.Sprintf("; most common gap %s (%s)", top[0].Name, percent(top[0].Share))
	}
	return s + "."
}

// groupsText writes the groups' section of the text format.
func groupsText(t *text, c *cohort.Report) {
	if len(c.Groups) == 0 {
		return
	}
	t.heading(groupsHeading(c))
	for _, g := range c.Groups {
		t.para("- ", groupSentence(c, g))
	}
	t.blank()
	t.para("", t.st.dim.Render(groupsNote(c)))
}

// groupMedianRows are a table of each group's size and median per
// dimension, with a header row.
func groupMedianRows(c *cohort.Report) [][]string {
	head := []string{"Group", "People"}
	for _, d := range c.Dimensions {
		head = append(head, d.Name)
	}
	rows := [][]string{head}
	for _, g := range c.Groups {
		row := []string{groupLabel(g), strconv.Itoa(g.Participants)}
		for _, d := range g.Dimensions {
			row = append(row, fig(d.Median))
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
	m.heading("## " + mdEscape(groupsHeading(c)))
	m.line("Median score per dimension, out of 100.")
	m.blank()
	rows := groupMedianRows(c)
	align := []string{"l"}
	for range rows[0][1:] {
		align = append(align, "r")
	}
	m.table(rows, align...)
	m.blank()
	for _, g := range c.Groups {
		m.line("- " + mdEscape(groupSentence(c, g)))
	}
	m.blank()
	m.line(mdEscape(groupsNote(c)))
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
