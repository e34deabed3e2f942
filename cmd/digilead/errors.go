package main

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/digilead/digilead/assessment/cohort"
	"github.com/digilead/digilead/assessment/session"
	"github.com/digilead/digilead/questions/errtext"
)

// Exit codes (README, "Exit codes").
const (
	exitOK          = 0
	exitFailure     = 1
	exitUsage       = 2
	exitInterrupted = 130
)

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

// exitCode maps an error to the process exit code. A command stopped by a
// signal returns its context's error (ctx.Err()), as does a questionnaire
// the person stopped.
func exitCode(err error) int {
	var ee *exitError
	switch {
	case err == nil:
		return exitOK
	case errors.As(err, &ee):
		return ee.code
	case interrupted(err):
		return exitInterrupted
	case errors.Is(err, errtext.ErrInvalid):
		return exitUsage
	}
	return exitFailure
}

// interrupted reports whether err means the command was stopped.
func interrupted(err error) bool {
	return errors.Is(err, context.Canceled) || errors.Is(err, session.ErrInterrupted)
}

// message is what the user reads of err: "interrupted" for a command
// stopped by a signal, and the flag that fixes an error of a package
// added: the packages say what is wrong and what to do in their own
// words, and only the command knows how that is asked for.
func message(err error) string {
	var small *cohort.TooSmallError
	var progress *session.ProgressError
	switch {
	case errors.Is(err, context.Canceled):
		return "interrupted"
	case errors.Is(err, session.ErrNoTerminal):
		return err.Error() + "; pass --answers FILE (or --answers - to read stdin)\nRun 'digilead assess --help' for the answers format."
	case errors.As(err, &progress):
		return err.Error() + ", or use --answers FILE"
	case errors.As(err, &small):
		return fmt.Sprintf("%v (--min-group %d)", err, max(1, small.N))
	}
	return err.Error()
}

// indentLines indents every line after the first, so multi-line errors read
// as one message.
func indentLines(s string) string {
	return strings.ReplaceAll(strings.TrimRight(s, "\n"), "\n", "\n  ")
}
