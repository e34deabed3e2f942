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
	"github.com/digilead/digilead/assessment/plan"
	"github.com/digilead/digilead/questions"
	"github.com/digilead/digilead/questions/lang"
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
	return template.Must(template.New("cohort").Funcs(pageFuncs(nil)).Funcs(cohortFuncs(nil)).Parse(cohortHTMLSource))
})

// cohortFuncs are the cohort page's own functions, in l.
func cohortFuncs(l *lang.Lang) template.FuncMap {
	return template.FuncMap{
		"fig":     func(x *float64) string { return fig(l, x) },
		"percent": func(x float64) string { return percent(l, x) },
		"inc":     func(i int) int { return i + 1 },
		"gap":     func(g cohort.Gap) string { return gapSentence(l, g) },
	}
}

func between(s, start, end string) string {
	i := strings.Index(s, start)
	j := strings.Index(s, end)
	if i < 0 || j < i {
		return ""
	}
	return s[i+len(start) : j]
}

type cohortHTMLData struct {
	C                    *cohort.Report
	Lang                 string
	Style                template.CSS
	Intro, Privacy, Note string
	// Withheld and GapWithheld list the dimensions whose figures or gaps
	// are withheld ("" for none).
	Withheld, GapWithheld       string
	Levels                      [][]string
	Top                         []cohort.Gap
	Spread, LevelBars, TierBars template.HTML
	Groups                      *htmlGroups
	// Sessions are the group sessions suggested for the top gaps, in
	// their order ("" for none).
	Sessions []string
}

// htmlGroups is the groups' section of the page, when there are groups.
type htmlGroups struct {
	Heading, Note string
	// Withheld explains the dashes of withheld figures ("" for none).
	Withheld  string
	Head      []string
	Rows      [][]string
	Sentences []string
}

// cohortHTML writes the cohort summary as a self-contained page (inline
// CSS and SVG, no scripts) for a workshop handout: the spread of every
// dimension as a box plot with the figures in a table, the levels, the
// readiness per tier and the most common gaps. It prints on A4.
func cohortHTML(w io.Writer, c *cohort.Report, o Options) error {
	l := o.lang()
	d := cohortHTMLData{
		C: c, Lang: l.Tag(), Style: pageStyle(), Intro: cohortIntro(l, c), Privacy: l.T("cohort.privacy"), Note: insufficientNote(l, c),
		Withheld: withheldNote(l, c), GapWithheld: gapWithheldNote(l, c),
		Levels: levelRows(l, c), Top: topGaps(c, cohortTopGaps),
		Spread:    template.HTML(spreadChart(l, c).SVG()),
		Sessions:  sessions(l, c, o),
		LevelBars: template.HTML(levelBars(l, c).SVG()),
		TierBars:  template.HTML(tierBars(l, c).SVG()),
	}
	if len(c.Groups) > 0 {
		rows := groupMedianRows(l, c)
		d.Groups = &htmlGroups{Heading: groupsHeading(l, c), Note: groupsNote(l, c), Withheld: groupsWithheldNote(l, c), Head: rows[0], Rows: rows[1:]}
		for _, g := range c.Groups {
			d.Groups.Sentences = append(d.Groups.Sentences, groupSentence(l, c, g))
		}
	}
	return executePage(w, cohortPage(), l, cohortFuncs(l), d, "html cohort report")
}

func levelBars(l *lang.Lang, c *cohort.Report) Bars {
	b := Bars{ID: "levels", Title: l.T("cohort.html.levels_title"), Desc: l.T("cohort.html.levels_desc")}
	for _, lv := range c.Levels {
		v := 100 * share(lv.Count, c.Participants)
		b.Bars = append(b.Bars, Bar{Label: levelName(l, lv), Value: v, Mark: math.NaN(), Note: fmt.Sprintf("(%d)", lv.Count), Shown: percent(l, v/100)})
	}
	return b
}

