package iostreams

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"strings"
)

// DefaultPager pages from the top, quits at once when the document fits
// the screen (-F), shows colours (-R) and leaves the document on the
// screen when it quits (-X), as gh and git do.
const DefaultPager = "less -FRX"

// Pager is the command that pages a long document: DIGILEAD_PAGER, else
// PAGER, else DefaultPager. "" (DIGILEAD_PAGER set empty) and "cat" turn
// paging off. The command is split into words as a shell would
// (splitCommand: quotes and backslashes), but not run by one.
func (s *IOStreams) Pager() string {
	for _, k := range []string{"DIGILEAD_PAGER", "PAGER"} {
		if v, ok := s.lookup(k); ok {
			return strings.TrimSpace(v)
		}
	}
	return DefaultPager
}

// lookup reads the environment, telling an empty value from none.
func (s *IOStreams) lookup(k string) (string, bool) {
	if s.LookupEnv != nil {
		return s.LookupEnv(k)
	}
	v := s.Getenv(k)
	return v, v != ""
}

// Paging reports whether a document of lines lines goes through the
// pager: stdout is a terminal of known height that it does not fit,
// paging is not turned off (--no-pager, or an empty or "cat" pager), and
// never when stdout is piped or a file, nor in the screen-reader mode
// (ACCESSIBLE; a command's --accessible document is written without
// Page): a pager would stop the linear report at its prompt.
func (s *IOStreams) Paging(lines int) bool {
	p := s.Pager()
	return s.OutTTY && !s.NoPager && !s.Accessible(false) && s.Height > 0 && lines > s.Height && p != "" && p != "cat"
}

// Page writes a whole document to stdout, through the pager when Paging
// says so. A pager that cannot be started is passed over: the document
// is written as it is, then a note on stderr says why. A pager that the
// person quits early is not an error.
//
// As git and gh do, the pager gets LESS=FRX and LV=-c unless they are set,
// so that a PAGER of plain "less" shows the report's colours rather
// than their escape codes.
func (s *IOStreams) Page(doc []byte) error {
	if !s.Paging(bytes.Count(doc, []byte("\n"))) {
		_, err := s.Out.Write(doc)
		return err
	}
	pager := s.Pager()
	args := splitCommand(pager)
	if len(args) == 0 {
		_, err := s.Out.Write(doc)
		return err
	}
	cmd := exec.Command(args[0], args[1:]...)
	cmd.Env = os.Environ()
	for k, v := range map[string]string{"LESS": "FRX", "LV": "-c"} {
		if _, ok := s.lookup(k); !ok {
			cmd.Env = append(cmd.Env, k+"="+v)
		}
	}
	cmd.Stdin, cmd.Stdout, cmd.Stderr = bytes.NewReader(doc), s.Out, s.ErrOut
	err := cmd.Run()
	var exit *exec.ExitError
	switch {
	case err == nil, errors.As(err, &exit):
		return nil
	case cmd.Process == nil: // not started: no such program
		if _, err := s.Out.Write(doc); err != nil {
			return err
		}
		cause := err
		if u := errors.Unwrap(err); u != nil {
			cause = u
		}
		fmt.Fprintf(s.ErrOut, "digilead: the pager %q could not be started (%v), so the report is shown without it; set DIGILEAD_PAGER to a pager that is installed, or to \"\" for none\n", pager, cause)
		return nil
	}
	return err
}

// splitCommand splits a command line into words as a POSIX shell does,
// without expanding anything: unquoted spaces separate words, '…' keeps
// everything, "…" keeps all but \" and \\, and a backslash outside
// quotes keeps the next character. PAGER='less -R --prompt="page %d"'
// gives less two arguments, as git and gh do.
func splitCommand(s string) []string {
	var words []string
	var cur strings.Builder
	inWord := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == ' ' || c == '\t' || c == '\n':
			if inWord {
				words = append(words, cur.String())
				cur.Reset()
				inWord = false
			}
		case c == '\'':
			inWord = true
			j := strings.IndexByte(s[i+1:], '\'')
			if j < 0 {
				j = len(s) - i - 1
			}
			cur.WriteString(s[i+1 : i+1+j])
			i += j + 1
		case c == '"':
			inWord = true
			for i++; i < len(s) && s[i] != '"'; i++ {
				if s[i] == '\\' && i+1 < len(s) && (s[i+1] == '"' || s[i+1] == '\\') {
					i++
				}
				cur.WriteByte(s[i])
			}
		case c == '\\' && i+1 < len(s):
			inWord = true
			i++
			cur.WriteByte(s[i])
		default:
			inWord = true
			cur.WriteByte(c)
		}
	}
	if inWord {
		words = append(words, cur.String())
	}
	return words
}
