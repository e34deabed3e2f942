package bankcmd

import (
	"io"
	"math"

	"github.com/spf13/cobra"

	"github.com/digilead/digilead/cmd/internal/cmdutil"
	"github.com/digilead/digilead/cmd/internal/docflags"
	"github.com/digilead/digilead/questions"
	"github.com/digilead/digilead/questions/lang"
	"github.com/digilead/digilead/report"
)

// bankTranslateOptions are the flags and arguments of `digilead bank
// translate`.
type bankTranslateOptions struct {
	*cmdutil.Factory
	tag         string
	paths, dirs []string
	path        string
}

func newBankTranslateCmd(f *cmdutil.Factory, runF func(*bankTranslateOptions) error) *cobra.Command {
	opts := &bankTranslateOptions{Factory: f}
	cmd := &cobra.Command{
		Use:   "translate LANG [PATH...]",
		Short: "Write a ready-to-fill translation of a bank into LANG, or bring one up to date",
		Long: `Translate writes a translation file (digilead.translation/v1) of the bank
into LANG, a BCP 47 tag such as de or fr-CA: every text of the bank in bank
order, each with the bank's text above it as a comment and "" to fill in.

PATH is as for --bank: a bank file or directory (default: the built-in
bank) and translation files. When a translation into LANG is among them
(or in a bank directory, or in --translations), it is brought up to date:
what it translates is kept, what the bank has added is added, and an entry
whose text in the bank changed since it was translated keeps its
translation but is marked for review (listed under review:). The file
records a fingerprint of each text it translates (sources:) to notice such
changes.

Use -o to update a translation in place: the file is replaced only once
the new one is complete (a shell redirection to the same file would empty
it before it is read). See docs/languages.md.`,
		Example: `  digilead bank translate de my-bank.yaml > my-bank.de.yaml
  digilead bank translate de my-bank.yaml my-bank.de.yaml -o my-bank.de.yaml
  digilead bank translate cy -o cy.yaml            # the built-in bank, from its own Welsh`,
		Args: cmdutil.ArgsBetween(1, math.MaxInt, "the language to translate into, such as de or fr-CA"),
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := cmdutil.Check(cmd); err != nil {
				return err
			}
			opts.tag, opts.paths = args[0], args[1:]
			return cmdutil.RunOr(opts, runF, bankTranslateRun)
		},
	}
	cmdutil.OutputVar(cmd.Flags(), &opts.path, "write to `FILE` instead of stdout (it may be the translation being updated)")
	docflags.AddTranslations(cmd, &opts.dirs, "")
	return cmd
}

func bankTranslateRun(opts *bankTranslateOptions) error {
	tag := opts.tag
	if msg := lang.CheckTag(tag); msg != "" {
		return cmdutil.UsageError("%s", msg)
	}
	dest := report.NewOutput(opts.IO, opts.path)
	if err := docflags.CheckDest(dest); err != nil {
		return err
	}
	if err := docflags.CheckPaths(opts.paths, opts.dirs); err != nil {
		return err
	}
	b, old, err := questions.LoadToTranslate(opts.Ctx, opts.paths, opts.dirs, tag)
	if err != nil {
		return err
	}
	docflags.NoteUnread(opts.IO, docflags.Bank{Banks: opts.paths, Translations: opts.dirs})
	if tag == questions.BankLanguage(b) {
		return cmdutil.UsageError("the bank is already in %s; give the language to translate it into", tag)
	}
	var sum questions.TranslationSummary
	if err := dest.Write(func(w io.Writer) (err error) {
		sum, err = questions.WriteTranslation(w, b, tag, lang.Name(tag), old)
		return err
	}); err != nil {
		return err
	}
	opts.Say("digilead: %s translation of %s: %d texts, %d translated, %d of them marked for review, %d to translate\n",
		tag, b.ID, sum.Texts, sum.Translated, sum.Review, sum.Texts-sum.Translated)
	return nil
}
