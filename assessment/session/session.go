// Package session runs one person's assessment from the first question to
// the report: the questionnaire with a draft kept after every answer, an
// unfinished one offered to be continued, resuming, scoring, saving the
// result and handing it over to be shown.
// The local command and a server holding many sessions call the same Run.
package session

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/charmbracelet/lipgloss"

	"github.com/digilead/digilead/assessment"
	"github.com/digilead/digilead/assessment/store"
	"github.com/digilead/digilead/questions"
	"github.com/digilead/digilead/questions/errtext"
	"github.com/digilead/digilead/questions/form"
	"github.com/digilead/digilead/questions/lang"
	"github.com/digilead/digilead/questions/safetext"
)

// ErrInterrupted is wrapped by the error of a questionnaire the person
// stopped (Ctrl-C, a closed terminal, end of input, a signal): exit 130.
var ErrInterrupted = form.ErrInterrupted

// Store keeps a session's draft and result. *store.Store is one.
type Store interface {
	LockDraft(bankID string) (unlock func(), err error)
	LoadDraft(bankID string) (*store.Draft, error)
	SaveDraft(d *store.Draft) (string, error)
	RemoveDraft(bankID string) error
	DraftPath(bankID string) string
	SaveResult(r *assessment.Result) (string, error)
}

// Terminal is where the questionnaire is asked: the keys it reads, where
// it draws and writes its messages, and what is known about them.
type Terminal struct {
	In  io.Reader
	Out io.Writer
	// IsTerminal is true when In and Out are an interactive terminal.
	IsTerminal bool
	// Renderer draws the form's styles for Out; nil is plain.
	Renderer *lipgloss.Renderer
	// Term is the terminal type ($TERM); "dumb" asks line by line.
	Term string
	// Size, when set, brings the size of a terminal the program cannot
	// ask (an SSH session), then its changes.
	Size <-chan form.Window
	// Shared means the process serves many terminals (a server): the
	// questionnaire leaves the process's signals alone.
	Shared bool
}

// Options configure a session.
type Options struct {
	Bank *questions.Bank
	// Target is the tier to measure gaps against; empty means the
	// respondent's role or the tier above their level (or, resuming, the
	// draft's target).
	Target string
	// Theme is the form's theme name (form.Themes); Accessible asks line
	// by line.
	Theme      string
	Accessible bool
	// Resume continues the bank's draft at its first unanswered page.
	Resume bool
	// NoSave keeps no copy of the result; the draft still goes only once
	// the result has been delivered.
	NoSave bool
	// ResumeCommand is what the person runs to continue, for messages.
	ResumeCommand func(accessible bool) string
	// Notice, when set, is what the welcome page says about where the
	// answers are kept and how to continue later, in the page's language
	// (form.Options.Notice).
	Notice func(l *lang.Lang) string
	// Footer, when set, is shown on every page (form.Options.Footer).
	Footer func(l *lang.Lang) string
	Now    func() time.Time
	Tool   assessment.Tool
	// Draft is the name the draft is kept under; "" is the bank's id. A
	// questionnaire about someone else keeps its draft apart from the
	// person's own assessment of the bank.
	Draft string
	// About, when set, asks the questionnaire about another person
	// (form.Options.About).
	About func(l *lang.Lang) string
	// Finish, when set, takes the finished answers and the language they
	// were asked in instead of scoring, saving and delivering a result
	// (an observer's feedback is no assessment); the draft goes once it
	// returns nil.
	Finish func(a *questions.Answers, language string) error
	// Languages are the languages the questionnaire can be asked in, the
	// first to start with (see form.Options); none means the bank's own.
	// The messages of the session are in the language being asked in.
	Languages []form.Language
}

// draft is the name of the session's draft.
func (o *Options) draft() string {
	if o.Draft != "" {
		return o.Draft
	}
	return o.Bank.ID
}

// words is the language of the session's messages.
func (o *Options) words() *lang.Lang {
	if len(o.Languages) == 0 {
		return lang.Get(questions.BankLanguage(o.Bank))
	}
	return o.Languages[0].Lang
}

// first puts language tag first among the languages, when it is one.
func (o *Options) first(tag string) {
	for i, lg := range o.Languages {
		if lg.Tag == tag {
			o.Languages = append([]form.Language{lg}, append(o.Languages[:i:i], o.Languages[i+1:]...)...)
			return
		}
	}
}

