package main

import (
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/digilead/digilead/assessment"
	"github.com/digilead/digilead/assessment/inputs"
	"github.com/digilead/digilead/cmd/internal/cmdutil"
	"github.com/digilead/digilead/questions"
	"github.com/digilead/digilead/questions/errtext"
	"github.com/digilead/digilead/questions/form"
	"github.com/digilead/digilead/questions/lang"
	"github.com/digilead/digilead/report"
)

// outputFlags are --format and -o of a command that writes one kind of
// document; F is what a format name stands for in its registry. check
// sets render and dest.
type outputFlags[F any] struct {
	formats      report.Registry[F]
	format, path string

	render F
	dest   *report.Output
	// brief is the command that shows the complete report, when the
	// text report is the short one (see short).
	brief string
}

// short makes the text report the short one when it goes to a terminal,
// unless all (--all): command is what shows the complete report ("" for
// none, and the report stays complete).
func (o *outputFlags[F]) short(f *factory, all bool, command string) {
	if !all && command != "" && o.format == "text" && o.dest.IsStdout() && f.io.OutTTY {
		o.brief = command
	}
}

// addAllFlag adds --all, the complete report in a terminal.
func addAllFlag(cmd *cobra.Command, p *bool) {
	cmd.Flags().BoolVar(p, "all", false, "the complete report in a terminal: every score and suggestion (a file or a pipe always gets it)")
}

// addOutputFlags adds --format (default def) and -o to cmd.
func addOutputFlags[F any](cmd *cobra.Command, formats report.Registry[F], def string) *outputFlags[F] {
	o := &outputFlags[F]{formats: formats}
	fl := cmd.Flags()
	fl.StringVarP(&o.format, "format", "f", def, "output format: "+strings.Join(formats.Names(), ", "))
	fl.StringVarP(&o.path, "output", "o", "", "write to `FILE` (mode 0600) instead of stdout")
	return o
}

// check is the one place --format and -o are checked, before any work.
// inputs are the files the command reads (-o may not be one of them).
func (o *outputFlags[F]) check(f *factory, inputs ...string) error {
	render, err := o.formats.Lookup(o.format)
	if err != nil {
		return usageError("--format: %v", err)
	}
	o.render, o.dest = render, report.NewOutput(f.io, o.path)
	// A file named for a binary format holds it, or is not written: the
	// text report in scores.xlsx is a file a spreadsheet refuses.
	if ext := strings.ToLower(strings.TrimPrefix(filepath.Ext(o.path), ".")); ext != o.format && report.Binary(ext) {
		if _, err := o.formats.Lookup(ext); err != nil {
			return usageError("-o %s: --format %s writes no workbook, and this command has no %s format; name the file for its format", o.path, o.format, ext)
		}
		return usageError("-o %s: --format %s writes no workbook; add --format %s, or name the file for its format", o.path, o.format, ext)
	}
	if report.Binary(o.format) {
		// And a workbook goes in a file named for it, not for a text
		// format: a workbook in scores.csv opens as garbage.
		if ext := strings.ToLower(strings.TrimPrefix(filepath.Ext(o.path), ".")); slices.Contains(textExtensions, ext) {
			return usageError("-o %s: --format %s writes a workbook; name the file %s", o.path, o.format, strings.TrimSuffix(o.path, filepath.Ext(o.path))+"."+o.format)
		}
		if err := o.dest.CheckBinary(o.format); err != nil {
			return usageError("--format %s needs -o: %w", o.format, err)
		}
	}
	return checkOutput(o.dest, inputs...)
}

// textExtensions name files that hold text: a binary format is not
// written to one.
var textExtensions = []string{"csv", "tsv", "txt", "text", "json", "jsonl", "ndjson", "md", "markdown", "html", "htm", "ics", "yaml", "yml", "xml"}

// checkOutput checks where -o sends the document (see report.Output.Check).
func checkOutput(out *report.Output, inputs ...string) error {
	if err := out.Check(inputs...); err != nil {
		return usageError("-o %w", err)
	}
	return nil
}

