package report

import (
	"fmt"
	"io"
	"math"
	"slices"
	"strings"

	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"

	"github.com/digilead/digilead/assessment"
	"github.com/digilead/digilead/questions"
)

// styles are the text report's looks. Colour is never the only cue: every
// coloured thing also has a word or a shape.
type styles struct {
	title, heading, label, dim, met, small, moderate, large, insufficient, bar, barEmpty, marker lipgloss.Style
}

func newStyles(r *lipgloss.Renderer) styles {
	s := func() lipgloss.Style { return r.NewStyle() }
	return styles{
		title:        s().Bold(true).Foreground(lipgloss.AdaptiveColor{Light: "#1f4e79", Dark: "#8ecae6"}),
		heading:      s().Bold(true).Underline(true),
		label:        s().Bold(true),
		dim:          s().Foreground(lipgloss.AdaptiveColor{Light: "#555555", Dark: "#a0a0a0"}),
		met:          s().Foreground(lipgloss.AdaptiveColor{Light: "#116611", Dark: "#7bd88f"}),
		small:        s().Foreground(lipgloss.AdaptiveColor{Light: "#7a5c00", Dark: "#f2d16b"}),
		moderate:     s().Foreground(lipgloss.AdaptiveColor{Light: "#a04000", Dark: "#f4a261"}),
		large:        s().Foreground(lipgloss.AdaptiveColor{Light: "#b00020", Dark: "#ff6b6b"}).Bold(true),
		insufficient: s().Foreground(lipgloss.AdaptiveColor{Light: "#555555", Dark: "#a0a0a0"}).Italic(true),
		bar:          s().Foreground(lipgloss.AdaptiveColor{Light: "#1f4e79", Dark: "#8ecae6"}),
		barEmpty:     s().Foreground(lipgloss.AdaptiveColor{Light: "#bbbbbb", Dark: "#555555"}),
		marker:       s().Bold(true),
	}
}

func (s styles) severity(sev string) lipgloss.Style {
	switch sev {
	case assessment.SeverityMet:
		return s.met
	case assessment.SeveritySmall:
		return s.small
	case assessment.SeverityModerate:
		return s.moderate
	case assessment.SeverityLarge:
		return s.large
	}
	return s.insufficient
}

// text accumulates a report, wrapping paragraphs to the width.
type text struct {
	sb    strings.Builder
	width int
	st    styles
}

func (t *text) line(s string) {
	t.sb.WriteString(strings.TrimRight(s, " "))
	t.sb.WriteByte('\n')
}

// wrap breaks s into lines of at most width columns, at spaces only; a
// word wider than width has a line of its own. It is not ansi.Wordwrap,
// which always breaks after a hyphen too: "Data-informed decisions" would
// end a line with "Data-", and a long hyphenated question id would run a
// column past the width.
func wrap(s string, width int) []string {
	var lines []string
	var cur strings.Builder
	curW := 0
	for _, word := range strings.Fields(s) {
		w := ansi.StringWidth(word)
		if curW > 0 && curW+1+w > width {
			lines = append(lines, cur.String())
			cur.Reset()
			curW = 0
		}
		if curW > 0 {
			cur.WriteByte(' ')
			curW++
		}
		cur.WriteString(word)
		curW += w
	}
	return append(lines, cur.String())
}
func (t *text) blank() { t.sb.WriteByte('\n') }

// para writes s word-wrapped with a hanging indent after the first line's
// prefix.
func (t *text) para(prefix, s string) {
	indent := strings.Repeat(" ", ansi.StringWidth(prefix))
	for i, l := range wrap(s, max(20, t.width-len(indent))) {
		if i == 0 {
			t.line(prefix + l)
		} else {
			t.line(indent + l)
		}
	}
}

// labelled writes a label and its text as one wrapped paragraph, lines
// after the first indented by two: a long label leaves room for the text.
func (t *text) labelled(label, s string) {
	for i, l := range wrap(label+s, t.width-2) {
		if i > 0 {
			l = "  " + l
		}
		t.line(l)
	}
}

func (t *text) heading(s string) {
	t.blank()
	t.line(t.st.heading.Render(s))
}

// LevelName is the name of a result's level, or "Developing".
func LevelName(r *assessment.Result) string {
	if r.Level == nil {
		return "Developing"
	}
	return r.Level.Name
}

