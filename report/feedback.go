package report

import (
	"cmp"
	_ "embed"
	"fmt"
	"html/template"
	"io"
	"math"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/charmbracelet/x/ansi"

	"github.com/digilead/digilead/assessment/feedback"
	"github.com/digilead/digilead/questions/lang"
)

// roundJSON writes the digilead.round/v1 document.
func roundJSON(w io.Writer, r *feedback.Round, _ Options) error { return writeJSON(w, r) }

// roundText writes what to send to observers: the round's instructions in
// the report's language.
func roundText(w io.Writer, r *feedback.Round, o Options) error {
	t := newText(o)
	said := r.Instructions
	if said == "" {
		said = Instructions(t.l, r, feedback.DefaultMinGroup, nil)
	}
	for i, p := range strings.Split(said, "\n\n") {
		if i > 0 {
			t.blank()
		}
		for _, line := range strings.Split(p, "\n") {
			if strings.HasPrefix(line, "    ") {
				t.line(line) // a command line, kept whole
			} else {
				t.para("", line)
			}
		}
	}
	_, err := io.WriteString(w, t.sb.String())
	return err
}

// Instructions are what to send to the observers of round r, in l:
// paragraphs separated by blank lines, command lines indented by four.
// banks are the bank files observers must give too (none for the
// built-in bank).
func Instructions(l *lang.Lang, r *feedback.Round, minGroup int, banks []string) string {
	subject := r.Subject
	if subject == "" {
		subject = l.T("feedback.this_person")
	}
	var roles []string
	for _, role := range r.Roles {
		roles = append(roles, l.T("feedback.invite.role."+role))
	}
	ps := []string{
		l.T("feedback.invite.ask", "Subject", subject),
		l.T("feedback.invite.anonymous", "Subject", subject, "Min", minGroup),
	}
	if r.Allows(feedback.Manager) {
		ps[1] += " " + l.T("feedback.invite.manager")
	}
	// The command line names the round's roles when it offers fewer
	// than all (give checks them, the round known by its id alone), and
	// the bank files by their base names: the inviter's paths are theirs.
	run := "digilead feedback give --round " + r.Round
	if len(r.Roles) < len(feedback.Roles) {
		run += " --roles " + strings.Join(r.Roles, ",")
	}
	bases := make([]string, len(banks))
	for i, b := range banks {
		bases[i] = filepath.Base(b)
		run += " --bank " + bases[i]
	}
	ps = append(ps, l.T("feedback.invite.run")+"\n    "+run+" --role ROLE -o feedback.json",
		l.T("feedback.invite.roles", "Roles", l.List(roles)))
	if len(bases) > 0 {
		ps = append(ps, l.T("feedback.invite.bank", "Files", l.List(bases)))
	}
	ps = append(ps, l.T("feedback.invite.return"))
	if r.Closes != "" {
		ps = append(ps, l.T("feedback.invite.closes", "Date", closingDay(l, r.Closes)))
	}
	ps = append(ps, l.T("feedback.invite.round", "Round", r.Round, "Bank", r.Bank.ID, "Version", r.Bank.Version))
	return strings.Join(ps, "\n\n")
}

// closingDay writes a round's closing date (feedback.DateLayout) as the
// reports write dates in l; a date that does not parse, which a round
// file edited by hand could hold, is written as it is.
func closingDay(l *lang.Lang, closes string) string {
	d, err := time.Parse(feedback.DateLayout, closes)
	if err != nil {
		return closes
	}
	return l.Day(d)
}

// About says who an observer's answers are about and what becomes of
// them, for the questionnaire's first page.
func About(l *lang.Lang, r *feedback.Round, role string, minGroup int) string {
	subject := r.Subject
	if subject == "" {
		subject = l.T("feedback.this_person")
	}
	if role == feedback.Manager {
		return l.T("feedback.about_manager", "Subject", subject)
	}
	return l.T("feedback.about", "Subject", subject, "Role", l.T("feedback.as."+role), "Min", minGroup)
}

// feedbackJSON writes the digilead.feedback/v1 document.
func feedbackJSON(w io.Writer, f *feedback.Feedback, _ Options) error { return writeJSON(w, f) }

