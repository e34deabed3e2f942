package main

import (
	"io"
	"os"
	"strconv"

	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/term"
	"github.com/muesli/termenv"
)

// IOStreams are the program's standard streams, with what it knows about
// them. Tests build one with buffers and set the answers they need.
type IOStreams struct {
	In     io.Reader
	Out    io.Writer
	ErrOut io.Writer

	InTTY, OutTTY, ErrTTY bool
	// Width is the terminal width of stdout (or stderr), 0 when unknown.
	Width int
	// NoColor is set by NO_COLOR or --no-color.
	NoColor bool
	// Getenv reads the environment.
	Getenv func(string) string
}

// systemStreams describes the real process streams.
func systemStreams() *IOStreams {
	s := &IOStreams{
		In: os.Stdin, Out: os.Stdout, ErrOut: os.Stderr,
		InTTY:  term.IsTerminal(os.Stdin.Fd()),
		OutTTY: term.IsTerminal(os.Stdout.Fd()),
		ErrTTY: term.IsTerminal(os.Stderr.Fd()),
		Getenv: os.Getenv,
	}
	for _, f := range []*os.File{os.Stdout, os.Stderr, os.Stdin} {
		if w, _, err := term.GetSize(f.Fd()); err == nil && w > 0 {
			s.Width = w
			break
		}
	}
	if c, err := strconv.Atoi(os.Getenv("COLUMNS")); err == nil && c > 0 && s.Width == 0 {
		s.Width = c
	}
	if _, ok := os.LookupEnv("NO_COLOR"); ok {
		s.NoColor = true
	}
	return s
}

// outRenderer returns the lipgloss renderer for the result on stdout:
// colour only when stdout is a terminal and colour is allowed.
func (s *IOStreams) outRenderer() *lipgloss.Renderer {
	r := lipgloss.NewRenderer(s.Out)
	if !s.OutTTY || s.NoColor {
		r.SetColorProfile(termenv.Ascii)
	}
	// Resolve the background now: a lazy query can stall once a form owns
	// the terminal.
	r.HasDarkBackground()
	return r
}
