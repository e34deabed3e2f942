package report

import (
	"fmt"
	"io"
	"regexp"
	"strings"
	"sync"

	"github.com/digilead/digilead/assessment"
	"github.com/digilead/digilead/questions/lang"
)

// resultMarkdown writes the result as CommonMark with GitHub-flavoured tables,
// for a development plan, an issue or a wiki page: the level and target,
// readiness per tier, a table of dimension scores against the target's
// expectations, and the gaps with their actions as lists.
func resultMarkdown(w io.Writer, r *assessment.Result, o Options) error {
	l := o.lang()
	m := md{l: l}
	m.line("# " + mdEscape(l.T("report.title")))
	m.blank()
	m.line(mdEscape(l.T("report.md.bank", "Title", r.Bank.Title, "Version", r.Bank.Version)) + "  ")
	if who := respondentName(r); who != "" {
		m.line(mdEscape(l.T("report.respondent", "Name", who)) + "  ")
	}
	m.line(mdEscape(l.T("report.completed", "Date", l.Day(r.CompletedAt.UTC()))))
	m.blank()
	m.line("- " + m.strong(l.T("report.label.level")) + " " + mdEscape(LevelName(l, r)))
	if sure := certainty(l, r, false); sure != "" {
		m.line("- " + m.strong(l.T("report.label.certainty")) + " " + mdEscape(sure))
	}
	m.line("- " + m.strong(l.T("report.label.target")) + " " + mdEscape(string(r.Target.Name)))
	mdSummary(&m, r, summarise(l, r, o))
	m.heading("## " + mdEscape(l.T("report.complete")))
	m.line(m.strong(l.T("report.why_label")) + " " + mdEscape(levelReason(l, r)))
	m.depth = 1
	mdReadiness(&m, r)
	mdDimensions(&m, r)
	mdGaps(&m, r)
	mdList(&m, l.T("report.challenges", "Tier", r.Target.Name), r.Target.Challenges)
	var notes []string
	for _, n := range r.Notes {
		notes = append(notes, noteText(l, n))
	}
	mdList(&m, l.T("report.notes"), notes)
	_, err := io.WriteString(w, m.String())
	return err
}

// mdSummary writes what the report leads with: the strengths, then the
// priorities with their first step and the answers behind them.
func mdSummary(m *md, r *assessment.Result, s summary) {
	l := m.l
	if len(s.Strengths) > 0 {
		m.heading("## " + mdEscape(l.T("report.strengths")))
		for _, st := range s.Strengths {
			m.line("- " + mdEscape(l.T("report.strength", "Name", st.Name, "Score", st.Score)))
		}
	}
	m.heading("## " + mdEscape(l.T("report.priorities")))
	unscored := s.unscoredText(l, r.Target.Name)
	if len(s.Priorities) == 0 && unscored == "" {
		m.line(mdEscape(l.T("report.priorities_none", "Target", r.Target.Name)))
	}
	for i, p := range s.Priorities {
		m.heading(fmt.Sprintf("### %d. %s", i+1, mdEscape(string(p.Name))))
		m.line(mdEscape(l.T("report.priority_line", "Score", p.Score, "Target", r.Target.Name, "Expected", p.Expected, "Gap", p.Gap)))
		if p.First != nil {
			m.blank()
			m.line(m.strong(l.T("report.first_step")) + " " + mdAction(l, *p.First))
		}
		if len(p.Causes) > 0 {
			m.blank()
			m.line(mdEscape(l.T("report.because")))
			m.blank()
			for _, c := range p.Causes {
				m.line("- " + mdEscape(l.T("report.cause", "Question", c.Question, "Answer", c.Answer)))
			}
		}
	}
	if unscored != "" {
		m.blank()
		m.line(m.strong(l.T("report.not_scored_label")) + " " + mdEscape(unscored))
	}
}

// strong is a label in bold, its text escaped: **Level:**.
func (m *md) strong(label string) string { return "**" + mdEscape(label) + "**" }

func mdReadiness(m *md, r *assessment.Result) {
	l := m.l
	m.heading(m.h(2) + mdEscape(l.T("report.readiness")))
	rows := [][]string{{l.T("report.col.tier"), l.T("report.col.readiness"), l.T("report.col.met")}}
	for _, t := range r.Tiers {
		met := l.T("report.no")
		switch {
		case t.Met:
			met = l.T("report.yes")
		case metButNotSurely(r, t):
			met = l.T("report.not_surely_met")
		}
		rows = append(rows, []string{string(t.Name), readinessPct(l, t.Readiness), met})
	}
	m.table(rows, "l", "r", "l")
}

