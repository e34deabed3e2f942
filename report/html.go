package report

import (
	_ "embed"
	"fmt"
	"html/template"
	"io"
	"maps"
	"math"
	"strings"
	"sync"
	"time"

	"github.com/digilead/digilead/assessment"
	"github.com/digilead/digilead/questions/lang"
)

//go:embed html.tmpl
var htmlSource string

// htmlPage is the result page's template, parsed on first use so that
// commands that never write HTML do not pay for it at start-up.
var htmlPage = sync.OnceValue(func() *template.Template {
	return template.Must(template.New("page").Funcs(pageFuncs(nil)).Funcs(resultFuncs(nil)).Parse(htmlSource + resourceHTML))
})

// resultFuncs are the result page's own functions, in l.
func resultFuncs(l *lang.Lang) template.FuncMap {
	fm := template.FuncMap{
		"optNum":     func(x *float64) string { return optWhole(l, x) },
		"score":      func(d assessment.DimensionScore) string { return scoreText(l, d) },
		"severity":   func(sev string) string { return l.TOr("severity."+sev, sev) },
		"summary":    func(g assessment.Gap) string { return lang.Capitalise(gapSummary(l, g)) },
		"kinds":      actionKinds,
		"kind":       func(k string) string { return kindName(l, k) },
		"inc":        func(i int) int { return i + 1 },
		"screenOnly": func(i int) bool { return i >= printedNotes },
		"barWidth":   barWidth,
	}
	maps.Copy(fm, actionFuncs(l))
	return fm
}

// barWidth is a score as the width of its bar, in percent: 0 to 100,
// with one decimal; 0 for no score.
func barWidth(x *float64) float64 {
	if x == nil {
		return 0
	}
	return math.Round(math.Max(0, math.Min(100, *x))*10) / 10
}

// htmlData is what the page template shows.
type htmlData struct {
	R          *assessment.Result
	Lang       string
	Respondent string
	Date       template.HTML
	Level      string
	Certainty  string
	Why        string
	Rows       []dimRow
	Open       []assessment.Gap
	Met        string
	Notes      []string
	// NotesMore says, on paper only, how many notes past the first
	// printedNotes are left to the screen; "" when none are.
	NotesMore string
	Readiness template.HTML
	Summary   summary
	// Unscored says which of the target's dimensions had too few answers
	// to score (summary.unscoredText); "" when none had.
	Unscored string
}

// printedNotes is how many notes on the answers the page prints: answers
// all at one end of the scale give a note for most dimensions, which
// would take the report to a third page. The screen shows them all.
const printedNotes = 2

// resultHTML writes the result as one self-contained web page: inline CSS and
// SVG, no scripts, nothing fetched. It leads with the level, strengths and
// priorities, then a table of the dimension scores, each with a bar and a
// mark where the target expects something, readiness bars per
// tier, and the gaps with their actions, and prints as an A4 handout of at
// most two pages.
func resultHTML(w io.Writer, r *assessment.Result, o Options) error {
	l := o.lang()
	d := htmlData{
		R:          r,
		Lang:       l.Tag(),
		Respondent: respondentName(r),
		Date: template.HTML(fmt.Sprintf(`<time datetime="%s">%s</time>`,
			r.CompletedAt.UTC().Format(time.RFC3339), template.HTMLEscapeString(l.Day(r.CompletedAt.UTC())))),
		Level:     LevelName(l, r),
		Certainty: certainty(l, r, false),
		Why:       levelReason(l, r),
		Rows:      dimensionRows(r),
		Open:      openGaps(r),
		// The charts are built from escaped text by chart.go.
		Readiness: template.HTML(readinessBars(l, r).SVG()),
		Summary:   summarise(l, r, o),
	}
	d.Unscored = d.Summary.unscoredText(l, r.Target.Name)
	if met := metGaps(r); len(met) > 0 {
		d.Met = l.List(met)
	}
	for _, n := range r.Notes {
		d.Notes = append(d.Notes, noteText(l, n))
	}
	if n := len(d.Notes) - printedNotes; n > 0 {
		d.NotesMore = l.N("report.html.notes_more", n)
	}
	return executePage(w, htmlPage(), l, resultFuncs(l), d, "html report")
}

// executePage runs a page template in l and writes the page only when it
// is complete, so a failure writes nothing; errors start with what.
func executePage(w io.Writer, page *template.Template, l *lang.Lang, funcs template.FuncMap, data any, what string) error {
	page, err := page.Clone()
	if err != nil {
		return fmt.Errorf("%s: %w", what, err)
	}
	page.Funcs(pageFuncs(l)).Funcs(funcs)
	var sb strings.Builder
	if err := page.Execute(&sb, data); err != nil {
		return fmt.Errorf("%s: %w", what, err)
	}
	_, err = io.WriteString(w, sb.String())
	return err
}

// readinessBars charts how ready the person is for each tier.
func readinessBars(l *lang.Lang, r *assessment.Result) Bars {
	c := Bars{ID: "readiness", Title: l.T("report.html.readiness_title")}
	var desc []string
	for _, t := range r.Tiers {
		b := Bar{Label: string(t.Name), Value: t.Readiness, Mark: math.NaN(), Shown: readinessPct(l, t.Readiness)}
		state := tierState(l, r, t)
		if t.Met {
			b.Note = state
		}
		c.Bars = append(c.Bars, b)
		desc = append(desc, l.T("report.html.readiness_item", "Tier", t.Name, "N", readinessPct(l, t.Readiness), "Met", state))
	}
	c.Desc = l.T("report.html.readiness_desc", "Items", lang.Joined{Items: lang.Items(desc), Sep: "list.semicolon"})
	return c
}
