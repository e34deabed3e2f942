package report

import (
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"

	"github.com/charmbracelet/x/ansi"

	"github.com/digilead/digilead/assessment/calibrate"
	"github.com/digilead/digilead/questions/lang"
)

// calibrationJSON writes the digilead.calibration/v1 document.
func calibrationJSON(w io.Writer, r *calibrate.Report, _ Options) error {
	return writeJSON(w, r)
}

// noteTitle names a refusal or flag kind for people.
func noteTitle(l *lang.Lang, kind string) string { return l.TOr("calibrate.title."+kind, kind) }

// tierPairs are the pairs of one tier.
type tierPairs struct {
	id, name string
	pairs    []calibrate.Pair
}

// byTier groups the pairs by tier, keeping their order.
func byTier(r *calibrate.Report) []tierPairs {
	var out []tierPairs
	for _, p := range r.Pairs {
		if len(out) == 0 || out[len(out)-1].id != p.Tier {
			out = append(out, tierPairs{id: p.Tier, name: string(p.TierName)})
		}
		out[len(out)-1].pairs = append(out[len(out)-1].pairs, p)
	}
	return out
}

// pairNote is a refusal or flag with the dimensions it is about.
type pairNote struct {
	kind, text string
	msg        lang.Msg
	dims       []string
}

// say is the note in l: its message, or the text of a note read from a
// document.
func (n pairNote) say(l *lang.Lang) string {
	if n.msg.ID == "" {
		return n.text
	}
	return l.Say(n.msg)
}

// tierNotes gathers the refusals and flags of a tier's pairs; notes with
// the same text (a lowest tier's refusal) are given once, naming every
// dimension.
func tierNotes(ps []calibrate.Pair) []pairNote {
	var out []pairNote
	add := func(n calibrate.Note, dim string) {
		for i := range out {
			if out[i].kind == n.Kind && out[i].text == n.Text {
				out[i].dims = append(out[i].dims, dim)
				return
			}
		}
		out = append(out, pairNote{kind: n.Kind, text: n.Text, msg: n.Msg, dims: []string{dim}})
	}
	for _, p := range ps {
		if p.Refusal != nil {
			add(*p.Refusal, p.Dimension)
		}
		for _, f := range p.Flags {
			add(f, p.Dimension)
		}
	}
	return out
}

// pilotSentence describes the pilot.
func pilotSentence(l *lang.Lang, r *calibrate.Report) string {
	known := 0
	var tiers []any
	for _, t := range r.Pilot.Tiers {
		known += t.People
		tiers = append(tiers, fmt.Sprintf("%s %d", t.ID, t.People))
	}
	if r.Pilot.WithoutRole > 0 {
		return l.T("calibrate.pilot_without", "Sets", r.Pilot.AnswerSets, "Known", known, "Tiers", lang.Joined{Items: tiers, Sep: "list.separator"}, "Without", r.Pilot.WithoutRole)
	}
	return l.T("calibrate.pilot", "Sets", r.Pilot.AnswerSets, "Known", known, "Tiers", lang.Joined{Items: tiers, Sep: "list.separator"})
}

// methodSentence says how the proposals were made.
func methodSentence(l *lang.Lang, r *calibrate.Report) string {
	return l.T("calibrate.method", "Coverage", l.Percent(l.Point(strconv.FormatFloat(r.Method.Coverage*100, 'f', -1, 64))),
		"Replicates", r.Method.Replicates, "Seed", r.Method.Seed, "MinGroup", r.Method.MinGroup)
}

// levelsSentence compares the level rule with current and proposed
// expectations, and points at the lowest tier when it keeps its own
// people from any level: calibration cannot set its expectations.
func levelsSentence(l *lang.Lang, lv calibrate.Levels) string {
	s := l.T("calibrate.levels", "People", lv.People, "Current", lv.Current.Correct, "CurrentShare", pct(l, lv.Current.Accuracy),
		"Proposed", lv.Proposed.Correct, "ProposedShare", pct(l, lv.Proposed.Accuracy))
	if len(lv.Proposed.Confusion) > 0 {
		low := lv.Proposed.Confusion[0]
		if below := low.NoLevel - low.Unscored; below > 0 {
			s += " " + l.T("calibrate.levels_low", "NoLevel", below, "People", low.People, "Role", low.Role)
		}
		if low.Unscored > 0 {
			s += " " + l.T("calibrate.levels_unscored", "NoLevel", low.Unscored, "People", low.People, "Role", low.Role)
		}
	}
	return s
}

// dimsLabel names the dimensions a note is about: "every dimension" when
// it is about all of a tier's.
func dimsLabel(l *lang.Lang, n pairNote, tp tierPairs) string {
	if len(n.dims) > 1 && len(n.dims) == len(tp.pairs) {
		return l.T("calibrate.every_dimension")
	}
	return strings.Join(n.dims, ", ")
}