// Text writes the gap report for people: level and target, readiness per
// tier, a bar per dimension against the target's expectation, why the
// level is what it is, the gaps with actions, the target's challenges and
// notes on the answers. The accessible variant says the same in linear
// sentences, without bars or drawing characters.
func Text(w io.Writer, r *assessment.Result, o Options) error {
	t := &text{width: o.width(), st: newStyles(o.renderer())}
	g := readGaps(r)
	header(t, r)
	if o.Accessible {
		accessibleScores(t, r, g)
	} else {
		visualScores(t, r, g)
	}
	whyLevel(t, r, g)
	gapsSection(t, r, g, o.Accessible)
	challenges(t, r)
	footer(t, r, o)
	_, err := io.WriteString(w, t.sb.String())
	return err
}

// gapView sorts a result's gaps for the report.
type gapView struct {
	// expected is the target's expectation by dimension id.
	expected map[string]float64
	// byDim is the gap of each dimension with an expectation.
	byDim map[string]assessment.Gap
	// open are real shortfalls, largest first; close are gaps within
	// measurement error; unscored have too few answers; met are met.
	open, close, unscored, met []assessment.Gap
}

func readGaps(r *assessment.Result) gapView {
	g := gapView{expected: map[string]float64{}, byDim: map[string]assessment.Gap{}}
	for _, gap := range r.Gaps {
		g.expected[gap.Dimension] = gap.Expected
		g.byDim[gap.Dimension] = gap
		switch {
		case gap.Severity == assessment.SeverityMet:
			g.met = append(g.met, gap)
		case gap.Score == nil:
			g.unscored = append(g.unscored, gap)
		case gap.WithinError:
			g.close = append(g.close, gap)
		default:
			g.open = append(g.open, gap)
		}
	}
	return g
}

func header(t *text, r *assessment.Result) {
	t.line(t.st.title.Render("Digital leadership gap report"))
	t.para("", fmt.Sprintf("%s · version %s", r.Bank.Title, r.Bank.Version))
	who := r.Respondent.Name
	if who == "" {
		who = r.Respondent.ID
	}
	if who != "" {
		t.para("", "Respondent: "+who)
	}
	t.blank()
	level := LevelName(r)
	if r.Level == nil {
		level += " (no tier met yet)"
	}
	t.para(t.st.label.Render("Level:  "), level)
	t.para(t.st.label.Render("Target: "), r.Target.Name)
}

// Bars are at most maxBar cells, and a name column is used only when it
// leaves at least minBar for the bar; otherwise names go on their own line.
const (
	maxBar = 40
	minBar = 16
)

// rows writes named bars, each with its tail of words, fitted to the
// width: names in a column when they fit beside a bar of at least minBar
// cells, else each name on its own line with the bar below it. draw makes
// bar i at the bar width chosen.
func (t *text) rows(names []string, tails []string, draw func(i, barW int) string) {
	nameW, tailW := 0, 0
	for i := range names {
		nameW = max(nameW, ansi.StringWidth(names[i]))
		tailW = max(tailW, ansi.StringWidth(tails[i]))
	}
	columns := 2+nameW+2+minBar+1+tailW <= t.width
	barW := min(maxBar, t.width-4-1-tailW)
	if columns {
		barW = min(maxBar, t.width-2-nameW-2-1-tailW)
	}
	for i, name := range names {
		bar := draw(i, barW)
		if columns {
			t.line(fmt.Sprintf("  %s  %s %s", pad(name, nameW), bar, tails[i]))
			continue
		}
		t.para("  ", name)
		t.line(fmt.Sprintf("    %s %s", bar, tails[i]))
	}
}

func visualScores(t *text, r *assessment.Result, g gapView) {
	t.heading("Readiness by tier")
	names := make([]string, len(r.Tiers))
	tails := make([]string, len(r.Tiers))
	for i, tr := range r.Tiers {
		names[i] = tr.Name
		tails[i] = fmt.Sprintf("%3.0f%%  %s", math.Floor(tr.Readiness), metWord(t, tr.Met))
	}
	t.rows(names, tails, func(i, barW int) string { return t.bar(r.Tiers[i].Readiness, barW, -1) })

	t.heading("Dimension scores")
	t.para("", t.st.dim.Render(fmt.Sprintf("Bars show your score out of 100; %s marks what %s expects.", markerRune, r.Target.Name)))
	names = make([]string, len(r.Dimensions))
	tails = make([]string, len(r.Dimensions))
	for i, d := range r.Dimensions {
		names[i] = d.Name
		tails[i] = dimensionTail(t, d, g)
	}
	t.rows(names, tails, func(i, barW int) string {
		d := r.Dimensions[i]
		if d.Score == nil {
			return t.st.insufficient.Render(pad("not scored", barW))
		}
		mark := -1.0
		if e, ok := g.expected[d.ID]; ok {
			mark = e
		}
		return t.bar(*d.Score, barW, mark)
	})
}

// metWord says in words whether a tier is met.
func metWord(t *text, met bool) string {
	if met {
		return t.st.met.Render("met")
	}
	return t.st.dim.Render("not met")
}

