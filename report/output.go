package report

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"syscall"

	"github.com/digilead/digilead/questions/atomicfile"
	"github.com/digilead/digilead/questions/errtext"
	"github.com/digilead/digilead/questions/safetext"
	"github.com/digilead/digilead/report/iostreams"
)

// Output is where a command's document goes: stdout, or a file (-o),
// which appears whole (mode 0600) or not at all. It is the one way a
// document reaches either.
type Output struct {
	// Path is the file; "" or "-" means stdout.
	Path string
	s    *iostreams.IOStreams
}

// NewOutput is the destination path ("" or "-" for stdout) of a command
// running with streams s.
func NewOutput(s *iostreams.IOStreams, path string) *Output { return &Output{Path: path, s: s} }

// IsStdout reports whether the document goes to stdout.
func (o *Output) IsStdout() bool { return o.Path == "" || o.Path == "-" }

// Check refuses, before any work is done, a file that cannot be written
// because its directory does not exist, is not writable (a file cannot
// be created in it, as the atomic write will), or it is a directory, or
// that is one of the command's inputs (a file, or a file in a directory
// given): the usage is wrong (errtext.ErrInvalid), and no answer, input
// or work is lost to it later. Each message begins with the path; the
// command says which flag gave it.
func (o *Output) Check(inputs ...string) error {
	if o.IsStdout() {
		return nil
	}
	dir := filepath.Dir(o.Path)
	if fi, err := os.Stat(dir); err != nil {
		return errtext.Invalidf("%s: the directory %s does not exist; create it first", o.Path, dir)
	} else if !fi.IsDir() {
		return errtext.Invalidf("%s: %s is not a directory", o.Path, dir)
	}
	out, err := os.Stat(o.Path)
	if err == nil {
		if out.IsDir() {
			return errtext.Invalidf("%s is a directory; name a file", o.Path)
		}
		for _, in := range inputs {
			if same := sameFile(out, in); same != "" {
				return errtext.Invalidf("%s is %s, one of the inputs; write the output to another file", o.Path, same)
			}
		}
		if !out.Mode().IsRegular() {
			return nil // a FIFO or device, written in place
		}
	}
	target, err := atomicfile.Resolve(o.Path)
	if err != nil {
		return nil // a dangling link: the write says so
	}
	if err := probe(filepath.Dir(target)); err != nil {
		return errtext.Invalidf("%s: a file cannot be created in the directory %s (%v); make it writable or write to another directory", o.Path, filepath.Dir(target), errtext.WithoutPath(err))
	}
	return nil
}

// probe creates and removes a temporary file in dir, as the atomic
// write of a file there will; a variable for tests.
var probe = func(dir string) error {
	f, err := os.CreateTemp(dir, ".digilead-check-*")
	if err != nil {
		return err
	}
	f.Close()
	return os.Remove(f.Name())
}

// CheckBinary refuses, before any work is done, to write a binary
// document (see Binary) without a file named, or to a terminal: it would
// fill the screen with bytes. Stdout that is a pipe or a file is fine.
func (o *Output) CheckBinary(format string) error {
	switch {
	case o.Path == "":
		return errtext.Invalidf("%s is a binary file: name the file to write (FILE.%s), or - to send it down a pipe", format, format)
	case o.IsStdout() && o.s.OutTTY, !o.IsStdout() && iostreams.IsTerminal(o.Path):
		return errtext.Invalidf("%s is a terminal, and %s is a binary file: name a file to write (FILE.%s), or pipe stdout to a program", o.Path, format, format)
	}
	return nil
}

// sameFile returns input, or the file of directory input, that is the
// file out; "" when none is.
func sameFile(out os.FileInfo, input string) string {
	if input == "" || input == "-" {
		return ""
	}
	info, err := os.Stat(input)
	if err != nil {
		return ""
	}
	if !info.IsDir() {
		if os.SameFile(out, info) {
			return input
		}
		return ""
	}
	entries, _ := os.ReadDir(input)
	for _, e := range entries {
		p := filepath.Join(input, e.Name())
		if fi, err := os.Stat(p); err == nil && os.SameFile(out, fi) {
			return p
		}
	}
	return ""
}