// feedbackReportJSON writes the digilead.feedback-report/v1 document.
func feedbackReportJSON(w io.Writer, r *feedback.Report, _ Options) error { return writeJSON(w, r) }

// feedbackView is a feedback report said in a language: what every
// format for people shows.
type feedbackView struct {
	Title      string
	Head       [][2]string // label, value
	TooFew     string
	ScoresHead []string
	Scores     [][]string
	Flags      []string
	NoFlags    string
	GroupsHead []string
	Groups     [][]string
	Questions  []string
	Withheld   []string
	Reading    []string
	Bars       Bars
}

// groupName names a figure: the manager, everyone else, or its roles.
func groupName(l *lang.Lang, kind string, roles []string) string {
	switch kind {
	case "manager", "everyone":
		return l.T("feedback.group." + kind)
	}
	names := make([]string, len(roles))
	for i, r := range roles {
		names[i] = l.T("feedback.role." + r)
	}
	return lang.Capitalise(l.List(names))
}

// selfOthersGap is self − others as the report shows them, whole
// numbers (shownChange), so that the row adds up; the JSON keeps the
// exact gap.
func selfOthersGap(l *lang.Lang, self, others float64) string {
	return signed(l, shownChange(others, self))
}

// gapBeyondMargin writes a flagged dimension's gap and error margin for
// the sentence that says the one is more than the other: whole numbers
// where they show it (the gap as the row shows it, selfOthersGap), else
// to one decimal, else to the two decimals the report document keeps
// (a flag means the gap is more than the margin as written there), so
// that the sentence never says 12 is more than 12.
func gapBeyondMargin(l *lang.Lang, d feedback.Dimension) (gap, margin string) {
	if g := abs(shownChange(*d.Others, *d.Self)); float64(g) > math.Round(*d.MinGap) {
		return l.Int(g), whole(l, *d.MinGap)
	}
	g := math.Abs(*d.Gap)
	places := 1
	if math.Round(10*g) <= math.Round(10**d.MinGap) {
		places = 2
	}
	return l.Fixed(g, places), l.Fixed(*d.MinGap, places)
}

