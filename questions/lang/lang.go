// Package lang is the language digilead speaks to people: the message
// catalogs (en, cy, fr) that hold every sentence of the questionnaire and
// the reports, with CLDR plural forms; numbers, dates and lists in each
// language's form; and the choice of a language from flags and the
// environment.
package lang

import (
	"embed"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/nicksnyder/go-i18n/v2/i18n"
	"golang.org/x/text/language"
	"gopkg.in/yaml.v3"
)

//go:embed catalog/*.yaml
var catalogs embed.FS

// Catalogs lists the languages that have a message catalog, English
// first: the questionnaire and the reports speak these.
var Catalogs = []string{"en", "cy", "fr"}

// Source is the language every catalog is translated from, and the one a
// language without a catalog is spoken in.
const Source = "en"

// Lang speaks one catalog's language. A nil *Lang speaks English. English
// is compiled in (english.go); another language's catalog is read when it
// first says something, so that a command that never does (JSON output)
// does not pay for it.
type Lang struct {
	tag     string
	rewrite func(id, msg string) string
	// compiled is set for English as the catalog says it: it speaks from
	// the compiled catalog, with no go-i18n bundle.
	compiled bool
	once     sync.Once
	loc      *i18n.Localizer
	err      error
	// decimal is the decimal separator.
	decimal string
}

var (
	mu    sync.Mutex
	langs map[string]*Lang // made on first use
)

// Get returns the catalog language for tag: its base language ("fr" for
// "fr-CA") when that has a catalog, else English.
func Get(tag string) *Lang {
	base := Base(tag)
	if !slices.Contains(Catalogs, base) {
		base = Source
	}
	mu.Lock()
	defer mu.Unlock()
	if l, ok := langs[base]; ok {
		return l
	}
	l := &Lang{tag: base, rewrite: func(id, msg string) string { return msg }, compiled: base == Source}
	if langs == nil {
		langs = map[string]*Lang{}
	}
	langs[base] = l
	return l
}

// English returns the source language.
func English() *Lang { return Get(Source) }

// Catalog returns the embedded catalog of a language, as YAML.
func Catalog(tag string) ([]byte, error) {
	return catalogs.ReadFile("catalog/" + tag + ".yaml")
}

// Rewritten returns the catalog language tag with every message (every
// plural form) replaced by rewrite(id, message): a catalog for tests, such
// as one whose messages are all markers.
func Rewritten(tag string, rewrite func(id, msg string) string) (*Lang, error) {
	l := &Lang{tag: tag, rewrite: rewrite}
	return l, l.load()
}

// load reads the catalog of the language, and the English one for
// messages it lacks, each message passed through rewrite; once.
func (l *Lang) load() error {
	l.once.Do(func() {
		if !l.compiled {
			l.loc, l.err = build(l.tag, l.rewrite)
		}
		if l.err == nil {
			l.decimal = l.localize("format.decimal", nil, nil)
		}
	})
	return l.err
}

// build makes the localizer of language tag (see load).
func build(tag string, rewrite func(id, msg string) string) (*i18n.Localizer, error) {
	bundle := i18n.NewBundle(language.English)
	for _, t := range slices.Compact([]string{Source, tag}) {
		data, err := Catalog(t)
		if err != nil {
			return nil, err
		}
		msgs, err := i18n.ParseMessageBytes(data, yaml.Unmarshal)
		if err != nil {
			return nil, fmt.Errorf("catalog %s: %w", t, err)
		}
		for _, m := range msgs {
			for _, form := range forms(m) {
				*form = typography(t, rewrite(m.ID, *form))
			}
		}
		if err := bundle.AddMessages(language.Make(t), msgs...); err != nil {
			return nil, fmt.Errorf("catalog %s: %w", t, err)
		}
	}
	return i18n.NewLocalizer(bundle, tag), nil
}

// forms are the plural forms a message has.
func forms(m *i18n.Message) []*string {
	var fs []*string
	for _, f := range []*string{&m.Zero, &m.One, &m.Two, &m.Few, &m.Many, &m.Other} {
		if *f != "" {
			fs = append(fs, f)
		}
	}
	return fs
}

// frenchSpaces are the French punctuation marks preceded by a
// non-breaking space; a catalog writes an ordinary space.
var frenchSpaces = sync.OnceValue(func() *strings.Replacer {
	return strings.NewReplacer(" :", "\u00a0:", " ;", "\u00a0;", " ?", "\u00a0?", " !", "\u00a0!", " %", "\u00a0%", "« ", "«\u00a0", " »", "\u00a0»")
})

