package report

import (
	"cmp"
	"errors"

	"github.com/digilead/digilead/questions"
)

// ValidateOptions say how Validation.Check checks a path.
type ValidateOptions struct {
	// Banks are the bank paths translation files are checked against
	// (none: the built-in bank).
	Banks []string
	// Strict makes untranslated or out-of-date texts and actions in
	// another language errors, not warnings.
	Strict bool
	// Catalogue, read from CatalogueName, is checked against each bank
	// when not nil.
	Catalogue     *questions.Catalogue
	CatalogueName string
	// Say writes a problem or warning line (on stderr).
	Say func(format string, args ...any)
}

// LoadCatalogue reads the catalogue named CatalogueName, if any, into
// Catalogue; ok is false when it has problems, which it says. An error
// that is no problem of the catalogue's (no such file) is returned.
func (o *ValidateOptions) LoadCatalogue() (ok bool, err error) {
	if o.CatalogueName == "" {
		return true, nil
	}
	o.Catalogue, err = questions.LoadCatalogue(o.CatalogueName)
	var ps questions.Problems
	if errors.As(err, &ps) {
		SayProblems(o.Say, o.CatalogueName, ps)
		return false, nil
	}
	return err == nil, err
}

// SayProblems says each of problems ps and how many there were in name.
func SayProblems(say func(string, ...any), name string, ps questions.Problems) {
	for _, pr := range ps {
		say("%s\n", pr.String())
	}
	say("%s: %d problem(s)\n", name, len(ps))
}

// Check checks one path (the built-in bank for "") as `digilead bank
// validate` does, says its problems and warnings with o.Say, and adds
// what is valid to v; it reports whether the path passed.
func (v *Validation) Check(p string, o ValidateOptions) bool {
	name := cmp.Or(p, "built-in bank")
	s, translation, err := questions.LoadToValidate(p, o.Banks)
	var ps questions.Problems
	switch {
	case errors.As(err, &ps):
		SayProblems(o.Say, name, ps)
		return false
	case err != nil:
		o.Say("digilead: %v\n", err)
		return false
	}
	var languages questions.Problems
	kind := "warning"
	if o.Strict {
		kind = "error"
	}
	for _, w := range s.Warnings {
		o.Say("%s (%s)\n", w.String(), kind)
	}
	if c := o.Catalogue; c != nil {
		if err := c.Check(s.Bank); err != nil {
			o.Say("%s\n", err)
			o.Say("%s: the catalogue %s does not fit it\n", name, o.CatalogueName)
			return false
		}
		languages = append(languages, c.OtherLanguage(questions.BankLanguage(s.Bank))...)
	}
	languages = append(s.Bank.ActionsInOtherLanguage(questions.BankLanguage(s.Bank)), languages...)
	for _, w := range languages {
		o.Say("%s (%s)\n", w.String(), kind)
	}
	v.Add(name, s, translation)
	if o.Catalogue != nil {
		v.AddCatalogue(o.CatalogueName, o.Catalogue, s.Bank)
	}
	if len(languages) > 0 {
		o.Say("%s: %d action(s) in another language than the bank's, %s (%ss)\n", name, len(languages), questions.BankLanguage(s.Bank), kind)
	}
	if ow := s.ObserverWarnings(); len(ow) > 0 {
		// A heuristic: warnings even with --strict.
		for _, w := range ow {
			o.Say("%s (warning)\n", w.String())
		}
		o.Say("%s: %d observer text(s) may speak to their reader rather than of the person observed (warnings; digilead bank review lists them too)\n", name, len(ow))
	}
	if len(s.Warnings) > 0 {
		o.Say("%s: %d text(s) not translated or out of date (%ss; they show in %s)\n", name, len(s.Warnings), kind, questions.BankLanguage(s.Bank))
	}
	return len(s.Warnings)+len(languages) == 0 || !o.Strict
}
