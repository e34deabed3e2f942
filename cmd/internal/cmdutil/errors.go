// Package cmdutil holds cobra helpers that know nothing of digilead: exit codes carried by errors, argument-count checks, self-validating flag values.
package cmdutil

import (
	"errors"
	"fmt"
)

// Exit codes: done, failed, invalid usage, interrupted by a signal.
const (
	ExitOK          = 0
	ExitFailure     = 1
	ExitUsage       = 2
	ExitInterrupted = 130
)

// ExitError carries an exit code with its error. A nil Err means the
// message was already printed.
type ExitError struct {
	Code int
	Err  error
}

func (e *ExitError) Error() string {
	if e.Err == nil {
		return ""
	}
	return e.Err.Error()
}

func (e *ExitError) Unwrap() error { return e.Err }

// UsageError is an invalid-usage error (ExitUsage), formatted as
// fmt.Errorf formats.
func UsageError(format string, args ...any) error {
	return &ExitError{Code: ExitUsage, Err: fmt.Errorf(format, args...)}
}

// Silent exits with code without printing anything more.
func Silent(code int) error { return &ExitError{Code: code} }

// Code is the exit code err carries, if it carries one.
func Code(err error) (int, bool) {
	var ee *ExitError
	if errors.As(err, &ee) {
		return ee.Code, true
	}
	return 0, false
}
