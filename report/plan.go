package report

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"html/template"
	"io"
	"maps"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/digilead/digilead/assessment/plan"
	"github.com/digilead/digilead/questions"
	"github.com/digilead/digilead/questions/lang"
)

// planJSON writes the digilead.plan/v1 document.
func planJSON(w io.Writer, p *plan.Plan, _ Options) error { return writeJSON(w, p) }

// planDay writes a plan's day (YYYY-MM-DD) in l's form; a day that does
// not read as one is written as it is.
func planDay(l *lang.Lang, day string) string {
	t, err := time.Parse(plan.DateLayout, day)
	if err != nil {
		return day
	}
	return l.Day(t)
}

// planLevel names the level of a plan's result.
func planLevel(l *lang.Lang, p *plan.Plan) string {
	if p.Result.Level == nil {
		return l.T("level.developing")
	}
	return string(p.Result.Level.Name)
}

// planTarget names the target of a plan's result ("" when it names none).
func planTarget(p *plan.Plan) string {
	if p.Result.Target == nil {
		return ""
	}
	return string(p.Result.Target.Name)
}

// wayName names the way of learning of an action kind.
func wayName(l *lang.Lang, kind string) string { return l.T("plan.way." + plan.Way(kind)) }

// actionLine says an action's way of learning and its due day: "Practice
// at work, by 2025-03-24".
func actionLine(l *lang.Lang, a plan.Action) string {
	s := wayName(l, a.Kind)
	if a.Due != "" {
		s += ", " + l.T("plan.due", "Date", planDay(l, a.Due))
	}
	return s
}

// priorityLine says a priority's figures, whole numbers.
func priorityLine(l *lang.Lang, p *plan.Plan, pr plan.Priority) string {
	return l.T("report.priority_line", "Score", whole(l, pr.Score), "Target", planTarget(p), "Expected", whole(l, pr.Expected), "Gap", wholeGap(l, pr.Expected-pr.Score))
}

// planUnscored names the dimensions of the plan's target that had too
// few answers to score and asks for their answers first (as the result
// reports do, summary.unscoredText); "" when there are none.
func planUnscored(l *lang.Lang, p *plan.Plan) string {
	var s summary
	for _, u := range p.Unscored {
		s.Unscored = append(s.Unscored, u.Name)
	}
	return s.unscoredText(l, questions.BankText(planTarget(p)))
}

// planFrom says which result a plan was made from.
func planFrom(l *lang.Lang, p *plan.Plan) string {
	return l.T("plan.from", "Date", l.Day(p.Result.CompletedAt.UTC()), "Bank", p.Result.Bank.Title, "Version", p.Result.Bank.Version)
}

// planText writes the plan for a terminal: what it was made from, the
// review day and supporter, then each priority with its actions.
func planText(w io.Writer, p *plan.Plan, o Options) error {
	t := newText(o)
	l := t.l
	t.title(l.T("plan.title"))
	t.para("", planFrom(l, p))
	t.blank()
	labels := []string{l.T("report.label.level"), l.T("report.label.target"), l.T("plan.review_on"), l.T("plan.supporter")}
	values := []string{planLevel(l, p), planTarget(p), planDay(l, p.ReviewOn), p.Supporter}
	padded := t.labels(labels...)
	for i, v := range values {
		if v != "" {
			t.para(t.st.label.Render(padded[i]), v)
		}
	}
	unscored := planUnscored(l, p)
	if len(p.Priorities) == 0 && unscored == "" {
		t.blank()
		t.para("", l.T("plan.none", "Target", planTarget(p)))
	}
	for i, pr := range p.Priorities {
		t.blank()
		t.para(fmt.Sprintf("%d. ", i+1), t.st.label.Render(string(pr.Name)))
		t.para("   ", priorityLine(l, p, pr))
		for _, a := range pr.Actions {
			t.para("   - ", t.st.label.Render(l.T("label", "Text", actionLine(l, a)))+" "+actionText(l, a.Resource()))
		}
	}
	if unscored != "" {
		t.blank()
		t.labelled2("", t.st.label.Render(l.T("report.not_scored_label"))+" ", unscored)
	}
	t.blank()
	t.para("", t.st.dim.Render(l.T("plan.review_hint")))
	_, err := io.WriteString(w, t.sb.String())
	return err
}

