package batch

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"strconv"

	"github.com/digilead/digilead/assessment"
	"github.com/digilead/digilead/questions"
	"github.com/digilead/digilead/questions/safetext"
)

// Format is an output format of a Scorer.
type Format int

// The output formats of batch scoring (listed by name in report.Scores).
const (
	// JSONL writes one digilead.result/v1 document per line.
	JSONL Format = iota
	// CSV writes one row per respondent.
	CSV
)

// Scorer scores JSON Lines of answer sets against one bank.
type Scorer struct {
	bank   *questions.Bank
	scorer *assessment.Scorer
	opts   assessment.Options
	format Format
}

// NewScorer returns a scorer writing format. The target in opts, if any,
// must be a tier of the bank.
func NewScorer(b *questions.Bank, opts assessment.Options, format Format) *Scorer {
	return &Scorer{bank: b, scorer: assessment.NewScorer(b), opts: opts, format: format}
}

// Summary counts the answer sets scored and rejected.
type Summary struct {
	Scored, Rejected int
}

// Run scores the inputs' lines in parallel and calls write with each
// chunk of output, problems with each rejected line's problems (Pos names
// the input and line, Field the question id), both in input order and in
// the calling goroutine.
func (s *Scorer) Run(ctx context.Context, inputs []Input, o Options, write func([]byte) error, problems func(questions.Problems)) (Summary, error) {
	var sum Summary
	if s.format == CSV {
		if err := write(s.csvHeader()); err != nil {
			return sum, err
		}
	}
	err := Run(ctx, inputs, o, s.work, func(lines []Line, st *state) error {
		for _, ps := range st.problems {
			problems(ps)
		}
		sum.Scored += st.scored
		sum.Rejected += len(st.problems)
		return write(st.out)
	})
	return sum, err
}

// state is a chunk's output and a worker's scratch space.
type state struct {
	out      []byte
	problems []questions.Problems
	scored   int

	dec    *fastDecoder
	enc    *encoder
	values map[string]questions.Value
	csv    *safetext.CSV
	csvBuf bytes.Buffer
	row    []string
}

func (s *Scorer) work(lines []Line, st *state) {
	if st.dec == nil {
		st.dec, st.enc = newFastDecoder(s.bank), newEncoder(s.bank)
		st.values = make(map[string]questions.Value, len(s.bank.Questions))
		st.out = make([]byte, 0, 1<<20) // a chunk's results are about 1 MiB
	}
	st.out, st.problems, st.scored = st.out[:0], st.problems[:0], 0
	for _, l := range lines {
		if err := s.line(l, st); err != nil {
			st.problems = append(st.problems, problemsAt(l, err))
			continue
		}
		st.scored++
	}
}

// line scores one line into st.out.
func (s *Scorer) line(l Line, st *state) error {
	if l.Err != nil {
		return l.Err
	}
	clear(st.values)
	a := &questions.Answers{Values: st.values}
	if !st.dec.decode(l.Data, a) {
		var err error
		if a, err = s.check(l.Data); err != nil {
			return err
		}
	}
	r := s.scorer.Score(a, s.opts)
	if s.format == CSV {
		st.out = s.csvRow(st, r)
		return nil
	}
	out, err := st.enc.result(st.out, r)
	if err != nil {
		return fmt.Errorf("cannot write the result: %v", err)
	}
	st.out = append(out, '\n')
	return nil
}

// check reads a line the standard way, for its messages.
func (s *Scorer) check(data []byte) (*questions.Answers, error) {
	if t := bytes.TrimSpace(data); len(t) == 0 || t[0] != '{' {
		return nil, errors.New(`not a JSON object; each line holds one answer set: {"respondent": {...}, "answers": {...}}`)
	}
	raw, err := questions.DecodeAnswers(data)
	if err != nil {
		return nil, err
	}
	return s.bank.CheckAnswers(raw)
}

// problemsAt places a line's error at its source and line.
func problemsAt(l Line, err error) questions.Problems {
	pos := questions.Pos{File: l.Source, Line: l.No}
	ps := ProblemsOf(err)
	out := make(questions.Problems, len(ps))
	for i, p := range ps {
		out[i] = questions.Problem{Pos: pos, Field: p.Field, Msg: p.Msg}
	}
	return out
}

// ProblemsOf lists the problems an error reports: a questions.Problems as
// it is, a questions.Problem alone, and any other error as one problem
// with its message.
func ProblemsOf(err error) questions.Problems {
	var ps questions.Problems
	var p questions.Problem
	switch {
	case errors.As(err, &ps):
		return ps
	case errors.As(err, &p):
		return questions.Problems{p}
	}
	return questions.Problems{{Msg: err.Error()}}
}

// csvHeader is the wide CSV's header: who, level and target, one score
// column per dimension and one readiness column per tier.
func (s *Scorer) csvHeader() []byte {
	row := []string{"id", "name", "role", "level", "target"}
	for _, d := range s.bank.Dimensions {
		row = append(row, d.ID)
	}
	for _, t := range s.bank.Tiers {
		row = append(row, "readiness_"+t.ID)
	}
	var buf bytes.Buffer
	w := safetext.NewCSV(&buf, false)
	w.Write(row)
	w.Flush()
	return buf.Bytes()
}

// csvRow appends a result's row. Insufficient scores and the level of
// someone who meets no tier are empty cells.
func (s *Scorer) csvRow(st *state, r *assessment.Result) []byte {
	if st.csv == nil {
		st.csv = safetext.NewCSV(&st.csvBuf, false)
	}
	level := ""
	if r.Level != nil {
		level = r.Level.ID
	}
	row := append(st.row[:0], r.Respondent.ID, r.Respondent.Name, r.Respondent.Role, level, r.Target.ID)
	for _, d := range r.Dimensions {
		cell := ""
		if d.Score != nil {
			cell = strconv.FormatFloat(*d.Score, 'f', -1, 64)
		}
		row = append(row, cell)
	}
	for _, t := range r.Tiers {
		row = append(row, strconv.FormatFloat(t.Readiness, 'f', -1, 64))
	}
	st.row = row
	st.csvBuf.Reset()
	st.csv.Write(row)
	st.csv.Flush()
	return append(st.out, st.csvBuf.Bytes()...)
}
