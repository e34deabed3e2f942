package workshop

import (
	"context"
	"time"
)

// shutdownLimit is how long Stop waits for open connections (fetches) to
// end before it closes them.
const shutdownLimit = 10 * time.Second

// Stop ends the workshop and returns the room's final status. Unless now,
// it first turns newcomers away and waits until nobody is answering
// (drain; the caller's second signal ends the process sooner): those who
// finished and are reading their report are not waited for (one who
// finished less than ReportGrace ago has that long to read), but told the
// workshop is ending, with how to take their copy, and their report
// closed (EndReports). Then it stops listening and gives open
// connections up to ten seconds to end (shutdown). Then, or at once when
// now, it closes every connection (close). Drafts are kept either way:
// participants resume when the server is started again.
func (s *Server) Stop(now bool) Status {
	if !now {
		s.Drain()
		<-s.Idle()
		// Someone who has just finished has a moment to read their
		// report; a report open longer is not waited for.
		s.waitForReaders()
		s.EndReports()
		ctx, cancel := context.WithTimeout(context.Background(), shutdownLimit)
		s.Shutdown(ctx)
		cancel()
	}
	s.Close()
	return s.Status()
}

// waitForReaders waits until whoever finished last has had ReportGrace
// to read their report or has left (readingUntil, looked at every tenth
// of a second), or the server is closed.
func (s *Server) waitForReaders() {
	for time.Now().Before(s.readingUntil()) {
		select {
		case <-s.stop:
			return
		case <-time.After(100 * time.Millisecond):
		}
	}
}