// Deliver shows or writes the finished result; savedTo is where the
// result was saved ("" when it was not).
type Deliver func(r *assessment.Result, savedTo string) error

// Run asks the bank's questions on t, keeping a draft in st after every
// answer, then scores the answers, saves the result in st (unless NoSave)
// and delivers it. The draft is removed only once the result is safely
// somewhere: saved, or (with NoSave) delivered. A result that cannot be
// saved is still delivered, and the error, returned after, keeps the
// draft and says so.
func Run(ctx context.Context, t Terminal, o Options, st Store, deliver Deliver) error {
	b := o.Bank
	if !t.IsTerminal {
		return ErrNoTerminal
	}
	if t.Term == "dumb" {
		o.Accessible = true
	}
	key := o.draft()
	unlock, err := st.LockDraft(key)
	if errors.Is(err, store.ErrDraftInUse) {
		return fmt.Errorf("another questionnaire of bank %q is still open (its draft is %s)\nFinish or stop that one first, then run this again.", b.ID, st.DraftPath(key))
	}
	if err != nil {
		return progressErr(err)
	}
	defer unlock()
	fopts := form.Options{
		In: t.In, Out: t.Out, Renderer: t.Renderer,
		Theme: o.Theme, Accessible: o.Accessible, DraftPath: st.DraftPath(key),
		Notice: o.Notice, About: o.About, Footer: o.Footer, Size: t.Size, Shared: t.Shared,
	}
	if o.Resume {
		if err := resume(t.Out, st, &o, &fopts); err != nil {
			return err
		}
	} else if err := offer(st, &o, &fopts); err != nil {
		return err
	}
	fopts.Languages = o.Languages
	asked := questions.BankLanguage(b) // the language being asked in
	if len(o.Languages) > 0 {
		asked = o.Languages[0].Tag
	}
	fopts.OnChange = func(p form.Progress) error {
		d := &store.Draft{
			Bank:       assessment.NewBankRef(b),
			Respondent: p.Answers.Respondent, Target: o.Target, Page: p.Page,
			Answers: p.Answers.Values, UpdatedAt: o.Now().UTC(), Language: p.Language,
			Key: o.Draft,
		}
		asked = p.Language
		o.first(asked)
		if _, err := st.SaveDraft(d); err != nil {
			return progressErr(err)
		}
		return nil
	}
	answers, err := form.Run(ctx, b, fopts)
	if in := (form.Interrupted{}); errors.As(err, &in) {
		o.first(in.Language) // the language it stopped in
	}
	if errors.Is(err, form.ErrInterrupted) {
		fmt.Fprintln(t.Out) // end the line the ^C was echoed on
		return stopped(st, o, draftNote(st, key) != "")
	}
	if err != nil {
		return err
	}
	if o.Finish != nil {
		if err := o.Finish(answers, asked); err != nil {
			return fmt.Errorf("%w%s", err, draftNote(st, key))
		}
		removeDraft(t.Out, st, key)
		return nil
	}

	result := assessment.Score(b, answers, assessment.Options{Target: o.Target, Now: o.Now(), Tool: o.Tool})
	result.Language = asked
	savedTo, saveErr, cause := "", error(nil), error(nil)
	if !o.NoSave {
		if savedTo, cause = st.SaveResult(result); cause != nil {
			saveErr = fmt.Errorf("could not save the result: %w\nThe result was still written to the output.%s Set XDG_DATA_HOME to a writable directory to keep your results.", cause, draftNote(st, key))
		} else {
			removeDraft(t.Out, st, key) // the answers now live in the saved result
		}
	}
	if err := deliver(result, savedTo); err != nil {
		switch {
		case savedTo != "":
			return fmt.Errorf("%w\nThe result was saved in %s: write it again with 'digilead report --last -o FILE'.", err, savedTo)
		case cause != nil:
			return fmt.Errorf("%w\nThe result could not be saved either: %v.%s", err, cause, draftNote(st, key))
		}
		return fmt.Errorf("%w%s", err, draftNote(st, key))
	}
	if o.NoSave {
		removeDraft(t.Out, st, key) // delivered, and no copy was asked for
	}
	return saveErr
}

// ErrNoTerminal is the error of a questionnaire with no terminal to ask
// on; the command says how to give the answers instead.
var ErrNoTerminal = errtext.Invalidf("there is no terminal to ask the questions on")

