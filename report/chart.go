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

// Series is one outline on a radar chart.
type Series struct {
	// Name is shown in the legend and the description.
	Name string
	// Values are 0-100, one per axis; NaN means no value (drawn at the
	// centre, without a dot).
	Values []float64
	// Color is the outline colour.
	Color string
	// Fill, when set, fills the outline with Color at this opacity (0-1).
	Fill float64
	// Dashed draws a dashed outline, so colour is never the only cue.
	Dashed bool
	// Dots marks each value with a dot.
	Dots bool
}

// Radar is a radar (spider) chart of 0-100 values on three or more axes.
type Radar struct {
	// ID prefixes the ids of the title and description; it must be unique
	// in the page.
	ID string
	// Title and Desc are the chart's text alternative.
	Title, Desc string
	// Axes are the axis labels, clockwise from the top.
	Axes   []string
	Series []Series
}

// Radar geometry, in SVG user units.
const (
	radarW      = 680
	radarR      = 170
	radarCX     = radarW / 2
	radarCY     = radarR + 60
	radarLabel  = 16 // gap between the outer ring and a label
	radarWrap   = 20 // characters per label line
	legendLineH = 22
)

// SVG draws the chart.
func (c Radar) SVG() string {
	var sb strings.Builder
	h := radarCY + radarR + 60 + legendLineH*len(c.Series)
	openSVG(&sb, c.ID, c.Title, c.Desc, radarW, h)
	c.grid(&sb)
	for i, s := range c.Series {
		c.outline(&sb, i, s)
	}
	c.labels(&sb)
	legend(&sb, c.Series, radarCY+radarR+56)
	sb.WriteString("</svg>")
	return sb.String()
}

// radarPoint returns the position of value v (0-100) on axis i of n.
func radarPoint(i, n int, v float64) (x, y float64) {
	a := -math.Pi/2 + 2*math.Pi*float64(i)/float64(n)
	r := radarR * math.Max(0, math.Min(100, v)) / 100
	return radarCX + r*math.Cos(a), radarCY + r*math.Sin(a)
}

// grid draws rings at 20, 40, 60, 80 and 100, the spokes, and the ring
// values.
func (c Radar) grid(sb *strings.Builder) {
	n := len(c.Axes)
	sb.WriteString(`<g fill="none" stroke="` + colorGrid + `" stroke-width="1">`)
	for v := 20.0; v <= 100; v += 20 {
		vals := make([]float64, n)
		for i := range vals {
			vals[i] = v
		}
		fmt.Fprintf(sb, `<polygon points="%s"/>`, radarPoints(vals))
	}
	for i := range n {
		x, y := radarPoint(i, n, 100)
		fmt.Fprintf(sb, `<line x1="%d" y1="%d" x2="%s" y2="%s"/>`, radarCX, radarCY, num(x), num(y))
	}
	sb.WriteString(`</g><g font-size="11" fill="` + colorMuted + `" text-anchor="middle">`)
	for v := 20; v <= 100; v += 20 {
		_, y := radarPoint(0, n, float64(v))
		fmt.Fprintf(sb, `<text x="%d" y="%s" dy="-3">%d</text>`, radarCX+12, num(y), v)
	}
	sb.WriteString(`</g>`)
}

func radarPoints(vals []float64) string {
	pts := make([]string, len(vals))
	for i, v := range vals {
		if math.IsNaN(v) {
			v = 0
		}
		x, y := radarPoint(i, len(vals), v)
		pts[i] = num(x) + "," + num(y)
	}
	return strings.Join(pts, " ")
}

