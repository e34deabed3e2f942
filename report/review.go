package report

import (
	"io"
	"strconv"
	"strings"

	"github.com/charmbracelet/x/ansi"

	"github.com/digilead/digilead/assessment/review"
	"github.com/digilead/digilead/questions/lang"
)

// reviewJSON writes the digilead.review/v1 document.
func reviewJSON(w io.Writer, r *review.Report, _ Options) error {
	return writeJSON(w, r)
}

// reviewSections are the review's sections in report order; each is
// titled by the message review.section.<id>.
var reviewSections = []string{review.SectionCues, review.SectionKeying, review.SectionTiers, review.SectionSimulation, review.SectionWording}

// findingProblem and findingFix say a finding in l: its messages, or the
// text of a finding read from a document.
func findingProblem(l *lang.Lang, f review.Finding) string {
	if len(f.ProblemMsgs) == 0 {
		return f.Problem
	}
	return l.Sentences(f.ProblemMsgs)
}

func findingFix(l *lang.Lang, f review.Finding) string {
	if f.FixMsg.ID == "" {
		return f.Fix
	}
	return l.Say(f.FixMsg)
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
func verdict(l *lang.Lang, r *review.Report) string {
	if r.Clean() {
		return l.T("review.clean")
	}
	return l.N("review.verdict", len(r.Findings), "Errors", r.Errors, "Checks", r.Checks)
}

// cueSummary is the longest-is-best count in a sentence.
func cueSummary(l *lang.Lang, c review.Cues) string {
	if c.Tested == 0 {
		return l.N("review.cues.none", c.ChoiceQuestions)
	}
	return l.T("review.cues", "Hits", c.LongestIsBest, "Tested", c.Tested, "Expected", l.Fixed(c.Expected, 1), "P", l.Point(review.FormatP(c.P)))
}

// absoluteSummary is the absolute-words test in a sentence, or "" when
// the bank's language has no list or the bank no choice question.
func absoluteSummary(l *lang.Lang, a *review.AbsoluteWords) string {
	if a == nil || a.ChoiceQuestions == 0 {
		return ""
	}
	return l.T("review.absolute", "Wrong", a.WrongWithWords, "WrongN", a.WrongOptions, "Keyed", a.KeyedWithWords, "KeyedN", a.KeyedOptions,
		"Expected", l.Fixed(a.Expected, 1), "P", l.Point(review.FormatP(a.P)), "Cue", percent0(l, a.CueFindsKey), "Chance", percent0(l, a.Chance))
}

// percent0 writes a share as a whole percentage.
func percent0(l *lang.Lang, x float64) string { return l.Percent(l.Fixed(100*x, 0)) }

// readingSummary is the bank's reading ease in a sentence, or "".
func readingSummary(l *lang.Lang, r *review.Report) string {
	if r.Reading == nil {
		return ""
	}
	shown, clamped := review.EaseShown(r.Reading.FleschReadingEase)
	s := l.T("review.reading", "Ease", l.Fixed(shown, 1), "WPS", l.Fixed(r.Reading.WordsPerSentence, 1),
		"SPW", l.Fixed(r.Reading.SyllablesPerWord, 2), "Words", r.Reading.Words)
	if clamped {
		s += " " + l.Say(review.EaseClampedMsg(r.Reading.FleschReadingEase, 1))
	}
	return s
}

// observerSummary is the bank's observer wording in a sentence: how many
// questions have it, and the dimensions without any.
func observerSummary(l *lang.Lang, r *review.Report) string {
	o := r.Observer
	switch {
	case o.Questions == 0:
		return l.T("review.observer.none")
	case len(o.Without) == 0:
		return l.T("review.observer", "N", o.Questions, "Total", r.Questions)
	}
	return l.T("review.observer.without", "N", o.Questions, "Total", r.Questions, "Dims", lang.Joined{Items: lang.Items(o.Without), Sep: "list.separator"})
}

// simulationSummary says how many respondents were simulated.
func simulationSummary(l *lang.Lang, s review.Simulation) string {
	return l.T("review.simulation", "Seed", s.Seed, "N", s.Respondents)
}

// percent1 writes a share as a percentage with one decimal.
func percent1(l *lang.Lang, x float64) string { return l.Percent(l.Fixed(100*x, 1)) }

// strategyLegend describes the strategies: each random one, and the
// straight-liners together.
func strategyLegend(l *lang.Lang, s review.Simulation) [][2]string {
	var legend [][2]string
	straight := false
	for _, st := range s.Strategies {
		if strings.HasPrefix(st.ID, "straight-") {
			if !straight {
				legend = append(legend, [2]string{"straight-N", l.T("review.strategy.straight")})
			}
			straight = true
			continue
		}
		desc := st.Description
		switch st.ID {
		case review.StrategyRandom, review.StrategyLongest, review.StrategyFirst, review.StrategyAcquiescent:
			desc = l.T("review.strategy." + st.ID)
		}
		legend = append(legend, [2]string{st.ID, desc})
	}
	return legend
}

// reviewText writes the review for people: a verdict, then each section's
// summary and findings, each finding as FILE:LINE: kind check subject with
// the problem and the fix wrapped under it.
func reviewText(w io.Writer, r *review.Report, o Options) error {
	t := newText(o)
	l := t.l
	t.title(l.T("review.title"))
	t.para("", l.T("report.bank", "Title", r.Bank.Title, "Version", r.Bank.Version))
	t.para("", l.T("review.size", "Questions", r.Questions, "Dimensions", r.Dimensions, "Tiers", r.Tiers))
	t.blank()
	t.para("", t.st.label.Render(verdict(l, r)))
	for _, sec := range reviewSections {
		t.heading(l.T("review.section." + sec))
		switch sec {
		case review.SectionCues:
			t.para("  ", cueSummary(l, r.Cues))
			if s := absoluteSummary(l, r.AbsoluteWords); s != "" {
				t.para("  ", s)
			}
		case review.SectionSimulation:
			t.para("  ", t.st.dim.Render(simulationSummary(l, r.Simulation)))
			simulationTable(t, r.Simulation)
			t.blank()
			for _, lg := range strategyLegend(l, r.Simulation) {
				hang(t, t.st.dim.Render(l.T("label", "Text", lg[0])+" "+lg[1]), "    ")
			}
		case review.SectionWording:
			if s := readingSummary(l, r); s != "" {
				t.para("  ", s)
			}
			t.para("  ", observerSummary(l, r))
		}
		fs := sectionFindings(r, sec)
		if len(fs) == 0 {
			t.para("  ", t.st.met.Render(l.T("review.no_findings")))
		}
		for _, g := range groupFindings(fs) {
			for _, f := range g {
				t.blank()
				findingText(t, f)
			}
			if len(g) > 1 {
				t.blank() // a fix for the group, not for its last finding
			}
			t.para("    ", t.st.label.Render(l.T("label", "Text", fixLabel(l, g)))+" "+findingFix(l, g[0]))
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
func fixLabel(l *lang.Lang, g []review.Finding) string {
	if len(g) == 1 {
		return l.T("review.fix")
	}
	return l.N("review.fix_all", len(g))
}

// findingText writes one finding: its place, kind, check and subject, then
// the problem wrapped under a short indent.
func findingText(t *text, f review.Finding) {
	kind := t.st.small.Render(t.l.T("review.kind.check"))
	if f.Kind == review.KindError {
		kind = t.st.large.Render(t.l.T("review.kind.error"))
	}
	where := f.Pos().String()
	if where != "" {
		where += ": "
	}
	subject := f.Subject()
	if subject == "" {
		subject = t.l.T("review.the_bank")
	}
	hang(t, where+kind+" "+t.st.label.Render(f.Check)+" "+subject, "      ")
	t.para("    ", findingProblem(t.l, f))
}

// hang writes s indented by two, the lines after the first by indent.
func hang(t *text, s, indent string) {
	lines := wrap(s, max(minWrap, t.prose-2))
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
	l := t.l
	strategy := l.T("review.col.strategy")
	idW := ansi.StringWidth(strategy)
	for _, st := range s.Strategies {
		idW = max(idW, ansi.StringWidth(st.ID))
	}
	head := []string{l.T("review.col.n"), l.T("review.col.no_tier")}
	for _, lv := range s.Strategies[0].Levels {
		head = append(head, strings.ToUpper(lv.Tier))
	}
	head = append(head, l.T("review.col.readiness"))
	colW := make([]int, len(head))
	total := 2 + idW
	for i, h := range head {
		colW[i] = max(7, ansi.StringWidth(h))
		total += 2 + colW[i]
	}
	cells := func(st review.Strategy) []string {
		c := []string{strconv.Itoa(st.Respondents), percent1(l, st.NoTier)}
		for _, lv := range st.Levels {
			c = append(c, percent1(l, lv.Share))
		}
		return append(c, l.Fixed(st.MeanReadiness, 1))
	}
	if total > t.width {
		for _, st := range s.Strategies {
			parts := []any{l.T("review.no_tier_share", "Share", percent1(l, st.NoTier))}
			for _, lv := range st.Levels {
				parts = append(parts, lv.Tier+" "+percent1(l, lv.Share))
			}
			hang(t, l.T("review.strategy_line", "ID", t.st.label.Render(st.ID), "N", st.Respondents, "Shares", lang.Joined{Items: parts, Sep: "list.separator"}, "Mean", l.Fixed(st.MeanReadiness, 1)), "    ")
		}
		return
	}
	var sb strings.Builder
	sb.WriteString("  " + pad(strategy, idW))
	for i, h := range head {
		sb.WriteString("  " + strings.Repeat(" ", colW[i]-ansi.StringWidth(h)) + h)
	}
	t.line(t.st.label.Render(sb.String()))
	for _, st := range s.Strategies {
		sb.Reset()
		sb.WriteString("  " + pad(st.ID, idW))
		for i, c := range cells(st) {
			sb.WriteString("  " + strings.Repeat(" ", max(0, colW[i]-ansi.StringWidth(c))) + c)
		}
		t.line(sb.String())
	}
}

// reviewMarkdown writes the review as a Markdown document: the verdict,
// each section's summary and its findings as a list, the simulated shares
// as a table.
func reviewMarkdown(w io.Writer, r *review.Report, o Options) error {
	l := o.lang()
	m := &md{l: l}
	m.line("# " + mdEscape(l.T("review.md.title", "Title", r.Bank.Title)))
	m.blank()
	m.line(sayMarkdown(l, "review.md.intro", "ID", mdMarkup("`"+r.Bank.ID+"`"), "Version", r.Bank.Version, "Questions", r.Questions, "Dimensions", r.Dimensions, "Tiers", r.Tiers))
	m.blank()
	m.line(m.strong(verdict(l, r)))
	for _, sec := range reviewSections {
		m.heading("## " + mdEscape(l.T("review.section."+sec)))
		switch sec {
		case review.SectionCues:
			m.line(mdEscape(cueSummary(l, r.Cues)))
			m.blank()
			if s := absoluteSummary(l, r.AbsoluteWords); s != "" {
				m.line(mdEscape(s))
				m.blank()
			}
		case review.SectionSimulation:
			m.line(mdEscape(simulationSummary(l, r.Simulation)))
			m.blank()
			mdSimulation(m, r.Simulation)
			m.blank()
			for _, lg := range strategyLegend(l, r.Simulation) {
				m.line("- " + sayMarkdown(l, "label", "Text", mdMarkup("`"+lg[0]+"`")) + " " + mdEscape(lg[1]))
			}
			m.blank()
		case review.SectionWording:
			if s := readingSummary(l, r); s != "" {
				m.line(mdEscape(s))
				m.blank()
			}
			m.line(mdEscape(observerSummary(l, r)))
			m.blank()
		}
		fs := sectionFindings(r, sec)
		if len(fs) == 0 {
			m.line(mdEscape(l.T("review.no_findings")))
		}
		for _, g := range groupFindings(fs) {
			for _, f := range g {
				id := "review.md.finding"
				if f.Pos().String() != "" {
					id = "review.md.finding_at"
				}
				subject := mdMarkup(mdEscape(l.T("review.the_bank")))
				if s := f.Subject(); s != "" {
					subject = mdMarkup("`" + s + "`")
				}
				m.line("- " + sayMarkdown(l, id, "Kind", mdMarkup("**"+mdEscape(l.TOr("review.kind."+f.Kind, f.Kind))+"**"), "Check", mdMarkup("`"+f.Check+"`"),
					"Where", f.Pos().String(), "Subject", subject, "Problem", findingProblem(l, f)))
			}
			m.blank()
			m.line("*" + mdEscape(l.T("label", "Text", fixLabel(l, g))) + "* " + mdEscape(findingFix(l, g[0])))
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
	l := m.l
	head := []string{l.T("review.md.strategy"), l.T("review.md.respondents"), l.T("review.md.no_tier")}
	align := []string{"l", "r", "r"}
	for _, lv := range s.Strategies[0].Levels {
		head = append(head, lv.Tier)
		align = append(align, "r")
	}
	head = append(head, l.T("cohort.md.mean_readiness"))
	align = append(align, "r")
	rows := [][]string{head}
	for _, st := range s.Strategies {
		row := []string{st.ID, strconv.Itoa(st.Respondents), percent1(l, st.NoTier)}
		for _, lv := range st.Levels {
			row = append(row, percent1(l, lv.Share))
		}
		rows = append(rows, append(row, l.Fixed(st.MeanReadiness, 1)))
	}
	m.table(rows, align...)
}
