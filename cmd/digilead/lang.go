package main

import (
	"errors"
	"os"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/digilead/digilead/questions"
	"github.com/digilead/digilead/questions/lang"
	"github.com/digilead/digilead/report"
)

// langFlags are --lang and --translations, for the commands that show
// bank or report text.
type langFlags struct {
	lang         string
	translations []string
}

// addLangFlags adds --lang and --translations to cmd.
func addLangFlags(cmd *cobra.Command) *langFlags {
	lf := &langFlags{}
	f := cmd.Flags()
	f.StringVar(&lf.lang, "lang", "", "language of the questions and the report, a tag such as cy or fr (default: DIGILEAD_LANG, LC_ALL, LC_MESSAGES, LANG, else the bank's)")
	f.StringArrayVar(&lf.translations, "translations", nil, "a `DIR`ectory of translation files of the bank (repeatable)")
	return lf
}

// addBankFlag adds --bank, which may be given more than once: one bank
// (a file or a directory) and translation files.
func addBankFlag(cmd *cobra.Command, p *[]string, usage string) {
	cmd.Flags().StringArrayVar(p, "bank", nil, usage+"; repeat it to add translation files")
}

// optional is a path argument that may be left out, as a list.
func optional(path string) []string {
	if path == "" {
		return nil
	}
	return []string{path}
}

// loadSet loads the --bank bank and translation files and the
// --translations directories: the built-in bank when no bank is given; a
// path that does not exist is a usage error.
func loadSet(paths, dirs []string) (*questions.Set, error) {
	paths = slices.DeleteFunc(slices.Clone(paths), func(p string) bool { return p == "" }) // --bank "" is the built-in bank
	if err := checkPaths(paths, dirs); err != nil {
		return nil, err
	}
	return questions.LoadSet(paths, dirs)
}

// checkPaths refuses --bank paths and --translations directories that do
// not exist, as usage errors.
func checkPaths(paths, dirs []string) error {
	for _, p := range paths {
		if _, err := os.Stat(p); errors.Is(err, os.ErrNotExist) {
			return usageError("--bank: bank %s: no such file or directory", p)
		}
	}
	for _, d := range dirs {
		if fi, err := os.Stat(d); errors.Is(err, os.ErrNotExist) {
			return usageError("--translations: %s: no such file or directory", d)
		} else if err == nil && !fi.IsDir() {
			return usageError("--translations: %s: not a directory; give a directory of translation files, or give a translation file with --bank", d)
		}
	}
	return nil
}

// language chooses the language of what a command shows from the set's
// languages: the one asked for (--lang, else the environment, see
// lang.Requested); the bank's own when none is asked for, or with a line
// on stderr when the bank has no translation into the one asked for.
func (a *app) language(lf *langFlags, s *questions.Set) string {
	requested := lang.Requested(lf.lang, a.io.Getenv)
	tags := s.Languages()
	if tag, ok := lang.Match(requested, tags); ok {
		return tag
	}
	if requested != "" {
		a.fallBack(requested, s)
	}
	return tags[0]
}

// fallBack says on stderr that the bank has no translation into the
// language asked for.
func (a *app) fallBack(requested string, s *questions.Set) {
	a.say("digilead: bank %s has no %s translation (it has %s); showing it in %s\n",
		s.Bank.ID, requested, strings.Join(s.Languages(), ", "), s.Languages()[0])
}

// reportLanguage is the language tag of set s, for report.Options.
func reportLanguage(s *questions.Set, tag string) *report.Language {
	return report.NewLanguage(lang.Get(tag), s.Bank, s.In(tag))
}

// showIn loads the set, chooses its language and returns the report's
// language, for the commands that only show a report.
func (a *app) showIn(lf *langFlags, banks []string) (*questions.Set, *report.Language, error) {
	s, err := loadSet(banks, lf.translations)
	if err != nil {
		return nil, nil, err
	}
	return s, reportLanguage(s, a.language(lf, s)), nil
}
