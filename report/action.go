package report

import (
	"html/template"
	"strings"

	"github.com/digilead/digilead/assessment"
	"github.com/digilead/digilead/questions"
	"github.com/digilead/digilead/questions/lang"
)

// actionDetails is what an action says beyond its text, in l: its
// provider, minutes and language, e.g. "Civil Service College, 90 min,
// en"; "" when it says none of them.
func actionDetails(l *lang.Lang, a assessment.Action) string {
	var parts []string
	if a.Provider != "" {
		parts = append(parts, a.Provider)
	}
	if a.Minutes > 0 {
		parts = append(parts, l.T("report.action.minutes", "N", l.Num(float64(a.Minutes))))
	}
	if a.Language != "" {
		parts = append(parts, a.Language)
	}
	return strings.Join(parts, ", ")
}

// actionText is an action in plain text: its text, details in brackets,
// and its address in angle brackets (when it is one to link to).
func actionText(l *lang.Lang, a assessment.Action) string {
	s := string(a.Text)
	if d := actionDetails(l, a); d != "" {
		s += " (" + d + ")"
	}
	if u := linkURL(a.URL); u != "" {
		s += " <" + u + ">"
	}
	return s
}

// linkURL is s when a report may link to it (questions.CheckURL: an
// absolute http or https URL with a host, nothing that could break out of
// a link); else "". A result from a file may hold any text, so every
// renderer asks this and never links to what it refuses (javascript:,
// data:, a relative path).
func linkURL(s string) string {
	if questions.CheckURL(s) != "" {
		return ""
	}
	return s
}

// mdAction is an action in Markdown: its text, escaped, as a link to its
// URL when it has one to link to, then its details in brackets.
func mdAction(l *lang.Lang, a assessment.Action) string {
	s := mdEscape(string(a.Text))
	if u := linkURL(a.URL); u != "" {
		// A destination in angle brackets may hold parentheses; linkURL
		// has refused the brackets themselves and spaces.
		s = "[" + s + "](<" + u + ">)"
	}
	if d := actionDetails(l, a); d != "" {
		s += " (" + mdEscape(d) + ")"
	}
	return s
}

// resourceHTML is the template "resource": an action (an
// assessment.Action) in a page, its text an anchor to its URL when it has
// one to link to (rel=noopener), then its details. Every page that shows
// actions parses it, with actionFuncs.
const resourceHTML = `{{define "resource"}}{{with link .URL}}<a href="{{.}}" rel="noopener">{{end}}{{.Text}}{{if link .URL}}</a>{{end}}{{with details .}} <span class="details">({{.}})</span>{{end}}{{end}}`

// actionFuncs are the functions resourceHTML calls, in l.
func actionFuncs(l *lang.Lang) template.FuncMap {
	return template.FuncMap{
		"link":    linkURL,
		"details": func(a assessment.Action) string { return actionDetails(l, a) },
	}
}
