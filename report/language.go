package report

import (
	"fmt"
	"reflect"
	"slices"
	"strings"

	"github.com/digilead/digilead/assessment"
	"github.com/digilead/digilead/assessment/compare"
	"github.com/digilead/digilead/questions"
	"github.com/digilead/digilead/questions/lang"
	"github.com/digilead/digilead/questions/safetext"
)

// Language is the language of a report: its sentences and numbers (a
// catalog language), and the bank the documents come from as it reads in
// that language, so that the names, actions and challenges a document
// carries in the bank's own language are shown translated.
type Language struct {
	*lang.Lang
	// Bank is the bank in the report's language; nil when there is none.
	Bank *questions.Bank
	// texts are the bank's texts and their translations (see
	// questions.Glossary).
	texts map[string]string
}

// SetLanguage is the language tag of set s: its bank as translated into
// tag (or the bank itself), in tag's messages.
func SetLanguage(s *questions.Set, tag string) *Language {
	return NewLanguage(lang.Get(tag), s.Bank, s.In(tag))
}

// ShowIn is the language to show set s in: the one requested (a tag, ""
// for none), or the bank's own when none is or the bank has no
// translation into it; then note says so ("" when nothing is to be said).
func ShowIn(s *questions.Set, requested string) (l *Language, note string) {
	tag, ok := lang.Match(requested, s.Languages())
	if !ok {
		tag = s.Languages()[0]
		if requested != "" {
			note = fmt.Sprintf("bank %s has no %s translation (it has %s); showing it in %s", s.Bank.ID, requested, strings.Join(s.Languages(), ", "), tag)
		}
	}
	return SetLanguage(s, tag), note
}

// NewLanguage is the language l, showing documents of bank source as it
// reads in translated (source with a translation applied, or source
// itself); both may be nil.
func NewLanguage(l *lang.Lang, source, translated *questions.Bank) *Language {
	lg := &Language{Lang: l, Bank: translated}
	if source != nil && translated != nil && source != translated {
		lg.texts = questions.Glossary(source, translated)
	}
	return lg
}

// lang is the report's catalog language, English when none is set.
func (o Options) lang() *lang.Lang {
	if o.Language == nil || o.Language.Lang == nil {
		return lang.English()
	}
	return o.Language.Lang
}

// localise shows the bank texts of doc, a copy the caller owns, in the
// report's language: every questions.BankText the bank translates is
// replaced by its translation. The notes of a result of the bank
// are said again from its answers, in the language.
func localise[D any](doc D, o Options) D {
	lg := o.Language
	if lg == nil || len(lg.texts) == 0 {
		return doc
	}
	translate(reflect.ValueOf(&doc).Elem(), lg.texts)
	switch d := any(doc).(type) {
	case *assessment.Result:
		if d != nil && lg.Bank != nil && d.Bank.Digest == lg.Bank.Digest && d.Bank.ID == lg.Bank.ID {
			d.Notes = assessment.Notes(lg.Bank, d.Answers)
		}
	case *questions.Bank:
		// A bank shows as it reads in the language.
		if d != nil && lg.Bank != nil && d.ID == lg.Bank.ID && d.Digest == lg.Bank.Digest {
			return any(safetext.Copy(lg.Bank)).(D)
		}
	case *compare.Comparison:
		if d != nil {
			for i := range d.NoteMsgs {
				translateArgs(&d.NoteMsgs[i], lg.texts)
			}
		}
	}
	return doc
}

// translateArgs translates the bank texts among a message's data (tier
// names).
func translateArgs(m *lang.Msg, texts map[string]string) {
	args := slices.Clone(m.Args)
	for i := 1; i < len(args); i += 2 {
		if s, ok := args[i].(questions.BankText); ok {
			if t, ok := texts[string(s)]; ok {
				args[i] = questions.BankText(t)
			}
		}
	}
	m.Args = args
}

// bankText is the type that marks a bank's text in a document.
var bankText = reflect.TypeFor[questions.BankText]()

// translate walks v, replacing every questions.BankText that texts
// translates.
func translate(v reflect.Value, texts map[string]string) {
	switch v.Kind() {
	case reflect.String:
		if v.Type() == bankText && v.CanSet() {
			if s, ok := texts[v.String()]; ok {
				v.SetString(s)
			}
		}
	case reflect.Pointer, reflect.Interface:
		if !v.IsNil() {
			translate(v.Elem(), texts)
		}
	case reflect.Struct:
		for i := range v.NumField() {
			if v.Type().Field(i).IsExported() {
				translate(v.Field(i), texts)
			}
		}
	case reflect.Slice, reflect.Array:
		for i := range v.Len() {
			translate(v.Index(i), texts)
		}
	}
}

// Localised is a copy of doc with its bank texts in the language lg (nil:
// as they are), made safe to show: what a form shows of a document.
func Localised[D any](doc D, lg *Language) D {
	return localise(safetext.Copy(doc), Options{Language: lg})
}
