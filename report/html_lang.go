package report

import (
	"fmt"
	"html"
	"html/template"
	"strings"

	"github.com/digilead/digilead/questions/lang"
)

// pageFuncs are the functions every page template calls to say things in
// the report's language; the templates are parsed with stand-ins
// (pageFuncs(nil)) and run with these (see runPage).
func pageFuncs(l *lang.Lang) template.FuncMap {
	return template.FuncMap{
		"T":   func(id string, kv ...any) string { return l.T(id, kv...) },
		"TH":  func(id string, kv ...any) template.HTML { return sayHTML(l, id, kv...) },
		"N":   func(id string, n int, kv ...any) string { return l.N(id, n, kv...) },
		"num": func(x float64) string { return l.Num(x) },
		"pct": func(x float64) string { return l.Percent(l.Num(x)) },
	}
}

// sayHTML says a message as HTML whose data may hold markup: the message
// and its text data are escaped, template.HTML data is put in as it is.
func sayHTML(l *lang.Lang, id string, kv ...any) template.HTML {
	return template.HTML(sayMarkup(l, html.EscapeString, func(v any) (string, bool) {
		h, ok := v.(template.HTML)
		return string(h), ok
	}, id, kv...))
}

// sayMarkup says a message in a markup language: the message's words and
// its data are escaped with escape, except data that markup accepts as
// markup already. The message is said with a marker where each piece of
// data goes, so that only the catalog's words are escaped around them.
func sayMarkup(l *lang.Lang, escape func(string) string, markup func(any) (string, bool), id string, kv ...any) string {
	marked := make([]any, len(kv))
	var values []string
	for i := range kv {
		marked[i] = kv[i]
		if i%2 == 0 {
			continue
		}
		v, ok := markup(kv[i])
		if !ok {
			v = escape(fmt.Sprint(l.Value(kv[i])))
		}
		marked[i] = fmt.Sprintf("\ue000%d\ue001", len(values))
		values = append(values, v)
	}
	s := escape(l.T(id, marked...))
	for i, v := range values {
		s = strings.ReplaceAll(s, fmt.Sprintf("\ue000%d\ue001", i), v)
	}
	return s
}

// mdMarkup is Markdown already written, put into a message as it is.
type mdMarkup string

// sayMarkdown says a message as Markdown: its words and data escaped,
// except mdMarkup data.
func sayMarkdown(l *lang.Lang, id string, kv ...any) string {
	return sayMarkup(l, mdEscape, func(v any) (string, bool) {
		m, ok := v.(mdMarkup)
		return string(m), ok
	}, id, kv...)
}