// dimensionTail is the words after a dimension's bar: its score, the
// target's expectation and whether it is met.
func dimensionTail(t *text, d assessment.DimensionScore, g gapView) string {
	if d.Score == nil {
		return t.st.insufficient.Render(fmt.Sprintf("too few answers (%d of %d)", d.Answered, d.Total))
	}
	s := fmt.Sprintf("%5s", formatNum(*d.Score))
	gap, ok := g.byDim[d.ID]
	if !ok {
		return s
	}
	s += t.st.dim.Render(fmt.Sprintf("  expects %-3s", formatNum(gap.Expected))) + "  "
	switch {
	case gap.Severity == assessment.SeverityMet:
		return s + t.st.met.Render("met")
	case gap.WithinError:
		return s + t.st.dim.Render("within error")
	}
	return s + t.st.severity(gap.Severity).Render("gap "+formatNum(gap.Gap))
}

func accessibleScores(t *text, r *assessment.Result, g gapView) {
	t.heading("Readiness by tier")
	for _, tr := range r.Tiers {
		met := "not met"
		if tr.Met {
			met = "met"
		}
		t.para("- ", fmt.Sprintf("%s: %s percent ready, %s.", tr.Name, formatNum(tr.Readiness), met))
	}
	t.heading("Dimension scores, out of 100")
	t.para("", fmt.Sprintf("Expected: what the %s tier expects.", r.Target.Name))
	for _, d := range r.Dimensions {
		if d.Score == nil {
			t.para("- ", fmt.Sprintf("%s: not scored, too few answers (%d of %d answered).", d.Name, d.Answered, d.Total))
			continue
		}
		s := fmt.Sprintf("%s: %s", d.Name, formatNum(*d.Score))
		if gap, ok := g.byDim[d.ID]; ok {
			s += fmt.Sprintf(", expected %s, %s", formatNum(gap.Expected), gapWords(gap))
		}
		t.para("- ", s+".")
	}
}

// gapWords says how a scored dimension stands against its expectation.
func gapWords(g assessment.Gap) string {
	switch {
	case g.Severity == assessment.SeverityMet:
		return "met"
	case g.WithinError:
		return fmt.Sprintf("%s short, within measurement error", formatNum(g.Gap))
	}
	return fmt.Sprintf("%s gap of %s", g.Severity, formatNum(g.Gap))
}

// whyLevel names the dimensions that keep the next tier from being met.
func whyLevel(t *text, r *assessment.Result, g gapView) {
	next := -1
	for i, tr := range r.Tiers {
		if !tr.Met {
			next = i
			break
		}
	}
	t.blank()
	label := t.st.label.Render("Why this level: ")
	if next < 0 {
		t.labelled(label, "every tier's expectations are met.")
		return
	}
	tr := r.Tiers[next]
	names := dimensionNames(r, tr.Blocking)
	for i, id := range tr.Blocking {
		if gap, ok := g.byDim[id]; ok && gap.WithinError && tr.ID == r.Target.ID {
			names[i] += " (within measurement error)"
		}
		if d := dimensionScore(r, id); d != nil && d.Score == nil {
			names[i] += " (not scored)"
		}
	}
	t.labelled(label, fmt.Sprintf("%s is not yet met because of %s.", tr.Name, joinWords(names)))
}

func dimensionScore(r *assessment.Result, id string) *assessment.DimensionScore {
	for i := range r.Dimensions {
		if r.Dimensions[i].ID == id {
			return &r.Dimensions[i]
		}
	}
	return nil
}

func gapsSection(t *text, r *assessment.Result, g gapView, accessible bool) {
	t.heading(fmt.Sprintf("Gaps to %s, largest first", r.Target.Name))
	if len(g.open) == 0 {
		t.para("  ", fmt.Sprintf("None: no expectation of %s is clearly unmet.", r.Target.Name))
	}
	for i, gap := range g.open {
		t.blank()
		sev := t.st.severity(gap.Severity).Render(capitalise(gap.Severity) + " gap")
		t.para(fmt.Sprintf("  %d. ", i+1), t.st.label.Render(gap.Name))
		t.para("     ", fmt.Sprintf("%s of %s points: score %s, expected %s.", sev, formatNum(gap.Gap), formatNum(*gap.Score), formatNum(gap.Expected)))
		actions(t, gap.Actions, accessible)
	}
	if len(g.close) > 0 {
		t.blank()
		t.labelled(t.st.label.Render("Within measurement error: "), fmt.Sprintf("%s. Below the expectation by less than the uncertainty of the score: not a clear shortfall.", joinWords(gapFigures(g.close))))
	}
	if len(g.unscored) > 0 {
		t.blank()
		t.labelled(t.st.label.Render("Not scored: "), fmt.Sprintf("%s had too few answers to score. Answer more of their questions (fewer \"not applicable\") to see where you stand.", joinWords(gapNames(g.unscored))))
	}
	if len(g.met) > 0 {
		t.blank()
		t.labelled(t.st.met.Render("Already met: "), joinWords(gapNames(g.met))+".")
	}
}

