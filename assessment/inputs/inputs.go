// Package inputs opens what score, cohort and bank stats read (files, the
// JSON files of directories, stdin), reads each as JSON Lines or as one
// document, and reports bad input with one cap and one exit-code rule.
package inputs

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/digilead/digilead/assessment"
	"github.com/digilead/digilead/assessment/batch"
	"github.com/digilead/digilead/assessment/plan"
	"github.com/digilead/digilead/questions"
	"github.com/digilead/digilead/questions/errtext"
	"github.com/digilead/digilead/questions/safetext"
)

// Stdin is the name of standard input in messages.
const Stdin = "stdin"

// Set is the inputs of one command, in the order named.
type Set struct {
	Inputs []batch.Input
	// Skipped are the files of directories given that are not regular
	// files (FIFOs, devices, sockets), with why; they are not read.
	Skipped []string
	// Duplicates are the files named more than once, by any path; each
	// is read once.
	Duplicates []string
	files      []*os.File
	// gathering reads a directory without documents as none
	// (OpenGathering).
	gathering bool
}

// Notes are what the command should tell: files skipped or read once.
func (s *Set) Notes() []string { return append(slices.Clone(s.Skipped), s.Duplicates...) }

// Close closes the files of the set.
func (s *Set) Close() {
	for _, f := range s.files {
		f.Close()
	}
}

// Open turns command-line paths into inputs: a file; a directory's *.json
// and *.jsonl regular files, in name order (hidden files, subdirectories,
// FIFOs and devices are left out); or stdin for "-". A file named twice,
// by any path, is read once. No path means stdin, unless stdin is a
// terminal: then what names what the command reads, for the message.
// Every error is invalid input (exit 2) naming the path.
func Open(paths []string, stdin io.Reader, stdinTTY bool, what string) (*Set, error) {
	return open(&Set{}, paths, stdin, stdinTTY, what)
}

// OpenGathering is Open for documents that are still coming in, such as
// a round's feedback in a shared folder: a directory that holds none yet
// is noted (Skipped) and read as no documents, rather than refused.
func OpenGathering(paths []string, stdin io.Reader, stdinTTY bool, what string) (*Set, error) {
	return open(&Set{gathering: true}, paths, stdin, stdinTTY, what)
}

func open(s *Set, paths []string, stdin io.Reader, stdinTTY bool, what string) (*Set, error) {
	if len(paths) == 0 {
		if stdinTTY {
			return nil, errtext.Invalidf("no input: name files or directories of %s, or pipe them on stdin", what)
		}
		paths = []string{"-"}
	}
	for _, p := range paths {
		if err := s.add(p, stdin); err != nil {
			s.Close()
			return nil, err
		}
	}
	return s, nil
}

func (s *Set) add(path string, stdin io.Reader) error {
	if path == "-" {
		s.Inputs = append(s.Inputs, batch.Input{Name: Stdin, R: stdin})
		return nil
	}
	info, err := os.Stat(path)
	if err != nil {
		return errtext.Invalidf("%s: %v", path, errtext.WithoutPath(err))
	}
	if !info.IsDir() {
		return s.open(path)
	}
	entries, err := os.ReadDir(path)
	if err != nil {
		return errtext.Invalidf("%s: %v", path, errtext.WithoutPath(err))
	}
	var names []string
	for _, e := range entries {
		ext := strings.ToLower(filepath.Ext(e.Name()))
		if e.IsDir() || strings.HasPrefix(e.Name(), ".") || (ext != ".json" && ext != ".jsonl") {
			continue
		}
		name := filepath.Join(path, e.Name())
		if info, err := os.Stat(name); err != nil || !info.Mode().IsRegular() {
			s.Skipped = append(s.Skipped, name+": not a regular file, skipped")
			continue
		}
		names = append(names, name)
	}
	if len(names) == 0 && s.gathering {
		s.Skipped = append(s.Skipped, path+" holds no *.json or *.jsonl files yet")
		return nil
	}
	if len(names) == 0 {
		return errtext.Invalidf("%s holds no *.json or *.jsonl files", path)
	}
	slices.Sort(names)
	for _, name := range names {
		if err := s.open(name); err != nil {
			return err
		}
	}
	return nil
}

func (s *Set) open(path string) error {
	f, err := os.Open(path)
	if err != nil {
		return errtext.Invalidf("%s: %v", path, errtext.WithoutPath(err))
	}
	if info, err := f.Stat(); err == nil {
		if info.Mode().IsRegular() && info.Size() == 0 {
			f.Close()
			s.Skipped = append(s.Skipped, path+": empty, skipped")
			return nil
		}
		for _, g := range s.files {
			if gi, err := g.Stat(); err == nil && os.SameFile(info, gi) {
				f.Close()
				s.Duplicates = append(s.Duplicates, path+": the same file as "+g.Name()+", read once")
				return nil
			}
		}
	}
	s.files = append(s.files, f)
	s.Inputs = append(s.Inputs, batch.Input{Name: path, R: f})
	return nil
}