func newFeedbackView(l *lang.Lang, r *feedback.Report) feedbackView {
	v := feedbackView{Title: l.T("feedback.title")}
	if r.Subject != "" {
		v.Head = append(v.Head, [2]string{l.T("feedback.label.subject"), r.Subject})
	}
	v.Head = append(v.Head,
		[2]string{l.T("feedback.label.raters"), strconv.Itoa(r.Raters)},
		[2]string{l.T("feedback.label.round"), r.Round},
		[2]string{l.T("feedback.label.bank"), r.Bank.ID + " " + r.Bank.Version})
	anonymous := slices.ContainsFunc(r.Groups, func(g feedback.Group) bool { return g.Kind != "manager" })
	if !anonymous {
		v.TooFew = l.T("feedback.too_few", "Min", r.MinGroup)
		if len(r.Groups) > 0 { // the manager's view alone
			v.TooFew = l.T("feedback.too_few_manager", "Min", r.MinGroup)
		}
	}
	na := l.T("compare.na")
	v.ScoresHead = []string{l.T("report.col.dimension"), l.T("feedback.col.self"), l.T("feedback.col.others"), l.T("feedback.col.gap"), l.T("feedback.col.min_gap"), l.T("feedback.col.spread"), l.T("feedback.col.flag")}
	v.Bars = Bars{ID: "selfothers", Title: l.T("feedback.html.chart_title"), Desc: l.T("feedback.html.chart_desc")}
	for _, d := range r.Dimensions {
		others := na
		if d.Others != nil {
			others = l.T("feedback.with_n", "Score", whole(l, *d.Others), "N", d.OthersN)
		}
		gap := na
		if d.Gap != nil {
			gap = selfOthersGap(l, *d.Self, *d.Others)
		}
		flag := ""
		if d.Flag != "" {
			flag = l.T("feedback.flag." + d.Flag)
		}
		v.Scores = append(v.Scores, []string{string(d.Name), figOr(l, d.Self, na), others, gap, figOr(l, d.MinGap, na), figOr(l, d.Spread, na), flag})
		if d.Self != nil {
			b := Bar{Label: string(d.Name), Value: *d.Self, Mark: math.NaN(), Shown: whole(l, *d.Self)}
			if d.Others != nil {
				b.Mark, b.Note = *d.Others, l.T("feedback.html.others_mark", "N", whole(l, *d.Others))
			}
			v.Bars.Bars = append(v.Bars.Bars, b)
		}
		if d.Flag == "" || d.Self == nil || d.Others == nil || d.MinGap == nil {
			continue
		}
		gap, margin := gapBeyondMargin(l, d)
		v.Flags = append(v.Flags, l.T("feedback.line."+d.Flag, "Name", d.Name, "Self", whole(l, *d.Self), "Others", whole(l, *d.Others), "Gap", gap, "Min", margin))
	}
	if anonymous {
		// Where the margins cannot be judged (the self result's answers
		// were given the same way throughout), no flag does not mean no
		// gap beyond measurement error.
		switch unjudged := marginsFrom(r.Dimensions)[feedback.MarginUnjudged]; {
		case len(unjudged) == 0:
			v.NoFlags = l.T("feedback.no_flags")
		case !slices.ContainsFunc(r.Dimensions, func(d feedback.Dimension) bool { return d.MinGap != nil }):
			v.NoFlags = l.T("feedback.no_flags_unjudged", "Reading", l.T("feedback.reading"))
		default:
			v.NoFlags = l.T("feedback.no_flags_unjudged_some", "Names", l.List(unjudged), "Reading", l.T("feedback.reading"))
		}
	}
	if len(r.Groups) > 0 {
		v.GroupsHead = []string{l.T("report.col.dimension")}
		for _, g := range r.Groups {
			v.GroupsHead = append(v.GroupsHead, l.T("feedback.with_n", "Score", groupName(l, g.Kind, g.Roles), "N", g.N))
		}
		for _, d := range r.Dimensions {
			row := []string{string(d.Name)}
			for _, g := range r.Groups {
				if m, ok := g.Dimensions[d.ID]; ok {
					row = append(row, whole(l, m))
				} else {
					row = append(row, l.T("feedback.not_shown"))
				}
			}
			v.Groups = append(v.Groups, row)
		}
	}
	for _, q := range r.Questions {
		v.Questions = append(v.Questions, l.T("feedback.question_line", "Text", q.Text, "Self", whole(l, q.Self), "Others", whole(l, q.Others), "N", q.N, "Gap", selfOthersGap(l, q.Self, q.Others)))
	}
	names := map[string]string{}
	for _, d := range r.Dimensions {
		names[d.ID] = string(d.Name)
	}
	// Question figures withheld are many where people could not say: one
	// line lists them.
	var questionIDs []string
	for _, w := range r.Withheld {
		if w.Question != "" {
			questionIDs = append(questionIDs, w.Question)
			continue
		}
		reason := w.Reason
		if reason == feedback.ReasonTooFew && !r.PoolManager && slices.Contains(w.Roles, feedback.Manager) {
			reason += "_manager" // the manager is not counted
		}
		s := l.T("feedback.withheld."+reason, "Group", groupName(l, w.Kind, w.Roles), "N", w.N, "Min", r.MinGroup)
		if w.Dimension != "" {
			s = l.T("feedback.withheld.on_dimension", "What", s, "Name", cmp.Or(names[w.Dimension], w.Dimension))
		}
		v.Withheld = append(v.Withheld, s)
	}
	if len(questionIDs) > 0 {
		v.Withheld = append(v.Withheld, l.N("feedback.withheld.questions", len(questionIDs), "IDs", strings.Join(questionIDs, ", "), "Min", r.MinGroup))
	}
	v.Reading = append([]string{l.T("feedback.reading.scale")}, marginReading(l, r.Dimensions)...)
	if r.PoolManager {
		v.Reading = append(v.Reading, l.T("feedback.reading.pooled_manager", "Min", r.MinGroup))
	} else {
		v.Reading = append(v.Reading, l.T("feedback.reading.manager", "Min", r.MinGroup))
	}
	return v
}

