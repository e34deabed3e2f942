package iostreams

import (
	"bytes"
	"errors"
	"io"
	"os/exec"
	"strings"
)

// DefaultPager pages from the top, quits at once when the document fits
// the screen (-F), shows colours (-R) and leaves the document on the
// screen when it quits (-X), as gh and git do.
const DefaultPager = "less -FRX"

// Pager is the command that pages a long document: DIGILEAD_PAGER, else
// PAGER, else DefaultPager. "" (DIGILEAD_PAGER set empty) and "cat" turn
// paging off. The command is split at spaces; it is not run by a shell.
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
// never when stdout is piped or a file.
func (s *IOStreams) Paging(lines int) bool {
	p := s.Pager()
	return s.OutTTY && !s.NoPager && s.Height > 0 && lines > s.Height && p != "" && p != "cat"
}

// Page writes a whole document to stdout, through the pager when Paging
// says so. A pager that cannot be started is passed over: the document
// is written as it is. A pager that the person quits early is not an
// error.
func (s *IOStreams) Page(doc []byte) error {
	if !s.Paging(bytes.Count(doc, []byte("\n"))) {
		_, err := s.Out.Write(doc)
		return err
	}
	args := strings.Fields(s.Pager())
	cmd := exec.Command(args[0], args[1:]...)
	cmd.Stdin, cmd.Stdout, cmd.Stderr = bytes.NewReader(doc), s.Out, s.ErrOut
	err := cmd.Run()
	var exit *exec.ExitError
	switch {
	case err == nil, errors.As(err, &exit):
		return nil
	case cmd.Process == nil: // not started: no such program
		_, err := io.Copy(s.Out, bytes.NewReader(doc))
		return err
	}
	return err
}
