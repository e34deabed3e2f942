package batch

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"math"
	"strconv"

	"github.com/digilead/digilead/assessment"
	"github.com/digilead/digilead/assessment/resultjson"
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
	// encode, when set, writes each result of JSONL in place of the
	// result's own JSON.
	encode func(dst []byte, r *assessment.Result) ([]byte, error)
}

// NewScorer returns a scorer writing format. The target in opts, if any,
// must be a tier of the bank.
func NewScorer(b *questions.Bank, opts assessment.Options, format Format) *Scorer {
	return &Scorer{bank: b, scorer: assessment.NewScorer(b), opts: opts, format: format}
}

// EncodeWith has the JSONL format write each result as encode appends it
// to dst (a whole line, its newline included), in place of the
// digilead.result/v1 document: another line format of the same results,
// such as xAPI statements.
func (s *Scorer) EncodeWith(encode func(dst []byte, r *assessment.Result) ([]byte, error)) {
	s.encode = encode
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
	enc    *resultjson.Encoder
	values map[string]questions.Value
	row    []string
	nums   []byte

	answers   questions.Answers
	positions []questions.Value
	outline   assessment.Outline
}

func (s *Scorer) work(lines []Line, st *state) {
	if st.dec == nil {
		st.dec, st.enc = newFastDecoder(s.bank), resultjson.NewEncoder(s.bank)
		st.dec.reuse = true // each line is written before the next is read
		st.values = make(map[string]questions.Value, len(s.bank.Questions))
		st.positions = make([]questions.Value, len(s.bank.Questions))
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
	if s.format == CSV {
		a := &st.answers
		values, err := s.positions(l.Data, st.dec, st.positions, a)
		if err != nil {
			return err
		}
		s.scorer.Outline(values, a.Respondent.Role, s.opts.Target, &st.outline)
		st.out = s.csvRow(st, a.Respondent, &st.outline)
		return nil
	}
	clear(st.values)
	a := &questions.Answers{Values: st.values}
	var r *assessment.Result
	var values []questions.Value
	switch {
	case s.encode == nil && st.dec.scan(l.Data, a):
		// The result's answers are written from the values by position:
		// its map is left empty.
		values = st.dec.values()
		r = s.scorer.ScoreValues(values, a, s.opts)
	case s.encode != nil && st.dec.decode(l.Data, a):
		r = s.scorer.ScoreValues(st.dec.values(), a, s.opts) // no map lookups
	default:
		var err error
		if a, err = s.check(l.Data); err != nil {
			return err
		}
		r = s.scorer.Score(a, s.opts)
	}
	if s.encode != nil {
		out, err := s.encode(st.out, r)
		if err != nil {
			return fmt.Errorf("cannot write the result: %v", err)
		}
		st.out = out
		return nil
	}
	var out []byte
	var err error
	if values != nil {
		out, err = st.enc.AppendValues(st.out, r, values)
	} else {
		out, err = st.enc.Append(st.out, r)
	}
	if err != nil {
		return fmt.Errorf("cannot write the result: %v", err)
	}
	st.out = append(out, '\n')
	return nil
}

// positions reads an answer set into a and its values by question
// position: with the fast decoder dec, or the standard way when that one
// gives up. The values are dec's own or scratch's, valid until the next
// call.
func (s *Scorer) positions(data []byte, dec *fastDecoder, scratch []questions.Value, a *questions.Answers) ([]questions.Value, error) {
	*a = questions.Answers{}
	if dec.scan(data, a) {
		return dec.values(), nil
	}
	checked, err := s.check(data)
	if err != nil {
		return nil, err
	}
	*a = *checked
	for i, q := range s.bank.Questions {
		scratch[i] = checked.Values[q.ID]
	}
	return scratch, nil
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
// column per dimension and one readiness column per tier, and last the
// level's probability (a column added after the others, so that a reader
// of the earlier columns by position reads them as before).
func (s *Scorer) csvHeader() []byte {
	row := []string{"id", "name", "role", "level", "target"}
	for _, d := range s.bank.Dimensions {
		row = append(row, d.ID)
	}
	for _, t := range s.bank.Tiers {
		row = append(row, "readiness_"+t.ID)
	}
	row = append(row, "level_probability")
	var buf bytes.Buffer
	w := safetext.NewCSV(&buf, false)
	w.Write(row)
	w.Flush()
	return buf.Bytes()
}

// csvRow appends an answer set's row. Insufficient scores and the level
// of someone who meets no tier are empty cells; numbers are written as
// the result's JSON writes them.
func (s *Scorer) csvRow(st *state, r questions.Respondent, o *assessment.Outline) []byte {
	level := ""
	if o.Level >= 0 {
		level = s.bank.Tiers[o.Level].ID
	}
	row := append(st.row[:0], r.ID, r.Name, r.Role, level, s.bank.Tiers[o.Target].ID)
	nums := st.nums[:0]
	for _, x := range o.Scores {
		if !math.IsNaN(x) {
			nums = strconv.AppendFloat(nums, x, 'f', -1, 64)
		}
		nums = append(nums, 0)
	}
	for _, x := range o.Readiness {
		nums = append(strconv.AppendFloat(nums, x, 'f', -1, 64), 0)
	}
	if !math.IsNaN(o.LevelProbability) {
		nums = append(strconv.AppendFloat(nums, o.LevelProbability, 'f', -1, 64), 0)
	}
	st.nums = nums
	for len(nums) > 0 {
		i := bytes.IndexByte(nums, 0)
		row = append(row, string(nums[:i]))
		nums = nums[i+1:]
	}
	st.row = row
	return safetext.AppendCSVRow(st.out, row...)
}