// gapFigures names gaps with their score and expectation.
func gapFigures(gs []assessment.Gap) []string {
	out := make([]string, len(gs))
	for i, g := range gs {
		out[i] = fmt.Sprintf("%s (score %s, expected %s)", g.Name, formatNum(*g.Score), formatNum(g.Expected))
	}
	return out
}

// actions lists a gap's recommended actions grouped by kind: the kind
// once, its actions under it.
func actions(t *text, as []assessment.Action, accessible bool) {
	for _, kind := range actionKinds(as) {
		label := capitalise(kind) + ":"
		if accessible {
			t.para("     ", label)
		}
		for _, a := range as {
			if a.Kind != kind {
				continue
			}
			switch {
			case accessible:
				t.para("     - ", a.Text)
			default:
				t.para("     "+t.st.label.Render(pad(label, 12)), a.Text)
				label = ""
			}
		}
	}
}

func challenges(t *text, r *assessment.Result) {
	if len(r.Target.Challenges) == 0 {
		return
	}
	t.heading(fmt.Sprintf("Challenges at the %s tier", r.Target.Name))
	for _, c := range r.Target.Challenges {
		t.para("  - ", c)
	}
}

func footer(t *text, r *assessment.Result, o Options) {
	if len(r.Notes) > 0 {
		t.heading("Notes on the answers")
		for _, n := range r.Notes {
			t.para("  - ", n.Text)
		}
	}
	if o.SavedTo != "" {
		// A path is never broken; on its own line it fits more often.
		t.blank()
		if len("Saved to ")+ansi.StringWidth(o.SavedTo) <= t.width {
			t.line(t.st.dim.Render("Saved to " + o.SavedTo))
		} else {
			t.line(t.st.dim.Render("Saved to"))
			t.line(t.st.dim.Render("  " + o.SavedTo))
		}
	}
}

const markerRune = "│"

// bar draws value (0..100) in width cells, with a marker at mark (or none
// when mark < 0). Filled and empty cells differ in shape, not only colour.
func (t *text) bar(value float64, width int, mark float64) string {
	filled := int(math.Round(value / 100 * float64(width)))
	filled = max(0, min(width, filled))
	m := -1
	if mark >= 0 {
		m = min(width-1, int(math.Round(mark/100*float64(width))))
	}
	var sb strings.Builder
	for i := 0; i < width; i++ {
		switch {
		case i == m:
			sb.WriteString(t.st.marker.Render(markerRune))
		case i < filled:
			sb.WriteString(t.st.bar.Render("█"))
		default:
			sb.WriteString(t.st.barEmpty.Render("░"))
		}
	}
	return sb.String()
}

// pad fits s into exactly n columns, cutting with an ellipsis if needed.
func pad(s string, n int) string {
	if w := ansi.StringWidth(s); w > n {
		return ansi.Truncate(s, n, "…")
	} else {
		return s + strings.Repeat(" ", n-w)
	}
}

// formatNum writes a score without needless decimals: 50, 52.5, 66.67.
func formatNum(x float64) string {
	s := fmt.Sprintf("%.2f", x)
	s = strings.TrimRight(s, "0")
	return strings.TrimSuffix(s, ".")
}

func capitalise(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// actionKinds lists the kinds present, in the bank format's order.
func actionKinds(actions []assessment.Action) []string {
	var kinds []string
	for _, k := range questions.ActionKinds {
		if slices.ContainsFunc(actions, func(a assessment.Action) bool { return a.Kind == k }) {
			kinds = append(kinds, k)
		}
	}
	return kinds
}

func dimensionNames(r *assessment.Result, ids []string) []string {
	names := make([]string, 0, len(ids))
	for _, id := range ids {
		name := id
		for _, d := range r.Dimensions {
			if d.ID == id {
				name = d.Name
			}
		}
		names = append(names, name)
	}
	return names
}

func gapNames(gs []assessment.Gap) []string {
	names := make([]string, len(gs))
	for i, g := range gs {
		names[i] = g.Name
	}
	return names
}

// joinWords joins names as "a, b and c".
func joinWords(names []string) string {
	switch len(names) {
	case 0:
		return "nothing"
	case 1:
		return names[0]
	}
	return strings.Join(names[:len(names)-1], ", ") + " and " + names[len(names)-1]
}
