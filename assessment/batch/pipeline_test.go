package batch

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"testing"
	"testing/iotest"

	"github.com/digilead/digilead/assessment/batch/batchtest"
)

// collect runs the pipeline with work echoing each line and returns what
// emit saw, in order.
func collect(t *testing.T, inputs []Input, o Options) []string {
	t.Helper()
	var got []string
	err := Run(context.Background(), inputs, o, func(lines []Line, s *[]string) {
		*s = (*s)[:0]
		for _, l := range lines {
			if l.Err != nil {
				*s = append(*s, fmt.Sprintf("%s:%d: error", l.Source, l.No))
				continue
			}
			*s = append(*s, fmt.Sprintf("%s:%d: %s", l.Source, l.No, l.Data))
		}
	}, func(_ []Line, s *[]string) error {
		got = append(got, *s...)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return got
}

func TestRunKeepsOrder(t *testing.T) {
	var sb strings.Builder
	var want []string
	for i := 1; i <= 20000; i++ {
		line := fmt.Sprintf(`{"n":%d,"pad":"%s"}`, i, strings.Repeat("x", i%300))
		sb.WriteString(line + "\n")
		want = append(want, fmt.Sprintf("in:%d: %s", i, line))
	}
	for _, workers := range []int{1, 2, 7, 32} {
		got := collect(t, []Input{{Name: "in", R: strings.NewReader(sb.String())}}, Options{Workers: workers})
		if len(got) != len(want) {
			t.Fatalf("%d workers: %d lines, want %d", workers, len(got), len(want))
		}
		for i := range want {
			if got[i] != want[i] {
				t.Fatalf("%d workers: line %d is %.40q, want %.40q", workers, i, got[i], want[i])
			}
		}
	}
}

func TestRunLines(t *testing.T) {
	long := strings.Repeat("y", 100)
	in := "a\r\n\n   \n" + long + "\nb\n" + long + long + "\nlast"
	got := collect(t, []Input{
		{Name: "one", R: iotest.OneByteReader(strings.NewReader(in))},
		{Name: "two", R: strings.NewReader("c\n")},
	}, Options{MaxLine: 150})
	want := []string{"one:1: a", "one:4: " + long, "one:5: b", "one:6: error", "one:7: last", "two:1: c"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("got  %q\nwant %q", got, want)
	}
}

func TestRunLongLineAcrossBuffers(t *testing.T) {
	long := strings.Repeat("z", 3*chunkBytes)
	got := collect(t, []Input{{Name: "in", R: strings.NewReader("a\n" + long + "\nb\n" + long + "\n")}}, Options{MaxLine: 2 * chunkBytes})
	want := []string{"in:1: a", "in:2: error", "in:3: b", "in:4: error"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("got %q, want %q", got, want)
	}
	got = collect(t, []Input{{Name: "in", R: strings.NewReader(long)}}, Options{MaxLine: 4 * chunkBytes})
	if len(got) != 1 || len(got[0]) != len("in:1: ")+len(long) {
		t.Errorf("a long last line without a newline was not read whole")
	}
}

func TestRunReadError(t *testing.T) {
	boom := errors.New("boom")
	err := Run(context.Background(), []Input{{Name: "in", R: io.MultiReader(strings.NewReader("a\n"), iotest.ErrReader(boom))}}, Options{},
		func([]Line, *int) {}, func([]Line, *int) error { return nil })
	if !errors.Is(err, boom) || !strings.HasPrefix(err.Error(), "in: read:") {
		t.Errorf("err = %v, want in: read: boom", err)
	}
}

func TestRunStopsOnEmitError(t *testing.T) {
	stop := errors.New("stop")
	calls := 0
	in := strings.Repeat(strings.Repeat("x", 1000)+"\n", 10000)
	err := Run(context.Background(), []Input{{Name: "in", R: strings.NewReader(in)}}, Options{Workers: 2},
		func([]Line, *int) {}, func([]Line, *int) error { calls++; return stop })
	if !errors.Is(err, stop) || calls != 1 {
		t.Errorf("err = %v after %d calls, want stop after 1", err, calls)
	}
}

// TestRunReadsText: every input is read as text (TextOf), a byte-order
// mark or UTF-16 as the UTF-8 it is, lines counted in the text, and an
// input in an encoding that cannot be told is a bad line 1, the inputs
// after it still read.
func TestRunReadsText(t *testing.T) {
	text := "{\"a\":\"é\"}\r\n\r\n{\"b\":\"𝄞\"}\nlast"
	want := []string{"in:1: {\"a\":\"é\"}", "in:3: {\"b\":\"𝄞\"}", "in:4: last", "next:1: c"}
	for _, e := range batchtest.Encodings(text) {
		for _, r := range []io.Reader{bytes.NewReader(e.Data), iotest.OneByteReader(bytes.NewReader(e.Data))} {
			got := collect(t, []Input{{Name: "in", R: r}, {Name: "next", R: strings.NewReader("c\n")}}, Options{})
			if strings.Join(got, "|") != strings.Join(want, "|") {
				t.Errorf("%s: got  %q\nwant %q", e.Name, got, want)
			}
		}
	}
	for _, bad := range []string{"\xff\xfe\x00\x00{\x00\x00\x00", "{\x00\"\x00"} {
		var errs []string
		err := Run(context.Background(), []Input{{Name: "in", R: strings.NewReader(bad)}, {Name: "next", R: strings.NewReader("c\n")}}, Options{},
			func(lines []Line, s *[]string) {
				*s = (*s)[:0]
				for _, l := range lines {
					*s = append(*s, fmt.Sprintf("%s:%d: %v", l.Source, l.No, l.Err))
				}
			}, func(_ []Line, s *[]string) error { errs = append(errs, *s...); return nil })
		if err != nil || len(errs) != 2 || !strings.HasPrefix(errs[0], "in:1: the text ") || errs[1] != "next:1: <nil>" {
			t.Errorf("%q: %v, %q", bad, err, errs)
		}
	}
}
