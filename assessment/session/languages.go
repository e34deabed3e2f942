package session

import (
	"github.com/digilead/digilead/questions"
	"github.com/digilead/digilead/questions/form"
	"github.com/digilead/digilead/questions/lang"
	"slices"
)

// Languages are the languages a questionnaire of the set's bank can be
// asked in, the one that serves requested (see lang.Requested) first. ok
// is false when none serves it (or nothing was requested): the bank's own
// language comes first. Each language speaks its catalog's words, or
// English where there is none.
func Languages(s *questions.Set, requested string) (langs []form.Language, ok bool) {
	tags := s.Languages()
	first, ok := lang.Match(requested, tags)
	if !ok {
		first = tags[0]
	}
	langs = append(langs, form.Language{Tag: first, Lang: lang.Get(first), Bank: s.In(first)})
	for _, tag := range tags {
		if tag != first {
			langs = append(langs, form.Language{Tag: tag, Lang: lang.Get(tag), Bank: s.In(tag)})
		}
	}
	return langs, ok
}

// ForObservers is langs with each bank in its observer wording
// (questions.Bank.ForObservers): the languages of a questionnaire about
// someone else.
func ForObservers(langs []form.Language) []form.Language {
	out := slices.Clone(langs)
	for i := range out {
		out[i].Bank = out[i].Bank.ForObservers()
	}
	return out
}
