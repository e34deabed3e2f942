package workshop_test

import (
	"strings"
	"testing"
	"time"

	"github.com/digilead/digilead/assessment/workshop"
	"github.com/digilead/digilead/assessment/workshop/workshoptest"
	"github.com/digilead/digilead/questions"
)

// TestStopWaitsForThoseAnswering: Stop(false) turns newcomers away, waits
// for a participant still answering to finish, and then ends the server
// with the room's final status; Stop(true) ends a session mid-page at once,
// its draft kept.
func TestStopWaitsForThoseAnswering(t *testing.T) {
	t.Parallel() // a server of its own on its own port
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

// TestStopDoesNotWaitForThoseReadingTheirReport: someone who finished and
// reads their report is not answering. Stop(false) waits for the one
// still answering only, and then, once the one who has just finished has
// had ReportGrace to read, closes every report, telling each reader that
// the workshop is ending and how to take their copy; with nobody
// answering, it waits no longer than that grace.
func TestStopDoesNotWaitForThoseReadingTheirReport(t *testing.T) {
	t.Parallel() // a server of its own on its own port
	b := questions.Default()
	// A short grace to read a report just finished (30 s by default).
	grace := func(c *workshop.Config) { c.ReportGrace = 300 * time.Millisecond }
	s := start(t, grace)
	reader := join(t, s, "ann", workshoptest.Options{})
	annToken := readReport(t, reader, b, "Ann")
	answering := join(t, s, "bob", workshoptest.Options{})
	bobToken, err := answering.Welcome("Bob", wait)
	must(t, err)

	stopped := make(chan struct{})
	go func() { s.Stop(false); close(stopped) }()
	select {
	case <-stopped:
		t.Fatal("Stop returned while a participant was answering")
	case <-time.After(300 * time.Millisecond):
	}
	if st := s.Status(); len(st.Pages) != 1 || st.Connected != 2 {
		t.Errorf("closing: %d answering, %d connected; want 1, 2", len(st.Pages), st.Connected)
	}
	if log := s.events.log(); !strings.Contains(log, "closing (1 still answering)") {
		t.Errorf("the log does not say 1 is still answering:\n%s", log)
	}
	for i := 1; i <= len(workshoptest.Pages(b)); i++ {
		must(t, answering.AnswerPage(b, i, map[string]questions.Value{}, wait))
	}
	// Bob's result is saved: nobody is answering, and both reports close.
	toldEnding(t, reader, annToken)
	toldEnding(t, answering, bobToken)
	select {
	case <-stopped:
	case <-time.After(5 * time.Second): // under shutdownLimit
		t.Fatalf("Stop did not return once nobody was answering:\n%s", s.events.log())
	}
	if st := s.Status(); st.Finished != 2 || st.Connected != 0 || st.Dropped != 0 {
		t.Errorf("final status: %d finished, %d connected, %d dropped; want 2, 0, 0", st.Finished, st.Connected, st.Dropped)
	}

	// Nobody answering: Stop closes the report and returns.
	alone := start(t, grace)
	last := join(t, alone, "cat", workshoptest.Options{})
	catToken := readReport(t, last, b, "Cat")
	stopped = make(chan struct{})
	go func() { alone.Stop(false); close(stopped) }()
	toldEnding(t, last, catToken)
	select {
	case <-stopped:
	case <-time.After(5 * time.Second):
		t.Fatalf("Stop waited for a participant reading their report:\n%s", alone.events.log())
	}
	if log := alone.events.log(); !strings.Contains(log, "closing (0 still answering)") {
		t.Errorf("the log does not say nobody is answering:\n%s", log)
	}
}

// readReport answers every page as name and waits for the report, where
// the participant stays; it returns their token.
func readReport(t *testing.T, p *workshoptest.Participant, b *questions.Bank, name string) string {
	t.Helper()
	token, err := p.Welcome(name, wait)
	must(t, err)
	for i := 1; i <= len(workshoptest.Pages(b)); i++ {
		must(t, p.AnswerPage(b, i, map[string]questions.Value{}, wait))
	}
	_, err = p.WaitFor("Your report", wait)
	must(t, err)
	return token
}

// toldEnding waits for the participant to be told the workshop is ending,
// with the line that fetches their result, and for their session to end;
// then their client closes the connection, as ssh does.
func toldEnding(t *testing.T, p *workshoptest.Participant, token string) {
	t.Helper()
	_, err := p.WaitFor("the workshop is ending", wait)
	must(t, err)
	_, err = p.WaitFor(" fetch "+token+" > my-result.json", wait)
	must(t, err)
	must(t, p.WaitEnd(wait))
	p.Close()
}