// pct writes a share as a percentage with one decimal.
func pct(l *lang.Lang, x float64) string { return l.Percent(l.Fixed(x*100, 1)) }

// interval writes a pair's interval with f, or "-".
func interval(p calibrate.Pair, f func(float64) string) string {
	if p.Interval == nil {
		return "-"
	}
	return f(p.Interval.Low) + "-" + f(p.Interval.High)
}

// formatTenth writes a score to one decimal at most: 40.6, 45.
func formatTenth(l *lang.Lang) func(float64) string {
	return func(x float64) string { return l.Point(strconv.FormatFloat(math.Round(x*10)/10, 'f', -1, 64)) }
}

// optional writes an optional figure, or "-".
func optional(p *float64, f func(float64) string) string {
	if p == nil {
		return "-"
	}
	return f(*p)
}

// proposedCell is a pair's proposal, or "kept".
func proposedCell(l *lang.Lang, p calibrate.Pair) string {
	if p.Proposed == nil {
		return l.T("calibrate.word.kept")
	}
	return l.Num(*p.Proposed)
}

// calibrationText writes the calibration for people: per tier a table of
// its dimensions, refusals and flags highlighted, then how the level rule
// places the pilot. Accessible output gives every figure in a sentence
// instead of a table.
func calibrationText(w io.Writer, r *calibrate.Report, o Options) error {
	t := newText(o)
	l := t.l
	t.title(l.T("calibrate.title"))
	t.para("", l.T("report.bank", "Title", r.Bank.Title, "Version", r.Bank.Version))
	t.blank()
	t.para("", pilotSentence(l, r))
	t.para("", methodSentence(l, r))
	if !o.Accessible {
		t.para("", t.st.dim.Render(l.T("calibrate.legend")))
	}
	for _, tp := range byTier(r) {
		t.blank()
		t.line(t.st.heading.Render(tp.name) + t.st.dim.Render("  ("+tp.id+")"))
		if o.Accessible {
			accessiblePairs(t, tp)
		} else {
			visualPairs(t, tp)
		}
		for _, n := range tierNotes(tp.pairs) {
			findingPara(t, noteTitle(l, n.kind), l.T("label", "Text", dimsLabel(l, n, tp))+" "+n.say(l), o.Accessible)
		}
	}
	t.blank()
	t.line(t.st.heading.Render(l.T("calibrate.level_rule")))
	t.para("", levelsSentence(l, r.Levels))
	for _, c := range []struct {
		title string
		cl    calibrate.Classification
	}{{l.T("calibrate.with_proposed"), r.Levels.Proposed}, {l.T("calibrate.with_current"), r.Levels.Current}} {
		t.blank()
		t.line(t.st.label.Render(c.title))
		if o.Accessible {
			accessibleConfusion(t, r, c.cl)
		} else {
			visualConfusion(t, r, c.cl)
		}
	}
	_, err := io.WriteString(w, t.sb.String())
	return err
}

// visualPairs writes a tier's pairs as a table.
func visualPairs(t *text, tp tierPairs) {
	l := t.l
	heads := []string{l.T("calibrate.col.now"), l.T("calibrate.col.proposed"), l.T("calibrate.col.interval"), l.T("calibrate.col.accuracy"), l.T("calibrate.col.above_below")}
	ids := make([]string, len(tp.pairs))
	for i, p := range tp.pairs {
		ids[i] = p.Dimension
	}
	idW, ws := t.tableHead(l.T("calibrate.col.dimension"), ids, 9, heads, []int{5, 9, 10, 9, 12})
	for _, p := range tp.pairs {
		mark := " "
		if p.Refusal != nil || len(p.Flags) > 0 {
			mark = t.st.large.Render("!")
		}
		n := "-"
		if p.Status == calibrate.StatusProposed {
			n = fmt.Sprintf("%d/%d", p.Upper, p.Lower)
		}
		t.line(fmt.Sprintf("  %s %s%*s%*s%*s%*s%*s", pad(p.Dimension, idW), mark, ws[0], l.Num(p.Current), ws[1], proposedCell(l, p), ws[2], interval(p, formatTenth(l)), ws[3], optional(p.Accuracy, func(x float64) string { return pct(l, x) }), ws[4], n))
	}
}

