package report

import (
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/charmbracelet/x/ansi"

	"github.com/digilead/digilead/assessment/itemstats"
	"github.com/digilead/digilead/questions/safetext"
)

// ItemStatsJSON writes the digilead.itemstats/v1 document.
func ItemStatsJSON(w io.Writer, r *itemstats.Report, _ Options) error {
	return WriteJSON(w, r)
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

// flagTitles name the flag kinds for people.
var flagTitles = map[string]string{
	itemstats.FlagLowConsistency: "Low consistency",
	itemstats.FlagWeakItem:       "Weak question",
	itemstats.FlagReversedItem:   "Keyed the wrong way?",
	itemstats.FlagNoVariance:     "No variation",
	itemstats.FlagFewQuestions:   "Too few questions",
	itemstats.FlagFewAnswers:     "Too few answers",
}

// points formats the SEM: "6.1 points", or "unknown".
func points(p *float64) string {
	if p == nil {
		return "unknown"
	}
	return fixed(p, 1) + " points"
}

func lowAlpha(p *float64) bool { return p != nil && *p < itemstats.MinAlpha }

// ItemStatsText writes the item analysis for people: per dimension a
// summary line, a table of its questions and its flags, highlighted.
// Accessible output gives every figure in a sentence instead of a table.
func ItemStatsText(w io.Writer, r *itemstats.Report, o Options) error {
	t := &text{width: o.width(), st: newStyles(o.renderer())}
	t.line(t.st.title.Render("Item analysis"))
	t.para("", fmt.Sprintf("%s · version %s", r.Bank.Title, r.Bank.Version))
	t.para("", fmt.Sprintf("%d answer sets. Each dimension's figures use the n people who answered all its questions; means and SDs are on the 0-100 scale.", r.Respondents))
	if !o.Accessible {
		t.para("", t.st.dim.Render("item-total: a question's correlation with the total of the other questions of its dimension. alpha-del: alpha without the question. ! marks a finding."))
	}
	for i := range r.Dimensions {
		d := &r.Dimensions[i]
		t.blank()
		t.line(t.st.heading.Render(d.Name) + t.st.dim.Render("  ("+d.ID+")"))
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
	findingPara(t, flagTitles[f.Kind], f.Text, accessible)
}

// findingPara writes a finding, its title highlighted, wrapped under a
// short indent.
func findingPara(t *text, kind, text string, accessible bool) {
	title := "! " + kind + ":"
	if accessible {
		title = "Finding, " + strings.ToLower(kind) + ":"
	}
	lines := wrap(title+" "+text, t.width-4)
	first := ansi.StringWidth(title)
	t.line("  " + t.st.large.Render(title) + lines[0][first:])
	for _, l := range lines[1:] {
		t.line("    " + l)
	}
}

// visualDimension writes a dimension's summary line and question table.
func visualDimension(t *text, d *itemstats.Dimension) {
	alpha := fixed(d.Alpha, 2)
	if lowAlpha(d.Alpha) {
		alpha = t.st.large.Render(alpha)
	}
	summary := fmt.Sprintf("alpha %s  std alpha %s  mean r %s  k %d  n %d  SEM %s",
		alpha, fixed(d.StdAlpha, 2), fixed(d.MeanR, 2), d.K, d.N, points(d.SEM))
	if ansi.StringWidth(summary)+2 > t.width {
		summary = strings.ReplaceAll(summary, "  ", " · ")
		t.para("  ", summary)
	} else {
		t.line("  " + summary)
	}
	const tail = 2 + 6 + 6 + 12 + 11 + 6 // marker, MEAN, SD, ITEM-TOTAL, ALPHA-DEL, N/A
	idW := 8
	for _, q := range d.Questions {
		idW = max(idW, ansi.StringWidth(q.ID))
	}
	idW = min(idW, t.width-2-tail)
	t.line(t.st.label.Render(fmt.Sprintf("  %s  %6s%6s%12s%11s%6s", pad("QUESTION", idW), "MEAN", "SD", "ITEM-TOTAL", "ALPHA-DEL", "N/A")))
	for _, q := range d.Questions {
		mark, r := " ", fmt.Sprintf("%12s", fixed(q.ItemTotalR, 2))
		if len(flagged(d, q.ID)) > 0 {
			mark = t.st.large.Render("!")
			r = t.st.large.Render(r)
		}
		t.line(fmt.Sprintf("  %s %s%6s%6s%s%11s%6d", pad(q.ID, idW), mark, fixed(q.Mean, 1), fixed(q.SD, 1), r, fixed(q.AlphaIfDeleted, 2), q.NA))
	}
}

// accessibleDimension writes a dimension's figures as sentences, saying
// "not computable" where a table shows "-".
func accessibleDimension(t *text, d *itemstats.Dimension) {
	fixed := func(p *float64, decimals int) string {
		if p == nil {
			return "not computable"
		}
		return fixed(p, decimals)
	}
	t.para("  ", fmt.Sprintf("Alpha %s, standardised alpha %s, mean correlation between questions %s, %d questions, %d complete answer sets, standard error of measurement %s.",
		fixed(d.Alpha, 2), fixed(d.StdAlpha, 2), fixed(d.MeanR, 2), d.K, d.N, points(d.SEM)))
	for _, q := range d.Questions {
		t.para("  ", fmt.Sprintf("Question %s: mean %s, SD %s, correlation with the other questions %s, alpha without it %s, %d not applicable.",
			q.ID, fixed(q.Mean, 1), fixed(q.SD, 1), fixed(q.ItemTotalR, 2), fixed(q.AlphaIfDeleted, 2), q.NA))
	}
}

// ItemStatsMarkdown writes the item analysis as a Markdown document: a
// table per dimension and its flags as a list.
func ItemStatsMarkdown(w io.Writer, r *itemstats.Report, _ Options) error {
	m := &md{}
	m.line("# Item analysis: " + mdEscape(r.Bank.Title))
	m.blank()
	m.line(fmt.Sprintf("Bank `%s` version %s. %d answer sets; each dimension's figures use the n people who answered all its questions. Means and SDs are on the 0-100 scale; item-total r is a question's correlation with the total of the other questions of its dimension.",
		r.Bank.ID, mdEscape(r.Bank.Version), r.Respondents))
	for i := range r.Dimensions {
		d := &r.Dimensions[i]
		m.heading("## " + mdEscape(d.Name))
		m.line(fmt.Sprintf("Alpha **%s**, standardised alpha %s, mean inter-item r %s, k = %d, n = %d, SEM %s.",
			fixed(d.Alpha, 2), fixed(d.StdAlpha, 2), fixed(d.MeanR, 2), d.K, d.N, points(d.SEM)))
		m.blank()
		rows := [][]string{{"Question", "Mean", "SD", "Item-total r", "Alpha if deleted", "N/A"}}
		for _, q := range d.Questions {
			id := q.ID
			if len(flagged(d, q.ID)) > 0 {
				id += " ⚠"
			}
			rows = append(rows, []string{id, fixed(q.Mean, 1), fixed(q.SD, 1), fixed(q.ItemTotalR, 2), fixed(q.AlphaIfDeleted, 2), strconv.Itoa(q.NA)})
		}
		m.table(rows, "l", "r", "r", "r", "r", "r")
		if len(d.Flags) > 0 {
			m.blank()
		}
		for _, f := range d.Flags {
			m.line(fmt.Sprintf("- **%s:** %s", mdEscape(flagTitles[f.Kind]), mdEscape(f.Text)))
		}
	}
	_, err := io.WriteString(w, m.String())
	return err
}

// ItemStatsCSV writes one row per question, the dimension's figures
// repeated on each, for spreadsheets. Null figures are empty cells; flags
// are their kinds, separated by spaces.
func ItemStatsCSV(w io.Writer, r *itemstats.Report, _ Options) error {
	cw := safetext.NewCSV(w, false)
	cw.Write([]string{"dimension", "dimension_name", "k", "n", "alpha", "std_alpha", "mean_r", "score_mean", "score_sd", "sem", "dimension_flags",
		"question", "type", "reverse", "mean", "sd", "item_total_r", "alpha_if_deleted", "answered", "na", "flags"})
	for i := range r.Dimensions {
		d := &r.Dimensions[i]
		dimFlags := flagKinds(flagged(d, ""))
		for _, q := range d.Questions {
			cw.Write([]string{d.ID, d.Name, strconv.Itoa(d.K), strconv.Itoa(d.N), full(d.Alpha), full(d.StdAlpha), full(d.MeanR), full(d.Mean), full(d.ScoreSD), full(d.SEM), dimFlags,
				q.ID, q.Type, strconv.FormatBool(q.Reverse), full(q.Mean), full(q.SD), full(q.ItemTotalR), full(q.AlphaIfDeleted), strconv.Itoa(q.Answered), strconv.Itoa(q.NA), flagKinds(flagged(d, q.ID))})
		}
	}
	return cw.Flush()
}

func flagKinds(fs []itemstats.Flag) string {
	kinds := make([]string, len(fs))
	for i, f := range fs {
		kinds[i] = f.Kind
	}
	return strings.Join(kinds, " ")
}
