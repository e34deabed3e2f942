// Package docflags holds the flags of a command that writes a document (--format and -o, --bank, --lang and --translations, --accessible, --catalogue) and how they load the bank and write the document.
package docflags

import (
	"context"
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
	"github.com/digilead/digilead/cmd/internal/cmdutil"
	"github.com/digilead/digilead/questions"
	"github.com/digilead/digilead/questions/errtext"
	"github.com/digilead/digilead/questions/form"
	"github.com/digilead/digilead/questions/lang"
	"github.com/digilead/digilead/report"
	"github.com/digilead/digilead/report/iostreams"
)

// Output is --format and -o of a command that writes one kind of
// document; F is what a format name stands for in its registry. Check
// sets Render and Dest.
type Output[F any] struct {
	Formats      report.Registry[F]
	Format, Path string

	Render F
	Dest   *report.Output
	// Brief is the command that shows the complete report, when the
	// text report is the short one (see Short).
	Brief string
}

// Short makes the text report the short one when it goes to a terminal,
// unless all (--all): command is what shows the complete report ("" for
// none, and the report stays complete).
func (o *Output[F]) Short(s *iostreams.IOStreams, all bool, command string) {
	if !all && command != "" && o.Format == "text" && o.Dest.IsStdout() && s.OutTTY {
		o.Brief = command
	}
}

// AddAll adds --all, the complete report in a terminal.
func AddAll(cmd *cobra.Command, p *bool) {
	cmd.Flags().BoolVar(p, "all", false, "the complete report in a terminal: every score and suggestion (a file or a pipe always gets it)")
}

// AddOutput adds --format (default def) and -o to cmd.
func AddOutput[F any](cmd *cobra.Command, formats report.Registry[F], def string) *Output[F] {
	o := &Output[F]{Formats: formats}
	fl := cmd.Flags()
	fl.StringVarP(&o.Format, "format", "f", def, "output format: "+strings.Join(formats.Names(), ", "))
	cmdutil.OutputVar(fl, &o.Path, "write to `FILE` (mode 0600) instead of stdout")
	return o
}

// Check is the one place --format and -o are checked, before any work.
// inputs are the files the command reads (-o may not be one of them).
func (o *Output[F]) Check(s *iostreams.IOStreams, inputs ...string) error {
	render, err := o.Formats.Lookup(o.Format)
	if err != nil {
		return cmdutil.UsageError("--format: %v", err)
	}
	o.Render, o.Dest = render, report.NewOutput(s, o.Path)
	// A file named for a binary format holds it, or is not written: the
	// text report in scores.xlsx is a file a spreadsheet refuses.
	if ext := strings.ToLower(strings.TrimPrefix(filepath.Ext(o.Path), ".")); ext != o.Format && report.Binary(ext) {
		if _, err := o.Formats.Lookup(ext); err != nil {
			return cmdutil.UsageError("-o %s: --format %s writes no workbook, and this command has no %s format; name the file for its format", o.Path, o.Format, ext)
		}
		return cmdutil.UsageError("-o %s: --format %s writes no workbook; add --format %s, or name the file for its format", o.Path, o.Format, ext)
	}
	if report.Binary(o.Format) {
		// And a workbook goes in a file named for it, not for a text
		// format: a workbook in scores.csv opens as garbage.
		if ext := strings.ToLower(strings.TrimPrefix(filepath.Ext(o.Path), ".")); slices.Contains(textExtensions, ext) {
			return cmdutil.UsageError("-o %s: --format %s writes a workbook; name the file %s", o.Path, o.Format, strings.TrimSuffix(o.Path, filepath.Ext(o.Path))+"."+o.Format)
		}
		if err := o.Dest.CheckBinary(o.Format); err != nil {
			return cmdutil.UsageError("--format %s needs -o: %w", o.Format, err)
		}
	}
	return CheckDest(o.Dest, inputs...)
}

// textExtensions name files that hold text: a binary format is not
// written to one.
var textExtensions = []string{"csv", "tsv", "txt", "text", "json", "jsonl", "ndjson", "md", "markdown", "html", "htm", "ics", "yaml", "yml", "xml"}

// CheckDest checks where -o sends the document (see report.Output.Check).
func CheckDest(out *report.Output, inputs ...string) error {
	if err := out.Check(inputs...); err != nil {
		return cmdutil.UsageError("-o %w", err)
	}
	return nil
}

// Write renders doc in the format --format named, laid out for where it
// goes, in language (nil: the bank's own), and writes it there: the one way
// a command writes its document.
func Write[D any](o *Output[report.Render[D]], doc D, accessible bool, language *report.Language, savedTo string) error {
	ro := o.Dest.Options(accessible)
	ro.Language, ro.SavedTo, ro.Brief = language, savedTo, o.Brief
	render := func(w io.Writer) error { return o.Render(w, doc, ro) }
	if accessible {
		return o.Dest.WriteLinear(render) // a screen reader's report: no pager
	}
	return o.Dest.Write(render)
}