// write renders doc in the format --format named, laid out for where it
// goes, in language (nil: the bank's own), and writes it there: the one way
// a command writes its document.
func write[D any](o *outputFlags[report.Render[D]], doc D, accessible bool, language *report.Language, savedTo string) error {
	ro := o.dest.Options(accessible)
	ro.Language, ro.SavedTo, ro.Brief = language, savedTo, o.brief
	return o.dest.Write(func(w io.Writer) error { return o.render(w, doc, ro) })
}

// writeStdout writes doc to stdout in format of formats, in language: the
// document of a command without --format or -o.
func writeStdout[D any](f *factory, formats report.Registry[report.Render[D]], format string, doc D, language *report.Language) error {
	o := &outputFlags[report.Render[D]]{formats: formats, format: format}
	if err := o.check(f); err != nil {
		return err
	}
	return write(o, doc, false, language, "")
}

// addAccessibleFlag adds --accessible, described by what it gives.
func addAccessibleFlag(cmd *cobra.Command, p *bool, what string) {
	cmd.Flags().BoolVar(p, "accessible", false, "screen-reader mode: "+what+" (also ACCESSIBLE=1)")
}

// docFlags are the flags of a command that shows one kind of document, D:
// --format and -o, --bank, --lang and --translations, and --accessible.
type docFlags[D any] struct {
	out        *outputFlags[report.Render[D]]
	bank       bankFlags
	accessible bool
	// set and language are the bank and the document's language, once
	// loaded.
	set      *questions.Set
	language *report.Language
}

// addDocFlags adds them to cmd: --format with formats (default def),
// --bank described by bank (none when "": the bank is an argument), and
// --accessible giving what it says (none when "").
func addDocFlags[D any](cmd *cobra.Command, d *docFlags[D], formats report.Registry[report.Render[D]], def, bank, accessible string) {
	d.out = addOutputFlags(cmd, formats, def)
	if bank != "" {
		addBankFlag(cmd, &d.bank, bank)
	}
	addLangFlags(cmd, &d.bank)
	if accessible != "" {
		addAccessibleFlag(cmd, &d.accessible, accessible)
	}
}

// load checks --format and -o (which may be neither the bank nor one of
// inputs), then loads the bank and chooses the language (see showIn).
func (d *docFlags[D]) load(f *factory, inputs ...string) (err error) {
	if err := d.out.check(f, append(slices.Clone(d.bank.banks), inputs...)...); err != nil {
		return err
	}
	d.set, d.language, err = f.showIn(d.bank)
	return err
}

// write writes doc where the flags say, in their format and language.
func (d *docFlags[D]) write(f *factory, doc D) error {
	return write(d.out, doc, f.io.Accessible(d.accessible), d.language, "")
}

// catalogueFlag is --catalogue: a department's own actions
// (digilead.catalogue/v1) in place of the bank's.
type catalogueFlag struct {
	path string
	cat  *questions.Catalogue
}

// addCatalogueFlag adds --catalogue to cmd.
func addCatalogueFlag(cmd *cobra.Command, c *catalogueFlag) {
	cmd.Flags().StringVar(&c.path, "catalogue", "", "a `FILE` of your own actions (digilead.catalogue/v1): for each dimension it names, its actions replace the bank's")
}

// load reads the catalogue, if one is given, and checks it with check
// (against the bank in use, or the one a result names); it says on
// stderr which of its actions are in another language than the report's
// (tag).
func (c *catalogueFlag) load(f *factory, tag string, check func(*questions.Catalogue) error) error {
	if c.path == "" {
		return nil
	}
	cat, err := questions.LoadCatalogue(c.path)
	if err != nil {
		return fmt.Errorf("--catalogue: %w", err)
	}
	if err := check(cat); err != nil {
		return err
	}
	for _, w := range cat.OtherLanguage(tag) {
		f.say("%s (warning)\n", w.String())
	}
	c.cat = cat
	return nil
}

// apply gives r with the catalogue's actions (assessment.WithCatalogue),
// the catalogue checked against the bank r names; r as it is without
// --catalogue.
func (c *catalogueFlag) apply(f *factory, tag string, r *assessment.Result) (*assessment.Result, error) {
	if err := c.load(f, tag, func(cat *questions.Catalogue) error {
		return assessment.CheckCatalogue(r, cat)
	}); err != nil || c.cat == nil {
		return r, err
	}
	return assessment.WithCatalogue(r, c.cat), nil
}