// ProgressError is the error of a draft that cannot be kept: before the
// first question (no place for it) or after a page. Its message ends on
// what to do; a command may add its own way out.
type ProgressError struct{ Err error }

func (e *ProgressError) Error() string {
	return "could not keep your progress: " + e.Err.Error() + "\nSet XDG_DATA_HOME to a writable directory"
}
func (e *ProgressError) Unwrap() error { return e.Err }

func progressErr(err error) error { return &ProgressError{Err: err} }

// removeDraft removes the draft of a finished questionnaire, if any.
func removeDraft(w io.Writer, st Store, key string) {
	if err := st.RemoveDraft(key); err != nil {
		say(w, "digilead: could not remove the finished draft %s: %v\n", st.DraftPath(key), errtext.WithoutPath(err))
	}
}

// draftNote says, when the draft of a finished questionnaire is still
// there, that the answers are kept in it.
func draftNote(st Store, key string) string {
	path := st.DraftPath(key)
	if _, err := os.Stat(path); err != nil {
		return ""
	}
	return " Your answers are kept in " + path + "."
}

// resume loads the bank's draft into the form options: its answers, the
// first unanswered page, its target unless one is given, and its
// language when there is a choice.
func resume(w io.Writer, st Store, o *Options, fopts *form.Options) error {
	b := o.Bank
	d, err := st.LoadDraft(o.draft())
	if errors.Is(err, store.ErrNoDraft) {
		return errtext.Invalidf("there is no unfinished assessment of bank %q to resume (looked for %s)\nRun 'digilead' to start one.", b.ID, st.DraftPath(o.draft()))
	}
	if err != nil {
		return err
	}
	answers, dropped := draftAnswers(b, d)
	fopts.Answers = answers
	fopts.Start = form.FirstUnanswered(b, answers)
	if _, ok := b.Tier(d.Target); ok && o.Target == "" {
		o.Target = d.Target
	}
	o.first(d.Language)
	l := o.words()
	say(w, "%s\n", l.N("session.resuming", len(b.Questions), "Date", l.Time(d.UpdatedAt.Local()), "Answered", len(answers.Values), "Page", fopts.Start, "Pages", form.Pages(b)))
	if dropped > 0 {
		say(w, "%s\n", l.N("session.dropped", dropped))
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

// offer puts the bank's unfinished draft, if there is one, on the
// questionnaire's first screen: continuing it (its answers that still
// fit, its target unless one is given, its language) or starting again,
// which removes it. A draft that cannot be read is never replaced: the
// error says what to do.
func offer(st Store, o *Options, fopts *form.Options) error {
	b := o.Bank
	d, err := st.LoadDraft(o.draft())
	if errors.Is(err, store.ErrNoDraft) {
		return nil
	}
	if err != nil {
		return err
	}
	answers, dropped := draftAnswers(b, d)
	fopts.Draft = &form.Draft{Answers: answers, Dropped: dropped, Saved: d.UpdatedAt, Language: d.Language}
	fopts.OnDraft = func(keep bool) error {
		if !keep {
			if err := st.RemoveDraft(o.draft()); err != nil {
				return fmt.Errorf("could not remove the unfinished assessment %s: %w\nRemove it yourself, or continue it with: %s", st.DraftPath(o.draft()), errtext.WithoutPath(err), o.ResumeCommand(o.Accessible))
			}
			return nil
		}
		if _, ok := b.Tier(d.Target); ok && o.Target == "" {
			o.Target = d.Target
		}
		return nil
	}
	return nil
}

// interrupted is the error of a stopped questionnaire: its message says
// where the answers are and how to go on.
type interrupted struct{ msg string }

func (e *interrupted) Error() string        { return e.msg }
func (e *interrupted) Is(target error) bool { return target == ErrInterrupted }

// stopped is the error of an interrupted questionnaire, in the language
// it was asked in.
func stopped(st Store, o Options, saved bool) error {
	l := o.words()
	if !saved {
		return &interrupted{l.T("session.stopped_early")}
	}
	return &interrupted{l.T("session.stopped", "Path", st.DraftPath(o.draft()), "Command", o.ResumeCommand(o.Accessible))}
}

// say writes a message to the person; paths and dates in it from outside
// show control characters as escapes.
func say(w io.Writer, format string, args ...any) {
	io.WriteString(w, safetext.Terminal(fmt.Sprintf(format, args...)))
}