// WriteStdout writes doc to stdout in format of formats, in language: the
// document of a command without --format or -o.
func WriteStdout[D any](s *iostreams.IOStreams, formats report.Registry[report.Render[D]], format string, doc D, language *report.Language) error {
	o := &Output[report.Render[D]]{Formats: formats, Format: format}
	if err := o.Check(s); err != nil {
		return err
	}
	return Write(o, doc, false, language, "")
}

// AddAccessible adds --accessible, described by what it gives.
func AddAccessible(cmd *cobra.Command, p *bool, what string) {
	cmd.Flags().BoolVar(p, "accessible", false, "screen-reader mode: "+what+" (also ACCESSIBLE=1)")
}

// Doc is the flags of a command that shows one kind of document, D:
// --format and -o, --bank, --lang and --translations, and --accessible.
type Doc[D any] struct {
	Out        *Output[report.Render[D]]
	Bank       Bank
	Accessible bool
	// Set and Language are the bank and the document's language, once
	// loaded.
	Set      *questions.Set
	Language *report.Language
}

// AddDoc adds them to cmd: --format with formats (default def), --bank
// described by bank (none when "": the bank is an argument), and
// --accessible giving what it says (none when "").
func AddDoc[D any](cmd *cobra.Command, d *Doc[D], formats report.Registry[report.Render[D]], def, bank, accessible string) {
	d.Out = AddOutput(cmd, formats, def)
	if bank != "" {
		AddBank(cmd, &d.Bank, bank)
	}
	AddLang(cmd, &d.Bank)
	if accessible != "" {
		AddAccessible(cmd, &d.Accessible, accessible)
	}
}

// Load checks --format and -o (which may be neither the bank nor one of
// inputs), then loads the bank and chooses the language (see ShowIn).
func (d *Doc[D]) Load(ctx context.Context, s *iostreams.IOStreams, inputs ...string) (err error) {
	if err := d.Out.Check(s, append(slices.Clone(d.Bank.Banks), inputs...)...); err != nil {
		return err
	}
	d.Set, d.Language, err = ShowIn(ctx, s, d.Bank)
	return err
}

// Write writes doc where the flags say, in their format and language.
func (d *Doc[D]) Write(s *iostreams.IOStreams, doc D) error {
	return Write(d.Out, doc, s.Accessible(d.Accessible), d.Language, "")
}

// Catalogue is --catalogue: a department's own actions
// (digilead.catalogue/v1) in place of the bank's.
type Catalogue struct {
	Path string
	Cat  *questions.Catalogue
}

// AddCatalogue adds --catalogue to cmd.
func AddCatalogue(cmd *cobra.Command, c *Catalogue) {
	cmd.Flags().StringVar(&c.Path, "catalogue", "", "a `FILE` of your own actions (digilead.catalogue/v1): for each dimension it names, its actions replace the bank's")
}

// Load reads the catalogue, if one is given, and checks it with check
// (against the bank in use, or the one a result names); it says on
// stderr which of its actions are in another language than the report's
// (tag).
func (c *Catalogue) Load(ctx context.Context, s *iostreams.IOStreams, tag string, check func(*questions.Catalogue) error) error {
	if c.Path == "" {
		return nil
	}
	cat, err := questions.LoadCatalogueContext(ctx, c.Path)
	if err != nil {
		return fmt.Errorf("--catalogue: %w", err)
	}
	if err := check(cat); err != nil {
		return err
	}
	for _, w := range cat.OtherLanguage(tag) {
		cmdutil.Say(s, "%s (warning)\n", w.String())
	}
	c.Cat = cat
	return nil
}

// Apply gives r with the catalogue's actions (assessment.WithCatalogue),
// the catalogue checked against the bank r names; r as it is without
// --catalogue.
func (c *Catalogue) Apply(ctx context.Context, s *iostreams.IOStreams, tag string, r *assessment.Result) (*assessment.Result, error) {
	if err := c.Load(ctx, s, tag, func(cat *questions.Catalogue) error {
		return assessment.CheckCatalogue(r, cat)
	}); err != nil || c.Cat == nil {
		return r, err
	}
	return assessment.WithCatalogue(r, c.Cat), nil
}

// Bank is --bank, which may be given more than once (one bank, a file or
// a directory, and translation files), and, for the commands that show
// bank or report text, --lang and --translations.
type Bank struct {
	Banks        []string
	Lang         string
	Translations []string
}

// AddBank adds --bank to cmd.
func AddBank(cmd *cobra.Command, b *Bank, usage string) {
	cmd.Flags().Var(cmdutil.Strings{P: &b.Banks}, "bank", usage+"; repeat it to add translation files")
}

