package report

import (
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/charmbracelet/x/ansi"

	"github.com/digilead/digilead/assessment/review"
)

// ReviewJSON writes the digilead.review/v1 document.
func ReviewJSON(w io.Writer, r *review.Report, _ Options) error {
	return WriteJSON(w, r)
}

// reviewSections are the review's sections in report order, with their
// titles.
var reviewSections = []struct{ id, title string }{
	{review.SectionCues, "Answer cues in choice questions"},
	{review.SectionKeying, "Keying"},
	{review.SectionTiers, "Tiers"},
	{review.SectionSimulation, "Simulated respondents"},
	{review.SectionWording, "Wording (checks: heuristics for a person to judge)"},
}

// sectionFindings are the findings of one section, in report order.
func sectionFindings(r *review.Report, section string) []review.Finding {
	var fs []review.Finding
	for _, f := range r.Findings {
		if c, _ := review.Check(f.Check); c.Section == section {
			fs = append(fs, f)
		}
	}
	return fs
}

// verdict sums up the findings in a sentence.
func verdict(r *review.Report) string {
	if r.Clean() {
		return "No findings: the bank passes every check."
	}
	return fmt.Sprintf("%d finding(s): %d error(s) that make the bank measure badly, %d check(s) of wording to look at.", len(r.Findings), r.Errors, r.Checks)
}

// cueSummary is the longest-is-best count in a sentence.
func cueSummary(c review.Cues) string {
	if c.Tested == 0 {
		return fmt.Sprintf("%d choice question(s), none with a single longest option to test.", c.ChoiceQuestions)
	}
	return fmt.Sprintf("The best option is the longest in %d of %d choice questions with a single longest option; chance would give %.1f (exact one-sided p = %s).",
		c.LongestIsBest, c.Tested, c.Expected, review.FormatP(c.P))
}

// readingSummary is the bank's reading ease in a sentence, or "".
func readingSummary(r *review.Report) string {
	if r.Reading == nil {
		return ""
	}
	return fmt.Sprintf("Flesch reading ease of the bank's text: %.1f (%.1f words a sentence, %.2f syllables a word, %d words); 60 or more is plain English.",
		r.Reading.FleschReadingEase, r.Reading.WordsPerSentence, r.Reading.SyllablesPerWord, r.Reading.Words)
}

// simulationSummary says how many respondents were simulated.
func simulationSummary(s review.Simulation) string {
	return fmt.Sprintf("Seed %d; %d respondents for each random strategy, one for each straight-liner (they are deterministic). Shares of respondents by level reached; readiness is the mean over tiers (0-100).",
		s.Seed, s.Respondents)
}

// percent1 writes a share as a percentage with one decimal.
func percent1(x float64) string { return strconv.FormatFloat(100*x, 'f', 1, 64) + "%" }

// strategyLegend describes the strategies: each random one, and the
// straight-liners together.
func strategyLegend(s review.Simulation) [][2]string {
	var legend [][2]string
	straight := false
	for _, st := range s.Strategies {
		if strings.HasPrefix(st.ID, "straight-") {
			if !straight {
				legend = append(legend, [2]string{"straight-N", "Gives point N of the default scale to every likert question, and the same relative position everywhere else: that point of a question's own scale, no in the lower half and yes from the middle up, the option at that place in the list, that share of a checklist's options ticked from the top."})
			}
			straight = true
			continue
		}
		legend = append(legend, [2]string{st.ID, st.Description})
	}
	return legend
}