func tierBars(l *lang.Lang, c *cohort.Report) Bars {
	b := Bars{ID: "tiers", Title: l.T("cohort.html.tiers_title"), Desc: l.T("cohort.html.tiers_desc")}
	for _, t := range c.Tiers {
		v := math.Floor(t.ReadinessMean)
		b.Bars = append(b.Bars, Bar{Label: string(t.Name), Value: v, Mark: math.NaN(), Note: "· " + l.T("cohort.html.met", "N", t.Met), Shown: readinessPct(l, v)})
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
	// Mark, when not NaN, is what the target expects.
	Mark float64
}

// sessionGaps is how many of the top gaps get a suggested group session.
const sessionGaps = 3

// sessions suggests a group session for each of the top gaps: one of
// the bank's actions for learning from people (else practice at work,
// else a course), when the report's bank is the cohort's; else a session
// of sharing what works.
func sessions(l *lang.Lang, c *cohort.Report, o Options) []string {
	var out []string
	for i, g := range topGaps(c, cohortTopGaps) {
		if i >= sessionGaps {
			out = append(out, "")
			continue
		}
		action := ""
		if lg := o.Language; lg != nil && lg.Bank != nil && lg.Bank.ID == c.Bank.ID {
			if d, ok := lg.Bank.Dimension(g.Dimension); ok {
				action = groupAction(d.Actions)
			}
		}
		if action == "" {
			action = l.T("cohort.html.session_generic")
		}
		out = append(out, action)
	}
	return out
}

// groupAction is the action a group session is built on: learning from
// people first, then practice at work, then a course.
func groupAction(as []questions.Action) string {
	for _, way := range []string{"people", "work", "courses"} {
		for _, a := range as {
			if plan.Way(a.Kind) == way {
				return a.Text
			}
		}
	}
	return ""
}

func spreadChart(l *lang.Lang, c *cohort.Report) Spread {
	s := Spread{ID: "spread", Title: l.T("cohort.html.spread_title"), Desc: l.T("cohort.html.spread_desc")}
	expected := map[string]float64{}
	for _, g := range c.Gaps {
		if g.Expected != nil {
			expected[g.Dimension] = *g.Expected
		}
	}
	for _, d := range c.Dimensions {
		r := SpreadRow{Label: string(d.Name), Min: orNaN(d.Min), P25: orNaN(d.P25), Median: orNaN(d.Median), P75: orNaN(d.P75), Max: orNaN(d.Max), Note: l.T("cohort.html.median", "N", fig(l, d.Median)), Mark: math.NaN()}
		if e, ok := expected[d.ID]; ok {
			r.Mark = e
		}
		switch {
		case d.N == 0:
			r.Note = l.T("report.not_scored")
		case d.Min == nil:
			r.Note = l.T("cohort.withheld_short")
		}
		s.Rows = append(s.Rows, r)
	}
	return s
}

// SVG draws the chart, laid out like Bars.
func (c Spread) SVG() string {
	var sb strings.Builder
	labels := make([]string, len(c.Rows))
	for i, r := range c.Rows {
		labels[i] = r.Label
	}
	mids, h := rowMids(labels)
	openSVG(&sb, c.ID, c.Title, c.Desc, barsW, h+25)
	x := func(v float64) string { return num(float64(barsLabelW) + v/100*barsTrackW) }
	for _, t := range []float64{0, 25, 50, 75, 100} {
		fmt.Fprintf(&sb, `<line x1="%s" y1="0" x2="%s" y2="%d" stroke="%s" stroke-width="1"/>`, x(t), x(t), h+3, colorGrid)
		fmt.Fprintf(&sb, `<text x="%s" y="%d" font-size="12" fill="%s" text-anchor="middle">%s</text>`, x(t), h+19, colorMuted, num(t))
	}
	for i, r := range c.Rows {
		mid := mids[i]
		rowLabel(&sb, r.Label, mid)
		if r.Min == r.Min { // not NaN
			fmt.Fprintf(&sb, `<line x1="%s" y1="%d" x2="%s" y2="%d" stroke="%s" stroke-width="2"/>`, x(r.Min), mid, x(r.Max), mid, colorText)
			fmt.Fprintf(&sb, `<rect data-box="%d" x="%s" y="%d" width="%s" height="%d" fill="%s" fill-opacity="0.35" stroke="%s" stroke-width="1.5"/>`,
				i, x(r.P25), mid-barsBarH/2, num((r.P75-r.P25)/100*barsTrackW), barsBarH, ColorScore, ColorScore)
			fmt.Fprintf(&sb, `<line x1="%s" y1="%d" x2="%s" y2="%d" stroke="%s" stroke-width="4"/>`, x(r.Median), mid-barsBarH/2-3, x(r.Median), mid+barsBarH/2+3, ColorScore)
		}
		if r.Mark == r.Mark { // not NaN
			fmt.Fprintf(&sb, `<line data-mark="%d" x1="%s" y1="%d" x2="%s" y2="%d" stroke="%s" stroke-width="3" stroke-dasharray="3 2"/>`, i, x(r.Mark), mid-barsBarH/2-6, x(r.Mark), mid+barsBarH/2+6, ColorTarget)
		}
		fmt.Fprintf(&sb, `<text x="%d" y="%d" font-size="13" fill="%s">%s</text>`, barsLabelW+barsTrackW+10, mid+4, colorText, esc(r.Note))
	}
	sb.WriteString("</svg>")
	return sb.String()
}
