package report

import (
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/charmbracelet/x/ansi"

	"github.com/digilead/digilead/assessment/itemstats"
	"github.com/digilead/digilead/questions/lang"
)

// itemStatsJSON writes the digilead.itemstats/v1 document.
func itemStatsJSON(w io.Writer, r *itemstats.Report, _ Options) error {
	return writeJSON(w, r)
}

// fixed formats an optional figure with the given decimals, "-" when it
// could not be computed.
func fixed(p *float64, decimals int) string {
	if p == nil {
		return "-"
	}
	return strconv.FormatFloat(*p, 'f', decimals, 64)
}

// full formats an optional figure at full output precision, "" when null.
func full(p *float64) string {
	if p == nil {
		return ""
	}
	return strconv.FormatFloat(*p, 'f', -1, 64)
}

// flagged reports the flags about question id.
func flagged(d *itemstats.Dimension, id string) []itemstats.Flag {
	var fs []itemstats.Flag
	for _, f := range d.Flags {
		if f.Question == id {
			fs = append(fs, f)
		}
	}
	return fs
}

// flagTitle names a flag kind for people; one it does not know by its
// kind.
func flagTitle(l *lang.Lang, kind string) string { return l.TOr("stats.title."+kind, kind) }

// flagText says a flag in l: its messages, or the text of a flag read
// from a document.
func flagText(l *lang.Lang, f itemstats.Flag) string {
	if len(f.Msgs) == 0 {
		return f.Text
	}
	return l.Sentences(f.Msgs)
}

// points formats the SEM: "6.1 points", or "unknown".
func points(l *lang.Lang, p *float64) string {
	if p == nil {
		return l.T("stats.unknown")
	}
	return l.T("stats.points", "N", l.Point(fixed(p, 1)))
}

// lfixed is fixed in l: the language's decimal separator.
func lfixed(l *lang.Lang, p *float64, decimals int) string { return l.Point(fixed(p, decimals)) }

func lowAlpha(p *float64) bool { return p != nil && *p < itemstats.MinAlpha }

// itemStatsText writes the item analysis for people: per dimension a
// summary line, a table of its questions and its flags, highlighted.
// Accessible output gives every figure in a sentence instead of a table.
func itemStatsText(w io.Writer, r *itemstats.Report, o Options) error {
	t := newText(o)
	l := t.l
	t.title(l.T("stats.title"))
	t.para("", l.T("report.bank", "Title", r.Bank.Title, "Version", r.Bank.Version))
	t.para("", l.N("stats.intro", r.Respondents))
	if !o.Accessible {
		t.para("", t.st.dim.Render(l.T("stats.legend")))
	}
	for i := range r.Dimensions {
		d := &r.Dimensions[i]
		t.blank()
		t.line(t.st.heading.Render(string(d.Name)) + t.st.dim.Render("  ("+d.ID+")"))
		if o.Accessible {
			accessibleDimension(t, d)
		} else {
			visualDimension(t, d)
		}
		for _, f := range d.Flags {
			flagPara(t, f, o.Accessible)
		}
	}
	_, err := io.WriteString(w, t.sb.String())
	return err
}

// flagPara writes a flag highlighted, wrapped under a short indent.
func flagPara(t *text, f itemstats.Flag, accessible bool) {
	findingPara(t, flagTitle(t.l, f.Kind), flagText(t.l, f), accessible)
}

// findingPara writes a finding, its title highlighted, wrapped under a
// short indent.
func findingPara(t *text, kind, text string, accessible bool) {
	title := "! " + t.l.T("label", "Text", kind)
	if accessible {
		title = t.l.T("stats.finding", "Kind", strings.ToLower(kind))
	}
	lines := wrap(title+" "+text, max(minWrap, t.prose-4))
	if rest, ok := strings.CutPrefix(lines[0], title); ok {
		t.line("  " + t.st.large.Render(title) + rest)
	} else { // a title too long for a line
		t.line("  " + t.st.large.Render(lines[0]))
	}
	for _, l := range lines[1:] {
		t.line("    " + l)
	}
}

// visualDimension writes a dimension's summary line and question table.
func visualDimension(t *text, d *itemstats.Dimension) {
	l := t.l
	alpha := lfixed(l, d.Alpha, 2)
	if lowAlpha(d.Alpha) {
		alpha = t.st.large.Render(alpha)
	}
	summary := l.T("stats.summary", "Alpha", alpha, "StdAlpha", lfixed(l, d.StdAlpha, 2), "MeanR", lfixed(l, d.MeanR, 2), "K", d.K, "N", d.N, "SEM", points(l, d.SEM))
	if ansi.StringWidth(summary)+2 > t.prose {
		summary = strings.ReplaceAll(summary, "  ", " · ")
		t.para("  ", summary)
	} else {
		t.line("  " + summary)
	}
	// Columns as wide as their heads in the language, at least as wide as
	// their figures.
	heads := []string{l.T("stats.col.mean"), l.T("stats.col.sd"), l.T("stats.col.item_total"), l.T("stats.col.alpha_del"), l.T("stats.col.na")}
	ids := make([]string, len(d.Questions))
	for i, q := range d.Questions {
		ids[i] = q.ID
	}
	idW, ws := t.tableHead(l.T("stats.col.question"), ids, 8, heads, []int{6, 6, 12, 11, 6})
	for _, q := range d.Questions {
		mark, r := " ", fmt.Sprintf("%*s", ws[2], lfixed(l, q.ItemTotalR, 2))
		if len(flagged(d, q.ID)) > 0 {
			mark = t.st.large.Render("!")
			r = t.st.large.Render(r)
		}
		t.line(fmt.Sprintf("  %s %s%*s%*s%s%*s%*d", pad(q.ID, idW), mark, ws[0], lfixed(l, q.Mean, 1), ws[1], lfixed(l, q.SD, 1), r, ws[3], lfixed(l, q.AlphaIfDeleted, 2), ws[4], q.NA))
	}
}

