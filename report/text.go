package report

import (
	"fmt"
	"io"
	"math"
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

// wrap breaks s into lines of at most width columns, at spaces only.
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

// Text writes the gap report for people: level, readiness per tier,
// dimension scores, the gaps to the target with actions, and the target's
// challenges.
func Text(w io.Writer, r *assessment.Result, o Options) error {
	t := &text{width: o.width(), st: newStyles(o.renderer())}
	if o.Accessible {
		accessibleText(t, r, o)
	} else {
		visualText(t, r, o)
	}
	_, err := io.WriteString(w, t.sb.String())
	return err
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
	t.line(t.st.label.Render("Level:  ") + LevelName(r))
	t.line(t.st.label.Render("Target: ") + r.Target.Name)
}

func visualText(t *text, r *assessment.Result, o Options) {
	header(t, r)
	nameW := 0
	for _, tr := range r.Tiers {
		nameW = max(nameW, ansi.StringWidth(tr.Name))
	}
	for _, d := range r.Dimensions {
		nameW = max(nameW, ansi.StringWidth(d.Name))
	}
	// name column, bar, and a tail of at most 22 columns (" 100  expects 100 ✓").
	nameW = min(nameW, t.width-22-20-4)
	barW := min(40, t.width-nameW-4-22)

	t.heading("Readiness by tier")
	for _, tr := range r.Tiers {
		status := ""
		if tr.Met {
			status = t.st.met.Render("met")
		}
		t.line(fmt.Sprintf("  %s  %s %3.0f%%  %s", pad(tr.Name, nameW), t.bar(tr.Readiness, barW, -1), math.Floor(tr.Readiness), status))
	}

	expected := map[string]float64{}
	for _, g := range r.Gaps {
		expected[g.Dimension] = g.Expected
	}
	t.heading("Dimension scores")
	t.para("", t.st.dim.Render(fmt.Sprintf("Bars show your score out of 100; %s marks what the %s tier expects.", markerRune, r.Target.Name)))
	for _, d := range r.Dimensions {
		e, hasE := expected[d.ID]
		mark := -1.0
		if hasE {
			mark = e
		}
		if d.Score == nil {
			t.line(fmt.Sprintf("  %s  %s", pad(d.Name, nameW), t.st.insufficient.Render(fmt.Sprintf("insufficient answers (%d of %d answered)", d.Answered, d.Total))))
			continue
		}
		tail := fmt.Sprintf("%5s", formatNum(*d.Score))
		if hasE {
			tick := ""
			if *d.Score >= e {
				tick = " " + t.st.met.Render("✓")
			}
			tail += t.st.dim.Render(fmt.Sprintf("  expects %s", formatNum(e))) + tick
		}
		t.line(fmt.Sprintf("  %s  %s %s", pad(d.Name, nameW), t.bar(*d.Score, barW, mark), tail))
	}
	whyLevel(t, r)
	gapsSection(t, r)
	challenges(t, r)
	footer(t, r, o)
}

func accessibleText(t *text, r *assessment.Result, o Options) {
	header(t, r)
	t.heading("Readiness by tier")
	for _, tr := range r.Tiers {
		met := "not met"
		if tr.Met {
			met = "met"
		}
		t.para("- ", fmt.Sprintf("%s: %s percent ready, %s.", tr.Name, formatNum(tr.Readiness), met))
	}
	expected := map[string]float64{}
	for _, g := range r.Gaps {
		expected[g.Dimension] = g.Expected
	}
	t.heading("Dimension scores, out of 100")
	for _, d := range r.Dimensions {
		if d.Score == nil {
			t.para("- ", fmt.Sprintf("%s: not scored, too few answers (%d of %d answered).", d.Name, d.Answered, d.Total))
			continue
		}
		s := fmt.Sprintf("%s: %s", d.Name, formatNum(*d.Score))
		if e, ok := expected[d.ID]; ok {
			s += fmt.Sprintf(", expected %s", formatNum(e))
		}
		t.para("- ", s+".")
	}
	whyLevel(t, r)
	gapsSection(t, r)
	challenges(t, r)
	footer(t, r, o)
}

// whyLevel names the dimensions that keep the next tier from being met.
func whyLevel(t *text, r *assessment.Result) {
	next := -1
	for i, tr := range r.Tiers {
		if !tr.Met {
			next = i
			break
		}
	}
	t.blank()
	if next < 0 {
		t.para(t.st.label.Render("Why this level: "), "every tier's expectations are met.")
		return
	}
	tr := r.Tiers[next]
	names := dimensionNames(r, tr.Blocking)
	t.para(t.st.label.Render("Why this level: "), fmt.Sprintf("%s is not yet met because of %s.", tr.Name, joinWords(names)))
}

func gapsSection(t *text, r *assessment.Result) {
	var open, met []assessment.Gap
	for _, g := range r.Gaps {
		if g.Severity == assessment.SeverityMet {
			met = append(met, g)
		} else {
			open = append(open, g)
		}
	}
	t.heading(fmt.Sprintf("Gaps to %s, largest first", r.Target.Name))
	if len(open) == 0 {
		t.para("  ", fmt.Sprintf("None: every expectation of %s is met.", r.Target.Name))
	}
	for i, g := range open {
		t.blank()
		sev := t.st.severity(g.Severity)
		var what string
		if g.Score == nil {
			what = fmt.Sprintf("%s — %s: not enough answers to score (expected %s)", g.Name, sev.Render("insufficient"), formatNum(g.Expected))
		} else {
			what = fmt.Sprintf("%s — %s gap of %s (score %s, expected %s)", g.Name, sev.Render(g.Severity), formatNum(g.Gap), formatNum(*g.Score), formatNum(g.Expected))
		}
		t.para(fmt.Sprintf("  %d. ", i+1), what)
		for _, kind := range actionKinds(g.Actions) {
			for _, a := range g.Actions {
				if a.Kind == kind {
					t.para("       "+t.st.label.Render(pad(capitalise(kind)+":", 12)), a.Text)
				}
			}
		}
	}
	if len(met) > 0 {
		t.blank()
		t.para(t.st.met.Render("Already met: "), joinWords(gapNames(met))+".")
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
	var notes []string
	for _, n := range r.Notes {
		notes = append(notes, n.Text)
	}
	if len(notes) > 0 {
		t.heading("Notes on the answers")
		for _, n := range notes {
			t.para("  - ", n)
		}
	}
	if o.SavedTo != "" {
		t.blank()
		t.para(t.st.dim.Render("Saved to "), t.st.dim.Render(o.SavedTo))
	}
}

const markerRune = "│"

// bar draws value (0..100) in width cells, with a marker at mark (or none
// when mark < 0).
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
		for _, a := range actions {
			if a.Kind == k {
				kinds = append(kinds, k)
				break
			}
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