func mdDimensions(m *md, r *assessment.Result) {
	l := m.l
	m.heading(m.h(2) + mdEscape(l.T("report.dimension_scores")))
	m.line(mdEscape(l.T("report.md.scores_legend", "Target", r.Target.Name)))
	m.blank()
	rows := [][]string{{l.T("report.col.dimension"), l.T("report.col.score"), l.T("report.col.expected"), l.T("report.col.gap"), l.T("report.col.severity")}}
	for _, d := range dimensionRows(r) {
		rows = append(rows, []string{string(d.Name), scoreText(l, d.DimensionScore), optWhole(l, d.Expected), optWhole(l, d.Gap), severityText(l, d)})
	}
	m.table(rows, "l", "r", "r", "r", "l")
}

func mdGaps(m *md, r *assessment.Result) {
	l := m.l
	m.heading(m.h(2) + mdEscape(l.T("report.gaps_heading", "Target", r.Target.Name)))
	open := openGaps(r)
	if len(open) == 0 {
		m.line(mdEscape(l.T("report.gaps_none", "Target", r.Target.Name)))
	}
	for i, g := range open {
		m.heading(fmt.Sprintf("%s%d. %s", m.h(3), i+1, mdEscape(string(g.Name))))
		m.line(mdEscape(lang.Capitalise(gapSummary(l, g)) + "."))
		if len(g.Actions) > 0 {
			m.blank()
		}
		for _, kind := range actionKinds(g.Actions) {
			for _, a := range g.Actions {
				if a.Kind == kind {
					m.line("- " + m.strong(kindLabel(l, kind)) + " " + mdAction(l, a))
				}
			}
		}
	}
	if met := metGaps(r); len(met) > 0 {
		m.blank()
		m.line(m.strong(l.T("report.already_met_label")) + " " + mdEscape(l.T("report.already_met_text", "Names", l.List(met))))
	}
}

// mdList writes a section of bullet points, or nothing when items is
// empty.
func mdList[S ~string](m *md, heading string, items []S) {
	if len(items) == 0 {
		return
	}
	m.heading(m.h(2) + mdEscape(heading))
	for _, it := range items {
		m.line("- " + mdEscape(string(it)))
	}
}

// md builds a Markdown document in a language.
type md struct {
	strings.Builder
	l *lang.Lang
	// depth is how many levels the headings of a section go down: the
	// complete report's sections sit under its own heading.
	depth int
}

// h is the marker of a heading of level n, depth levels down.
func (m *md) h(n int) string { return strings.Repeat("#", n+m.depth) + " " }

func (m *md) line(s string) { m.WriteString(s + "\n") }

// blank ends the paragraph with one empty line, never two.
func (m *md) blank() {
	if !strings.HasSuffix(m.String(), "\n\n") {
		m.WriteString("\n")
	}
}

// heading writes a heading with a blank line before and after.
func (m *md) heading(s string) {
	m.blank()
	m.line(s)
	m.blank()
}

// table writes a GFM table: the first row is the header; align gives each
// column's alignment, "l" or "r". Cells are escaped here.
func (m *md) table(rows [][]string, align ...string) {
	for i, row := range rows {
		cells := make([]string, len(row))
		for j, c := range row {
			cells[j] = mdEscape(c)
		}
		m.line("| " + strings.Join(cells, " | ") + " |")
		if i == 0 {
			seps := make([]string, len(row))
			for j := range seps {
				seps[j] = "---"
				if j < len(align) && align[j] == "r" {
					seps[j] = "--:"
				}
			}
			m.line("| " + strings.Join(seps, " | ") + " |")
		}
	}
}

// mdSpecial are the characters that could start markup inline: emphasis,
// code, links, HTML, table cells, headings' closing sequences.
var mdSpecial = sync.OnceValue(func() *strings.Replacer {
	return strings.NewReplacer(
		`\`, `\\`, "`", "\\`", `*`, `\*`, `_`, `\_`, `[`, `\[`, `]`, `\]`,
		`<`, `\<`, `>`, `\>`, `|`, `\|`, `#`, `\#`, `~`, `\~`,
		"\r\n", " ", "\n", " ", "\r", " ",
	)
})

// mdEntity matches what CommonMark would read as an entity reference.
// It is compiled on first use, like mdBlockStart, to keep start-up cheap.
var mdEntity = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`&(#?[A-Za-z0-9]+;)`) })

// mdBlockStart matches text that would start a list, a thematic break or
// a setext underline at the start of a line.
var mdBlockStart = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`^(?:[0-9]{1,9}[.)]|[-+])(?:\s|$)|^(?:=+|-+)\s*$`)
})

// mdEscape makes text literal in CommonMark and GFM, inline, at the start
// of a line or list item, or in a table cell: markup characters are
// backslash-escaped, entity references kept literal, and line breaks
// become spaces.
func mdEscape(s string) string {
	s = mdEntity().ReplaceAllString(mdSpecial().Replace(s), `\&$1`)
	if loc := mdBlockStart().FindStringIndex(s); loc != nil {
		// Escape the marker's last punctuation: "1\. ", "\- ", "\==".
		i := strings.IndexAny(s, ".)-+=")
		s = s[:i] + `\` + s[i:]
	}
	return s
}