// AddLang adds --lang and --translations to cmd.
func AddLang(cmd *cobra.Command, b *Bank) {
	fl := cmd.Flags()
	cmdutil.StringVar(fl, &b.Lang, "lang", "", "language of the questions and the report, a tag such as cy or fr (default: DIGILEAD_LANG, LC_ALL, LC_MESSAGES, LANG, else the bank's)", func(tag string) error {
		// A POSIX locale naming one (fr_CA.UTF-8, as in LANG) is taken
		// too; a well-formed tag of a language digilead does not know
		// (xx) is taken, and the bank's own language shown with a note.
		if n := lang.Normalize(tag); tag != "" && (n == "" || !lang.IsTag(n)) {
			return fmt.Errorf("%s", lang.CheckTag(tag))
		}
		return nil
	})
	AddTranslations(cmd, &b.Translations, "")
}

// AddTranslations adds --translations to cmd.
func AddTranslations(cmd *cobra.Command, p *[]string, more string) {
	cmd.Flags().Var(cmdutil.Strings{P: p}, "translations", "a `DIR`ectory of translation files of the bank (repeatable)"+more)
}

// LoadSet is the one bank loader: the --bank bank and translation files
// and the --translations directories, the built-in bank when no bank is
// given (--bank "" too). A path that does not exist is a usage error.
// When ctx is done (a signal), loading stops with its error, even while
// opening or reading a FIFO.
func LoadSet(ctx context.Context, b Bank) (*questions.Set, error) {
	paths := slices.DeleteFunc(slices.Clone(b.Banks), func(p string) bool { return p == "" })
	if err := CheckPaths(paths, b.Translations); err != nil {
		return nil, err
	}
	return questions.LoadSetContext(ctx, paths, b.Translations)
}

// NoteUnread says which subdirectories of a --bank directory are not read
// (see questions.Unread), so that questions there do not vanish silently;
// a directory also given with --translations is read.
func NoteUnread(s *iostreams.IOStreams, b Bank) {
	for _, p := range b.Banks {
		for _, dir := range questions.Unread(p) {
			if !slices.ContainsFunc(b.Translations, func(t string) bool { return filepath.Clean(t) == dir }) {
				cmdutil.Note(s, questions.UnreadNote(dir))
			}
		}
	}
}

// CheckPaths refuses --bank paths and --translations directories that do
// not exist, as usage errors.
func CheckPaths(paths, dirs []string) error {
	for _, p := range paths {
		if _, err := os.Stat(p); errors.Is(err, os.ErrNotExist) {
			return cmdutil.UsageError("--bank: bank %s: no such file or directory", p)
		}
	}
	for _, d := range dirs {
		if fi, err := os.Stat(d); errors.Is(err, os.ErrNotExist) {
			return cmdutil.UsageError("--translations: %s: no such file or directory", d)
		} else if err == nil && !fi.IsDir() {
			return cmdutil.UsageError("--translations: %s: not a directory; give a directory of translation files, or give a translation file with --bank", d)
		}
	}
	return nil
}

// ShowIn loads the set and chooses the language of what the command
// shows: the one requested (--lang, else the environment, see
// lang.Requested), else the bank's own (see report.ShowIn).
func ShowIn(ctx context.Context, s *iostreams.IOStreams, b Bank) (*questions.Set, *report.Language, error) {
	set, err := LoadSet(ctx, b)
	if err != nil {
		return nil, nil, err
	}
	NoteUnread(s, b)
	language, note := report.ShowIn(set, lang.Requested(b.Lang, s.Getenv))
	cmdutil.Note(s, note)
	return set, language, nil
}

// AddMinGroup adds --min-group: def, and at least min.
func AddMinGroup(cmd *cobra.Command, p *int, def, min int, usage string) {
	cmdutil.IntVar(cmd.Flags(), p, "min-group", def, min, math.MaxInt, usage, "must be %[2]d or more, got %[1]d (default %[4]d)")
}

// AddTheme adds --theme, the look of the form (what).
func AddTheme(cmd *cobra.Command, p *string, what string) {
	cmdutil.StringVar(cmd.Flags(), p, "theme", "charm", what+" theme: "+strings.Join(form.Themes(), ", "), form.CheckTheme)
}

// CheckTarget refuses a --target that is not a tier of the bank.
func CheckTarget(b *questions.Bank, target string) error {
	if _, ok := b.Tier(target); target != "" && !ok {
		return cmdutil.UsageError("--target: unknown tier %q%s; the bank's tiers are %s", target, errtext.Suggest(target, b.TierIDs()), strings.Join(b.TierIDs(), ", "))
	}
	return nil
}

// ResumeCommand is cmd, the command line that resumes a questionnaire,
// with the banks in use and --accessible if the questionnaire was.
func ResumeCommand(cmd string, banks []string, accessible bool) string {
	for _, bank := range banks {
		cmd += " --bank " + bank
	}
	if accessible {
		cmd += " --accessible"
	}
	return cmd
}
