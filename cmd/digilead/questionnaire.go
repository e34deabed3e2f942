package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/signal"
	"path/filepath"
	"syscall"

	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"

	"github.com/digilead/digilead/assessment"
	"github.com/digilead/digilead/assessment/store"
	"github.com/digilead/digilead/questions"
	"github.com/digilead/digilead/questions/form"
)

// runQuestionnaire asks the bank's questions in the terminal. The form
// draws on stderr and reads the terminal, so stdout carries only the
// result. A draft is saved after every page; Ctrl-C keeps it.
func runQuestionnaire(a *app, b *questions.Bank, o *assessOptions) (*questions.Answers, error) {
	if !a.io.InTTY || !a.io.ErrTTY {
		return nil, usageError("there is no terminal to ask the questions on; pass --answers FILE (or --answers - to read stdin)\nRun 'digilead assess --help' for the answers format.")
	}
	if err := form.CheckTheme(o.theme); err != nil {
		return nil, usageError("--theme: %v", err)
	}
	if err := checkOutputDir(o.output); err != nil {
		return nil, err
	}
	if a.io.Getenv("TERM") == "dumb" {
		o.accessible = true
	}
	st, err := store.Open(a.io.Getenv)
	if err != nil {
		return nil, err
	}
	fopts := form.Options{
		In: a.io.In, Out: a.io.ErrOut, Renderer: a.formRenderer(),
		Theme: o.theme, Accessible: o.accessible, DraftPath: st.DraftPath(b.ID),
	}
	if o.resume {
		if err := resumeDraft(a, st, b, o, &fopts); err != nil {
			return nil, err
		}
	} else {
		warnOfDraft(a, st, b, o)
	}
	saved := false
	fopts.OnPage = func(p form.Progress) error {
		d := &store.Draft{
			Bank:       assessment.BankRef{ID: b.ID, Title: b.Title, Version: b.Version, Digest: b.Digest},
			Respondent: p.Answers.Respondent, Target: o.target, Page: p.Next,
			Answers: p.Answers.Values, UpdatedAt: a.now().UTC(),
		}
		if _, err := st.SaveDraft(d); err != nil {
			return fmt.Errorf("could not keep your progress: %w\nSet XDG_DATA_HOME to a writable directory, or use --answers FILE", err)
		}
		saved = true
		return nil
	}

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM, syscall.SIGHUP)
	defer stop()
	answers, err := form.Run(ctx, b, fopts)
	if errors.Is(err, form.ErrInterrupted) {
		fmt.Fprintln(a.io.ErrOut) // end the line the ^C was echoed on
		return nil, stopped(st, b, o, saved || o.resume)
	}
	if err != nil {
		return nil, err
	}
	a.drafts = st
	return answers, nil
}

// removeDraft removes the draft of a finished questionnaire, if any.
func (a *app) removeDraft(b *questions.Bank) {
	if a.drafts == nil {
		return
	}
	if err := a.drafts.RemoveDraft(b.ID); err != nil {
		fmt.Fprintf(a.io.ErrOut, "digilead: could not remove the finished draft %s: %v\n", a.drafts.DraftPath(b.ID), cleanErr(err))
	}
}

// draftNote says, when the draft of a finished questionnaire is still
// there, that the answers are kept in it.
func (a *app) draftNote(b *questions.Bank) string {
	if a.drafts == nil {
		return ""
	}
	path := a.drafts.DraftPath(b.ID)
	if _, err := os.Stat(path); err != nil {
		return ""
	}
	return " Your answers are kept in " + path + "."
}

// formRenderer is the lipgloss renderer of the form: made for the terminal
// on stderr, so redirecting stdout neither strips the form's colours nor
// puts escape codes into the result. The background is resolved now,
// before the form owns the terminal's input.
func (a *app) formRenderer() *lipgloss.Renderer {
	r := lipgloss.NewRenderer(a.io.ErrOut)
	if a.io.NoColor {
		r.SetColorProfile(termenv.Ascii)
	}
	r.HasDarkBackground()
	return r
}

