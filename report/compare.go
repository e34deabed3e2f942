package report

import (
	"fmt"
	"io"

	"github.com/charmbracelet/x/ansi"

	"github.com/digilead/digilead/assessment"
	"github.com/digilead/digilead/assessment/compare"
)

// CompareJSON writes the digilead.compare/v1 document.
func CompareJSON(w io.Writer, c *compare.Comparison, _ Options) error { return WriteJSON(w, c) }

// tierLabel names a tier of a change; nil is below the lowest tier.
func tierLabel(t *assessment.TierRef) string {
	if t == nil {
		return "Developing"
	}
	return t.Name
}

// tierMove says how a level or target moved: "B, up from A", or "A (no
// change)".
func tierMove(c compare.TierChange) string {
	if tierLabel(c.Old) == tierLabel(c.New) {
		return tierLabel(c.New) + " (no change)"
	}
	dir := "changed"
	if c.Direction != compare.Same {
		dir = c.Direction
	}
	return fmt.Sprintf("%s, %s from %s", tierLabel(c.New), dir, tierLabel(c.Old))
}

// signed writes a change with its sign: +12.5, -5, 0.
func signed(x float64) string {
	if x > 0 {
		return "+" + formatNum(x)
	}
	return formatNum(x)
}

// changeText is a dimension's change for a table cell: "+12.5", "-5 (no
// reliable change)", or "n/a" when one side was not scored.
func changeText(d compare.Dimension) string { return changeNum(d) + changeNote(d) }

// changeNum is a dimension's signed change, or "n/a".
func changeNum(d compare.Dimension) string {
	if d.Change == nil {
		return "n/a"
	}
	return signed(*d.Change)
}

// changeNote flags a change within measurement error.
func changeNote(d compare.Dimension) string {
	if d.Reliable != nil && !*d.Reliable {
		return " (no reliable change)"
	}
	return ""
}

// changeWords says a dimension's change in a sentence: "up 12.5", "down 5,
// within measurement error", "not comparable".
func changeWords(d compare.Dimension) string {
	if d.Change == nil {
		return "not comparable, as one of the two was not scored"
	}
	var s string
	switch ch := *d.Change; {
	case ch > 0:
		s = "up " + formatNum(ch)
	case ch < 0:
		s = "down " + formatNum(-ch)
	default:
		s = "no change"
	}
	if d.Reliable != nil && !*d.Reliable {
		s += ", not a reliable change (smaller than " + formatNum(*d.MinReliableChange) + ")"
	}
	return s
}

// gapLine says what happened to one gap.
func gapLine(g compare.Gap) string {
	show := func(sev string, gap *float64) string {
		if gap == nil {
			return "not expected"
		}
		if sev == "insufficient" || sev == "met" {
			return sev
		}
		return sev + " " + formatNum(*gap)
	}
	return fmt.Sprintf("%s (was %s, now %s)", g.Name, show(g.OldSeverity, g.OldGap), show(g.NewSeverity, g.NewGap))
}

// compareLines are the facts every format lists in words.
type compareLines struct {
	closed, opened, open, left []string
}

func linesOf(c *compare.Comparison) compareLines {
	var l compareLines
	for _, g := range c.Gaps.Closed {
		l.closed = append(l.closed, gapLine(g))
	}
	for _, g := range c.Gaps.Opened {
		l.opened = append(l.opened, gapLine(g))
	}
	for _, g := range c.Gaps.StillOpen {
		l.open = append(l.open, gapLine(g))
	}
	for _, d := range c.LeftOut {
		l.left = append(l.left, fmt.Sprintf("%s (only in the %s result)", d.Name, d.Only))
	}
	return l
}

func sideText(s compare.Side) string {
	return s.CompletedAt.UTC().Format("2006-01-02") + " · bank version " + s.BankVersion
}

