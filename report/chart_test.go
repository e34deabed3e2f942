package report

import (
	"encoding/xml"
	"math"
	"regexp"
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

// TestBarLabelsWrapNeverCut checks a long label is wrapped onto lines
// in full, and its row grows to hold them.
func TestBarLabelsWrapNeverCut(t *testing.T) {
	t.Parallel()
	long := "Comisiynu, caffael a rheoli cyflenwyr a chontractau digidol"
	s := Bars{ID: "b", Bars: []Bar{{Label: "Short", Value: 10, Mark: math.NaN()}, {Label: long, Value: 20, Mark: math.NaN()}}}.SVG()
	var words []string
	for _, m := range regexp.MustCompile(`<tspan[^>]*>([^<]*)</tspan>`).FindAllStringSubmatch(s, -1) {
		words = append(words, m[1])
	}
	if got := strings.Join(words, " "); got != "Short "+long {
		t.Errorf("labels read %q, want every word of %q", got, long)
	}
	if strings.Contains(s, "…") {
		t.Error("a label is cut")
	}
	mids, h := rowMids([]string{"Short", long})
	if mids[1]-mids[0] <= barsRowH/2+barsRowH/2 || h <= 2*barsRowH {
		t.Errorf("rows %v, height %d: the long label's row did not grow", mids, h)
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
