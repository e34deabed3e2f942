// Package ctxwait waits for work that nothing can interrupt (opening a
// FIFO, reading a silent pipe) only as long as a context lasts.
package ctxwait

import "context"

// Wait runs f in a goroutine and returns what it returns, or ctx's error
// as soon as ctx is done: f is then left behind, and its result dropped
// when it ends (the process is about to exit). A ctx done already runs
// nothing.
func Wait[T any](ctx context.Context, f func() (T, error)) (T, error) {
	var zero T
	if err := ctx.Err(); err != nil {
		return zero, err
	}
	type result struct {
		v   T
		err error
	}
	done := make(chan result, 1) // f left behind ends without a reader
	go func() {
		v, err := f()
		done <- result{v, err}
	}()
	select {
	case r := <-done:
		return r.v, r.err
	case <-ctx.Done():
		return zero, ctx.Err()
	}
}
