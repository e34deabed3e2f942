package report

import (
	"encoding/xml"
	"math"
	"strings"
	"testing"
)

// svgDoc is the part of an SVG the tests look at.
type svgDoc struct {
	XMLName  xml.Name `xml:"svg"`
	Role     string   `xml:"role,attr"`
	Labelled string   `xml:"aria-labelledby,attr"`
	Title    struct {
		ID   string `xml:"id,attr"`
		Text string `xml:",chardata"`
	} `xml:"title"`
	Desc struct {
		ID   string `xml:"id,attr"`
		Text string `xml:",chardata"`
	} `xml:"desc"`
	Polygons []struct {
		Series string `xml:"data-series,attr"`
		Points string `xml:"points,attr"`
	} `xml:"polygon"`
	Rects []struct {
		Bar   string `xml:"data-bar,attr"`
		Width string `xml:"width,attr"`
	} `xml:"rect"`
}

func parseSVG(t *testing.T, s string) svgDoc {
	t.Helper()
	var d svgDoc
	if err := xml.Unmarshal([]byte(s), &d); err != nil {
		t.Fatalf("chart is not well-formed XML: %v\n%s", err, s)
	}
	return d
}

func TestRadarSVG(t *testing.T) {
	t.Parallel()
	c := Radar{
		ID: "r", Title: "Scores <&>", Desc: `"quoted"`,
		Axes: []string{"North", "East & co", "South", "West"},
		Series: []Series{
			{Name: "You", Values: []float64{100, 50, math.NaN(), 0}, Color: ColorScore, Fill: 0.2, Dots: true},
			{Name: "Expected", Values: []float64{60, 60, 60, 60}, Color: ColorTarget, Dashed: true},
		},
	}
	d := parseSVG(t, c.SVG())
	if d.Role != "img" || d.Labelled != "r-title r-desc" || d.Title.ID != "r-title" || d.Desc.ID != "r-desc" {
		t.Errorf("accessible name: role=%q labelledby=%q title id=%q desc id=%q", d.Role, d.Labelled, d.Title.ID, d.Desc.ID)
	}
	if d.Title.Text != "Scores <&>" || d.Desc.Text != `"quoted"` {
		t.Errorf("title/desc = %q / %q", d.Title.Text, d.Desc.Text)
	}
	var series []string
	for _, p := range d.Polygons {
		if p.Series != "" {
			series = append(series, p.Points)
		}
	}
	// Axis 0 points up from the centre; 100 is the outer ring, NaN and 0
	// sit at the centre.
	cx, cy := num(radarCX), num(radarCY)
	want := []string{
		cx + "," + num(radarCY-radarR) + " " + num(radarCX+radarR/2) + "," + cy + " " + cx + "," + cy + " " + cx + "," + cy,
		cx + "," + num(radarCY-0.6*radarR) + " " + num(radarCX+0.6*radarR) + "," + cy + " " + cx + "," + num(radarCY+0.6*radarR) + " " + num(radarCX-0.6*radarR) + "," + cy,
	}
	if len(series) != 2 || series[0] != want[0] || series[1] != want[1] {
		t.Errorf("series polygons:\n got %q\nwant %q", series, want)
	}
	// Five grid rings.
	if got := strings.Count(c.SVG(), "<polygon") - len(series); got != 5 {
		t.Errorf("grid rings = %d, want 5", got)
	}
	if n := strings.Count(c.SVG(), "<circle"); n != 3 {
		t.Errorf("dots = %d, want 3 (none for the missing value, none for the dashed series)", n)
	}
}

func TestBarsSVG(t *testing.T) {
	t.Parallel()
	c := Bars{ID: "b", Title: "Readiness", Desc: "d", Bars: []Bar{
		{Label: "Full", Value: 100, Mark: math.NaN(), Note: "met"},
		{Label: "Half", Value: 50, Mark: 75},
		{Label: "Over", Value: 140, Mark: math.NaN()},
	}}
	s := c.SVG()
	d := parseSVG(t, s)
	var widths []string
	for _, r := range d.Rects {
		if r.Bar != "" {
			widths = append(widths, r.Width)
		}
	}
	want := []string{num(barsTrackW), num(barsTrackW / 2), num(barsTrackW)}
	if strings.Join(widths, " ") != strings.Join(want, " ") {
		t.Errorf("bar widths = %v, want %v (clamped to 100)", widths, want)
	}
	if strings.Count(s, "<line") != 1 {
		t.Errorf("want one mark line:\n%s", s)
	}
	for _, text := range []string{">100% met<", ">50%<"} {
		if !strings.Contains(s, text) {
			t.Errorf("missing value label %s", text)
		}
	}
}

func TestNum(t *testing.T) {
	t.Parallel()
	for in, want := range map[float64]string{0: "0", -0.01: "0", 1.25: "1.2", 1.26: "1.3", 170: "170", 12.04: "12"} {
		if got := num(in); got != want {
			t.Errorf("num(%v) = %q, want %q", in, got, want)
		}
	}
}