// Place is where a document was read: the input's name and the line it
// starts at (0 for an input that is one document).
type Place struct {
	Source string
	Line   int
}

// String is FILE:LINE, or FILE for a whole input.
func (p Place) String() string {
	if p.Line == 0 {
		return p.Source
	}
	return p.Source + ":" + strconv.Itoa(p.Line)
}

// Read reads every input of the set and adds each document to the caller
// with where it came from. An input whose first non-blank line
// is a lone "{" is one pretty-printed document (at most
// questions.MaxFileSize); any other input is JSON Lines, decoded in
// parallel and added in input order. Documents that cannot be decoded,
// and over-long lines, go to rep.
func Read[T any](ctx context.Context, s *Set, decode func([]byte) (T, error), add func(at Place, v T), rep *Reporter) error {
	for _, in := range s.Inputs {
		text, err := batch.TextOf(in.R)
		if err != nil {
			rep.Reject(in.Name, 1, err)
			continue
		}
		if isDocument(text.Reader) {
			data, err := questions.ReadLimited(text, questions.MaxFileSize)
			if errors.Is(err, questions.ErrTooLarge) {
				rep.Reject(in.Name, 1, fmt.Errorf("larger than the %d MiB limit of a document", questions.MaxFileSize>>20))
				continue
			}
			if err != nil {
				return fmt.Errorf("%s: %w", in.Name, errtext.WithoutPath(err))
			}
			if v, err := decode(data); err != nil {
				rep.Reject(in.Name, 1, err)
			} else {
				add(Place{Source: in.Name}, v)
			}
			continue
		}
		type decoded struct {
			values []T
			errs   []error
		}
		err = batch.Run(ctx, []batch.Input{{Name: in.Name, R: text}}, batch.Options{},
			func(lines []batch.Line, d *decoded) {
				d.values, d.errs = d.values[:0], d.errs[:0]
				for _, l := range lines {
					var v T
					err := l.Err
					if err == nil {
						v, err = decode(l.Data)
					}
					d.values, d.errs = append(d.values, v), append(d.errs, err)
				}
			},
			func(lines []batch.Line, d *decoded) error {
				for i, l := range lines {
					if d.errs[i] != nil {
						rep.Reject(l.Source, l.No, d.errs[i])
						continue
					}
					add(Place{Source: l.Source, Line: l.No}, d.values[i])
				}
				return nil
			})
		if err != nil {
			return err
		}
	}
	return nil
}

// isDocument reports whether the input's first non-blank line is a lone
// "{", the start of a pretty-printed JSON document.
func isDocument(br *bufio.Reader) bool {
	data, _ := br.Peek(br.Size())
	data = bytes.TrimLeft(data, " \t\r\n")
	if nl := bytes.IndexByte(data, '\n'); nl >= 0 {
		data = data[:nl]
	}
	return string(bytes.TrimSpace(data)) == "{"
}

// MaxShown is how many problems of bad input are shown; the rest are
// counted.
const MaxShown = 20

// Capped is ps when it holds at most MaxShown problems; otherwise its
// first MaxShown and a last line counting the rest, with hint (if any)
// saying how to see them: the same cap as a Reporter's, for a command
// that reports one input's problems as its error.
func Capped(ps questions.Problems, hint string) questions.Problems {
	if len(ps) <= MaxShown {
		return ps
	}
	msg := fmt.Sprintf("%d more problems not shown", len(ps)-MaxShown)
	if hint != "" {
		msg += "; " + hint
	}
	return append(slices.Clip(ps[:MaxShown]), questions.Problem{Msg: msg})
}

// Reporter shows the problems of bad input on stderr, as FILE:LINE:
// field: problem, up to MaxShown, and counts the documents rejected.
type Reporter struct {
	w        io.Writer
	rejected int
	problems int
}

// NewReporter reports on w.
func NewReporter(w io.Writer) *Reporter { return &Reporter{w: w} }

// Rejected is the number of documents rejected.
func (r *Reporter) Rejected() int { return r.rejected }

// Reject reports a document that starts at line of source and could not be
// used. Problems that carry a line within the document are placed at
// that line of the source.
func (r *Reporter) Reject(source string, line int, err error) {
	ps := batch.ProblemsOf(err)
	at := make(questions.Problems, len(ps))
	for i, p := range ps {
		at[i] = questions.Problem{Pos: questions.Pos{File: source, Line: line + max(p.Pos.Line, 1) - 1}, Field: p.Field, Msg: p.Msg}
	}
	r.Add(at)
}

