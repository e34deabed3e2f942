package review

import (
	"context"
	"errors"
	"path/filepath"
	"testing"
	"time"

	"github.com/digilead/digilead/questions"
)

// TestReviewStopsWhenCancelled: a review whose context is done returns
// its error and no report, at once, even with a simulation that would
// run for minutes; bank review turns that into exit 130.
func TestReviewStopsWhenCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	time.AfterFunc(50*time.Millisecond, cancel)
	start := time.Now()
	r, err := ReviewContext(ctx, questions.Default(), Options{Seed: 1, Respondents: 100_000_000})
	if !errors.Is(err, context.Canceled) || r != nil {
		t.Fatalf("got %v, %v; want no report and context.Canceled", r, err)
	}
	if d := time.Since(start); d > 2*time.Second {
		t.Errorf("stopped after %v", d)
	}
	if r, err := ReviewContext(context.Background(), questions.Default(), Options{Seed: 1, Respondents: 50}); err != nil || r == nil {
		t.Fatalf("uncancelled: %v, %v", r, err)
	}
}

// TestWordingStopsWhenCancelled: the wording checks, seconds on a bank of
// 20,000 questions, stop before the next question once ctx is done.
func TestWordingStopsWhenCancelled(t *testing.T) {
	b := load(t, filepath.Join("testdata", "double-barrelled.yaml"))
	if fs := wording(context.Background(), b, reading(context.Background(), b)); len(fs) == 0 {
		t.Fatal("the fixture has no wording finding")
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if fs := wording(ctx, b, reading(context.Background(), b)); fs != nil {
		t.Errorf("cancelled: %d findings", len(fs))
	}
}

// TestReadingStopsWhenCancelled: the reading measures (a fifth of a
// review's wording time on a large bank) stop once ctx is done.
func TestReadingStopsWhenCancelled(t *testing.T) {
	b := questions.Default()
	if r := reading(context.Background(), b); r == nil || r.Words == 0 {
		t.Fatalf("the built-in bank has no reading measures: %+v", r)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if r := reading(ctx, b); r != nil {
		t.Errorf("cancelled: %+v", r)
	}
}
