package calibrate

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/digilead/digilead/questions"
)

// TestReportStopsWhenCancelled: a calibration whose context is done
// returns its error and no report, at once, even with a bootstrap that
// would run for minutes; bank calibrate turns that into exit 130.
func TestReportStopsWhenCancelled(t *testing.T) {
	b := questions.Default()
	c := New(b)
	for _, a := range syntheticPilot(t, b, 3, 60) {
		c.Add(a)
	}
	ctx, cancel := context.WithCancel(context.Background())
	time.AfterFunc(50*time.Millisecond, cancel)
	start := time.Now()
	r, err := c.ReportContext(ctx, Options{Seed: 1, Replicates: 1_000_000})
	if !errors.Is(err, context.Canceled) || r != nil {
		t.Fatalf("got %v, %v; want no report and context.Canceled", r, err)
	}
	if d := time.Since(start); d > 2*time.Second {
		t.Errorf("stopped after %v", d)
	}
}