// ReviewText writes the review for people: a verdict, then each section's
// summary and findings, each finding as FILE:LINE: kind check subject with
// the problem and the fix wrapped under it.
func ReviewText(w io.Writer, r *review.Report, o Options) error {
	t := &text{width: o.width(), st: newStyles(o.renderer())}
	t.line(t.st.title.Render("Bank review"))
	t.para("", fmt.Sprintf("%s · version %s", r.Bank.Title, r.Bank.Version))
	t.para("", fmt.Sprintf("%d questions, %d dimensions, %d tiers.", r.Questions, r.Dimensions, r.Tiers))
	t.blank()
	t.para("", t.st.label.Render(verdict(r)))
	for _, sec := range reviewSections {
		t.heading(sec.title)
		switch sec.id {
		case review.SectionCues:
			t.para("  ", cueSummary(r.Cues))
		case review.SectionSimulation:
			t.para("  ", t.st.dim.Render(simulationSummary(r.Simulation)))
			simulationTable(t, r.Simulation)
			t.blank()
			for _, l := range strategyLegend(r.Simulation) {
				hang(t, t.st.dim.Render(l[0]+": "+l[1]), "    ")
			}
		case review.SectionWording:
			if s := readingSummary(r); s != "" {
				t.para("  ", s)
			}
		}
		fs := sectionFindings(r, sec.id)
		if len(fs) == 0 {
			t.para("  ", t.st.met.Render("No findings."))
		}
		for _, g := range groupFindings(fs) {
			for _, f := range g {
				t.blank()
				findingText(t, f)
			}
			if len(g) > 1 {
				t.blank() // a fix for the group, not for its last finding
			}
			t.para("    ", t.st.label.Render(fixLabel(g)+":")+" "+g[0].Fix)
		}
	}
	_, err := io.WriteString(w, t.sb.String())
	return err
}

// groupFindings splits findings into runs of the same check with the same
// fix, so that a fix shared by many findings is given once.
func groupFindings(fs []review.Finding) [][]review.Finding {
	var gs [][]review.Finding
	for i, f := range fs {
		if i > 0 && f.Check == fs[i-1].Check && f.Fix == fs[i-1].Fix {
			gs[len(gs)-1] = append(gs[len(gs)-1], f)
			continue
		}
		gs = append(gs, []review.Finding{f})
	}
	return gs
}

// fixLabel introduces a group's fix: "Fix", or "Fix for all 13".
func fixLabel(g []review.Finding) string {
	if len(g) == 1 {
		return "Fix"
	}
	return fmt.Sprintf("Fix for all %d", len(g))
}

// findingText writes one finding: its place, kind, check and subject, then
// the problem wrapped under a short indent.
func findingText(t *text, f review.Finding) {
	kind := t.st.small.Render("check")
	if f.Kind == review.KindError {
		kind = t.st.large.Render("error")
	}
	where := f.Pos().String()
	if where != "" {
		where += ": "
	}
	subject := f.Subject()
	if subject == "" {
		subject = "the bank"
	}
	hang(t, where+kind+" "+t.st.label.Render(f.Check)+" "+subject, "      ")
	t.para("    ", f.Problem)
}

// hang writes s indented by two, the lines after the first by indent.
func hang(t *text, s, indent string) {
	lines := wrap(s, t.width-2)
	t.line("  " + lines[0])
	if len(lines) > 1 {
		t.para(indent, strings.Join(lines[1:], " "))
	}
}

// simulationTable writes the shares by strategy as a table when it fits
// the width, else a paragraph per strategy.
func simulationTable(t *text, s review.Simulation) {
	if len(s.Strategies) == 0 {
		return
	}
	idW := len("STRATEGY")
	for _, st := range s.Strategies {
		idW = max(idW, ansi.StringWidth(st.ID))
	}
	head := []string{"N", "NO TIER"}
	for _, l := range s.Strategies[0].Levels {
		head = append(head, strings.ToUpper(l.Tier))
	}
	head = append(head, "READINESS")
	colW := make([]int, len(head))
	total := 2 + idW
	for i, h := range head {
		colW[i] = max(7, ansi.StringWidth(h))
		total += 2 + colW[i]
	}
	cells := func(st review.Strategy) []string {
		c := []string{strconv.Itoa(st.Respondents), percent1(st.NoTier)}
		for _, l := range st.Levels {
			c = append(c, percent1(l.Share))
		}
		return append(c, strconv.FormatFloat(st.MeanReadiness, 'f', 1, 64))
	}
	if total > t.width {
		for _, st := range s.Strategies {
			parts := []string{"no tier " + percent1(st.NoTier)}
			for _, l := range st.Levels {
				parts = append(parts, l.Tier+" "+percent1(l.Share))
			}
			hang(t, fmt.Sprintf("%s (%d): %s; mean readiness %.1f", t.st.label.Render(st.ID), st.Respondents, strings.Join(parts, ", "), st.MeanReadiness), "    ")
		}
		return
	}
	var sb strings.Builder
	sb.WriteString("  " + pad("STRATEGY", idW))
	for i, h := range head {
		sb.WriteString("  " + strings.Repeat(" ", colW[i]-ansi.StringWidth(h)) + h)
	}
	t.line(t.st.label.Render(sb.String()))
	for _, st := range s.Strategies {
		sb.Reset()
		sb.WriteString("  " + pad(st.ID, idW))
		for i, c := range cells(st) {
			sb.WriteString("  " + strings.Repeat(" ", colW[i]-len(c)) + c)
		}
		t.line(sb.String())
	}
}