// CompareText writes a comparison for people: level and target moves,
// score changes per dimension, readiness per tier, and the gaps that
// closed and opened.
func CompareText(w io.Writer, c *compare.Comparison, o Options) error {
	t := &text{width: o.width(), st: newStyles(o.renderer())}
	t.line(t.st.title.Render("Digital leadership progress"))
	t.para("", c.Bank.Title)
	t.para(t.st.label.Render("Old: "), sideText(c.Old))
	t.para(t.st.label.Render("New: "), sideText(c.New))
	t.blank()
	t.para(t.st.label.Render("Level:  "), tierMove(c.Level))
	t.para(t.st.label.Render("Target: "), tierMove(c.Target))
	if o.Accessible {
		compareSentences(t, c)
	} else {
		compareTables(t, c)
	}
	l := linesOf(c)
	t.list("Gaps closed", l.closed, "None.")
	t.list("Gaps opened", l.opened, "None.")
	t.list("Gaps still open", l.open, "None.")
	t.list("Left out (different bank versions)", l.left, "")
	t.list("Notes", c.Notes, "")
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
	nameW, chW := 10, len("change")
	noteW := 0
	for _, d := range c.Dimensions {
		nameW = max(nameW, ansi.StringWidth(d.Name))
		chW = max(chW, len(changeNum(d)))
		noteW = max(noteW, len(changeNote(d)))
	}
	for _, tr := range c.Tiers {
		nameW = max(nameW, ansi.StringWidth(tr.Name))
	}
	nameW = min(nameW, t.width-2-2*9-2-chW-noteW)
	row := func(name, a, b, ch string) string {
		return fmt.Sprintf("  %s %8s %8s  %s", pad(name, nameW), a, b, ch)
	}
	header := t.st.dim.Render(row("", "old", "new", fmt.Sprintf("%*s", chW, "change")))
	t.heading("Dimension scores")
	t.line(header)
	for _, d := range c.Dimensions {
		t.line(row(d.Name, optNum(d.Old), optNum(d.New), t.styleChange(d, chW)))
	}
	t.heading("Readiness by tier, %")
	t.line(header)
	for _, tr := range c.Tiers {
		t.line(row(tr.Name, formatNum(tr.OldReadiness), formatNum(tr.NewReadiness), fmt.Sprintf("%*s", chW, signed(tr.Change))))
	}
}

// styleChange colours a change: green up, red down, dim when not
// reliable. The sign and the words carry the meaning without colour.
func (t *text) styleChange(d compare.Dimension, width int) string {
	s := fmt.Sprintf("%*s", width, changeNum(d)) + changeNote(d)
	switch {
	case d.Change == nil || (d.Reliable != nil && !*d.Reliable):
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
	t.heading("Dimension scores, out of 100")
	for _, d := range c.Dimensions {
		t.para("- ", fmt.Sprintf("%s: %s to %s, %s.", d.Name, scoreOr(d.Old), scoreOr(d.New), changeWords(d)))
	}
	t.heading("Readiness by tier")
	for _, tr := range c.Tiers {
		t.para("- ", fmt.Sprintf("%s: %s to %s percent ready.", tr.Name, formatNum(tr.OldReadiness), formatNum(tr.NewReadiness)))
	}
}

func scoreOr(x *float64) string {
	if x == nil {
		return "not scored"
	}
	return formatNum(*x)
}

// CompareMarkdown writes a comparison as CommonMark with GFM tables.
func CompareMarkdown(w io.Writer, c *compare.Comparison, _ Options) error {
	var m md
	m.line("# Digital leadership progress")
	m.blank()
	m.line("Bank: " + mdEscape(c.Bank.Title) + "  ")
	m.line("Old: " + mdEscape(sideText(c.Old)) + "  ")
	m.line("New: " + mdEscape(sideText(c.New)))
	m.blank()
	m.line("- **Level:** " + mdEscape(tierMove(c.Level)))
	m.line("- **Target:** " + mdEscape(tierMove(c.Target)))
	m.heading("## Dimension scores")
	rows := [][]string{{"Dimension", "Old", "New", "Change"}}
	for _, d := range c.Dimensions {
		rows = append(rows, []string{d.Name, optNum(d.Old), optNum(d.New), changeText(d)})
	}
	m.table(rows, "l", "r", "r", "r")
	m.heading("## Readiness by tier")
	rows = [][]string{{"Tier", "Old", "New", "Change"}}
	for _, tr := range c.Tiers {
		rows = append(rows, []string{tr.Name, formatNum(tr.OldReadiness) + "%", formatNum(tr.NewReadiness) + "%", signed(tr.Change)})
	}
	m.table(rows, "l", "r", "r", "r")
	l := linesOf(c)
	mdList(&m, "Gaps closed", orNone(l.closed))
	mdList(&m, "Gaps opened", orNone(l.opened))
	mdList(&m, "Gaps still open", orNone(l.open))
	mdList(&m, "Left out (different bank versions)", l.left)
	mdList(&m, "Notes", c.Notes)
	_, err := io.WriteString(w, m.String())
	return err
}

// orNone is items, or "None." when there are none.
func orNone(items []string) []string {
	if len(items) == 0 {
		return []string{"None."}
	}
	return items
}