// marginsFrom names dims by where their error margins come from
// (Dimension.MarginFrom).
func marginsFrom(dims []feedback.Dimension) map[string][]string {
	from := map[string][]string{}
	for _, d := range dims {
		from[d.MarginFrom] = append(from[d.MarginFrom], string(d.Name))
	}
	return from
}

// marginReading says where the error margins of dims come from: the
// bank's measured reliability, the measurement error of the person's own
// answers where the bank records none, or nowhere (then no gap is
// flagged); and where that error cannot be judged, as the person gave the
// same answer throughout (no gap is flagged there either).
func marginReading(l *lang.Lang, dims []feedback.Dimension) []string {
	from := marginsFrom(dims)
	bank, self, none, unjudged := from[feedback.MarginBank], from[feedback.MarginSelf], from[""], from[feedback.MarginUnjudged]
	var out []string
	switch {
	case len(bank) == 0 && len(self) == 0 && len(unjudged) > 0:
		out, unjudged = []string{l.T("feedback.reading.flags_unjudged")}, nil // said for every one
	case len(bank) == 0 && len(self) == 0:
		return []string{l.T("feedback.reading.flags_none")}
	case len(self) == 0:
		out = []string{l.T("feedback.reading.flags")}
	case len(bank) == 0:
		out = []string{l.T("feedback.reading.flags_self")}
	default:
		out = []string{l.T("feedback.reading.flags_mixed", "Bank", l.List(bank), "Self", l.List(self))}
	}
	if len(unjudged) > 0 {
		out = append(out, l.T("feedback.reading.unjudged", "Names", l.List(unjudged)))
	}
	if len(none) > 0 {
		out = append(out, l.T("feedback.reading.no_margin", "Names", l.List(none)))
	}
	return out
}

// figOr writes a figure, or none when there is none.
func figOr(l *lang.Lang, x *float64, none string) string {
	if x == nil {
		return none
	}
	return whole(l, *x)
}

// feedbackText writes the feedback report for a terminal.
func feedbackText(w io.Writer, r *feedback.Report, o Options) error {
	t := newText(o)
	l := t.l
	v := newFeedbackView(l, r)
	t.title(v.Title)
	labels := make([]string, len(v.Head))
	for i, h := range v.Head {
		labels[i] = h[0]
	}
	labels = t.labels(labels...)
	for i, h := range v.Head {
		t.para(t.st.label.Render(labels[i]), h[1])
	}
	if v.TooFew != "" {
		t.blank()
		t.para("", v.TooFew)
	}
	t.heading(l.T("feedback.scores"))
	if o.Accessible {
		for _, row := range v.Scores {
			t.para("  - ", sentence(v.ScoresHead, row))
		}
	} else {
		// The error margin and spread, for a wide terminal only; the
		// lines below give the margins that matter.
		keep := []int{0, 1, 2, 3, 6}
		if t.width >= 110 {
			keep = []int{0, 1, 2, 3, 4, 5, 6}
		}
		t.columns(pick(v.ScoresHead, keep), pickRows(v.Scores, keep))
	}
	t.list(l.T("feedback.flags"), v.Flags, v.NoFlags)
	if len(v.Groups) > 0 {
		t.heading(l.T("feedback.groups"))
		if o.Accessible {
			for _, row := range v.Groups {
				t.para("  - ", sentence(v.GroupsHead, row))
			}
		} else {
			t.columns(v.GroupsHead, v.Groups)
		}
	}
	t.list(l.T("feedback.questions"), v.Questions, "")
	t.list(l.T("feedback.withheld"), v.Withheld, "")
	t.list(l.T("feedback.reading"), v.Reading, "")
	_, err := io.WriteString(w, t.sb.String())
	return err
}

// pick is the cells of row at positions keep.
func pick(row []string, keep []int) []string {
	out := make([]string, len(keep))
	for i, k := range keep {
		out[i] = row[k]
	}
	return out
}

func pickRows(rows [][]string, keep []int) [][]string {
	out := make([][]string, len(rows))
	for i, r := range rows {
		out[i] = pick(r, keep)
	}
	return out
}