// planMarkdown writes the plan as CommonMark, for a wiki page or a note
// to a line manager.
func planMarkdown(w io.Writer, p *plan.Plan, o Options) error {
	l := o.lang()
	m := md{l: l}
	m.line("# " + mdEscape(l.T("plan.title")))
	m.blank()
	m.line(mdEscape(planFrom(l, p)))
	m.blank()
	m.line("- " + m.strong(l.T("report.label.level")) + " " + mdEscape(planLevel(l, p)))
	if target := planTarget(p); target != "" {
		m.line("- " + m.strong(l.T("report.label.target")) + " " + mdEscape(target))
	}
	m.line("- " + m.strong(l.T("plan.review_on")) + " " + mdEscape(planDay(l, p.ReviewOn)))
	if p.Supporter != "" {
		m.line("- " + m.strong(l.T("plan.supporter")) + " " + mdEscape(p.Supporter))
	}
	unscored := planUnscored(l, p)
	if len(p.Priorities) == 0 && unscored == "" {
		m.blank()
		m.line(mdEscape(l.T("plan.none", "Target", planTarget(p))))
	}
	for i, pr := range p.Priorities {
		m.heading(fmt.Sprintf("## %d. %s", i+1, mdEscape(string(pr.Name))))
		m.line(mdEscape(priorityLine(l, p, pr)))
		m.blank()
		for _, a := range pr.Actions {
			m.line("- " + m.strong(l.T("label", "Text", actionLine(l, a))) + " " + mdAction(l, a.Resource()))
		}
	}
	if unscored != "" {
		m.blank()
		m.line(m.strong(l.T("report.not_scored_label")) + " " + mdEscape(unscored))
	}
	m.blank()
	m.line(mdEscape(l.T("plan.review_hint")))
	_, err := io.WriteString(w, m.String())
	return err
}

// planPage is the plan page's template, parsed on first use.
var planPage = sync.OnceValue(func() *template.Template {
	return template.Must(template.New("plan").Funcs(pageFuncs(nil)).Funcs(planFuncs(nil)).Parse(planHTMLSource + resourceHTML))
})

func planFuncs(l *lang.Lang) template.FuncMap {
	fm := template.FuncMap{
		"day":      func(s string) string { return planDay(l, s) },
		"action":   func(a plan.Action) string { return l.T("label", "Text", actionLine(l, a)) },
		"priority": func(p *plan.Plan, pr plan.Priority) string { return priorityLine(l, p, pr) },
		"inc":      func(i int) int { return i + 1 },
	}
	maps.Copy(fm, actionFuncs(l))
	return fm
}

type planHTMLData struct {
	P                   *plan.Plan
	Lang                string
	Style               template.CSS
	From, Level, Target string
	// Unscored is planUnscored's text; "" for none.
	Unscored string
}

// planHTML writes the plan as a self-contained page that prints on one
// A4 page: no scripts, nothing fetched.
func planHTML(w io.Writer, p *plan.Plan, o Options) error {
	l := o.lang()
	d := planHTMLData{P: p, Lang: l.Tag(), Style: pageStyle(), From: planFrom(l, p), Level: planLevel(l, p), Target: planTarget(p), Unscored: planUnscored(l, p)}
	return executePage(w, planPage(), l, planFuncs(l), d, "html plan")
}

const planHTMLSource = `<!DOCTYPE html>
<html lang="{{.Lang}}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light">
<title>{{T "plan.title"}}</title>
<style>
{{.Style}}
.plan li { margin: .3rem 0; }
</style>
</head>
<body>
<header>
<h1>{{T "plan.title"}}</h1>
<p class="meta">{{.From}}</p>
</header>
<main>
<dl class="summary">
<div><dt>{{T "report.html.your_level"}}</dt><dd>{{.Level}}</dd></div>
{{- with .Target}}
<div><dt>{{T "report.html.target"}}</dt><dd>{{.}}</dd></div>{{end}}
<div><dt>{{T "plan.review_on"}}</dt><dd>{{day .P.ReviewOn}}</dd></div>
{{- with .P.Supporter}}
<div><dt>{{T "plan.supporter"}}</dt><dd>{{.}}</dd></div>{{end}}
</dl>
{{- if and (not .P.Priorities) (not .Unscored)}}
<p>{{T "plan.none" "Target" .Target}}</p>
{{- end}}
{{- range $i, $pr := .P.Priorities}}
<section class="plan">
<h2>{{inc $i}}. {{$pr.Name}}</h2>
<p>{{priority $.P $pr}}</p>
<ul>
{{- range $pr.Actions}}
<li><strong>{{action .}}</strong> {{template "resource" .Resource}}</li>
{{- end}}
</ul>
</section>
{{- end}}
{{- with .Unscored}}
<p><strong>{{T "report.not_scored_label"}}</strong> {{.}}</p>
{{- end}}
<p class="meta">{{T "plan.review_hint"}}</p>
</main>
</body>
</html>
`

