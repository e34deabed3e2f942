package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"

	"github.com/digilead/digilead/assessment"
	"github.com/digilead/digilead/assessment/batch"
	"github.com/digilead/digilead/questions"
)

// maxShownProblems is how many bad input lines are shown before the rest
// are only counted.
const maxShownProblems = 50

// answerSets reads answer sets for a bank, from JSON Lines of
// {respondent, answers} or from result documents (one pretty-printed per
// file, or one per line as `digilead score` writes them), checks each
// against the bank and passes the good ones to add. Bad ones are reported
// on errOut as FILE:LINE: question-id: problem (LINE: … for stdin) and
// counted.
type answerSets struct {
	bank     *questions.Bank
	add      func(map[string]questions.Value)
	errOut   io.Writer
	read     int
	rejected int
	problems int

	// addAnswers, when set, is given each good answer set whole, with its
	// respondent, instead of add.
	addAnswers func(*questions.Answers)
}

// readPath reads a file, every *.json and *.jsonl file of a directory, or
// stdin for "-".
func (s *answerSets) readPath(a *app, path string) error {
	if path == "-" {
		return s.readStream("", a.io.In)
	}
	info, err := os.Stat(path)
	if err != nil {
		if errors.Is(err, os.ErrNotExist) {
			return usageError("%s: no such file or directory", path)
		}
		return fmt.Errorf("%s: %w", path, cleanErr(err))
	}
	if !info.IsDir() {
		return s.readFile(path)
	}
	entries, err := os.ReadDir(path)
	if err != nil {
		return fmt.Errorf("%s: %w", path, cleanErr(err))
	}
	var files []string
	for _, e := range entries {
		if ext := strings.ToLower(filepath.Ext(e.Name())); !e.IsDir() && (ext == ".json" || ext == ".jsonl") {
			files = append(files, filepath.Join(path, e.Name()))
		}
	}
	if len(files) == 0 {
		return usageError("%s: directory holds no *.json or *.jsonl files", path)
	}
	sort.Strings(files)
	for _, f := range files {
		if err := s.readFile(f); err != nil {
			return err
		}
	}
	return nil
}

func (s *answerSets) readFile(path string) error {
	f, err := os.Open(path)
	if err != nil {
		return fmt.Errorf("%s: %w", path, cleanErr(err))
	}
	defer f.Close()
	return s.readStream(path, f)
}

// readStream reads one input through the parallel, ordered pipeline of
// digilead score: workers decode and check the lines, and the answer sets
// are added and the bad ones reported in input order. A lone "{" line
// starts a pretty-printed document that runs to the end of the input.
func (s *answerSets) readStream(name string, r io.Reader) error {
	type checked struct {
		values []*questions.Answers
		errs   []error
	}
	in := batch.Input{Name: name, R: r}
	if name == "" {
		in.Name = "stdin" // for read errors
	}
	var doc *prettyDoc
	err := batch.Run(context.Background(), []batch.Input{in}, batch.Options{MaxLine: questions.MaxFileSize},
		func(lines []batch.Line, c *checked) {
			c.values, c.errs = c.values[:0], c.errs[:0]
			for _, l := range lines {
				var v *questions.Answers
				err := l.Err
				if err == nil {
					v, err = s.check(bytes.TrimSpace(l.Data))
				}
				c.values, c.errs = append(c.values, v), append(c.errs, err)
			}
		},
		func(lines []batch.Line, c *checked) error {
			for i, l := range lines {
				switch {
				case l.Err != nil:
					return tooLong(name, l.No)
				case doc != nil:
					if err := doc.add(name, l); err != nil {
						return err
					}
				case string(bytes.TrimSpace(l.Data)) == "{":
					doc = &prettyDoc{start: l.No, last: l.No, data: []byte("{\n")}
				default:
					s.document(name, l.No, c.values[i], c.errs[i])
				}
			}
			return nil
		})
	if err != nil {
		return err
	}
	if doc != nil {
		v, err := s.check(doc.data)
		s.document(name, doc.start, v, err)
	}
	return nil
}

// prettyDoc gathers the lines of a pretty-printed document. The pipeline
// skips blank lines; they are put back so that problems keep their line.
type prettyDoc struct {
	start, last int
	data        []byte
}

func (d *prettyDoc) add(name string, l batch.Line) error {
	for no := d.last + 1; no <= l.No; no++ {
		if no == l.No {
			d.data = append(d.data, l.Data...)
		}
		d.data = append(d.data, '\n')
		if len(d.data) > questions.MaxFileSize {
			return tooLong(name, no+1)
		}
	}
	d.last = l.No
	return nil
}

// tooLong is the error for an input line, or document, over the size
// limit.
func tooLong(name string, line int) error {
	return questions.Invalidf("%s: longer than the %d MiB limit", where(name, line), questions.MaxFileSize>>20)
}

// check decodes and checks one answer set or result.
func (s *answerSets) check(data []byte) (*questions.Answers, error) {
	raw, err := decodeAnswerSet(data)
	if err != nil {
		return nil, err
	}
	return s.bank.CheckAnswers(raw)
}

// document adds a checked answer set, or reports why it was rejected.
func (s *answerSets) document(name string, line int, a *questions.Answers, err error) {
	if err != nil {
		s.reject(name, line, err)
		return
	}
	s.read++
	if s.addAnswers != nil {
		s.addAnswers(a)
		return
	}
	s.add(a.Values)
}

// decodeAnswerSet decodes an answer set, or the answers a result carries.
func decodeAnswerSet(data []byte) (questions.RawAnswers, error) {
	if data[0] != '{' {
		return questions.RawAnswers{}, questions.Problem{Msg: "not a JSON object; each line holds one {\"respondent\": …, \"answers\": …} or one result"}
	}
	var probe struct {
		Schema *string `json:"schema"`
	}
	if !bytes.Contains(data, []byte(`"schema"`)) || json.Unmarshal(data, &probe) != nil || probe.Schema == nil {
		return questions.DecodeAnswers(data)
	}
	r, err := assessment.DecodeResult(data)
	if err != nil {
		return questions.RawAnswers{}, err
	}
	raw := questions.RawAnswers{Bank: r.Bank.ID, Respondent: r.Respondent, Answers: make(map[string]any, len(r.Answers))}
	for id, v := range r.Answers {
		raw.Answers[id] = v.Raw()
	}
	return raw, nil
}

// reject reports a bad document, one line per problem.
func (s *answerSets) reject(name string, line int, err error) {
	s.rejected++
	for _, p := range batch.ProblemsOf(err) {
		s.problems++
		if s.problems > maxShownProblems {
			continue
		}
		at := line
		if p.Pos.Line > 1 {
			at += p.Pos.Line - 1
		}
		p.Pos = questions.Pos{}
		fmt.Fprintf(s.errOut, "%s: %s\n", where(name, at), p)
	}
}

// where names a line of an input: FILE:LINE, or LINE for stdin.
func where(name string, line int) string {
	if name == "" {
		return strconv.Itoa(line)
	}
	return name + ":" + strconv.Itoa(line)
}

// summary tells how much input was rejected.
func (s *answerSets) summary() string {
	more := ""
	if s.problems > maxShownProblems {
		more = fmt.Sprintf(" (%d more problems not shown)", s.problems-maxShownProblems)
	}
	return fmt.Sprintf("%d answer sets analysed, %d rejected%s", s.read, s.rejected, more)
}