// checkOutputDir refuses an -o whose directory does not exist before any
// question is asked, rather than after the last.
func checkOutputDir(path string) error {
	if path == "" || path == "-" {
		return nil
	}
	dir := filepath.Dir(path)
	if fi, err := os.Stat(dir); err != nil || !fi.IsDir() {
		return usageError("-o %s: the directory %s does not exist; create it first", path, dir)
	}
	return nil
}

// resumeDraft loads the bank's draft into the form options: its answers,
// the first unanswered page, and its target unless --target is given.
func resumeDraft(a *app, st *store.Store, b *questions.Bank, o *assessOptions, fopts *form.Options) error {
	d, err := st.LoadDraft(b.ID)
	if errors.Is(err, store.ErrNoDraft) {
		return usageError("there is no unfinished assessment of bank %q to resume (looked for %s)\nRun 'digilead' to start one.", b.ID, st.DraftPath(b.ID))
	}
	if err != nil {
		return err
	}
	answers, dropped := draftAnswers(b, d)
	fopts.Answers = answers
	fopts.Start = form.FirstUnanswered(b, answers)
	if _, ok := b.Tier(d.Target); ok && o.target == "" {
		o.target = d.Target
	}
	fmt.Fprintf(a.io.ErrOut, "Resuming the assessment you left on %s: %d of %d questions answered, continuing at page %d of %d.\n",
		d.UpdatedAt.Local().Format("2 Jan 2006 15:04"), len(answers.Values), len(b.Questions), fopts.Start, form.Pages(b))
	if dropped > 0 {
		fmt.Fprintf(a.io.ErrOut, "%d earlier answer(s) no longer fit the bank (it has changed) and will be asked again.\n", dropped)
	}
	return nil
}

// draftAnswers checks a draft's answers against the bank, keeping those
// that still fit and counting the others.
func draftAnswers(b *questions.Bank, d *store.Draft) (*questions.Answers, int) {
	a := &questions.Answers{Bank: b.ID, Respondent: d.Respondent, Values: map[string]questions.Value{}}
	if _, ok := b.Tier(a.Respondent.Role); !ok {
		a.Respondent.Role = ""
	}
	dropped := 0
	for id, v := range d.Answers {
		pv, err := b.ParseValue(id, v.Raw())
		if err != nil || pv.Kind == questions.Unanswered {
			dropped++
			continue
		}
		a.Values[id] = pv
	}
	return a, dropped
}

// warnOfDraft says, before a new questionnaire starts, that it will
// replace an unfinished one.
func warnOfDraft(a *app, st *store.Store, b *questions.Bank, o *assessOptions) {
	d, err := st.LoadDraft(b.ID)
	if err != nil {
		return
	}
	fmt.Fprintf(a.io.ErrOut, "You have an unfinished assessment from %s (%d answers); this new one replaces it.\nTo continue the old one instead, press Ctrl-C and run: %s\n\n",
		d.UpdatedAt.Local().Format("2 Jan 2006 15:04"), len(d.Answers), resumeCommand(o))
}

// stopped is the error of an interrupted questionnaire: exit 130, saying
// where the answers are and how to go on.
func stopped(st *store.Store, b *questions.Bank, o *assessOptions, saved bool) error {
	if !saved {
		return &exitError{code: exitInterrupted, err: errors.New("stopped before the first page was done; nothing was saved")}
	}
	return &exitError{code: exitInterrupted, err: fmt.Errorf("stopped. Your answers so far are saved in %s\nTo continue where you left off, run: %s", st.DraftPath(b.ID), resumeCommand(o))}
}

// resumeCommand is the command line that resumes this questionnaire.
func resumeCommand(o *assessOptions) string {
	cmd := "digilead assess --resume"
	if o.bank != "" {
		cmd += " --bank " + o.bank
	}
	if o.accessible {
		cmd += " --accessible"
	}
	return cmd
}
