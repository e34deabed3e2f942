// Package batch scores answer sets in bulk: it streams JSON Lines through
// a bounded pipeline of parallel workers, keeping input order and flat
// memory however long the input is.
package batch

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"runtime"
	"sync"
)

// Limits of the pipeline.
const (
	// DefaultMaxLine is the longest line read; a longer one is reported as
	// a bad line and skipped.
	DefaultMaxLine = 1 << 20
	// chunkBytes is how much input a worker takes at a time.
	chunkBytes = 64 << 10
	// chunkLines caps the lines of a chunk.
	chunkLines = 512
)

// ErrLineTooLong marks a line longer than the limit.
var ErrLineTooLong = errors.New("line too long")

// Input is a named stream of JSON Lines.
type Input struct {
	// Name is used in messages (a path, or "stdin").
	Name string
	R    io.Reader
}

// Line is one non-empty line of input.
type Line struct {
	// Source is the input's name.
	Source string
	// No is the line number, from 1.
	No int
	// Data is the line without its end; nil when Err is set.
	Data []byte
	// Err is ErrLineTooLong (wrapped with the limit) for an over-long line.
	Err error
}

// Options tune Run.
type Options struct {
	// Workers is the number of parallel workers; 0 means GOMAXPROCS.
	Workers int
	// MaxLine is the longest line accepted; 0 means DefaultMaxLine.
	MaxLine int
}

// chunk is a run of consecutive lines, processed by one worker, with the
// state the caller's functions keep for it.
type chunk[S any] struct {
	seq   int
	buf   []byte
	ends  []lineRef
	lines []Line
	state S
}

type lineRef struct {
	source     string
	no, off, n int
	err        error
}

// Run reads the inputs' lines in chunks, calls work on each chunk's lines
// in parallel workers and emit on each chunk in input order in the calling
// goroutine. Empty lines are skipped. A chunk's state is recycled: work
// must reset what it uses. At most 2*workers+2 chunks are in flight, so
// memory stays flat. The first error of emit or of reading stops the run.
func Run[S any](ctx context.Context, inputs []Input, o Options, work func(lines []Line, s *S), emit func(lines []Line, s *S) error) error {
	workers := o.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	maxLine := o.MaxLine
	if maxLine <= 0 {
		maxLine = DefaultMaxLine
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()

	window := 2*workers + 2
	free := make(chan *chunk[S], window)
	for i := 0; i < window; i++ {
		free <- &chunk[S]{}
	}
	todo := make(chan *chunk[S], window)
	done := make(chan *chunk[S], window)
	readErr := make(chan error, 1)

	go func() {
		defer close(todo)
		readErr <- readChunks(ctx, inputs, maxLine, free, todo)
	}()
	var wg sync.WaitGroup
	for i := 0; i < workers; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for c := range todo {
				c.resolve()
				work(c.lines, &c.state)
				done <- c
			}
		}()
	}
	go func() { wg.Wait(); close(done) }()

	pending := make([]*chunk[S], window)
	next := 0
	for c := range done {
		pending[c.seq%window] = c
		for p := pending[next%window]; p != nil && p.seq == next; p = pending[next%window] {
			pending[next%window] = nil
			if err := emit(p.lines, &p.state); err != nil {
				return err
			}
			next++
			free <- p
		}
	}
	if err := <-readErr; err != nil {
		return err
	}
	return ctx.Err()
}

// resolve turns the chunk's line offsets into Lines.
func (c *chunk[S]) resolve() {
	c.lines = c.lines[:0]
	for _, r := range c.ends {
		l := Line{Source: r.source, No: r.no, Err: r.err}
		if r.err == nil {
			l.Data = c.buf[r.off : r.off+r.n : r.off+r.n]
		}
		c.lines = append(c.lines, l)
	}
}

// readChunks fills free chunks with lines and sends them to todo, in
// order. Each input is read as text (TextOf); one TextOf refuses is a bad
// line 1.
func readChunks[S any](ctx context.Context, inputs []Input, maxLine int, free <-chan *chunk[S], todo chan<- *chunk[S]) error {
	seq := 0
	var c *chunk[S]
	send := func() {
		if c != nil && len(c.ends) > 0 {
			c.seq = seq
			seq++
			todo <- c
			c = nil
		}
	}
	// add adds a line, or a bad one (err set), to the chunk; false when
	// ctx is done.
	add := func(ref lineRef, line []byte) bool {
		if c == nil {
			select {
			case c = <-free:
			case <-ctx.Done():
				return false
			}
			c.buf, c.ends = c.buf[:0], c.ends[:0]
		}
		ref.off = len(c.buf)
		if ref.err == nil {
			ref.n = len(line)
			c.buf = append(c.buf, line...)
		}
		c.ends = append(c.ends, ref)
		if len(c.buf) >= chunkBytes || len(c.ends) >= chunkLines {
			send()
		}
		return true
	}
	for _, in := range inputs {
		text, err := TextOf(in.R)
		if err != nil {
			if !add(lineRef{source: in.Name, no: 1, err: err}, nil) {
				return nil
			}
			continue
		}
		for no := 1; ; no++ {
			line, err := readLine(text.Reader, maxLine)
			if err != nil && !errors.Is(err, ErrLineTooLong) {
				if err == io.EOF {
					break
				}
				return fmt.Errorf("%s: read: %w", in.Name, err)
			}
			if err == nil && len(bytes.TrimSpace(line)) == 0 {
				continue
			}
			ref := lineRef{source: in.Name, no: no}
			if err != nil {
				ref.err = fmt.Errorf("longer than the %d KiB limit; each set must be one JSON object on one line: %w", maxLine>>10, err)
			}
			if !add(ref, line) {
				return nil
			}
		}
	}
	send()
	return nil
}

// readLine returns the next line without its end ("\n" or "\r\n"). A line
// longer than max is consumed and reported as ErrLineTooLong; the end of
// input is io.EOF.
func readLine(br *bufio.Reader, max int) ([]byte, error) {
	line, err := br.ReadSlice('\n')
	if err == bufio.ErrBufferFull {
		long := append([]byte(nil), line...)
		for err == bufio.ErrBufferFull {
			line, err = br.ReadSlice('\n')
			if len(long) <= max {
				long = append(long, line...)
			}
		}
		line = long
	}
	if err == io.EOF && len(line) > 0 {
		err = nil
	}
	if err != nil {
		return nil, err
	}
	line = bytes.TrimSuffix(bytes.TrimSuffix(line, []byte("\n")), []byte("\r"))
	if len(line) > max {
		return nil, ErrLineTooLong
	}
	return line, nil
}
