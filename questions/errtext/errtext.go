// Package errtext holds the general helpers of digilead's messages to
// people: the mark of an error caused by bad input or usage (exit 2), the
// cause of a file error without the path the message already names,
// plural words and a did-you-mean hint. It imports nothing of digilead's,
// so that every package may use it.
package errtext

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
)

// ErrInvalid marks every error caused by bad input or usage (a bank, an
// answers file, a result file, a flag); the CLI maps it to exit code 2.
var ErrInvalid = errors.New("invalid input")

// invalidError is an input error whose message does not repeat "invalid
// input".
type invalidError struct{ msg string }

func (e *invalidError) Error() string        { return e.msg }
func (e *invalidError) Is(target error) bool { return target == ErrInvalid }

// Invalidf formats an input error: errors.Is(err, ErrInvalid) holds, and
// the message is only what is given.
func Invalidf(format string, args ...any) error {
	return &invalidError{msg: fmt.Sprintf(format, args...)}
}

// WithoutPath returns the cause of a file-system error without the
// operation and path an *os.PathError adds, for a message that names the
// path itself ("bank x.yaml: permission denied"). A missing file reads "no
// such file or directory" on every system, and still matches
// fs.ErrNotExist. Other errors are returned as they are.
func WithoutPath(err error) error {
	var pe *os.PathError
	if !errors.As(err, &pe) {
		return err
	}
	if errors.Is(pe.Err, fs.ErrNotExist) {
		return noSuchFile{}
	}
	return pe.Err
}

// noSuchFile is a missing file, in the same words on every system.
type noSuchFile struct{}

func (noSuchFile) Error() string        { return "no such file or directory" }
func (noSuchFile) Is(target error) bool { return target == fs.ErrNotExist }

// Plural returns one when n is 1 and many otherwise, for messages that
// count things: Plural(n, "result", "results").
func Plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// Suggest returns ` (did you mean "x"?)` for the candidate closest to s
// within two edits, or "".
func Suggest(s string, candidates []string) string {
	best, bestD := "", 3
	for _, c := range candidates {
		if d := editDistance(s, c); d < bestD {
			best, bestD = c, d
		}
	}
	if best == "" {
		return ""
	}
	return fmt.Sprintf(" (did you mean %q?)", best)
}

// editDistance is the Levenshtein distance of a and b, or 99 for strings
// longer than 64 bytes.
func editDistance(a, b string) int {
	if len(a) > 64 || len(b) > 64 {
		return 99
	}
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}