// planICS writes the plan as an iCalendar file (RFC 5545) that calendar
// programs import: an all-day event on the due day of each dated action
// and one on the review day. Each event's UID is made from the plan's
// creation time, its key (planKey) and the event's place in it, so
// importing the same plan again updates its events rather than doubling
// them, and two plans made in the same second do not share UIDs.
func planICS(w io.Writer, p *plan.Plan, o Options) error {
	l := o.lang()
	c := icsWriter{}
	c.prop("BEGIN", "VCALENDAR")
	c.prop("VERSION", "2.0")
	c.prop("PRODID", "-//digilead//digilead plan//EN")
	c.prop("CALSCALE", "GREGORIAN")
	c.prop("METHOD", "PUBLISH")
	c.prop("X-WR-CALNAME", icsText(l.T("plan.title")))
	stamp := p.CreatedAt.UTC().Format("20060102T150405Z")
	key := planKey(p)
	uid := func(what string) string {
		return fmt.Sprintf("%s-%s-%s-%s@digilead", stamp, icsID(p.Result.Bank.ID), key, what)
	}
	for i, pr := range p.Priorities {
		for j, a := range pr.Actions {
			if a.Due == "" {
				continue
			}
			c.event(uid(fmt.Sprintf("p%da%d", i+1, j+1)), stamp, a.Due,
				l.T("plan.ics.action", "Way", wayName(l, a.Kind), "Text", a.Text),
				icsDescription(l, l.T("plan.ics.action_desc", "Name", pr.Name), a))
		}
	}
	c.event(uid("review"), stamp, p.ReviewOn, l.T("plan.ics.review"), l.T("plan.ics.review_desc"))
	c.prop("END", "VCALENDAR")
	if c.err != nil {
		return c.err
	}
	_, err := io.WriteString(w, c.String())
	return err
}

// planKey tells a plan from others made in the same second (plans are
// dated to the second): a short digest of what the plan is that does not
// change with the language it is shown in — the result it was made from,
// its review, supporter, priorities and their actions' kinds, days and
// addresses — so the same plan has the same key in every language.
func planKey(p *plan.Plan) string {
	h := sha256.New()
	field := func(s string) { io.WriteString(h, s); h.Write([]byte{0}) }
	field(p.CreatedAt.UTC().Format(time.RFC3339Nano))
	field(p.Result.Bank.ID)
	field(p.Result.Bank.Digest)
	field(p.Result.CompletedAt.UTC().Format(time.RFC3339Nano))
	field(p.ReviewOn)
	field(p.Supporter)
	for _, pr := range p.Priorities {
		field(pr.Dimension)
		for _, a := range pr.Actions {
			field(a.Kind)
			field(a.Due)
			field(a.URL)
		}
	}
	return hex.EncodeToString(h.Sum(nil))[:12]
}

// icsWriter builds an iCalendar stream: CRLF line ends, content lines
// folded at 75 octets (RFC 5545 3.1).
type icsWriter struct {
	strings.Builder
	err error
}

// prop writes one content line, NAME:VALUE (the value escaped already).
func (c *icsWriter) prop(name, value string) {
	c.WriteString(fold(name + ":" + value))
}

// event writes an all-day event on day (YYYY-MM-DD).
func (c *icsWriter) event(uid, stamp, day, summary, desc string) {
	t, err := time.Parse(plan.DateLayout, day)
	if err != nil {
		c.err = fmt.Errorf("ics: %q is not a day (YYYY-MM-DD)", day)
		return
	}
	c.prop("BEGIN", "VEVENT")
	c.prop("UID", icsText(uid))
	c.prop("DTSTAMP", stamp)
	c.prop("DTSTART;VALUE=DATE", t.Format("20060102"))
	c.prop("DTEND;VALUE=DATE", t.AddDate(0, 0, 1).Format("20060102"))
	c.prop("SUMMARY", icsText(summary))
	c.prop("DESCRIPTION", icsText(desc))
	c.prop("TRANSP", "TRANSPARENT")
	c.prop("END", "VEVENT")
}

