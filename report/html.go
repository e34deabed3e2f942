package report

import (
	_ "embed"
	"fmt"
	"html/template"
	"io"
	"math"
	"strings"
	"sync"

	"github.com/digilead/digilead/assessment"
)

//go:embed html.tmpl
var htmlSource string

// htmlPage is the result page's template, parsed on first use so that
// commands that never write HTML do not pay for it at start-up.
var htmlPage = sync.OnceValue(func() *template.Template {
	return template.Must(template.New("page").Funcs(template.FuncMap{
		"num":        formatNum,
		"optNum":     optNum,
		"score":      scoreText,
		"capitalise": capitalise,
		"summary":    gapSummary,
		"kinds":      actionKinds,
		"inc":        func(i int) int { return i + 1 },
	}).Parse(htmlSource))
})

// htmlData is what the page template shows.
type htmlData struct {
	R          *assessment.Result
	Respondent string
	Date       string
	Level      string
	Why        string
	Rows       []dimRow
	Open       []assessment.Gap
	Met        string
	Radar      template.HTML
	Readiness  template.HTML
}

// HTML writes the result as one self-contained web page: inline CSS and
// SVG, no scripts, nothing fetched. It shows the level and target, a radar
// chart of the dimension scores against the target's expectations (with
// the numbers in a table), readiness bars per tier, and the gaps with
// their actions, and prints as an A4 handout.
func HTML(w io.Writer, r *assessment.Result, _ Options) error {
	d := htmlData{
		R:          r,
		Respondent: respondentName(r),
		Date:       completedDate(r),
		Level:      LevelName(r),
		Why:        levelReason(r),
		Rows:       dimensionRows(r),
		Open:       openGaps(r),
		Met:        joinWords(metGaps(r)),
		// The charts are built from escaped text by chart.go.
		Radar:     template.HTML(resultRadar(r).SVG()),
		Readiness: template.HTML(readinessBars(r).SVG()),
	}
	if len(metGaps(r)) == 0 {
		d.Met = ""
	}
	return executePage(w, htmlPage(), d, "html report")
}

// executePage runs a page template and writes the page only when it is
// complete, so a failure writes nothing; errors start with what.
func executePage(w io.Writer, page *template.Template, data any, what string) error {
	var sb strings.Builder
	if err := page.Execute(&sb, data); err != nil {
		return fmt.Errorf("%s: %w", what, err)
	}
	_, err := io.WriteString(w, sb.String())
	return err
}

// resultRadar charts the dimension scores against the target's
// expectations.
func resultRadar(r *assessment.Result) Radar {
	rows := dimensionRows(r)
	c := Radar{
		ID:    "radar",
		Title: "Dimension scores compared with what the " + r.Target.Name + " tier expects",
		Axes:  make([]string, len(rows)),
		Series: []Series{
			{Name: "Your score", Color: ColorScore, Fill: 0.18, Dots: true},
			{Name: "Expected for " + r.Target.Name, Color: ColorTarget, Dashed: true},
		},
	}
	for i, row := range rows {
		c.Axes[i] = row.Name
		c.Series[0].Values = append(c.Series[0].Values, orNaN(row.Score))
		c.Series[1].Values = append(c.Series[1].Values, orNaN(row.Expected))
	}
	c.Desc = fmt.Sprintf("Radar chart of %d dimension scores out of 100: your scores as a solid blue outline with dots, "+
		"the %s tier's expectations as a dashed orange outline. The table below gives every number.", len(rows), r.Target.Name)
	return c
}

// readinessBars charts how ready the person is for each tier.
func readinessBars(r *assessment.Result) Bars {
	c := Bars{ID: "readiness", Title: "Readiness by tier, in percent"}
	var desc []string
	for _, t := range r.Tiers {
		b := Bar{Label: t.Name, Value: t.Readiness, Mark: math.NaN()}
		state := "not met"
		if t.Met {
			b.Note, state = "met", "met"
		}
		c.Bars = append(c.Bars, b)
		desc = append(desc, fmt.Sprintf("%s %s%% ready, %s", t.Name, formatNum(t.Readiness), state))
	}
	c.Desc = strings.Join(desc, "; ") + "."
	return c
}