// Add reports a rejected document's problems, already placed.
func (r *Reporter) Add(ps questions.Problems) {
	r.rejected++
	for _, p := range ps {
		r.problems++
		if r.problems <= MaxShown {
			fmt.Fprintln(r.w, safetext.Terminal(p.String()))
		}
	}
}

// Err is nil when nothing was rejected; otherwise the run's outcome: the
// summary given, with how many problems were not shown, as invalid input
// (exit 2). Whether the good documents were still used is the command's
// to say in summary.
func (r *Reporter) Err(summary string) error {
	if r.rejected == 0 {
		return nil
	}
	if r.problems > MaxShown {
		summary += fmt.Sprintf(" (%d more problems not shown)", r.problems-MaxShown)
	}
	return errtext.Invalidf("%s", summary)
}

// ReadAll reads one whole input, a file or stdin for "-", of at most
// questions.MaxFileSize, and returns it with its name for messages. A
// directory is refused as invalid input.
func ReadAll(path string, stdin io.Reader) (data []byte, name string, err error) {
	return readAll(path, stdin, "a file")
}

// readAll is ReadAll, saying what to give (what) instead of a directory.
func readAll(path string, stdin io.Reader, what string) (data []byte, name string, err error) {
	name, r := path, stdin
	if path == "-" {
		name = Stdin
	} else {
		f, err := os.Open(path)
		if err != nil {
			return nil, path, errtext.Invalidf("%s: %v", path, errtext.WithoutPath(err))
		}
		defer f.Close()
		if info, err := f.Stat(); err == nil && info.IsDir() {
			return nil, path, errtext.Invalidf("%s is a directory; give %s", path, what)
		}
		r = f
	}
	file, _ := r.(*os.File)
	if r, err = batch.TextOf(r); err != nil {
		return nil, name, fmt.Errorf("%s: %w", name, err)
	}
	if file != nil {
		r = statted{r, file}
	}
	data, err = questions.ReadLimited(r, questions.MaxFileSize)
	if errors.Is(err, questions.ErrTooLarge) {
		return nil, name, errtext.Invalidf("%s: larger than the %d MiB limit", name, questions.MaxFileSize>>20)
	}
	if err != nil {
		return nil, name, fmt.Errorf("%s: %w", name, errtext.WithoutPath(err))
	}
	return data, name, nil
}

// statted reads the text of a file with the file's Stat, for
// questions.ReadLimited to size its buffer from.
type statted struct {
	io.Reader
	f *os.File
}

func (s statted) Stat() (fs.FileInfo, error) { return s.f.Stat() }

// ReadResult reads and checks one result file ("-" for stdin): decoded
// strictly, and rescored from its answers when it is the built-in bank's
// (assessment.Verify). Errors name the file.
func ReadResult(path string, stdin io.Reader) (*assessment.Result, error) {
	data, name, err := readAll(path, stdin, "a result file (FILE.json, as 'digilead assess -f json' writes)")
	if err != nil {
		return nil, err
	}
	return decodeResult(data, name)
}

// decodeResult decodes and checks a result read from name.
func decodeResult(data []byte, name string) (*assessment.Result, error) {
	r, err := assessment.DecodeResult(data)
	if err == nil {
		err = assessment.Verify(questions.Default(), r)
	}
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	return r, nil
}

// ReadPlan reads one development plan (digilead.plan/v1) from path, or
// stdin for "-", for `compare --plan`. Errors name the file.
func ReadPlan(path string, stdin io.Reader) (*plan.Plan, error) {
	data, name, err := ReadAll(path, stdin)
	if err != nil {
		return nil, err
	}
	p, err := plan.Decode(data)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	return p, nil
}

// ReadResultOrPlan reads, from path or stdin for "-", either a result
// or a saved development plan (a document whose schema is
// digilead.plan/v1), for `plan`: a saved plan is shown again as it was
// made. Exactly one of the two is returned. Errors name the file.
func ReadResultOrPlan(path string, stdin io.Reader) (*assessment.Result, *plan.Plan, error) {
	data, name, err := readAll(path, stdin, "a result or plan file (FILE.json)")
	if err != nil {
		return nil, nil, err
	}
	var head struct {
		Schema string `json:"schema"`
	}
	if json.Unmarshal(data, &head) == nil && head.Schema == plan.Schema {
		p, err := plan.Decode(data)
		if err != nil {
			return nil, nil, fmt.Errorf("%s: %w", name, err)
		}
		return nil, p, nil
	}
	r, err := decodeResult(data, name)
	return r, nil, err
}