// accessibleDimension writes a dimension's figures as sentences, saying
// "not computable" where a table shows "-".
func accessibleDimension(t *text, d *itemstats.Dimension) {
	l := t.l
	fixed := func(p *float64, decimals int) string {
		if p == nil {
			return l.T("stats.not_computable")
		}
		return lfixed(l, p, decimals)
	}
	t.para("  ", l.T("stats.acc.dimension", "Alpha", fixed(d.Alpha, 2), "StdAlpha", fixed(d.StdAlpha, 2), "MeanR", fixed(d.MeanR, 2), "K", d.K, "N", d.N, "SEM", points(l, d.SEM)))
	for _, q := range d.Questions {
		t.para("  ", l.T("stats.acc.question", "Q", q.ID, "Mean", fixed(q.Mean, 1), "SD", fixed(q.SD, 1), "R", fixed(q.ItemTotalR, 2), "AlphaDel", fixed(q.AlphaIfDeleted, 2), "NA", q.NA))
	}
}

// itemStatsMarkdown writes the item analysis as a Markdown document: a
// table per dimension and its flags as a list.
func itemStatsMarkdown(w io.Writer, r *itemstats.Report, o Options) error {
	l := o.lang()
	m := &md{l: l}
	m.line("# " + mdEscape(l.T("stats.md.title", "Title", r.Bank.Title)))
	m.blank()
	m.line(sayMarkdown(l, "stats.md.intro", "ID", mdMarkup("`"+r.Bank.ID+"`"), "Version", r.Bank.Version, "Sets", r.Respondents))
	for i := range r.Dimensions {
		d := &r.Dimensions[i]
		m.heading("## " + mdEscape(string(d.Name)))
		m.line(sayMarkdown(l, "stats.md.dimension", "Alpha", mdMarkup("**"+mdEscape(lfixed(l, d.Alpha, 2))+"**"), "StdAlpha", lfixed(l, d.StdAlpha, 2), "MeanR", lfixed(l, d.MeanR, 2), "K", d.K, "N", d.N, "SEM", points(l, d.SEM)))
		m.blank()
		rows := [][]string{{l.T("stats.md.question"), l.T("stats.md.mean"), l.T("stats.md.sd"), l.T("stats.md.item_total"), l.T("stats.md.alpha_del"), l.T("stats.col.na")}}
		for _, q := range d.Questions {
			id := q.ID
			if len(flagged(d, q.ID)) > 0 {
				id += " ⚠"
			}
			rows = append(rows, []string{id, lfixed(l, q.Mean, 1), lfixed(l, q.SD, 1), lfixed(l, q.ItemTotalR, 2), lfixed(l, q.AlphaIfDeleted, 2), strconv.Itoa(q.NA)})
		}
		m.table(rows, "l", "r", "r", "r", "r", "r")
		if len(d.Flags) > 0 {
			m.blank()
		}
		for _, f := range d.Flags {
			m.line("- " + m.strong(l.T("label", "Text", flagTitle(l, f.Kind))) + " " + mdEscape(flagText(l, f)))
		}
	}
	_, err := io.WriteString(w, m.String())
	return err
}

// itemStatsCSV writes one row per question, the dimension's figures
// repeated on each, for spreadsheets. Null figures are empty cells; flags
// are their kinds, separated by spaces.
func itemStatsCSV(w io.Writer, r *itemstats.Report, _ Options) error {
	return writeCSV(w, itemStatsRows(r), false)
}

// itemStatsRows are the header and the rows of the csv and xlsx formats,
// one row per question.
func itemStatsRows(r *itemstats.Report) [][]string {
	rows := [][]string{{"dimension", "dimension_name", "k", "n", "alpha", "std_alpha", "mean_r", "score_mean", "score_sd", "sem", "dimension_flags",
		"question", "type", "reverse", "mean", "sd", "item_total_r", "alpha_if_deleted", "answered", "na", "flags"}}
	for i := range r.Dimensions {
		d := &r.Dimensions[i]
		dimFlags := flagKinds(flagged(d, ""))
		for _, q := range d.Questions {
			rows = append(rows, []string{d.ID, string(d.Name), strconv.Itoa(d.K), strconv.Itoa(d.N), full(d.Alpha), full(d.StdAlpha), full(d.MeanR), full(d.Mean), full(d.ScoreSD), full(d.SEM), dimFlags,
				q.ID, q.Type, strconv.FormatBool(q.Reverse), full(q.Mean), full(q.SD), full(q.ItemTotalR), full(q.AlphaIfDeleted), strconv.Itoa(q.Answered), strconv.Itoa(q.NA), flagKinds(flagged(d, q.ID))})
		}
	}
	return rows
}

func flagKinds(fs []itemstats.Flag) string {
	kinds := make([]string, len(fs))
	for i, f := range fs {
		kinds[i] = f.Kind
	}
	return strings.Join(kinds, " ")
}