// Options are the layout options for this output: the terminal's width
// and colours on stdout, plain text in a file.
func (o *Output) Options(accessible bool) Options {
	opts := Options{Accessible: accessible}
	if o.IsStdout() {
		opts.Width = o.s.Width
		opts.Renderer = o.s.OutRenderer()
	}
	return opts
}

// Write renders a whole document and only then writes it, so a failed
// render leaves nothing half-written. On a terminal a document taller
// than the screen goes through the pager (iostreams.Page).
func (o *Output) Write(render func(w io.Writer) error) error { return o.write(render, true) }

// WriteLinear is Write for a document in the screen-reader mode
// (--accessible): never through the pager, whose prompt would stop a
// linear report that a screen reader reads on.
func (o *Output) WriteLinear(render func(w io.Writer) error) error { return o.write(render, false) }

func (o *Output) write(render func(w io.Writer) error, page bool) error {
	var buf bytes.Buffer
	if err := render(&buf); err != nil {
		return err
	}
	if o.IsStdout() && page {
		return o.s.Page(buf.Bytes())
	}
	if o.IsStdout() {
		_, err := o.s.Out.Write(buf.Bytes())
		return err
	}
	return o.send(func(w io.Writer) error {
		_, err := w.Write(buf.Bytes())
		return err
	}, 0)
}

// Stream lets write stream the document through a buffer, in whole
// records: each call of w.Write must end on a record's end (a line of JSON
// Lines). A file appears complete only when write succeeds; stdout gets
// every record written before an error or an interruption, and never half
// of one.
func (o *Output) Stream(write func(io.Writer) error) error { return o.send(write, 256<<10) }

// send has write write the document, through a buffer of size bytes (none
// for 0: the document is whole already).
func (o *Output) send(write func(io.Writer) error, size int) error {
	if o.IsStdout() {
		w := newBuffer(o.s.Out, size)
		err := write(w)
		if ferr := w.Flush(); err == nil {
			err = ferr
		}
		return err
	}
	f, err := atomicfile.Create(o.Path, 0o600)
	if err != nil {
		return fmt.Errorf("write %s: %w; check the directory exists and is writable", o.Path, errtext.WithoutPath(err))
	}
	bw := newBuffer(f, size)
	if err := write(bw); err != nil {
		f.Abort()
		return err
	}
	if err := bw.Flush(); err != nil {
		f.Abort()
		return fmt.Errorf("write %s: %w", o.Path, errtext.WithoutPath(err))
	}
	if err := f.Commit(); err != nil {
		return fmt.Errorf("write %s: %w%s", o.Path, errtext.WithoutPath(err), replaceHint(err, o.Path))
	}
	if o.s.ErrTTY {
		abs, _ := filepath.Abs(o.Path)
		io.WriteString(o.s.ErrOut, safetext.Terminal("Wrote "+abs+"\n"))
	}
	return nil
}

// replaceHint says what to do when the file at path could not be
// replaced by err: a file marked immutable or append-only (chattr +i,
// +a) refuses even root, with EPERM; "" for other errors.
func replaceHint(err error, path string) string {
	if !errors.Is(err, syscall.EPERM) {
		return ""
	}
	return fmt.Sprintf("; the file may be marked immutable or append-only (lsattr %s shows an i or a): write to another file, or have its owner clear the mark (chattr -i -a)", path)
}

// flusher is a writer that may hold back what is written until Flush.
type flusher interface {
	io.Writer
	Flush() error
}

// direct is a writer that holds nothing back.
type direct struct{ io.Writer }

func (direct) Flush() error { return nil }

// newBuffer buffers w in size bytes, or not at all for 0.
func newBuffer(w io.Writer, size int) flusher {
	if size == 0 {
		return direct{w}
	}
	return bufio.NewWriterSize(w, size)
}