// icsEscape escapes a TEXT value (RFC 5545 3.3.11).
var icsEscape = sync.OnceValue(func() *strings.Replacer {
	return strings.NewReplacer(`\`, `\\`, ";", `\;`, ",", `\,`, "\r\n", `\n`, "\n", `\n`, "\r", `\n`)
})

func icsText(s string) string { return icsEscape().Replace(s) }

// icsID keeps the characters of s that are safe in a UID's middle.
func icsID(s string) string {
	return strings.Map(func(r rune) rune {
		if r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-' || r == '.' {
			return r
		}
		return '_'
	}, s)
}

// fold ends a content line with CRLF, folding it into lines of at most
// 75 octets, each continuation starting with a space; a UTF-8 character
// is never split.
func fold(line string) string {
	var sb strings.Builder
	limit := 75
	for len(line) > limit {
		cut := limit
		for cut > 0 && !utf8RuneStart(line[cut]) {
			cut--
		}
		sb.WriteString(line[:cut])
		sb.WriteString("\r\n ")
		line = line[cut:]
		limit = 74 // the leading space counts
	}
	sb.WriteString(line)
	sb.WriteString("\r\n")
	return sb.String()
}

// utf8RuneStart reports whether b starts a UTF-8 character.
func utf8RuneStart(b byte) bool { return b&0xC0 != 0x80 }

// icsDescription is an action's event description: desc, then the
// action's details and address, each on a line of its own, when it has
// them.
func icsDescription(l *lang.Lang, desc string, a plan.Action) string {
	if d := actionDetails(l, a.Resource()); d != "" {
		desc += "\n" + d
	}
	if u := linkURL(a.URL); u != "" {
		desc += "\n" + u
	}
	return desc
}

// planCSV writes one row per planned action (planRows).
func planCSV(w io.Writer, p *plan.Plan, _ Options) error {
	return writeCSV(w, planRows(p), true)
}

// planRows are the header and rows of the csv format and of the xlsx
// format's first sheet: each action of each priority, in the plan's
// order, with its priority's figures (a priority without actions has
// one row, its action's cells empty). Optional fields are empty cells.
func planRows(p *plan.Plan) [][]string {
	rows := [][]string{{"priority", "dimension", "dimension_name", "score", "expected", "kind", "text", "due", "url", "provider", "minutes", "language"}}
	for i, pr := range p.Priorities {
		if len(pr.Actions) == 0 {
			// A priority the bank gives no action for keeps its row, its
			// action's cells empty: a sheet of the plan lists every
			// priority.
			rows = append(rows, []string{strconv.Itoa(i + 1), pr.Dimension, string(pr.Name), formatNum(pr.Score), formatNum(pr.Expected), "", "", "", "", "", "", ""})
		}
		for _, a := range pr.Actions {
			minutes := ""
			if a.Minutes > 0 {
				minutes = strconv.Itoa(a.Minutes)
			}
			rows = append(rows, []string{strconv.Itoa(i + 1), pr.Dimension, string(pr.Name), formatNum(pr.Score), formatNum(pr.Expected),
				a.Kind, string(a.Text), a.Due, a.URL, a.Provider, minutes, a.Language})
		}
	}
	return rows
}

// planAboutRows are the xlsx format's second sheet: what the plan is
// about, a field a row.
func planAboutRows(p *plan.Plan) [][]string {
	level, target := "", ""
	if p.Result.Level != nil {
		level = p.Result.Level.ID
	}
	if p.Result.Target != nil {
		target = p.Result.Target.ID
	}
	return [][]string{{"field", "value"},
		{"created_at", p.CreatedAt.UTC().Format(time.RFC3339)}, {"review_on", p.ReviewOn}, {"supporter", p.Supporter},
		{"bank_id", p.Result.Bank.ID}, {"bank_version", p.Result.Bank.Version}, {"completed_at", p.Result.CompletedAt.UTC().Format(time.RFC3339)},
		{"level", level}, {"target", target}}
}
