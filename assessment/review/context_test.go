package review

import (
	"context"
	"errors"
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
