package report

import (
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"

	"github.com/charmbracelet/x/ansi"

	"github.com/digilead/digilead/assessment/calibrate"
)

// CalibrationJSON writes the digilead.calibration/v1 document.
func CalibrationJSON(w io.Writer, r *calibrate.Report, _ Options) error {
	return WriteJSON(w, r)
}

// noteTitles name the refusal and flag kinds for people.
var noteTitles = map[string]string{
	calibrate.RefusedLowestTier:  "Not calibrated",
	calibrate.RefusedSmallGroup:  "Not calibrated",
	calibrate.FlagFallsWithRank:  "Falls as rank rises",
	calibrate.FlagWideInterval:   "Wide interval",
	calibrate.FlagWeakSeparation: "Weak separation",
}

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
			out = append(out, tierPairs{id: p.Tier, name: p.TierName})
		}
		out[len(out)-1].pairs = append(out[len(out)-1].pairs, p)
	}
	return out
}

// pairNote is a refusal or flag with the dimensions it is about.
type pairNote struct {
	kind, text string
	dims       []string
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
		out = append(out, pairNote{kind: n.Kind, text: n.Text, dims: []string{dim}})
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
func pilotSentence(r *calibrate.Report) string {
	known := 0
	var tiers []string
	for _, t := range r.Pilot.Tiers {
		known += t.People
		tiers = append(tiers, fmt.Sprintf("%s %d", t.ID, t.People))
	}
	s := fmt.Sprintf("%d answer sets: %d with a known tier (%s)", r.Pilot.AnswerSets, known, strings.Join(tiers, ", "))
	if r.Pilot.WithoutRole > 0 {
		s += fmt.Sprintf("; %d without a tier as their role, left out", r.Pilot.WithoutRole)
	}
	return s + "."
}

// methodSentence says how the proposals were made.
func methodSentence(r *calibrate.Report) string {
	return fmt.Sprintf("Each proposal is the contrasting-groups cut: the score that places fewest people on the wrong side, those of the tier and above against those below it (the middle of the range when several cuts tie), rounded to a whole point. Intervals are %s bootstrap percentile intervals of the cut, from %d resamples with seed %d. A pair needs %d people with a score on each side; where it has fewer, or no one can rank below the tier, the current expectation is kept.",
		strconv.FormatFloat(r.Method.Coverage*100, 'f', -1, 64)+"%", r.Method.Replicates, r.Method.Seed, r.Method.MinGroup)
}

// levelsSentence compares the level rule with current and proposed
// expectations, and points at the lowest tier when it keeps its own
// people from any level: calibration cannot set its expectations.
func levelsSentence(l calibrate.Levels) string {
	s := fmt.Sprintf("Of the %d people with a known tier, the level rule places %d (%s) at exactly that tier with the current expectations, and %d (%s) with the proposed ones.",
		l.People, l.Current.Correct, pct(l.Current.Accuracy), l.Proposed.Correct, pct(l.Proposed.Accuracy))
	if len(l.Proposed.Confusion) > 0 {
		if low := l.Proposed.Confusion[0]; low.NoLevel > 0 {
			s += fmt.Sprintf(" %d of the %d %s people have no level at all: they miss the lowest tier's own expectations, which a pilot cannot calibrate; review those first.",
				low.NoLevel, low.People, low.Role)
		}
	}
	return s
}

// dimsLabel names the dimensions a note is about: "every dimension" when
// it is about all of a tier's.
func dimsLabel(n pairNote, tp tierPairs) string {
	if len(n.dims) > 1 && len(n.dims) == len(tp.pairs) {
		return "every dimension"
	}
	return strings.Join(n.dims, ", ")
}

// pct writes a share as a percentage with one decimal.
func pct(x float64) string { return strconv.FormatFloat(x*100, 'f', 1, 64) + "%" }

// interval writes a pair's interval with f, or "-".
func interval(p calibrate.Pair, f func(float64) string) string {
	if p.Interval == nil {
		return "-"
	}
	return f(p.Interval.Low) + "-" + f(p.Interval.High)
}

// formatTenth writes a score to one decimal at most: 40.6, 45.
func formatTenth(x float64) string {
	return strconv.FormatFloat(math.Round(x*10)/10, 'f', -1, 64)
}

// optional writes an optional figure, or "-".
func optional(p *float64, f func(float64) string) string {
	if p == nil {
		return "-"
	}
	return f(*p)
}

// proposedCell is a pair's proposal, or "kept".
func proposedCell(p calibrate.Pair) string {
	if p.Proposed == nil {
		return "kept"
	}
	return formatNum(*p.Proposed)
}

// CalibrationText writes the calibration for people: per tier a table of
// its dimensions, refusals and flags highlighted, then how the level rule
// places the pilot. Accessible output gives every figure in a sentence
// instead of a table.
func CalibrationText(w io.Writer, r *calibrate.Report, o Options) error {
	t := &text{width: o.width(), st: newStyles(o.renderer())}
	t.line(t.st.title.Render("Calibration of expectations"))
	t.para("", fmt.Sprintf("%s · version %s", r.Bank.Title, r.Bank.Version))
	t.blank()
	t.para("", pilotSentence(r))
	t.para("", methodSentence(r))
	if !o.Accessible {
		t.para("", t.st.dim.Render("NOW: the bank's expectation. INTERVAL: the 90% bootstrap interval of the cut. ACCURACY: the share of the pair's people on the right side of the proposal. ABOVE/BELOW: people with a score at the tier and above, and below it. ! marks a finding."))
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
			findingPara(t, noteTitles[n.kind], dimsLabel(n, tp)+": "+n.text, o.Accessible)
		}
	}
	t.blank()
	t.line(t.st.heading.Render("The level rule on the pilot"))
	t.para("", levelsSentence(r.Levels))
	for _, c := range []struct {
		title string
		cl    calibrate.Classification
	}{{"With the proposed expectations", r.Levels.Proposed}, {"With the current expectations", r.Levels.Current}} {
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
	const tail = 2 + 5 + 9 + 10 + 9 + 12 // marker, NOW, PROPOSED, INTERVAL, ACCURACY, ABOVE/BELOW
	idW := 9
	for _, p := range tp.pairs {
		idW = max(idW, ansi.StringWidth(p.Dimension))
	}
	idW = min(idW, t.width-2-tail)
	t.line(t.st.label.Render(fmt.Sprintf("  %s  %5s%9s%10s%9s%12s", pad("DIMENSION", idW), "NOW", "PROPOSED", "INTERVAL", "ACCURACY", "ABOVE/BELOW")))
	for _, p := range tp.pairs {
		mark := " "
		if p.Refusal != nil || len(p.Flags) > 0 {
			mark = t.st.large.Render("!")
		}
		n := "-"
		if p.Status == calibrate.StatusProposed {
			n = fmt.Sprintf("%d/%d", p.Upper, p.Lower)
		}
		t.line(fmt.Sprintf("  %s %s%5s%9s%10s%9s%12s", pad(p.Dimension, idW), mark, formatNum(p.Current), proposedCell(p), interval(p, formatTenth), optional(p.Accuracy, pct), n))
	}
}

// accessiblePairs writes a tier's pairs as sentences.
func accessiblePairs(t *text, tp tierPairs) {
	for _, p := range tp.pairs {
		if p.Proposed == nil {
			t.para("  ", fmt.Sprintf("%s: not calibrated; the expectation stays at %s.", p.Dimension, formatNum(p.Current)))
			continue
		}
		t.para("  ", fmt.Sprintf("%s: proposed %s, now %s. Cut %s, %s interval %s to %s. %s of the pair's people on the right side: %d at %s and above, %d below; %d without a score.",
			p.Dimension, formatNum(*p.Proposed), formatNum(p.Current), formatNum(*p.Cut), "90%", formatNum(p.Interval.Low), formatNum(p.Interval.High),
			pct(*p.Accuracy), p.Upper, p.Tier, p.Lower, p.Insufficient))
	}
}

// confusionColumns are the column heads of a confusion table: no level,
// then the tiers.
func confusionColumns(r *calibrate.Report) []string {
	cols := []string{"NO LEVEL"}
	for _, tc := range r.Pilot.Tiers {
		cols = append(cols, strings.ToUpper(tc.ID))
	}
	return cols
}

// visualConfusion writes a confusion table: a row per known tier, a
// column per level; as sentences when it is too wide for the width.
func visualConfusion(t *text, r *calibrate.Report, cl calibrate.Classification) {
	roleW := len("KNOWN TIER")
	for _, row := range cl.Confusion {
		roleW = max(roleW, ansi.StringWidth(row.Role))
	}
	cols := confusionColumns(r)
	head := fmt.Sprintf("  %s%8s", pad("KNOWN TIER", roleW), "PEOPLE")
	for _, c := range cols {
		head += fmt.Sprintf("  %*s", max(6, ansi.StringWidth(c)), c)
	}
	if ansi.StringWidth(head) > t.width {
		accessibleConfusion(t, r, cl)
		return
	}
	t.line(t.st.label.Render(head))
	for _, row := range cl.Confusion {
		line := fmt.Sprintf("  %s%8d", pad(row.Role, roleW), row.People)
		for i, n := range append([]int{row.NoLevel}, row.Levels...) {
			cell := strconv.Itoa(n)
			if i > 0 && r.Pilot.Tiers[i-1].ID == row.Role {
				cell = "[" + cell + "]"
			}
			line += fmt.Sprintf("  %*s", max(6, ansi.StringWidth(cols[i])), cell)
		}
		t.line(line)
	}
	t.para("  ", t.st.dim.Render("[ ] marks people placed at their known tier."))
}

// accessibleConfusion writes a confusion table as a sentence per known
// tier.
func accessibleConfusion(t *text, r *calibrate.Report, cl calibrate.Classification) {
	for _, row := range cl.Confusion {
		parts := []string{fmt.Sprintf("%d with no level", row.NoLevel)}
		for i, n := range row.Levels {
			parts = append(parts, fmt.Sprintf("%d at %s", n, r.Pilot.Tiers[i].ID))
		}
		t.para("  ", fmt.Sprintf("Of %d %s people: %s.", row.People, row.Role, joinWords(parts)))
	}
}

// CalibrationMarkdown writes the calibration as a Markdown document: a
// table per tier with its findings as a list, and the level rule's
// confusion tables.
func CalibrationMarkdown(w io.Writer, r *calibrate.Report, _ Options) error {
	m := &md{}
	m.line("# Calibration of expectations: " + mdEscape(r.Bank.Title))
	m.blank()
	m.line(fmt.Sprintf("Bank `%s` version %s. %s", r.Bank.ID, mdEscape(r.Bank.Version), mdEscape(pilotSentence(r))))
	m.blank()
	m.line(mdEscape(methodSentence(r)))
	for _, tp := range byTier(r) {
		m.heading(fmt.Sprintf("## %s (`%s`)", mdEscape(tp.name), tp.id))
		rows := [][]string{{"Dimension", "Now", "Proposed", "Cut", "90% interval", "Accuracy", "At the tier and above", "Below", "No score"}}
		for _, p := range tp.pairs {
			id := p.Dimension
			if p.Refusal != nil || len(p.Flags) > 0 {
				id += " ⚠"
			}
			above, below := "-", "-"
			if p.Status == calibrate.StatusProposed {
				above, below = strconv.Itoa(p.Upper), strconv.Itoa(p.Lower)
			}
			rows = append(rows, []string{id, formatNum(p.Current), proposedCell(p), optional(p.Cut, formatNum), interval(p, formatNum), optional(p.Accuracy, pct), above, below, strconv.Itoa(p.Insufficient)})
		}
		m.table(rows, "l", "r", "r", "r", "r", "r", "r", "r", "r")
		if notes := tierNotes(tp.pairs); len(notes) > 0 {
			m.blank()
			for _, n := range notes {
				m.line(fmt.Sprintf("- **%s** (%s): %s", mdEscape(noteTitles[n.kind]), mdEscape(dimsLabel(n, tp)), mdEscape(n.text)))
			}
		}
	}
	m.heading("## The level rule on the pilot")
	m.line(mdEscape(levelsSentence(r.Levels)) + " Rows are the known tiers, columns the levels the rule gives; \\[ \\] marks people placed at their known tier.")
	for _, c := range []struct {
		title string
		cl    calibrate.Classification
	}{{"With the proposed expectations", r.Levels.Proposed}, {"With the current expectations", r.Levels.Current}} {
		m.heading("### " + c.title)
		head := []string{"Known tier", "People", "No level"}
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
