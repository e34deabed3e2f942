package iostreams

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/digilead/digilead/questions"
	"github.com/digilead/digilead/questions/atomicfile"
	"github.com/digilead/digilead/report"
)

// Output is where a command's document goes: stdout, or the file of -o,
// which appears whole (mode 0600) or not at all.
type Output struct {
	// Path is the -o file; "" or "-" means stdout.
	Path string
	s    *IOStreams
}

// Output returns the destination for -o path.
func (s *IOStreams) Output(path string) *Output { return &Output{Path: path, s: s} }

// IsStdout reports whether the document goes to stdout.
func (o *Output) IsStdout() bool { return o.Path == "" || o.Path == "-" }

// Check refuses, before any work is done, an -o file that cannot be
// written because its directory does not exist or it is a directory: the
// usage is wrong (exit 2), and no answer or work is lost to it later.
func (o *Output) Check() error {
	if o.IsStdout() {
		return nil
	}
	dir := filepath.Dir(o.Path)
	if fi, err := os.Stat(dir); err != nil {
		return questions.Invalidf("-o %s: the directory %s does not exist; create it first", o.Path, dir)
	} else if !fi.IsDir() {
		return questions.Invalidf("-o %s: %s is not a directory", o.Path, dir)
	}
	if fi, err := os.Stat(o.Path); err == nil && fi.IsDir() {
		return questions.Invalidf("-o %s is a directory; name a file", o.Path)
	}
	return nil
}

// ReportOptions are the text layout options for this output: the
// terminal's width and colours on stdout, plain text in a file.
func (o *Output) ReportOptions(accessible bool) report.Options {
	opts := report.Options{Accessible: accessible}
	if o.IsStdout() {
		opts.Width = o.s.Width
		opts.Renderer = o.s.OutRenderer()
	}
	return opts
}

// Write renders a whole document and only then writes it, so a failed
// render leaves nothing half-written.
func (o *Output) Write(render func(w io.Writer) error) error {
	var buf bytes.Buffer
	if err := render(&buf); err != nil {
		return err
	}
	return o.Stream(func(w io.Writer) error {
		_, err := w.Write(buf.Bytes())
		return err
	})
}

// Stream lets write stream the document through a buffer. A file appears
// complete only when write succeeds.
func (o *Output) Stream(write func(io.Writer) error) error {
	if o.IsStdout() {
		bw := bufio.NewWriterSize(o.s.Out, 256<<10)
		if err := write(bw); err != nil {
			return err
		}
		return bw.Flush()
	}
	f, err := atomicfile.Create(o.Path, 0o600)
	if err != nil {
		return fmt.Errorf("write %s: %w; check the directory exists and is writable", o.Path, questions.PathErr(err))
	}
	bw := bufio.NewWriterSize(f, 256<<10)
	if err := write(bw); err != nil {
		f.Abort()
		return err
	}
	if err := bw.Flush(); err != nil {
		f.Abort()
		return fmt.Errorf("write %s: %w", o.Path, questions.PathErr(err))
	}
	if err := f.Commit(); err != nil {
		return fmt.Errorf("write %s: %w", o.Path, questions.PathErr(err))
	}
	if o.s.ErrTTY {
		abs, _ := filepath.Abs(o.Path)
		fmt.Fprintf(o.s.ErrOut, "Wrote %s\n", abs)
	}
	return nil
}
