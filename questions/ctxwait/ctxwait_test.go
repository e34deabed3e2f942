package ctxwait

import (
	"context"
	"errors"
	"testing"
	"time"
)

// TestWait: f's result when it ends; ctx's error at once when ctx is done
// while f blocks; nothing run when ctx is done already.
func TestWait(t *testing.T) {
	if v, err := Wait(context.Background(), func() (int, error) { return 7, nil }); v != 7 || err != nil {
		t.Errorf("Wait = %d, %v; want 7, nil", v, err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	block := make(chan struct{})
	defer close(block)
	time.AfterFunc(10*time.Millisecond, cancel)
	start := time.Now()
	if _, err := Wait(ctx, func() (int, error) { <-block; return 1, nil }); !errors.Is(err, context.Canceled) {
		t.Errorf("blocked f: %v, want context.Canceled", err)
	}
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("returned after %v", d)
	}
	ran := false
	if _, err := Wait(ctx, func() (int, error) { ran = true; return 0, nil }); !errors.Is(err, context.Canceled) || ran {
		t.Errorf("ctx done already: %v, ran %v", err, ran)
	}
}
