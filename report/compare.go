package report

import (
	"fmt"
	"io"
	"math"

	"github.com/charmbracelet/x/ansi"

	"github.com/digilead/digilead/assessment"
	"github.com/digilead/digilead/assessment/compare"
	"github.com/digilead/digilead/questions/lang"
	"github.com/digilead/digilead/questions/safetext"
)

// compareJSON writes the digilead.compare/v1 document.
func compareJSON(w io.Writer, c *compare.Comparison, _ Options) error { return writeJSON(w, c) }

// tierLabel names a tier of a change; nil is below the lowest tier.
func tierLabel(l *lang.Lang, t *assessment.TierRef) string {
	if t == nil {
		return l.T("level.developing")
	}
	return string(t.Name)
}

// tierMove says how a level or target moved: "B, up from A", or "A (no
// change)".
func tierMove(l *lang.Lang, c compare.TierChange) string {
	if tierLabel(l, c.Old) == tierLabel(l, c.New) {
		return l.T("compare.no_change", "Tier", tierLabel(l, c.New))
	}
	dir := "changed"
	if c.Direction == compare.Up || c.Direction == compare.Down {
		dir = c.Direction
	}
	return l.T("compare.move."+dir, "New", tierLabel(l, c.New), "Old", tierLabel(l, c.Old))
}

// signed writes a whole change with its sign: +12, -5, 0.
func signed(l *lang.Lang, x int) string {
	if x > 0 {
		return "+" + l.Int(x)
	}
	return l.Int(x)
}

// shownChange is the change between two figures as shown, whole
// numbers (whole), so that the row adds up: 38.75 → 81.25 is 39 → 81,
// +42. The exact change is in the JSON.
func shownChange(old, new float64) int {
	return int(math.Round(new)) - int(math.Round(old))
}

// shownReadiness is a readiness as readinessPct shows it, and
// readinessChange the change between two as shown.
func shownReadiness(x float64) int { return int(math.Floor(x)) }

func readinessChange(old, new float64) int { return shownReadiness(new) - shownReadiness(old) }

// changeText is a dimension's change for a table cell: "+12", "-5 (no
// reliable change)", or "n/a" when one side was not scored.
func changeText(l *lang.Lang, d compare.Dimension) string { return changeNum(l, d) + changeNote(l, d) }

// changeNum is a dimension's signed change, or "n/a".
func changeNum(l *lang.Lang, d compare.Dimension) string {
	if d.Change == nil {
		return l.T("compare.na")
	}
	return signed(l, dimChange(d))
}

// dimChange is a dimension's change as shown (shownChange); Change is
// not nil.
func dimChange(d compare.Dimension) int {
	if d.Old == nil || d.New == nil {
		return int(math.Round(*d.Change))
	}
	return shownChange(*d.Old, *d.New)
}

// changeNote flags a change within measurement error, or one whether
// reliable cannot be judged (a result's answers were given the same way
// throughout; a note says so).
func changeNote(l *lang.Lang, d compare.Dimension) string {
	switch {
	case d.ReliableUnknown:
		return " " + l.T("compare.reliable_unknown")
	case d.Reliable != nil && !*d.Reliable:
		return " " + l.T("compare.no_reliable")
	}
	return ""
}

// changeWords says a dimension's change in a sentence: "up 12", "down 5,
// within measurement error", "not comparable".
func changeWords(l *lang.Lang, d compare.Dimension) string {
	if d.Change == nil {
		return l.T("compare.not_comparable")
	}
	var s string
	switch ch := dimChange(d); {
	case ch > 0:
		s = l.T("compare.up", "N", l.Int(ch))
	case ch < 0:
		s = l.T("compare.down", "N", l.Int(-ch))
	default:
		s = l.T("compare.same")
	}
	switch {
	case d.ReliableUnknown:
		s = l.T("compare.reliable_unknown_words", "Change", s)
	case d.Reliable != nil && !*d.Reliable:
		s = l.T("compare.not_reliable", "Change", s, "Min", whole(l, *d.MinReliableChange))
	}
	return s
}

// gapLine says what happened to one gap.
func gapLine(l *lang.Lang, g compare.Gap) string {
	show := func(sev string, gap *float64) string {
		if gap == nil {
			return l.T("compare.not_expected")
		}
		if sev == assessment.SeverityInsufficient || sev == assessment.SeverityMet {
			return l.TOr("severity."+sev, sev)
		}
		return l.T("compare.severity_gap", "Severity", l.TOr("severity."+sev, sev), "N", wholeGap(l, *gap))
	}
	id := "compare.gap_line"
	if g.WithinError {
		id = "compare.gap_line_within"
	}
	return l.T(id, "Name", g.Name, "Was", show(g.OldSeverity, g.OldGap), "Now", show(g.NewSeverity, g.NewGap))
}

