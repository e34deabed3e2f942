package iostreams

import (
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/iotest"
	"time"
)

// TestInterruptibleReadsAsTheReaderUnder: until ctx is done it is the
// reader it wraps, short reads and all.
func TestInterruptibleReadsAsTheReaderUnder(t *testing.T) {
	text := strings.Repeat("a line of answers\n", 10_000)
	r := Interruptible(context.Background(), iotest.HalfReader(strings.NewReader(text)))
	if err := iotest.TestReader(r, []byte(text)); err != nil {
		t.Fatal(err)
	}
}

// blocked is a reader whose reads wait for release, then fill the slice
// with 'x', counting the reads begun.
type blocked struct {
	release chan struct{}
	ended   chan struct{}
	reads   int
}

func (b *blocked) Read(p []byte) (int, error) {
	b.reads++
	<-b.release
	for i := range p {
		p[i] = 'x'
	}
	close(b.ended)
	return len(p), nil
}

// TestInterruptibleStopsABlockedRead: a read waiting on input that does
// not come returns ctx's error as soon as ctx is cancelled; the read
// under it, ending later, writes nothing into the caller's slice; and no
// read after reaches the reader.
func TestInterruptibleStopsABlockedRead(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	b := &blocked{release: make(chan struct{}), ended: make(chan struct{})}
	r := Interruptible(ctx, b)
	p := make([]byte, 16)
	got := make(chan error, 1)
	go func() {
		_, err := r.Read(p)
		got <- err
	}()
	time.Sleep(20 * time.Millisecond)
	cancel()
	select {
	case err := <-got:
		if !errors.Is(err, context.Canceled) {
			t.Fatalf("read returned %v, want context.Canceled", err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("read still blocked 5 s after cancel")
	}
	close(b.release)
	<-b.ended
	time.Sleep(10 * time.Millisecond) // the late read's result is sent
	if string(p) != strings.Repeat("\x00", len(p)) {
		t.Errorf("the late read wrote into the caller's slice: %q", p)
	}
	if n, err := r.Read(p); n != 0 || !errors.Is(err, context.Canceled) || b.reads != 1 {
		t.Errorf("read after cancel: %d, %v, %d reads of the reader under it; want 0, context.Canceled, 1", n, err, b.reads)
	}
}

// TestInterruptibleLeavesRegularFiles: a regular file's reads never wait
// on anyone; it is read as it is (and sized from its Stat).
func TestInterruptibleLeavesRegularFiles(t *testing.T) {
	path := filepath.Join(t.TempDir(), "answers.jsonl")
	if err := os.WriteFile(path, []byte("{}\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if r := Interruptible(context.Background(), f); r != io.Reader(f) {
		t.Errorf("a regular file is wrapped: %T", r)
	}
	pr, pw, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	defer pr.Close()
	defer pw.Close()
	if r := Interruptible(context.Background(), pr); r == io.Reader(pr) {
		t.Error("a pipe is not wrapped")
	}
}