// ReviewMarkdown writes the review as a Markdown document: the verdict,
// each section's summary and its findings as a list, the simulated shares
// as a table.
func ReviewMarkdown(w io.Writer, r *review.Report, _ Options) error {
	m := &md{}
	m.line("# Bank review: " + mdEscape(r.Bank.Title))
	m.blank()
	m.line(fmt.Sprintf("Bank `%s` version %s: %d questions, %d dimensions, %d tiers.", r.Bank.ID, mdEscape(r.Bank.Version), r.Questions, r.Dimensions, r.Tiers))
	m.blank()
	m.line("**" + mdEscape(verdict(r)) + "**")
	for _, sec := range reviewSections {
		m.heading("## " + mdEscape(sec.title))
		switch sec.id {
		case review.SectionCues:
			m.line(mdEscape(cueSummary(r.Cues)))
			m.blank()
		case review.SectionSimulation:
			m.line(mdEscape(simulationSummary(r.Simulation)))
			m.blank()
			mdSimulation(m, r.Simulation)
			m.blank()
			for _, l := range strategyLegend(r.Simulation) {
				m.line("- `" + l[0] + "`: " + mdEscape(l[1]))
			}
			m.blank()
		case review.SectionWording:
			if s := readingSummary(r); s != "" {
				m.line(mdEscape(s))
				m.blank()
			}
		}
		fs := sectionFindings(r, sec.id)
		if len(fs) == 0 {
			m.line("No findings.")
		}
		for _, g := range groupFindings(fs) {
			for _, f := range g {
				where := mdEscape(f.Pos().String())
				if where != "" {
					where = " at " + where
				}
				subject := "the bank"
				if s := f.Subject(); s != "" {
					subject = "`" + s + "`"
				}
				m.line(fmt.Sprintf("- **%s** `%s`%s, %s: %s", f.Kind, f.Check, where, subject, mdEscape(f.Problem)))
			}
			m.blank()
			m.line("*" + fixLabel(g) + ":* " + mdEscape(g[0].Fix))
			m.blank()
		}
	}
	_, err := io.WriteString(w, m.String())
	return err
}

// mdSimulation writes the simulated shares as a table.
func mdSimulation(m *md, s review.Simulation) {
	if len(s.Strategies) == 0 {
		return
	}
	head := []string{"Strategy", "Respondents", "No tier"}
	align := []string{"l", "r", "r"}
	for _, l := range s.Strategies[0].Levels {
		head = append(head, l.Tier)
		align = append(align, "r")
	}
	head = append(head, "Mean readiness")
	align = append(align, "r")
	rows := [][]string{head}
	for _, st := range s.Strategies {
		row := []string{st.ID, strconv.Itoa(st.Respondents), percent1(st.NoTier)}
		for _, l := range st.Levels {
			row = append(row, percent1(l.Share))
		}
		rows = append(rows, append(row, strconv.FormatFloat(st.MeanReadiness, 'f', 1, 64)))
	}
	m.table(rows, align...)
}
