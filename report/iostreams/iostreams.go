// Package iostreams describes the program's standard streams: whether each
// is a terminal, how wide, whether colour is allowed. Like gh's, it
// depends on no package of the program's own.
package iostreams

import (
	"bytes"
	"io"
	"os"
	"strconv"
	"strings"

	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/term"
	"github.com/muesli/termenv"
)

// IOStreams are the program's standard streams, with what it knows about
// them. Everything reads and writes through them, never os.Stdout, so
// tests can build one with buffers and force the terminal answers.
type IOStreams struct {
	In     io.Reader
	Out    io.Writer
	ErrOut io.Writer

	InTTY, OutTTY, ErrTTY bool
	// Width is the terminal width of stdout (or stderr), 0 when unknown;
	// Height is its height in lines, 0 when unknown.
	Width, Height int
	// NoColor is set by NO_COLOR or --no-color; NoPager by --no-pager.
	NoColor, NoPager bool
	// Getenv reads the environment; LookupEnv, when set, also tells a
	// variable set empty from one not set.
	Getenv    func(string) string
	LookupEnv func(string) (string, bool)
}

// System describes the real process streams.
func System() *IOStreams {
	s := &IOStreams{
		In: os.Stdin, Out: os.Stdout, ErrOut: os.Stderr,
		InTTY:  term.IsTerminal(os.Stdin.Fd()),
		OutTTY: term.IsTerminal(os.Stdout.Fd()),
		ErrTTY: term.IsTerminal(os.Stderr.Fd()),
		Getenv: os.Getenv, LookupEnv: os.LookupEnv,
	}
	for _, f := range []*os.File{os.Stdout, os.Stderr, os.Stdin} {
		if w, h, err := term.GetSize(f.Fd()); err == nil && w > 0 {
			s.Width, s.Height = w, h
			break
		}
	}
	s.fromEnv(os.LookupEnv)
	return s
}

// Test returns streams that are not terminals: stdin reads in, stdout and
// stderr are the buffers returned, and env is the whole environment.
// Callers set the terminal fields they need.
func Test(in string, env map[string]string) (s *IOStreams, out, errOut *bytes.Buffer) {
	out, errOut = &bytes.Buffer{}, &bytes.Buffer{}
	s = &IOStreams{
		In: strings.NewReader(in), Out: out, ErrOut: errOut,
		Getenv:    func(k string) string { return env[k] },
		LookupEnv: func(k string) (string, bool) { v, ok := env[k]; return v, ok },
	}
	s.fromEnv(func(k string) (string, bool) { v, ok := env[k]; return v, ok })
	return s, out, errOut
}

// fromEnv applies COLUMNS and LINES (when the size is unknown) and
// NO_COLOR.
func (s *IOStreams) fromEnv(lookup func(string) (string, bool)) {
	if v, _ := lookup("COLUMNS"); s.Width == 0 {
		if c, err := strconv.Atoi(v); err == nil && c > 0 {
			s.Width = c
		}
	}
	if v, _ := lookup("LINES"); s.Height == 0 {
		if c, err := strconv.Atoi(v); err == nil && c > 0 {
			s.Height = c
		}
	}
	if _, ok := lookup("NO_COLOR"); ok {
		s.NoColor = true
	}
}

// Accessible reports whether the screen-reader mode is asked for: the
// --accessible flag, or ACCESSIBLE set to anything but "", "0" or "false".
func (s *IOStreams) Accessible(flag bool) bool {
	v := s.Getenv("ACCESSIBLE")
	return flag || (v != "" && v != "0" && v != "false")
}

// OutRenderer returns the lipgloss renderer for the result on stdout:
// colour only when stdout is a terminal and colour is allowed.
func (s *IOStreams) OutRenderer() *lipgloss.Renderer {
	return renderer(s.Out, !s.OutTTY || s.NoColor, s.OutTTY)
}

// ErrRenderer returns the lipgloss renderer for what is drawn on stderr
// (the questionnaire): made for that terminal, so redirecting stdout
// neither strips the form's colours nor puts escape codes into the result.
func (s *IOStreams) ErrRenderer() *lipgloss.Renderer {
	return renderer(s.ErrOut, s.NoColor, s.OutTTY && s.ErrTTY)
}

func renderer(w io.Writer, plain, stdoutTerminal bool) *lipgloss.Renderer {
	r := lipgloss.NewRenderer(w)
	switch {
	case plain:
		// Without colour the background changes nothing, and asking
		// the terminal costs a round trip (seconds, where it never
		// answers).
		r.SetColorProfile(termenv.Ascii)
		r.SetHasDarkBackground(true)
	case stdoutTerminal:
		// The terminal of stdout (the one w writes to) has been asked
		// once already, by bubbletea's init for lipgloss's default
		// renderer: its answer is kept, and the terminal is not asked
		// again.
		r.SetHasDarkBackground(lipgloss.HasDarkBackground())
	default:
		// Resolve the background now: a lazy query can stall once a
		// form owns the terminal's input.
		r.HasDarkBackground()
	}
	return r
}

// IsTerminal reports whether the file at path is a terminal, such as
// /dev/tty.
func IsTerminal(path string) bool {
	fi, err := os.Stat(path)
	if err != nil || fi.Mode()&os.ModeCharDevice == 0 {
		return false
	}
	f, err := os.OpenFile(path, os.O_WRONLY, 0)
	if err != nil {
		return false
	}
	defer f.Close()
	return term.IsTerminal(f.Fd())
}
