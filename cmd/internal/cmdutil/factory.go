package cmdutil

import (
	"context"
	"fmt"
	"io"
	"time"

	"github.com/digilead/digilead/assessment"
	"github.com/digilead/digilead/assessment/inputs"
	"github.com/digilead/digilead/assessment/session"
	"github.com/digilead/digilead/questions/ctxwait"
	"github.com/digilead/digilead/questions/safetext"
	"github.com/digilead/digilead/report/iostreams"
)

// Factory is what every command is made with (gh's cmdutil.Factory): the
// streams, the clock and the command's context.
type Factory struct {
	IO  *iostreams.IOStreams
	Now func() time.Time
	// Ctx is the command's context: cancelled by a signal.
	Ctx context.Context
	// Version is the program's version, as `digilead version` prints it.
	Version string
	// RestoreGC undoes the collector's tuning (TuneGC), for runs in the
	// test process.
	RestoreGC func()
	// in is stdin for documents (Stdin).
	in io.Reader
}

// NewFactory is the factory for one run on s: its clock fixed by
// SOURCE_DATE_EPOCH for reproducible output.
func NewFactory(ctx context.Context, s *iostreams.IOStreams, version string) *Factory {
	return &Factory{IO: s, Now: Clock(s.Getenv), Ctx: ctx, Version: version, RestoreGC: func() {}}
}

// WithContext is a copy of f on ctx, with a stdin of its own: for work
// that must outlive f's context (the workshop's summary, read after the
// signal that stopped the server).
func (f *Factory) WithContext(ctx context.Context) *Factory {
	g := *f
	g.Ctx, g.in = ctx, nil
	return &g
}

// Stdin is what commands read documents from on stdin ("-", or no
// path): IO.In, but a read blocked waiting on a terminal or a slow pipe
// ends with Ctx's error as soon as a signal stops the command
// (iostreams.Interruptible), so it stops at once, exit 130. Made once:
// at most one read of stdin is ever under way. The questionnaire, plan's
// form and the workshop dashboard read IO.In itself: they need the
// terminal's file for raw mode, and cancel their own reads.
func (f *Factory) Stdin() io.Reader {
	if f.in == nil {
		f.in = iostreams.Interruptible(f.Ctx, f.IO.In)
	}
	return f.in
}

// Tool is the program that made a result, as results record it.
func (f *Factory) Tool() assessment.Tool {
	return assessment.Tool{Name: "digilead", Version: f.Version}
}

// Say writes a message on stderr. Everything in it that came from
// outside (file names, paths, ids, bank text) shows control characters as
// visible escapes (safetext.Terminal): a message cannot act on the
// terminal.
func (f *Factory) Say(format string, args ...any) { Say(f.IO, format, args...) }

// Note tells each note on stderr, after "digilead: " (none for "").
func (f *Factory) Note(notes ...string) { Note(f.IO, notes...) }

// Say writes a message on s's stderr, as Factory.Say.
func Say(s *iostreams.IOStreams, format string, args ...any) {
	io.WriteString(s.ErrOut, safetext.Terminal(fmt.Sprintf(format, args...)))
}

// Note tells each note on s's stderr, as Factory.Note.
func Note(s *iostreams.IOStreams, notes ...string) {
	for _, n := range notes {
		if n != "" {
			Say(s, "%s\n", "digilead: "+n)
		}
	}
}

// OpenInputs opens the input paths of score, cohort, bank stats and bank
// calibrate, stdin for none unless stdinTTY, and says which files are
// skipped or read once (see OpenSet).
func (f *Factory) OpenInputs(paths []string, stdinTTY bool, what string) (*inputs.Set, error) {
	return f.OpenSet(func(stdin io.Reader) (*inputs.Set, error) { return inputs.Open(paths, stdin, stdinTTY, what) })
}

// OpenSet opens a set of inputs with open (inputs.Open or OpenGathering,
// given Stdin) and says its notes (Noted). A signal stops it at once, exit
// 130, as it does a read of stdin: the opening runs in a goroutine left
// behind when Ctx is done (opening a FIFO waits for a writer, and no
// signal wakes it), and the inputs that are not regular files (FIFOs,
// <(…)) are read through iostreams.Interruptible.
func (f *Factory) OpenSet(open func(stdin io.Reader) (*inputs.Set, error)) (*inputs.Set, error) {
	stdin := f.Stdin()
	set, err := ctxwait.Wait(f.Ctx, func() (*inputs.Set, error) { return open(stdin) })
	if err == nil {
		for i, in := range set.Inputs {
			if in.R != stdin {
				set.Inputs[i].R = iostreams.Interruptible(f.Ctx, in.R)
			}
		}
	}
	return f.Noted(set, err)
}

// Noted tells the notes of a set of inputs just opened.
func (f *Factory) Noted(set *inputs.Set, err error) (*inputs.Set, error) {
	if err != nil {
		return nil, err
	}
	f.Note(set.Notes()...)
	return set, nil
}

// Terminal is the questionnaire's terminal: stdin, and stderr to draw on.
func (f *Factory) Terminal() session.Terminal {
	return session.Terminal{
		In: f.IO.In, Out: f.IO.ErrOut, IsTerminal: f.IO.InTTY && f.IO.ErrTTY,
		Renderer: f.IO.ErrRenderer(), Term: f.IO.Getenv("TERM"),
	}
}
