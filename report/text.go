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
	"github.com/digilead/digilead/questions/lang"
	"github.com/digilead/digilead/questions/safetext"
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

// text accumulates a report, wrapping paragraphs to the width, in the
// report's language.
type text struct {
	sb strings.Builder
	// width is what tables and bars are laid out for (at least
	// MinWidth); prose is what paragraphs, headings and titles wrap at
	// (the terminal's width, at least MinProse).
	width, prose int
	st           styles
	l            *lang.Lang
}

// newText starts a text report laid out and said as o asks.
func newText(o Options) *text {
	return &text{width: o.width(), prose: o.proseWidth(), st: newStyles(o.renderer()), l: o.lang()}
}

// title writes a document's title on one line, as it always was, or,
// in a terminal narrower than MinWidth, wrapped to its width.
func (t *text) title(s string) {
	if t.prose >= MinWidth {
		t.line(t.st.title.Render(s))
		return
	}
	for _, l := range wrap(s, t.prose) {
		t.line(t.st.title.Render(l))
	}
}

func (t *text) line(s string) {
	t.sb.WriteString(strings.TrimRight(s, " "))
	t.sb.WriteByte('\n')
}

// wrap breaks s into lines of at most width columns, at spaces only; a
// word wider than width has a line of its own. It is not ansi.Wordwrap,
// which always breaks after a hyphen too: "Data-informed decisions" would
// end a line with "Data-", and a long hyphenated question id would run a
// column past the width. A no-break space (U+00A0, U+202F: French puts
// one before ":" and "?" and inside « ») is part of its word, never a
// place to break, and is kept: strings.Fields would split there and
// start a line with "? »".
func wrap(s string, width int) []string {
	var lines []string
	var cur strings.Builder
	curW := 0
	for _, word := range strings.FieldsFunc(s, breakable) {
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

// breakable reports whether wrap may break a line at r: ASCII white
// space only.
func breakable(r rune) bool {
	return r == ' ' || r == '\t' || r == '\n' || r == '\r' || r == '\v' || r == '\f'
}

func (t *text) blank() { t.sb.WriteByte('\n') }

// minWrap is the fewest columns a paragraph wraps at after its indent: a
// long label or a deep indent in a narrow terminal still leaves words
// whole.
const minWrap = 10

// para writes s word-wrapped with a hanging indent after the first line's
// prefix.
func (t *text) para(prefix, s string) {
	if lead, ok := t.labelAlone(prefix, s); ok {
		// The label wrapped if need be, its text below, indented two more
		// than it when its longest word fits so.
		t.para(lead, strings.TrimSpace(prefix))
		prefix = lead
		if longestWord(s) <= t.prose-len(lead)-2 {
			prefix += "  "
		}
	}
	indent := strings.Repeat(" ", ansi.StringWidth(prefix))
	for i, l := range wrap(s, max(minWrap, t.prose-len(indent))) {
		if i == 0 {
			t.line(prefix + l)
		} else {
			t.line(indent + l)
		}
	}
}

// labelAlone reports whether, in a terminal narrower than MinWidth,
// prefix (a label, a kind of action, a number) goes on a line of its own
// with s below it, indented as the spaces before it (lead) or two more:
// beside the label s would have fewer than minWrap columns, or a word of
// s that fits a line would not fit there.
func (t *text) labelAlone(prefix, s string) (lead string, ok bool) {
	if t.prose >= MinWidth || strings.TrimSpace(prefix) == "" {
		return "", false
	}
	lead = prefix[:len(prefix)-len(strings.TrimLeft(prefix, " "))]
	room := t.prose - ansi.StringWidth(prefix)
	word := longestWord(s)
	return lead, room < minWrap || (word > room && word <= t.prose-len(lead))
}

// longestWord is the width of the widest word of s, as wrap splits it.
func longestWord(s string) int {
	n := 0
	for _, w := range strings.FieldsFunc(s, breakable) {
		n = max(n, ansi.StringWidth(w))
	}
	return n
}

// labelled writes a label and its text as one wrapped paragraph, lines
// after the first indented by two: a long label leaves room for the text.
func (t *text) labelled(label, s string) {
	for i, l := range wrap(label+s, max(minWrap, t.prose-2)) {
		if i > 0 {
			l = "  " + l
		}
		t.line(l)
	}
}

// heading writes a heading, wrapped to the width (a translated heading
// with a long tier name may not fit).
func (t *text) heading(s string) {
	t.blank()
	for _, l := range wrap(s, t.prose) {
		t.line(t.st.heading.Render(l))
	}
}

// LevelName is the name of a result's level, or "Developing" in l.
func LevelName(l *lang.Lang, r *assessment.Result) string {
	if r.Level == nil {
		return l.T("level.developing")
	}
	return string(r.Level.Name)
}

// resultText writes the gap report for people: level and target, readiness per
// tier, a bar per dimension against the target's expectation, why the
// level is what it is, the gaps with actions, the target's challenges and
// notes on the answers. The accessible variant says the same in linear
// sentences, without bars or drawing characters.
func resultText(w io.Writer, r *assessment.Result, o Options) error {
	t := newText(o)
	g := readGaps(r)
	header(t, r, o.Accessible)
	summaryText(t, r, summarise(t.l, r, o))
	if o.Brief != "" {
		t.blank()
		t.para("", t.st.dim.Render(t.l.T("report.more_all", "Command", o.Brief)))
		footer(t, r, o)
		_, err := io.WriteString(w, t.sb.String())
		return err
	}
	t.heading(t.l.T("report.complete"))
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

// summaryText writes what the report leads with: the strengths, then
// the priorities, each with its first step and the answers behind it.
func summaryText(t *text, r *assessment.Result, s summary) {
	l := t.l
	if len(s.Strengths) > 0 {
		t.heading(l.T("report.strengths"))
		for _, st := range s.Strengths {
			t.para("  - ", l.T("report.strength", "Name", st.Name, "Score", st.Score))
		}
	}
	t.heading(l.T("report.priorities"))
	unscored := s.unscoredText(l, r.Target.Name)
	if len(s.Priorities) == 0 && unscored == "" {
		t.para("  ", l.T("report.priorities_none", "Target", r.Target.Name))
	}
	for i, p := range s.Priorities {
		t.para(fmt.Sprintf("  %d. ", i+1), t.st.label.Render(string(p.Name)))
		t.para("     ", l.T("report.priority_line", "Score", p.Score, "Target", r.Target.Name, "Expected", p.Expected, "Gap", p.Gap))
		if p.First != nil {
			t.labelled2("     ", t.st.label.Render(l.T("report.first_step"))+" ", actionText(l, *p.First))
		}
		if len(p.Causes) > 0 {
			causes := make([]string, len(p.Causes))
			for i, c := range p.Causes {
				causes[i] = l.T("report.cause", "Question", c.Question, "Answer", c.Answer)
			}
			t.labelled2("     ", t.st.label.Render(l.T("report.because"))+" ", strings.Join(causes, l.T("list.semicolon")))
		}
	}
	if unscored != "" {
		t.labelled2("  ", t.st.label.Render(l.T("report.not_scored_label"))+" ", unscored)
	}
}

// labelled2 writes a label and its text as one paragraph indented by
// indent, lines after the first indented two more.
func (t *text) labelled2(indent, label, s string) {
	for i, l := range wrap(label+s, max(minWrap, t.prose-len(indent)-2)) {
		if i > 0 {
			l = "  " + l
		}
		t.line(indent + l)
	}
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

func header(t *text, r *assessment.Result, accessible bool) {
	t.title(t.l.T("report.title"))
	t.para("", t.l.T("report.bank", "Title", r.Bank.Title, "Version", r.Bank.Version))
	if who := respondentName(r); who != "" {
		t.para("", t.l.T("report.respondent", "Name", who))
	}
	t.blank()
	level := LevelName(t.l, r)
	if r.Level == nil {
		level = t.l.T("report.no_tier_yet", "Level", level)
	}
	sure := certainty(t.l, r, accessible)
	labels := t.labels(t.l.T("report.label.level"), t.l.T("report.label.target"))
	if sure != "" {
		labels = t.labels(t.l.T("report.label.level"), t.l.T("report.label.target"), t.l.T("report.label.certainty"))
	}
	t.para(t.st.label.Render(labels[0]), level)
	if sure != "" {
		t.para(t.st.label.Render(labels[2]), sure)
	}
	t.para(t.st.label.Render(labels[1]), string(r.Target.Name))
}

// labels pads labels that start lines to one width, with a space after
// the longest, so that what follows them lines up.
func (t *text) labels(ls ...string) []string {
	w := 0
	for _, l := range ls {
		w = max(w, ansi.StringWidth(l))
	}
	out := make([]string, len(ls))
	for i, l := range ls {
		out[i] = l + strings.Repeat(" ", w+1-ansi.StringWidth(l))
	}
	return out
}

// Bars are at most maxBar cells, and a name column is used only when it
// leaves at least minBar for the bar; otherwise names go on their own line.
const (
	maxBar    = 40
	minBar    = 16
	narrowBar = 8
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
	columns := 2+nameW+2+minBar+1+tailW <= t.prose
	// Below a name, the bar fits a narrow terminal too, down to
	// narrowBar cells.
	barW := max(narrowBar, min(maxBar, t.prose-4-1-tailW))
	if columns {
		barW = min(maxBar, t.prose-2-nameW-2-1-tailW)
	}
	for i, name := range names {
		bar := draw(i, barW)
		if columns {
			t.line(fmt.Sprintf("  %s  %s %s", pad(name, nameW), bar, tails[i]))
			continue
		}
		t.para("  ", name)
		if 4+barW+1+ansi.StringWidth(tails[i]) <= t.prose {
			t.line(fmt.Sprintf("    %s %s", bar, tails[i]))
			continue
		}
		// Too narrow for the words beside the bar: below it.
		t.line("    " + bar)
		t.para("    ", tails[i])
	}
}

func visualScores(t *text, r *assessment.Result, g gapView) {
	t.heading(t.l.T("report.readiness"))
	names := make([]string, len(r.Tiers))
	tails := make([]string, len(r.Tiers))
	for i, tr := range r.Tiers {
		names[i] = string(tr.Name)
		tails[i] = fmt.Sprintf("%4s", readinessPct(t.l, tr.Readiness)) + "  " + metWord(t, r, tr)
	}
	t.rows(names, tails, func(i, barW int) string { return t.bar(r.Tiers[i].Readiness, barW, -1) })

	t.heading(t.l.T("report.dimension_scores"))
	t.para("", t.st.dim.Render(t.l.T("report.bars_legend", "Marker", markerRune, "Target", r.Target.Name)))
	names = make([]string, len(r.Dimensions))
	tails = make([]string, len(r.Dimensions))
	for i, d := range r.Dimensions {
		names[i] = string(d.Name)
		tails[i] = dimensionTail(t, d, g)
	}
	t.rows(names, tails, func(i, barW int) string {
		d := r.Dimensions[i]
		if d.Score == nil {
			return t.st.insufficient.Render(pad(t.l.T("report.not_scored"), barW))
		}
		mark := -1.0
		if e, ok := g.expected[d.ID]; ok {
			mark = e
		}
		return t.bar(*d.Score, barW, mark)
	})
}

// metWord says in words whether a tier is met (tierState).
func metWord(t *text, r *assessment.Result, tr assessment.TierResult) string {
	if tr.Met {
		return t.st.met.Render(t.l.T("report.met"))
	}
	return t.st.dim.Render(tierState(t.l, r, tr))
}

// dimensionTail is the words after a dimension's bar: its score, the
// target's expectation and whether it is met.
func dimensionTail(t *text, d assessment.DimensionScore, g gapView) string {
	l := t.l
	if d.Score == nil {
		return t.st.insufficient.Render(l.T("report.too_few", "Answered", d.Answered, "Total", d.Total))
	}
	s := fmt.Sprintf("%3s", whole(l, *d.Score))
	gap, ok := g.byDim[d.ID]
	if !ok {
		return s
	}
	s += t.st.dim.Render("  "+l.T("report.expects", "N", fmt.Sprintf("%-3s", whole(l, gap.Expected)))) + "  "
	switch {
	case gap.Severity == assessment.SeverityMet:
		return s + t.st.met.Render(l.T("report.dim_met"))
	case gap.WithinError:
		return s + t.st.dim.Render(l.T("report.within_error_short"))
	}
	return s + t.st.severity(gap.Severity).Render(l.T("report.gap_n", "N", wholeGap(l, gap.Gap)))
}

func accessibleScores(t *text, r *assessment.Result, g gapView) {
	l := t.l
	t.heading(l.T("report.readiness"))
	for _, tr := range r.Tiers {
		t.para("- ", l.T("report.acc.readiness", "Tier", tr.Name, "N", l.Int(int(math.Floor(tr.Readiness))), "Met", tierState(l, r, tr)))
	}
	t.heading(l.T("report.acc.dimension_scores"))
	t.para("", l.T("report.acc.expected", "Target", r.Target.Name))
	for _, d := range r.Dimensions {
		if d.Score == nil {
			t.para("- ", l.T("report.acc.not_scored", "Name", d.Name, "Answered", d.Answered, "Total", d.Total))
			continue
		}
		if gap, ok := g.byDim[d.ID]; ok {
			t.para("- ", l.T("report.acc.score_expected", "Name", d.Name, "Score", whole(l, *d.Score), "Expected", whole(l, gap.Expected), "Gap", gapWords(l, gap)))
			continue
		}
		t.para("- ", l.T("report.acc.score", "Name", d.Name, "Score", whole(l, *d.Score)))
	}
}

// gapWords says how a scored dimension stands against its expectation.
func gapWords(l *lang.Lang, g assessment.Gap) string {
	switch {
	case g.Severity == assessment.SeverityMet:
		return l.T("report.dim_met")
	case g.WithinError:
		return l.T("report.gap_within", "N", wholeGap(l, g.Gap))
	}
	return l.TOr("report.gap_of."+g.Severity, g.Severity, "N", wholeGap(l, g.Gap))
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
	l := t.l
	label := t.st.label.Render(l.T("report.why_label") + " ")
	below := withinErrorMet(l, r)
	if below != "" {
		below = " " + below
	}
	if next < 0 {
		t.labelled(label, l.T("report.why.all_met")+below)
		return
	}
	tr := r.Tiers[next]
	names := dimensionNames(r, tr.Blocking)
	for i, id := range tr.Blocking {
		if gap, ok := g.byDim[id]; ok && gap.WithinError && tr.ID == r.Target.ID {
			names[i] = l.T("report.why.within_error", "Name", names[i])
		}
		if d := dimensionScore(r, id); d != nil && d.Score == nil {
			names[i] = l.T("report.why.not_scored", "Name", names[i])
		}
	}
	t.labelled(label, whyNotMet(l, r, tr, names)+below)
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
	l := t.l
	t.heading(l.T("report.gaps_heading", "Target", r.Target.Name))
	switch {
	case len(g.open) == 0 && len(g.unscored) > 0:
		t.para("  ", l.T("report.gaps_none_scored_text", "Target", r.Target.Name))
	case len(g.open) == 0:
		t.para("  ", l.T("report.gaps_none_text", "Target", r.Target.Name))
	}
	for i, gap := range g.open {
		t.blank()
		sev := t.st.severity(gap.Severity).Render(l.TOr("report.gap_title."+gap.Severity, gap.Severity))
		t.para(fmt.Sprintf("  %d. ", i+1), t.st.label.Render(string(gap.Name)))
		t.para("     ", l.NF("report.gap_line", math.Max(1, math.Round(gap.Gap)), "Gap", sev, "Score", whole(l, *gap.Score), "Expected", whole(l, gap.Expected)))
		actions(t, gap.Actions, accessible)
	}
	if len(g.close) > 0 {
		t.blank()
		t.labelled(t.st.label.Render(l.T("report.within_error_label")+" "), l.T("report.within_error_text", "Gaps", l.List(gapFigures(l, g.close))))
	}
	if len(g.unscored) > 0 {
		t.blank()
		t.labelled(t.st.label.Render(l.T("report.not_scored_label")+" "), l.N("report.not_scored_text", len(g.unscored), "Names", l.List(gapNames(g.unscored))))
	}
	if len(g.met) > 0 {
		t.blank()
		t.labelled(t.st.met.Render(l.T("report.already_met_label")+" "), l.T("report.already_met_text", "Names", l.List(gapNames(g.met))))
	}
}

// gapFigures names gaps with their score and expectation.
func gapFigures(l *lang.Lang, gs []assessment.Gap) []string {
	out := make([]string, len(gs))
	for i, g := range gs {
		out[i] = l.T("report.gap_figures", "Name", g.Name, "Score", whole(l, *g.Score), "Expected", whole(l, g.Expected))
	}
	return out
}

// actions lists a gap's recommended actions grouped by kind: the kind
// once, its actions under it.
func actions(t *text, as []assessment.Action, accessible bool) {
	// The kinds' labels take one column, at least 12 wide.
	labelW := 12
	for _, kind := range questions.ActionKinds {
		labelW = max(labelW, ansi.StringWidth(kindLabel(t.l, kind))+1)
	}
	for _, kind := range actionKinds(as) {
		label := kindLabel(t.l, kind)
		if accessible {
			t.para("     ", label)
		}
		for _, a := range as {
			if a.Kind != kind {
				continue
			}
			switch {
			case accessible:
				t.para("     - ", actionText(t.l, a))
			default:
				t.para("     "+t.st.label.Render(pad(label, labelW)), actionText(t.l, a))
				label = ""
			}
		}
	}
}

// kindName names an action kind ("Training"); kindLabel is it as the
// label of a list ("Training:").
func kindName(l *lang.Lang, kind string) string {
	if !slices.Contains(questions.ActionKinds, kind) {
		return capitalise(kind)
	}
	return l.T("kind." + kind)
}

func kindLabel(l *lang.Lang, kind string) string {
	return l.T("label", "Text", kindName(l, kind))
}

func challenges(t *text, r *assessment.Result) {
	if len(r.Target.Challenges) == 0 {
		return
	}
	t.heading(t.l.T("report.challenges", "Tier", r.Target.Name))
	for _, c := range r.Target.Challenges {
		t.para("  - ", string(c))
	}
}

// noteText is a note on the answers in l: its message, or the text of a
// note read from a file.
func noteText(l *lang.Lang, n assessment.Note) string {
	if n.Msg.ID == "" {
		return n.Text
	}
	return l.Say(n.Msg)
}

func footer(t *text, r *assessment.Result, o Options) {
	if len(r.Notes) > 0 {
		t.heading(t.l.T("report.notes"))
		for _, n := range r.Notes {
			t.para("  - ", noteText(t.l, n))
		}
	}
	if o.SavedTo != "" {
		// A path is never broken; on its own line it fits more often.
		t.blank()
		if s := t.l.T("report.saved_to", "Path", o.SavedTo); ansi.StringWidth(s) <= t.prose {
			t.line(t.st.dim.Render(s))
		} else {
			t.line(t.st.dim.Render(t.l.T("report.saved_to_label")))
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

// tableHead writes the head of a table whose first column holds ids
// (idHead over them) and the rest figures under heads: each figure column
// as wide as its head in the language and at least its minimum width, the
// id column as wide as the longest id (at least minID) and never pushing
// the table past the width. It returns the id column's width and the
// figure columns'; a row is "  ID MARK" and then the figures.
func (t *text) tableHead(idHead string, ids []string, minID int, heads []string, minWidths []int) (int, []int) {
	ws := slices.Clone(minWidths)
	tail := 2 // the marker
	for i, h := range heads {
		ws[i] = max(ws[i], ansi.StringWidth(h)+1)
		tail += ws[i]
	}
	idW := minID
	for _, id := range ids {
		idW = max(idW, ansi.StringWidth(id))
	}
	idW = min(idW, t.width-2-tail)
	head := "  " + pad(idHead, idW) + "  "
	for i, h := range heads {
		head += fmt.Sprintf("%*s", ws[i], h)
	}
	t.line(t.st.label.Render(head))
	return idW, ws
}

// pad fits s into exactly n columns, cutting with an ellipsis if needed.
func pad(s string, n int) string {
	s = safetext.OneLine(s) // a cell is one line
	if w := ansi.StringWidth(s); w > n {
		return ansi.Truncate(s, n, "…")
	} else {
		return s + strings.Repeat(" ", n-w)
	}
}

// formatNum writes a score without needless decimals: 50, 52.5, 66.67,
// for the machine formats (CSV); reports for people write numbers in their
// language (lang.Lang.Num).
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
				name = string(d.Name)
			}
		}
		names = append(names, name)
	}
	return names
}

func gapNames(gs []assessment.Gap) []string {
	names := make([]string, len(gs))
	for i, g := range gs {
		names[i] = string(g.Name)
	}
	return names
}
