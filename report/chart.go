package report

import (
	"fmt"
	"html"
	"math"
	"strings"
)

// Charts are drawn as inline SVG with presentation attributes (no CSS
// classes needed), so a chart can be dropped into any page, including one
// printed on paper. Every chart is an image with a title and a text
// description (role="img", aria-labelledby); pages should also give the
// numbers in a table.

// Chart colours. Each passes WCAG 2.1 contrast for graphics (3:1) on
// white, and the text colours pass AA for text (4.5:1).
const (
	ColorScore  = "#1f4e79" // your scores: dark blue
	ColorTarget = "#a63d00" // expectations: dark orange, dashed
	colorGrid   = "#b0b0b0"
	colorText   = "#222222"
	colorMuted  = "#555555"
	colorTrack  = "#e6e6e6"
)

// Bar is one bar of a bar chart: a 0-100 value with an optional mark.
type Bar struct {
	Label string
	Value float64
	// Mark, when not NaN, draws a vertical line at this value (e.g. an
	// expectation).
	Mark float64
	// Note follows the value, e.g. "met".
	Note string
	// Shown is the value as written, such as "56,25 %"; "" writes it as
	// a percentage with a decimal point.
	Shown string
}

// Bars is a horizontal bar chart of 0-100 values.
type Bars struct {
	// ID prefixes the ids of the title and description; it must be unique
	// in the page.
	ID          string
	Title, Desc string
	Bars        []Bar
}

// Bar chart geometry.
const (
	barsW      = 680
	barsLabelW = 230
	barsTrackW = 330
	barsRowH   = 30
	barsBarH   = 16
)

// Labels of bar rows are wrapped, never cut: at most labelWrap
// characters a line (13px text in the label column), lines labelLineH
// apart, a row as tall as its label needs.
const (
	labelWrap  = 28
	labelLineH = 15
)

// rowMids lays out rows of labels from y 5: the middle of each row, and
// the height of them all.
func rowMids(labels []string) (mids []int, h int) {
	y := 5
	for _, l := range labels {
		rh := max(barsRowH, len(wrap(l, labelWrap))*labelLineH+10)
		mids = append(mids, y+rh/2)
		y += rh
	}
	return mids, y
}

// rowLabel writes a row's label, wrapped, right-aligned before the bars
// and centred on mid.
func rowLabel(sb *strings.Builder, label string, mid int) {
	lines := wrap(label, labelWrap)
	top := float64(mid+4) - float64(len(lines)-1)*labelLineH/2
	fmt.Fprintf(sb, `<text data-label="" font-size="13" fill="%s" text-anchor="end">`, colorText)
	for j, l := range lines {
		fmt.Fprintf(sb, `<tspan x="%d" y="%s">%s</tspan>`, barsLabelW-10, num(top+float64(j*labelLineH)), esc(l))
	}
	sb.WriteString(`</text>`)
}

// SVG draws the chart.
func (c Bars) SVG() string {
	var sb strings.Builder
	labels := make([]string, len(c.Bars))
	for i, b := range c.Bars {
		labels[i] = b.Label
	}
	mids, h := rowMids(labels)
	openSVG(&sb, c.ID, c.Title, c.Desc, barsW, h+5)
	for i, b := range c.Bars {
		bar(&sb, i, mids[i], b)
	}
	sb.WriteString("</svg>")
	return sb.String()
}

// bar draws row i around mid: label, track, filled part, mark and value.
func bar(sb *strings.Builder, i, mid int, b Bar) {
	v := math.Max(0, math.Min(100, b.Value))
	rowLabel(sb, b.Label, mid)
	fmt.Fprintf(sb, `<rect x="%d" y="%d" width="%d" height="%d" fill="%s"/>`,
		barsLabelW, mid-barsBarH/2, barsTrackW, barsBarH, colorTrack)
	fmt.Fprintf(sb, `<rect data-bar="%d" x="%d" y="%d" width="%s" height="%d" fill="%s"/>`,
		i, barsLabelW, mid-barsBarH/2, num(v/100*barsTrackW), barsBarH, ColorScore)
	if !math.IsNaN(b.Mark) {
		mx := float64(barsLabelW) + math.Max(0, math.Min(100, b.Mark))/100*barsTrackW
		fmt.Fprintf(sb, `<line x1="%s" y1="%d" x2="%s" y2="%d" stroke="%s" stroke-width="3"/>`,
			num(mx), mid-barsBarH/2-4, num(mx), mid+barsBarH/2+4, ColorTarget)
	}
	label := b.Shown
	if label == "" {
		label = formatNum(b.Value) + "%"
	}
	if b.Note != "" {
		label += " " + b.Note
	}
	fmt.Fprintf(sb, `<text x="%d" y="%d" font-size="13" fill="%s">%s</text>`,
		barsLabelW+barsTrackW+10, mid+4, colorText, esc(label))
}

// openSVG starts an accessible SVG image of the given size.
func openSVG(sb *strings.Builder, id, title, desc string, w, h int) {
	fmt.Fprintf(sb, `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 %d %d" width="%d" height="%d" role="img" aria-labelledby="%s-title %s-desc" font-family="system-ui, -apple-system, 'Segoe UI', Roboto, Arial, sans-serif">`,
		w, h, w, h, esc(id), esc(id))
	fmt.Fprintf(sb, `<title id="%s-title">%s</title><desc id="%s-desc">%s</desc>`, esc(id), esc(title), esc(id), esc(desc))
}

// num writes a coordinate with at most one decimal.
func num(x float64) string {
	s := fmt.Sprintf("%.1f", x)
	s = strings.TrimSuffix(s, ".0")
	if s == "-0" {
		return "0"
	}
	return s
}

// esc escapes text for SVG and HTML.
func esc(s string) string { return html.EscapeString(s) }
