package iostreams

import (
	"context"
	"io"
	"os"
)

// interruptibleChunk is the most one Read of an Interruptible reader
// asks of the reader under it: what a pipe holds, so that a read into a
// large slice (a whole document's) costs no second buffer as large.
const interruptibleChunk = 64 << 10

// Interruptible returns a reader of r whose Read returns ctx.Err() as
// soon as ctx is done, even while the read under it is blocked: a read
// of stdin waiting on a terminal or on a pipe whose writer is slow
// cannot be cut short otherwise, as stdin is a blocking file that
// closing does not wake. Once ctx is done every Read returns its error
// and none reaches r again.
//
// Each Read reads r in a goroutine into a buffer of its own and copies
// what came into the caller's slice, so a read that ends after Read has
// returned (its data lost with the command it was for) never writes
// into the caller's memory; at most one read of r is ever under way.
// A regular file is returned as it is: its reads end without waiting on
// anyone, and the caller's own checks of ctx stop it (a nil r is nil).
// The terminal a form or a dashboard runs on must be given the file
// itself, not this reader: they set it to raw mode and cancel their own
// reads.
func Interruptible(ctx context.Context, r io.Reader) io.Reader {
	if r == nil {
		return nil
	}
	if f, ok := r.(*os.File); ok {
		if fi, err := f.Stat(); err == nil && fi.Mode().IsRegular() {
			return f
		}
	}
	return &interruptible{ctx: ctx, r: r, done: make(chan readResult, 1)}
}

type interruptible struct {
	ctx context.Context
	r   io.Reader
	// buf is what the read under way reads into; done carries its end
	// (buffered: a read that ends after ctx is done leaves its result
	// there and its goroutine ends).
	buf  []byte
	done chan readResult
}

type readResult struct {
	n   int
	err error
}

func (in *interruptible) Read(p []byte) (int, error) {
	if err := in.ctx.Err(); err != nil {
		return 0, err
	}
	if len(p) == 0 {
		return 0, nil
	}
	n := min(len(p), interruptibleChunk)
	if cap(in.buf) < n {
		in.buf = make([]byte, n)
	}
	buf := in.buf[:n]
	go func() {
		n, err := in.r.Read(buf)
		in.done <- readResult{n, err}
	}()
	select {
	case res := <-in.done:
		return copy(p, buf[:res.n]), res.err
	case <-in.ctx.Done():
		return 0, in.ctx.Err()
	}
}