// typography applies a language's spacing rules to a catalog message: in
// French a non-breaking space before : ; ? ! % and inside « ».
func typography(tag, msg string) string {
	if tag == "fr" {
		return frenchSpaces().Replace(msg)
	}
	return msg
}

// Tag is the language's tag, such as "cy".
func (l *Lang) Tag() string {
	if l == nil {
		return Source
	}
	return l.tag
}

// or is l, or English when l is nil, with its catalog read.
func (l *Lang) or() *Lang {
	if l == nil {
		l = English()
	}
	if err := l.load(); err != nil {
		panic(fmt.Sprintf("lang: the embedded %s catalog does not load: %v", l.tag, err))
	}
	return l
}

// T returns message id with its data given as name, value pairs:
// T("report.level", "Name", "Operational implementer").
func (l *Lang) T(id string, kv ...any) string {
	return l.or().localize(id, nil, kv)
}

// TOr is T for a message whose id is made from data (a kind, a
// severity): when the catalog has no such message, fallback.
func (l *Lang) TOr(id, fallback string, kv ...any) string {
	l = l.or()
	if l.compiled {
		if _, ok := englishSay(id, nil, nil); !ok {
			return fallback
		}
		return l.T(id, kv...)
	}
	if _, err := l.loc.Localize(&i18n.LocalizeConfig{MessageID: id}); err != nil {
		if _, missing := err.(*i18n.MessageNotFoundErr); missing && l.tag != Source {
			return l.T(id, kv...) // English has it
		}
		return fallback
	}
	return l.T(id, kv...)
}

// N returns message id in the plural form for count, which the message
// can use as {{.Count}}; kv adds more data.
func (l *Lang) N(id string, count int, kv ...any) string {
	return l.or().localize(id, count, append([]any{"Count", count}, kv...))
}

// NF is N for a count that may have decimals, such as 2.5 points: the
// plural form follows the number as written (two decimals at most), and
// {{.Count}} is the number in the language's form.
func (l *Lang) NF(id string, x float64, kv ...any) string {
	l = l.or()
	n := strconv.FormatFloat(x, 'f', 2, 64)
	n = strings.TrimSuffix(strings.TrimRight(n, "0"), ".")
	return l.localize(id, n, append([]any{"Count", l.Num(x)}, kv...))
}

// Say returns a message given as data.
func (l *Lang) Say(m Msg) string {
	if m.Plural {
		return l.N(m.ID, m.Count, m.Args...)
	}
	return l.T(m.ID, m.Args...)
}

func (l *Lang) localize(id string, count any, kv []any) string {
	data := make(map[string]any, len(kv)/2)
	for i := 0; i+1 < len(kv); i += 2 {
		if k, ok := kv[i].(string); ok {
			data[k] = l.value(kv[i+1])
		}
	}
	if l.compiled {
		if s, ok := englishSay(id, count, data); ok {
			return s
		}
		return "[" + id + "]"
	}
	s, err := l.loc.Localize(&i18n.LocalizeConfig{MessageID: id, TemplateData: data, PluralCount: count})
	if _, missing := err.(*i18n.MessageNotFoundErr); err != nil && (!missing || s == "") {
		// A message that is nowhere, or whose template fails: show its id,
		// which tests look for, rather than nothing.
		return "[" + id + "]"
	}
	return s
}

// Sentences says messages that are sentences of one paragraph, joined by
// a space.
func (l *Lang) Sentences(msgs []Msg) string {
	parts := make([]string, len(msgs))
	for i, m := range msgs {
		parts[i] = l.Say(m)
	}
	return strings.Join(parts, " ")
}

// Msg is a message given as data, for a sentence made where the language
// is not known yet (a note on a result, a review finding) and said later
// in the language of the report.
type Msg struct {
	ID string
	// Args are name, value pairs (see Lang.T).
	Args []any
	// Plural says the message has plural forms chosen by Count.
	Plural bool
	Count  int
}

// M makes a message: M("note.straight_lining", "Label", l).
func M(id string, args ...any) Msg { return Msg{ID: id, Args: args} }

// P makes a message with plural forms for count.
func P(id string, count int, args ...any) Msg {
	return Msg{ID: id, Args: args, Plural: true, Count: count}
}
