package main

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/digilead/digilead/assessment/cohort"
	"github.com/digilead/digilead/assessment/session"
	"github.com/digilead/digilead/internal/errtext"
)

// Exit codes (README, "Exit codes").
const (
	exitOK          = 0
	exitFailure     = 1
	exitUsage       = 2
	exitInterrupted = 130
)

// errInterrupted means the user stopped the program (a signal).
var errInterrupted = errors.New("interrupted")

// exitError carries an exit code with its error. A nil err means the
// message was already printed.
type exitError struct {
	code int
	err  error
}

func (e *exitError) Error() string {
	if e.err == nil {
		return ""
	}
	return e.err.Error()
}
func (e *exitError) Unwrap() error { return e.err }

// usageError is an invalid-usage error (exit 2).
func usageError(format string, args ...any) error {
	return &exitError{code: exitUsage, err: fmt.Errorf(format, args...)}
}

// silent exits with code without printing anything more.
func silent(code int) error { return &exitError{code: code} }

// exitCode maps an error to the process exit code.
func exitCode(err error) int {
	var ee *exitError
	switch {
	case err == nil:
		return exitOK
	case errors.As(err, &ee):
		return ee.code
	case errors.Is(err, errInterrupted), errors.Is(err, session.ErrInterrupted), errors.Is(err, context.Canceled):
		return exitInterrupted
	case errors.Is(err, errtext.ErrInvalid):
		return exitUsage
	}
	return exitFailure
}

// withFlags adds to an error of a package the flag that fixes it: the
// packages say what is wrong and what to do in their own words, and only
// the command knows how that is asked for.
func withFlags(err error) error {
	var small *cohort.TooSmallError
	var progress *session.ProgressError
	switch {
	case errors.Is(err, session.ErrNoTerminal):
		return fmt.Errorf("%w; pass --answers FILE (or --answers - to read stdin)\nRun 'digilead assess --help' for the answers format.", err)
	case errors.As(err, &progress):
		return fmt.Errorf("%w, or use --answers FILE", err)
	case errors.As(err, &small):
		return fmt.Errorf("%w (--min-group %d)", err, max(1, small.N))
	}
	return err
}

// indentLines indents every line after the first, so multi-line errors read
// as one message.
func indentLines(s string) string {
	return strings.ReplaceAll(strings.TrimRight(s, "\n"), "\n", "\n  ")
}