// compareLines are the facts every format lists in words.
type compareLines struct {
	closed, opened, open, left, notes []string
}

func linesOf(l *lang.Lang, c *compare.Comparison) compareLines {
	var cl compareLines
	for _, g := range c.Gaps.Closed {
		cl.closed = append(cl.closed, gapLine(l, g))
	}
	for _, g := range c.Gaps.Opened {
		cl.opened = append(cl.opened, gapLine(l, g))
	}
	for _, g := range c.Gaps.StillOpen {
		cl.open = append(cl.open, gapLine(l, g))
	}
	for _, d := range c.LeftOut {
		cl.left = append(cl.left, l.TOr("compare.only."+d.Only, string(d.Name), "Name", d.Name))
	}
	for i, n := range c.Notes {
		if i < len(c.NoteMsgs) {
			n = l.Say(c.NoteMsgs[i])
		}
		cl.notes = append(cl.notes, n)
	}
	return cl
}

func sideText(l *lang.Lang, s compare.Side) string {
	return l.T("compare.side", "Date", l.Day(s.CompletedAt.UTC()), "Version", s.BankVersion)
}

// compareText writes a comparison for people: level and target moves,
// score changes per dimension, readiness per tier, and the gaps that
// closed and opened.
func compareText(w io.Writer, c *compare.Comparison, o Options) error {
	t := newText(o)
	l := t.l
	t.title(l.T("compare.title"))
	t.para("", string(c.Bank.Title))
	sides := t.labels(l.T("compare.label.old"), l.T("compare.label.new"))
	t.para(t.st.label.Render(sides[0]), sideText(l, c.Old))
	t.para(t.st.label.Render(sides[1]), sideText(l, c.New))
	t.blank()
	moves := t.labels(l.T("report.label.level"), l.T("report.label.target"))
	t.para(t.st.label.Render(moves[0]), tierMove(l, c.Level))
	t.para(t.st.label.Render(moves[1]), tierMove(l, c.Target))
	if o.Accessible {
		compareSentences(t, c)
	} else {
		compareTables(t, c)
	}
	cl := linesOf(l, c)
	none := l.T("compare.none")
	t.list(l.T("compare.closed"), cl.closed, none)
	t.list(l.T("compare.opened"), cl.opened, none)
	t.list(l.T("compare.still_open"), cl.open, none)
	t.list(l.T("compare.left_out"), cl.left, "")
	t.list(l.T("compare.notes"), cl.notes, "")
	_, err := io.WriteString(w, t.sb.String())
	return err
}

// list writes a section of bullet points; when there are none it writes
// none, or nothing at all if none is empty.
func (t *text) list(title string, items []string, none string) {
	if len(items) == 0 && none == "" {
		return
	}
	t.heading(title)
	if len(items) == 0 {
		t.para("  ", none)
	}
	for _, it := range items {
		t.para("  - ", it)
	}
}

// compareTables lays the numbers out in columns.
func compareTables(t *text, c *compare.Comparison) {
	l := t.l
	old, new, change := l.T("compare.col.old"), l.T("compare.col.new"), l.T("compare.col.change")
	numW := max(8, ansi.StringWidth(old), ansi.StringWidth(new))
	nameW, chW := 10, ansi.StringWidth(change)
	noteW := 0
	for _, d := range c.Dimensions {
		nameW = max(nameW, ansi.StringWidth(safetext.OneLine(string(d.Name))))
		chW = max(chW, ansi.StringWidth(changeNum(l, d)))
		noteW = max(noteW, ansi.StringWidth(changeNote(l, d)))
	}
	for _, tr := range c.Tiers {
		nameW = max(nameW, ansi.StringWidth(safetext.OneLine(string(tr.Name))))
	}
	nameW = min(nameW, t.width-2-2*(numW+1)-2-chW-noteW)
	row := func(name, a, b, ch string) string {
		return fmt.Sprintf("  %s %*s %*s  %s", pad(name, nameW), numW, a, numW, b, ch)
	}
	header := t.st.dim.Render(row("", old, new, fmt.Sprintf("%*s", chW, change)))
	t.heading(l.T("report.dimension_scores"))
	t.line(header)
	for _, d := range c.Dimensions {
		t.line(row(string(d.Name), optWhole(l, d.Old), optWhole(l, d.New), t.styleChange(d, chW)))
	}
	t.heading(l.T("compare.readiness_pct"))
	t.line(header)
	for _, tr := range c.Tiers {
		t.line(row(string(tr.Name), l.Int(shownReadiness(tr.OldReadiness)), l.Int(shownReadiness(tr.NewReadiness)), fmt.Sprintf("%*s", chW, signed(l, readinessChange(tr.OldReadiness, tr.NewReadiness)))))
	}
}