// outline draws one series as a polygon, with dots if asked.
func (c Radar) outline(sb *strings.Builder, idx int, s Series) {
	fill := `fill="none"`
	if s.Fill > 0 {
		fill = fmt.Sprintf(`fill="%s" fill-opacity="%s"`, s.Color, num(s.Fill))
	}
	fmt.Fprintf(sb, `<polygon data-series="%d" points="%s" %s stroke="%s" stroke-width="2.5" stroke-linejoin="round"%s/>`,
		idx, radarPoints(s.Values), fill, s.Color, dash(s.Dashed))
	if !s.Dots {
		return
	}
	fmt.Fprintf(sb, `<g fill="%s">`, s.Color)
	for i, v := range s.Values {
		if math.IsNaN(v) {
			continue
		}
		x, y := radarPoint(i, len(s.Values), v)
		fmt.Fprintf(sb, `<circle cx="%s" cy="%s" r="3.5"/>`, num(x), num(y))
	}
	sb.WriteString(`</g>`)
}

func dash(dashed bool) string {
	if dashed {
		return ` stroke-dasharray="7 4"`
	}
	return ""
}

// labels writes the axis labels outside the outer ring, wrapped, anchored
// away from the centre.
func (c Radar) labels(sb *strings.Builder) {
	n := len(c.Axes)
	fmt.Fprintf(sb, `<g font-size="13" fill="%s">`, colorText)
	for i, label := range c.Axes {
		a := -math.Pi/2 + 2*math.Pi*float64(i)/float64(n)
		x := radarCX + (radarR+radarLabel)*math.Cos(a)
		y := radarCY + (radarR+radarLabel)*math.Sin(a)
		lines := wrap(label, radarWrap)
		anchor := "middle"
		switch cos := math.Cos(a); {
		case cos > 0.2:
			anchor = "start"
		case cos < -0.2:
			anchor = "end"
		}
		// Centre the block of lines on the point, shifted up above the top
		// and down below the bottom.
		top := y - float64(len(lines)-1)*15/2 + 4
		if sin := math.Sin(a); sin < -0.5 {
			top = y - float64(len(lines)-1)*15 - 2
		} else if sin > 0.5 {
			top = y + 12
		}
		fmt.Fprintf(sb, `<text text-anchor="%s">`, anchor)
		for j, l := range lines {
			fmt.Fprintf(sb, `<tspan x="%s" y="%s">%s</tspan>`, num(x), num(top+float64(j)*15), esc(l))
		}
		sb.WriteString(`</text>`)
	}
	sb.WriteString(`</g>`)
}

// legend draws one line per series at y, with a sample of its outline.
func legend(sb *strings.Builder, series []Series, y int) {
	fmt.Fprintf(sb, `<g font-size="13" fill="%s">`, colorText)
	for i, s := range series {
		ly := y + i*legendLineH
		fmt.Fprintf(sb, `<line x1="%d" y1="%d" x2="%d" y2="%d" stroke="%s" stroke-width="3"%s/>`,
			radarCX-150, ly-4, radarCX-118, ly-4, s.Color, dash(s.Dashed))
		fmt.Fprintf(sb, `<text x="%d" y="%d">%s</text>`, radarCX-108, ly, esc(s.Name))
	}
	sb.WriteString(`</g>`)
}

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

// SVG draws the chart.
func (c Bars) SVG() string {
	var sb strings.Builder
	openSVG(&sb, c.ID, c.Title, c.Desc, barsW, barsRowH*len(c.Bars)+10)
	for i, b := range c.Bars {
		bar(&sb, i, b)
	}
	sb.WriteString("</svg>")
	return sb.String()
}

// bar draws row i: label, track, filled part, mark and value.
func bar(sb *strings.Builder, i int, b Bar) {
	y := 5 + i*barsRowH
	mid := y + barsRowH/2
	v := math.Max(0, math.Min(100, b.Value))
	fmt.Fprintf(sb, `<text x="%d" y="%d" font-size="13" fill="%s" text-anchor="end">%s</text>`,
		barsLabelW-10, mid+4, colorText, esc(truncate(b.Label, 32)))
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

// truncate cuts s to n runes with an ellipsis.
func truncate(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}