// sentence says a table row as "Head: cell; Head: cell", leaving out
// empty cells.
func sentence(head, row []string) string {
	parts := []string{row[0]}
	for i := 1; i < len(row) && i < len(head); i++ {
		if row[i] != "" {
			parts = append(parts, head[i]+": "+row[i])
		}
	}
	return strings.Join(parts, "; ")
}

// columns writes a table with the first column on the left, the others
// on the right, each as wide as its widest cell; the first column is cut
// to fit the width.
func (t *text) columns(head []string, rows [][]string) {
	widths := make([]int, len(head))
	for _, row := range append([][]string{head}, rows...) {
		for i, c := range row {
			widths[i] = max(widths[i], ansi.StringWidth(c))
		}
	}
	rest := 0
	for _, w := range widths[1:] {
		rest += w + 2
	}
	widths[0] = max(10, min(widths[0], t.width-2-rest))
	line := func(row []string) string {
		var sb strings.Builder
		sb.WriteString("  " + pad(row[0], widths[0]))
		for i := 1; i < len(row); i++ {
			fmt.Fprintf(&sb, "  %*s", widths[i], row[i])
		}
		return sb.String()
	}
	t.line(t.st.dim.Render(line(head)))
	for _, row := range rows {
		t.line(line(row))
	}
}

// feedbackMarkdown writes the feedback report as CommonMark with GFM
// tables.
func feedbackMarkdown(w io.Writer, r *feedback.Report, o Options) error {
	l := o.lang()
	v := newFeedbackView(l, r)
	m := md{l: l}
	m.line("# " + mdEscape(v.Title))
	m.blank()
	for _, h := range v.Head {
		m.line("- " + m.strong(h[0]) + " " + mdEscape(h[1]))
	}
	if v.TooFew != "" {
		m.blank()
		m.line(mdEscape(v.TooFew))
	}
	m.heading("## " + mdEscape(l.T("feedback.scores")))
	m.table(append([][]string{v.ScoresHead}, v.Scores...), "l", "r", "r", "r", "r", "r", "l")
	m.list(l.T("feedback.flags"), v.Flags, v.NoFlags)
	if len(v.Groups) > 0 {
		m.heading("## " + mdEscape(l.T("feedback.groups")))
		align := []string{"l"}
		for range v.GroupsHead[1:] {
			align = append(align, "r")
		}
		m.table(append([][]string{v.GroupsHead}, v.Groups...), align...)
	}
	m.list(l.T("feedback.questions"), v.Questions, "")
	m.list(l.T("feedback.withheld"), v.Withheld, "")
	m.list(l.T("feedback.reading"), v.Reading, "")
	_, err := io.WriteString(w, m.String())
	return err
}

// list writes a section of bullet points; when there are none, none (or
// nothing when none is empty).
func (m *md) list(title string, items []string, none string) {
	if len(items) == 0 && none == "" {
		return
	}
	m.heading("## " + mdEscape(title))
	if len(items) == 0 {
		m.line(mdEscape(none))
	}
	for _, it := range items {
		m.line("- " + mdEscape(it))
	}
}

//go:embed feedback.html.tmpl
var feedbackHTMLSource string

// feedbackPage is the feedback page's template, parsed on first use.
var feedbackPage = sync.OnceValue(func() *template.Template {
	return template.Must(template.New("feedback").Funcs(pageFuncs(nil)).Parse(feedbackHTMLSource))
})

// feedbackHTML writes the feedback report as a self-contained page
// (inline CSS and SVG, no scripts): the person's own score against
// everyone else's on a chart, the tables and the lists of the text
// report. It prints on A4.
func feedbackHTML(w io.Writer, r *feedback.Report, o Options) error {
	l := o.lang()
	v := newFeedbackView(l, r)
	d := struct {
		V     feedbackView
		Lang  string
		Style template.CSS
		Chart template.HTML
	}{V: v, Lang: l.Tag(), Style: pageStyle(), Chart: template.HTML(v.Bars.SVG())}
	return executePage(w, feedbackPage(), l, nil, d, "html feedback report")
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}