// bankFlags are --bank, which may be given more than once (one bank, a file
// or a directory, and translation files), and, for the commands that show
// bank or report text, --lang and --translations.
type bankFlags struct {
	banks        []string
	lang         string
	translations []string
}

// addBankFlag adds --bank to cmd.
func addBankFlag(cmd *cobra.Command, b *bankFlags, usage string) {
	cmd.Flags().Var(cmdutil.Strings{P: &b.banks}, "bank", usage+"; repeat it to add translation files")
}

// addLangFlags adds --lang and --translations to cmd.
func addLangFlags(cmd *cobra.Command, b *bankFlags) {
	fl := cmd.Flags()
	fl.StringVar(&b.lang, "lang", "", "language of the questions and the report, a tag such as cy or fr (default: DIGILEAD_LANG, LC_ALL, LC_MESSAGES, LANG, else the bank's)")
	addTranslationsFlag(cmd, &b.translations, "")
}

// addTranslationsFlag adds --translations to cmd.
func addTranslationsFlag(cmd *cobra.Command, p *[]string, more string) {
	cmd.Flags().Var(cmdutil.Strings{P: p}, "translations", "a `DIR`ectory of translation files of the bank (repeatable)"+more)
}

// loadSet is the one bank loader: the --bank bank and translation files
// and the --translations directories, the built-in bank when no bank is
// given (--bank "" too). A path that does not exist is a usage error.
func loadSet(b bankFlags) (*questions.Set, error) {
	paths := slices.DeleteFunc(slices.Clone(b.banks), func(p string) bool { return p == "" })
	if err := checkPaths(paths, b.translations); err != nil {
		return nil, err
	}
	return questions.LoadSet(paths, b.translations)
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

// showIn loads the set and chooses the language of what the command
// shows: the one requested (--lang, else the environment, see
// lang.Requested), else the bank's own (see report.ShowIn).
func (f *factory) showIn(b bankFlags) (*questions.Set, *report.Language, error) {
	s, err := loadSet(b)
	if err != nil {
		return nil, nil, err
	}
	language, note := report.ShowIn(s, lang.Requested(b.lang, f.io.Getenv))
	f.note(note)
	return s, language, nil
}

// addMinGroupFlag adds --min-group: def, and at least min.
func addMinGroupFlag(cmd *cobra.Command, p *int, def, min int, usage string) {
	cmdutil.IntVar(cmd.Flags(), p, "min-group", def, min, math.MaxInt, usage, "must be %[2]d or more, got %[1]d (default %[4]d)")
}

// addThemeFlag adds --theme, the look of the form (what).
func addThemeFlag(cmd *cobra.Command, p *string, what string) {
	cmdutil.StringVar(cmd.Flags(), p, "theme", "charm", what+" theme: "+strings.Join(form.Themes(), ", "), form.CheckTheme)
}

// checkTarget refuses a --target that is not a tier of the bank.
func checkTarget(b *questions.Bank, target string) error {
	if _, ok := b.Tier(target); target != "" && !ok {
		return usageError("--target: unknown tier %q%s; the bank's tiers are %s", target, errtext.Suggest(target, b.TierIDs()), strings.Join(b.TierIDs(), ", "))
	}
	return nil
}

// openInputs opens the input paths of score, cohort, bank stats and bank
// calibrate, stdin for none unless stdinTTY, and says which files are
// skipped or read once.
func (f *factory) openInputs(paths []string, stdinTTY bool, what string) (*inputs.Set, error) {
	return f.noted(inputs.Open(paths, f.io.In, stdinTTY, what))
}

// noted tells the notes of a set of inputs just opened.
func (f *factory) noted(set *inputs.Set, err error) (*inputs.Set, error) {
	if err != nil {
		return nil, err
	}
	f.note(set.Notes()...)
	return set, nil
}

// note tells each note on stderr (none for "").
func (f *factory) note(notes ...string) {
	for _, n := range notes {
		if n != "" {
			f.say("%s\n", "digilead: "+n)
		}
	}
}

// oneOf refuses a flag's value s that is not one of choices ("", the
// flag left as it was, is fine).
func oneOf(s string, choices ...string) error {
	if s != "" && !slices.Contains(choices, s) {
		return fmt.Errorf("give %s, got %q", strings.Join(choices, " or "), s)
	}
	return nil
}
