package main

import (
	"bufio"
	"bytes"
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

// readStream reads one input. A document whose first line is a lone "{"
// is one pretty-printed JSON document; otherwise every non-blank line is
// one document.
func (s *answerSets) readStream(name string, r io.Reader) error {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64<<10), questions.MaxFileSize)
	line := 0
	for sc.Scan() {
		line++
		text := bytes.TrimSpace(sc.Bytes())
		if len(text) == 0 {
			continue
		}
		if string(text) == "{" {
			return s.readPretty(name, line, sc)
		}
		s.document(name, line, text)
	}
	return s.scanErr(name, line, sc.Err())
}

// readPretty reads the rest of a pretty-printed document that started at
// line start.
func (s *answerSets) readPretty(name string, start int, sc *bufio.Scanner) error {
	doc := []byte("{\n")
	line := start
	for sc.Scan() {
		line++
		doc = append(doc, sc.Bytes()...)
		doc = append(doc, '\n')
		if len(doc) > questions.MaxFileSize {
			return s.scanErr(name, line, bufio.ErrTooLong)
		}
	}
	if err := sc.Err(); err != nil {
		return s.scanErr(name, line, err)
	}
	s.document(name, start, doc)
	return nil
}

func (s *answerSets) scanErr(name string, line int, err error) error {
	switch {
	case err == nil:
		return nil
	case errors.Is(err, bufio.ErrTooLong):
		return fmt.Errorf("%s: longer than the %d MiB limit: %w", where(name, line+1), questions.MaxFileSize>>20, questions.ErrInvalid)
	}
	return fmt.Errorf("%s: %w", where(name, line), err)
}

// document checks one answer set or result and adds it.
func (s *answerSets) document(name string, line int, data []byte) {
	raw, err := decodeAnswerSet(data)
	if err != nil {
		s.reject(name, line, err)
		return
	}
	a, err := s.bank.CheckAnswers(raw)
	if err != nil {
		s.reject(name, line, err)
		return
	}
	s.read++
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
	var ps questions.Problems
	var p questions.Problem
	switch {
	case errors.As(err, &ps):
	case errors.As(err, &p):
		ps = questions.Problems{p}
	default:
		ps = questions.Problems{{Msg: strings.TrimSuffix(err.Error(), ": "+questions.ErrInvalid.Error())}}
	}
	for _, p := range ps {
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
