package report

import (
	"bytes"
	"cmp"
	"context"
	"encoding/csv"
	"io"

	"github.com/digilead/digilead/assessment"
	"github.com/digilead/digilead/assessment/batch"
	"github.com/digilead/digilead/questions"
	"github.com/digilead/digilead/report/sheet"
)

// xlsx is the xlsx format of a document whose csv format writes rows:
// the same cells, in one sheet named name (see report/sheet: numbers as
// numbers, the header frozen), then a sheet for each of more, the
// document's other tables.
func xlsx[D any](name string, rows func(D) [][]string, more ...table[D]) Render[D] {
	return func(w io.Writer, doc D, _ Options) error {
		tables := []sheet.Table{{Name: name, Rows: rows(doc)}}
		for _, t := range more {
			tables = append(tables, sheet.Table{Name: t.name, Rows: t.rows(doc)})
		}
		return sheet.Write(w, tables...)
	}
}

// table is a named table of a document D, a sheet of its workbook.
type table[D any] struct {
	name string
	rows func(D) [][]string
}

// Binary reports whether format writes a binary file (xlsx), which goes to
// a file or down a pipe, never to a terminal.
func Binary(format string) bool { return format == "xlsx" }

// ScoreFormat is a format of `digilead score`: what its workers write,
// and, for a format they do not write themselves, what turns their output
// into it.
type ScoreFormat struct {
	Rows batch.Format
	// Encode, when set, writes each result of Rows (JSONL) in its place
	// (see batch.Scorer.EncodeWith).
	Encode func(dst []byte, r *assessment.Result) ([]byte, error)
	// Wrap, when set, takes the workers' output and writes the document
	// to w; its Close ends the document.
	Wrap func(w io.Writer) io.WriteCloser
}

// Score scores the answer sets of in on bank b with ao (see
// batch.Scorer) into dest in this format, with o's workers, in input
// order; problems gets the problems of each line refused. When ctx is
// done, its error is returned.
func (sf ScoreFormat) Score(ctx context.Context, dest *Output, b *questions.Bank, ao assessment.Options, in []batch.Input, o batch.Options, problems func(questions.Problems)) (batch.Summary, error) {
	scorer := batch.NewScorer(b, ao, sf.Rows)
	if sf.Encode != nil {
		scorer.EncodeWith(sf.Encode)
	}
	var sum batch.Summary
	err := dest.Stream(func(w io.Writer) error {
		var doc io.WriteCloser = nopCloser{w}
		if sf.Wrap != nil {
			doc = sf.Wrap(w)
		}
		var err error
		sum, err = scorer.Run(ctx, in, o, func(p []byte) error {
			_, err := doc.Write(p)
			return err
		}, problems)
		return cmp.Or(err, doc.Close())
	})
	return sum, cmp.Or(ctx.Err(), err)
}

// nopCloser is a writer whose document needs no ending.
type nopCloser struct{ io.Writer }

func (nopCloser) Close() error { return nil }

// scoreSheet is score's xlsx format: the CSV rows the workers write, as
// one sheet (more past sheet.MaxRows rows).
func scoreSheet(w io.Writer) io.WriteCloser {
	return &csvToSheet{b: sheet.New(w)}
}

// csvToSheet writes CSV records, each Write whole records, as the rows of
// a sheet.
type csvToSheet struct {
	b *sheet.Workbook
	s *sheet.Sheet
	r bytes.Reader
}

func (c *csvToSheet) Write(p []byte) (int, error) {
	if c.s == nil {
		s, err := c.b.Sheet("score")
		if err != nil {
			return 0, err
		}
		c.s = s
	}
	c.r.Reset(p)
	cr := csv.NewReader(&c.r)
	cr.FieldsPerRecord, cr.ReuseRecord = -1, true
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			return len(p), nil
		}
		if err != nil {
			return 0, err
		}
		if err := c.s.Row(rec...); err != nil {
			return 0, err
		}
	}
}

func (c *csvToSheet) Close() error {
	if c.s == nil {
		if _, err := c.b.Sheet("score"); err != nil {
			return err
		}
	}
	return c.b.Close()
}
