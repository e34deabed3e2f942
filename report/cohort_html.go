package report

import (
	_ "embed"
	"fmt"
	"html/template"
	"io"
	"math"
	"strings"
	"sync"

	"github.com/digilead/digilead/assessment/cohort"
)

//go:embed cohort.html.tmpl
var cohortHTMLSource string

// pageStyle is the result page's style sheet, shared so that a handout
// and a personal report look alike.
var pageStyle = sync.OnceValue(func() template.CSS {
	return template.CSS(between(htmlSource, "<style>\n", "</style>"))
})

// cohortPage is the cohort page's template, parsed on first use.
var cohortPage = sync.OnceValue(func() *template.Template {
	return template.Must(template.New("cohort").Funcs(template.FuncMap{
		"fig":     fig,
		"num":     num,
		"percent": percent,
		"inc":     func(i int) int { return i + 1 },
		"gap":     gapSentence,
	}).Parse(cohortHTMLSource))
})

func between(s, start, end string) string {
	i := strings.Index(s, start)
	j := strings.Index(s, end)
	if i < 0 || j < i {
		return ""
	}
	return s[i+len(start) : j]
}

type cohortHTMLData struct {
	C                           *cohort.Report
	Style                       template.CSS
	Intro, Privacy, Note        string
	Levels                      [][]string
	Top                         []cohort.Gap
	Spread, LevelBars, TierBars template.HTML
	Groups                      *htmlGroups
}

// htmlGroups is the groups' section of the page, when there are groups.
type htmlGroups struct {
	Heading, Note string
	Head          []string
	Rows          [][]string
	Sentences     []string
}

// CohortHTML writes the cohort summary as a self-contained page (inline
// CSS and SVG, no scripts) for a workshop handout: the spread of every
// dimension as a box plot with the figures in a table, the levels, the
// readiness per tier and the most common gaps. It prints on A4.
func CohortHTML(w io.Writer, c *cohort.Report, _ Options) error {
	d := cohortHTMLData{
		C: c, Style: pageStyle(), Intro: cohortIntro(c), Privacy: cohortPrivacy, Note: insufficientNote(c),
		Levels: levelRows(c), Top: topGaps(c, cohortTopGaps),
		Spread:    template.HTML(spreadChart(c).SVG()),
		LevelBars: template.HTML(levelBars(c).SVG()),
		TierBars:  template.HTML(tierBars(c).SVG()),
	}
	if len(c.Groups) > 0 {
		rows := groupMedianRows(c)
		d.Groups = &htmlGroups{Heading: groupsHeading(c), Note: groupsNote(c), Head: rows[0], Rows: rows[1:]}
		for _, g := range c.Groups {
			d.Groups.Sentences = append(d.Groups.Sentences, groupSentence(c, g))
		}
	}
	return executePage(w, cohortPage(), d, "html cohort report")
}

func levelBars(c *cohort.Report) Bars {
	b := Bars{ID: "levels", Title: "How many people are at each level", Desc: "Share of the group at each level, from Developing to the highest tier."}
	for _, l := range c.Levels {
		b.Bars = append(b.Bars, Bar{Label: l.Name, Value: 100 * share(l.Count, c.Participants), Mark: math.NaN(), Note: fmt.Sprintf("(%d)", l.Count)})
	}
	return b
}

func tierBars(c *cohort.Report) Bars {
	b := Bars{ID: "tiers", Title: "Mean readiness for each tier", Desc: "The group's mean readiness for each tier, out of 100, with how many meet it."}
	for _, t := range c.Tiers {
		b.Bars = append(b.Bars, Bar{Label: t.Name, Value: math.Round(t.ReadinessMean), Mark: math.NaN(), Note: fmt.Sprintf("· %d met", t.Met)})
	}
	return b
}

// Spread is a chart of distributions: one box plot per row on a 0-100
// scale, whiskers from the lowest to the highest value, a box over the
// middle half and a bar at the median.
type Spread struct {
	ID, Title, Desc string
	Rows            []SpreadRow
}

// SpreadRow is one distribution; Min is NaN when there is none.
type SpreadRow struct {
	Label                      string
	Min, P25, Median, P75, Max float64
	Note                       string
}

func spreadChart(c *cohort.Report) Spread {
	s := Spread{ID: "spread", Title: "Spread of scores by dimension", Desc: "For each dimension, out of 100: a line from the lowest to the highest score, a box over the middle half of the group and a thick bar at the median. The table below gives the figures."}
	for _, d := range c.Dimensions {
		r := SpreadRow{Label: d.Name, Min: orNaN(d.Min), P25: orNaN(d.P25), Median: orNaN(d.Median), P75: orNaN(d.P75), Max: orNaN(d.Max), Note: "median " + fig(d.Median)}
		if d.N == 0 {
			r.Note = "not scored"
		}
		s.Rows = append(s.Rows, r)
	}
	return s
}

// SVG draws the chart, laid out like Bars.
func (c Spread) SVG() string {
	var sb strings.Builder
	openSVG(&sb, c.ID, c.Title, c.Desc, barsW, barsRowH*len(c.Rows)+30)
	x := func(v float64) string { return num(float64(barsLabelW) + v/100*barsTrackW) }
	for _, t := range []float64{0, 25, 50, 75, 100} {
		fmt.Fprintf(&sb, `<line x1="%s" y1="0" x2="%s" y2="%d" stroke="%s" stroke-width="1"/>`, x(t), x(t), barsRowH*len(c.Rows)+8, colorGrid)
		fmt.Fprintf(&sb, `<text x="%s" y="%d" font-size="12" fill="%s" text-anchor="middle">%s</text>`, x(t), barsRowH*len(c.Rows)+24, colorMuted, num(t))
	}
	for i, r := range c.Rows {
		mid := 5 + i*barsRowH + barsRowH/2
		fmt.Fprintf(&sb, `<text x="%d" y="%d" font-size="13" fill="%s" text-anchor="end">%s</text>`, barsLabelW-10, mid+4, colorText, esc(truncate(r.Label, 28)))
		if r.Min == r.Min { // not NaN
			fmt.Fprintf(&sb, `<line x1="%s" y1="%d" x2="%s" y2="%d" stroke="%s" stroke-width="2"/>`, x(r.Min), mid, x(r.Max), mid, colorText)
			fmt.Fprintf(&sb, `<rect data-box="%d" x="%s" y="%d" width="%s" height="%d" fill="%s" fill-opacity="0.35" stroke="%s" stroke-width="1.5"/>`,
				i, x(r.P25), mid-barsBarH/2, num((r.P75-r.P25)/100*barsTrackW), barsBarH, ColorScore, ColorScore)
			fmt.Fprintf(&sb, `<line x1="%s" y1="%d" x2="%s" y2="%d" stroke="%s" stroke-width="4"/>`, x(r.Median), mid-barsBarH/2-3, x(r.Median), mid+barsBarH/2+3, ColorScore)
		}
		fmt.Fprintf(&sb, `<text x="%d" y="%d" font-size="13" fill="%s">%s</text>`, barsLabelW+barsTrackW+10, mid+4, colorText, esc(r.Note))
	}
	sb.WriteString("</svg>")
	return sb.String()
}