// accessiblePairs writes a tier's pairs as sentences.
func accessiblePairs(t *text, tp tierPairs) {
	l := t.l
	for _, p := range tp.pairs {
		if p.Proposed == nil {
			t.para("  ", l.T("calibrate.acc.kept", "Dimension", p.Dimension, "Current", l.Num(p.Current)))
			continue
		}
		t.para("  ", l.T("calibrate.acc.pair", "Dimension", p.Dimension, "Proposed", l.Num(*p.Proposed), "Current", l.Num(p.Current), "Cut", l.Num(*p.Cut),
			"Coverage", l.Percent("90"), "Low", l.Num(p.Interval.Low), "High", l.Num(p.Interval.High),
			"Accuracy", pct(l, *p.Accuracy), "Upper", p.Upper, "Tier", p.Tier, "Lower", p.Lower, "Insufficient", p.Insufficient))
	}
}

// confusionColumns are the column heads of a confusion table: no level,
// then the tiers.
func confusionColumns(l *lang.Lang, r *calibrate.Report) []string {
	cols := []string{l.T("calibrate.col.no_level")}
	for _, tc := range r.Pilot.Tiers {
		cols = append(cols, strings.ToUpper(tc.ID))
	}
	return cols
}

// visualConfusion writes a confusion table: a row per known tier, a
// column per level; as sentences when it is too wide for the width.
func visualConfusion(t *text, r *calibrate.Report, cl calibrate.Classification) {
	l := t.l
	known, people := l.T("calibrate.col.known_tier"), l.T("calibrate.col.people")
	roleW := ansi.StringWidth(known)
	for _, row := range cl.Confusion {
		roleW = max(roleW, ansi.StringWidth(row.Role))
	}
	peopleW := max(8, ansi.StringWidth(people)+2)
	cols := confusionColumns(l, r)
	head := fmt.Sprintf("  %s%*s", pad(known, roleW), peopleW, people)
	for _, c := range cols {
		head += fmt.Sprintf("  %*s", max(6, ansi.StringWidth(c)), c)
	}
	if ansi.StringWidth(head) > t.prose {
		accessibleConfusion(t, r, cl)
		return
	}
	t.line(t.st.label.Render(head))
	for _, row := range cl.Confusion {
		line := fmt.Sprintf("  %s%*d", pad(row.Role, roleW), peopleW, row.People)
		for i, n := range append([]int{row.NoLevel}, row.Levels...) {
			cell := strconv.Itoa(n)
			if i > 0 && r.Pilot.Tiers[i-1].ID == row.Role {
				cell = "[" + cell + "]"
			}
			line += fmt.Sprintf("  %*s", max(6, ansi.StringWidth(cols[i])), cell)
		}
		t.line(line)
	}
	t.para("  ", t.st.dim.Render(l.T("calibrate.brackets")))
}

// accessibleConfusion writes a confusion table as a sentence per known
// tier.
func accessibleConfusion(t *text, r *calibrate.Report, cl calibrate.Classification) {
	l := t.l
	for _, row := range cl.Confusion {
		parts := []string{l.T("calibrate.acc.no_level", "N", row.NoLevel)}
		for i, n := range row.Levels {
			parts = append(parts, l.T("calibrate.acc.at", "N", n, "Tier", r.Pilot.Tiers[i].ID))
		}
		t.para("  ", l.T("calibrate.acc.row", "People", row.People, "Role", row.Role, "Parts", l.List(parts)))
	}
}

