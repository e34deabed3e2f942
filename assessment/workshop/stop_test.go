package workshop_test

import (
	"testing"
	"time"

	"github.com/digilead/digilead/assessment/workshop/workshoptest"
	"github.com/digilead/digilead/questions"
)

// TestStopWaitsForThoseAnswering: Stop(false) turns newcomers away, waits
// for a participant still answering to finish, and then ends the server
// with the room's final status; Stop(true) ends a session mid-page at once,
// its draft kept.
func TestStopWaitsForThoseAnswering(t *testing.T) {
	b := questions.Default()
	s := start(t, nil)
	p := join(t, s, "ann", workshoptest.Options{})
	_, err := p.Welcome("Ann", wait)
	must(t, err)
	stopped := make(chan struct{})
	var final struct{ finished, connected int }
	go func() {
		st := s.Stop(false)
		final.finished, final.connected = st.Finished, st.Connected
		close(stopped)
	}()
	select {
	case <-stopped:
		t.Fatal("Stop returned while a participant was answering")
	case <-time.After(300 * time.Millisecond):
	}
	late := join(t, s, "bob", workshoptest.Options{})
	_, err = late.WaitFor("takes no new participants", wait)
	must(t, err)
	finish(t, p, b, 1, map[string]questions.Value{})
	p.Close() // shutdown waits up to 10 s for open connections
	late.Close()
	select {
	case <-stopped:
	case <-time.After(wait):
		t.Fatal("Stop did not return after the last participant finished")
	}
	if final.finished != 1 || final.connected != 0 {
		t.Errorf("final status: %d finished, %d connected; want 1, 0", final.finished, final.connected)
	}

	now := start(t, nil)
	q := join(t, now, "cat", workshoptest.Options{})
	_, err = q.Welcome("Cat", wait)
	must(t, err)
	done := make(chan struct{})
	go func() { now.Stop(true); close(done) }()
	select {
	case <-done:
	case <-time.After(wait):
		t.Fatal("Stop(true) waited for a participant")
	}
	must(t, q.WaitEnd(wait))
}
