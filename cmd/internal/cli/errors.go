package cli

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/digilead/digilead/assessment/cohort"
	"github.com/digilead/digilead/assessment/session"
	"github.com/digilead/digilead/cmd/internal/cmdutil"
	"github.com/digilead/digilead/questions/errtext"
)

// ExitCode maps an error to the process exit code (README, "Exit
// codes"). A command stopped by a signal returns its context's error
// (ctx.Err()), as does a questionnaire the person stopped.
func ExitCode(err error) int {
	code, ok := cmdutil.Code(err)
	switch {
	case err == nil:
		return cmdutil.ExitOK
	case ok:
		return code
	case interrupted(err):
		return cmdutil.ExitInterrupted
	case errors.Is(err, errtext.ErrInvalid):
		return cmdutil.ExitUsage
	}
	return cmdutil.ExitFailure
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