// calibrationMarkdown writes the calibration as a Markdown document: a
// table per tier with its findings as a list, and the level rule's
// confusion tables.
func calibrationMarkdown(w io.Writer, r *calibrate.Report, o Options) error {
	l := o.lang()
	m := &md{l: l}
	m.line("# " + mdEscape(l.T("calibrate.md.title", "Title", r.Bank.Title)))
	m.blank()
	m.line(sayMarkdown(l, "calibrate.md.intro", "ID", mdMarkup("`"+r.Bank.ID+"`"), "Version", r.Bank.Version, "Pilot", pilotSentence(l, r)))
	m.blank()
	m.line(mdEscape(methodSentence(l, r)))
	num := func(x float64) string { return l.Num(x) }
	for _, tp := range byTier(r) {
		m.heading(fmt.Sprintf("## %s (`%s`)", mdEscape(tp.name), tp.id))
		rows := [][]string{{l.T("report.col.dimension"), l.T("calibrate.md.now"), l.T("calibrate.md.proposed"), l.T("calibrate.md.cut"), l.T("calibrate.md.interval"),
			l.T("calibrate.md.accuracy"), l.T("calibrate.md.above"), l.T("calibrate.md.below"), l.T("calibrate.md.no_score")}}
		for _, p := range tp.pairs {
			id := p.Dimension
			if p.Refusal != nil || len(p.Flags) > 0 {
				id += " ⚠"
			}
			above, below := "-", "-"
			if p.Status == calibrate.StatusProposed {
				above, below = strconv.Itoa(p.Upper), strconv.Itoa(p.Lower)
			}
			rows = append(rows, []string{id, l.Num(p.Current), proposedCell(l, p), optional(p.Cut, num), interval(p, num), optional(p.Accuracy, func(x float64) string { return pct(l, x) }), above, below, strconv.Itoa(p.Insufficient)})
		}
		m.table(rows, "l", "r", "r", "r", "r", "r", "r", "r", "r")
		if notes := tierNotes(tp.pairs); len(notes) > 0 {
			m.blank()
			for _, n := range notes {
				m.line("- " + sayMarkdown(l, "calibrate.md.note", "Title", mdMarkup(m.strong(noteTitle(l, n.kind))), "Dimensions", dimsLabel(l, n, tp), "Text", n.say(l)))
			}
		}
	}
	m.heading("## " + mdEscape(l.T("calibrate.level_rule")))
	m.line(mdEscape(levelsSentence(l, r.Levels) + " " + l.T("calibrate.md.rows")))
	for _, c := range []struct {
		title string
		cl    calibrate.Classification
	}{{l.T("calibrate.with_proposed"), r.Levels.Proposed}, {l.T("calibrate.with_current"), r.Levels.Current}} {
		m.heading("### " + mdEscape(c.title))
		head := []string{l.T("calibrate.md.known_tier"), l.T("calibrate.md.people"), l.T("calibrate.md.no_level")}
		for _, tc := range r.Pilot.Tiers {
			head = append(head, tc.ID)
		}
		rows := [][]string{head}
		for _, row := range c.cl.Confusion {
			cells := []string{row.Role, strconv.Itoa(row.People), strconv.Itoa(row.NoLevel)}
			for i, n := range row.Levels {
				cell := strconv.Itoa(n)
				if r.Pilot.Tiers[i].ID == row.Role {
					cell = "[" + cell + "]"
				}
				cells = append(cells, cell)
			}
			rows = append(rows, cells)
		}
		align := []string{"l"}
		for range len(head) - 1 {
			align = append(align, "r")
		}
		m.table(rows, align...)
	}
	_, err := io.WriteString(w, m.String())
	return err
}

// calibrationCSV writes one row per tier/dimension pair (calibrationRows),
// for spreadsheets.
func calibrationCSV(w io.Writer, r *calibrate.Report, _ Options) error {
	return writeCSV(w, calibrationRows(r), true)
}

// calibrationRows are the header and rows of the csv format and of the
// xlsx format's first sheet: each pair, tiers by rank and dimensions in
// bank order. Figures a pair has not are empty cells; flags are their
// kinds, separated by spaces.
func calibrationRows(r *calibrate.Report) [][]string {
	rows := [][]string{{"tier", "tier_name", "dimension", "dimension_name", "current", "status", "upper", "lower", "insufficient",
		"cut", "proposed", "accuracy", "upper_below", "lower_above", "interval_low", "interval_high", "refusal", "flags"}}
	for _, p := range r.Pairs {
		low, high, refusal := "", "", ""
		if p.Interval != nil {
			low, high = full(&p.Interval.Low), full(&p.Interval.High)
		}
		if p.Refusal != nil {
			refusal = p.Refusal.Kind
		}
		flags := make([]string, len(p.Flags))
		for i, f := range p.Flags {
			flags[i] = f.Kind
		}
		rows = append(rows, []string{p.Tier, string(p.TierName), p.Dimension, string(p.Name), full(&p.Current), p.Status,
			strconv.Itoa(p.Upper), strconv.Itoa(p.Lower), strconv.Itoa(p.Insufficient), full(p.Cut), full(p.Proposed), full(p.Accuracy),
			strconv.Itoa(p.UpperBelow), strconv.Itoa(p.LowerAbove), low, high, refusal, strings.Join(flags, " ")})
	}
	return rows
}

// calibrationLevelRows are the xlsx format's second sheet: where the level
// rule places the pilot's people of each known tier, with the current
// expectations and with the proposed ones.
func calibrationLevelRows(r *calibrate.Report) [][]string {
	head := []string{"expectations", "role", "people", "no_level"}
	for _, t := range r.Pilot.Tiers {
		head = append(head, "level_"+t.ID)
	}
	rows := [][]string{head}
	for _, set := range []struct {
		name string
		c    calibrate.Classification
	}{{"current", r.Levels.Current}, {"proposed", r.Levels.Proposed}} {
		for _, row := range set.c.Confusion {
			cells := []string{set.name, row.Role, strconv.Itoa(row.People), strconv.Itoa(row.NoLevel)}
			for _, n := range row.Levels {
				cells = append(cells, strconv.Itoa(n))
			}
			rows = append(rows, cells)
		}
	}
	return rows
}