// styleChange colours a change: green up, red down, dim when not
// reliable or when that cannot be judged. The sign and the words carry
// the meaning without colour.
func (t *text) styleChange(d compare.Dimension, width int) string {
	s := fmt.Sprintf("%*s", width, changeNum(t.l, d)) + changeNote(t.l, d)
	switch {
	case d.Change == nil || d.ReliableUnknown || (d.Reliable != nil && !*d.Reliable):
		return t.st.dim.Render(s)
	case *d.Change > 0:
		return t.st.met.Render(s)
	case *d.Change < 0:
		return t.st.large.Render(s)
	}
	return s
}

// compareSentences says every number in words, for screen readers.
func compareSentences(t *text, c *compare.Comparison) {
	l := t.l
	t.heading(l.T("report.acc.dimension_scores"))
	for _, d := range c.Dimensions {
		t.para("- ", l.T("compare.acc.dimension", "Name", d.Name, "Old", scoreOr(l, d.Old), "New", scoreOr(l, d.New), "Change", changeWords(l, d)))
	}
	t.heading(l.T("report.readiness"))
	for _, tr := range c.Tiers {
		t.para("- ", l.T("compare.acc.tier", "Name", tr.Name, "Old", l.Int(shownReadiness(tr.OldReadiness)), "New", l.Int(shownReadiness(tr.NewReadiness))))
	}
}

func scoreOr(l *lang.Lang, x *float64) string {
	if x == nil {
		return l.T("report.not_scored")
	}
	return whole(l, *x)
}

// compareMarkdown writes a comparison as CommonMark with GFM tables.
func compareMarkdown(w io.Writer, c *compare.Comparison, o Options) error {
	l := o.lang()
	m := md{l: l}
	m.line("# " + mdEscape(l.T("compare.title")))
	m.blank()
	m.line(mdEscape(l.T("compare.md.bank", "Title", c.Bank.Title)) + "  ")
	m.line(mdEscape(l.T("label", "Text", l.T("compare.col.old_title"))+" "+sideText(l, c.Old)) + "  ")
	m.line(mdEscape(l.T("label", "Text", l.T("compare.col.new_title")) + " " + sideText(l, c.New)))
	m.blank()
	m.line("- " + m.strong(l.T("report.label.level")) + " " + mdEscape(tierMove(l, c.Level)))
	m.line("- " + m.strong(l.T("report.label.target")) + " " + mdEscape(tierMove(l, c.Target)))
	m.heading("## " + mdEscape(l.T("report.dimension_scores")))
	rows := [][]string{{l.T("report.col.dimension"), l.T("compare.col.old_title"), l.T("compare.col.new_title"), l.T("compare.col.change_title")}}
	for _, d := range c.Dimensions {
		rows = append(rows, []string{string(d.Name), optWhole(l, d.Old), optWhole(l, d.New), changeText(l, d)})
	}
	m.table(rows, "l", "r", "r", "r")
	m.heading("## " + mdEscape(l.T("report.readiness")))
	rows = [][]string{{l.T("report.col.tier"), l.T("compare.col.old_title"), l.T("compare.col.new_title"), l.T("compare.col.change_title")}}
	for _, tr := range c.Tiers {
		rows = append(rows, []string{string(tr.Name), readinessPct(l, tr.OldReadiness), readinessPct(l, tr.NewReadiness), signed(l, readinessChange(tr.OldReadiness, tr.NewReadiness))})
	}
	m.table(rows, "l", "r", "r", "r")
	cl := linesOf(l, c)
	mdList(&m, l.T("compare.closed"), m.orNone(cl.closed))
	mdList(&m, l.T("compare.opened"), m.orNone(cl.opened))
	mdList(&m, l.T("compare.still_open"), m.orNone(cl.open))
	mdList(&m, l.T("compare.left_out"), cl.left)
	mdList(&m, l.T("compare.notes"), cl.notes)
	_, err := io.WriteString(w, m.String())
	return err
}

// orNone is items, or "None." when there are none.
func (m *md) orNone(items []string) []string {
	if len(items) == 0 {
		return []string{m.l.T("compare.none")}
	}
	return items
}
