package questions_test

import (
	"bytes"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/iotest"

	"github.com/digilead/digilead/questions"
)

// wrongSize is a reader whose Size is not what it holds: a hint only.
type wrongSize struct {
	io.Reader
	n int64
}

func (w wrongSize) Size() int64 { return w.n }

// TestReadLimited: every reader is read whole up to the limit and refused
// past it, whether its size is known (a file, a Size method), unknown, or
// wrong.
func TestReadLimited(t *testing.T) {
	const limit = 3000
	for _, n := range []int{0, 1, 511, 512, 513, 2999, 3000, 3001, 5000} {
		want := bytes.Repeat([]byte("ab"), n)[:n]
		path := filepath.Join(t.TempDir(), "f")
		if err := os.WriteFile(path, want, 0o600); err != nil {
			t.Fatal(err)
		}
		f, err := os.Open(path)
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		readers := map[string]io.Reader{
			"file":       f,
			"size":       bytes.NewReader(want),
			"unknown":    iotest.HalfReader(strings.NewReader(string(want))),
			"size short": wrongSize{bytes.NewReader(want), int64(n / 2)},
			"size long":  wrongSize{bytes.NewReader(want), int64(n * 2)},
		}
		for name, r := range readers {
			got, err := questions.ReadLimited(r, limit)
			switch {
			case n > limit && !errors.Is(err, questions.ErrTooLarge):
				t.Errorf("%s of %d bytes: %v, want ErrTooLarge", name, n, err)
			case n <= limit && (err != nil || !bytes.Equal(got, want)):
				t.Errorf("%s of %d bytes: read %d bytes, %v", name, n, len(got), err)
			}
		}
	}
}
