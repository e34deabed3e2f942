package workshop

import (
	"errors"
	"fmt"
	"maps"
	"slices"
	"time"

	"github.com/digilead/digilead/assessment"
)

// unsaved is a result that could not be saved (the results folder is
// full or cannot be written): it is kept in memory, its draft (with every
// answer) stays on disk, and saving is tried again every RetryEvery until
// it works or the server stops. A participant who comes back meanwhile
// sees their report, and that it is not saved yet.
type unsaved struct {
	n  int
	r  *assessment.Result
	st *participantStore
}

// keepUnsaved keeps a result that could not be saved, to try again.
func (s *Server) keepUnsaved(p *live, st *participantStore, r *assessment.Result) {
	if errors.Is(st.err, errReplaced) {
		return // the token's new connection goes on
	}
	s.mu.Lock()
	s.done(p)
	s.unsaved[st.token] = &unsaved{n: p.n, r: r, st: s.store(st.token)}
	s.mu.Unlock()
	s.notSaved(st, fmt.Sprintf("result not saved: %v; the draft is kept and saving is tried again every %v", st.err, s.cfg.RetryEvery))
}

// notSaved tells the trainer which participant's draft or result could
// not be written, and why: their token is in the log (never on the
// dashboard), so that the trainer can find the draft.
func (s *Server) notSaved(st *participantStore, detail string) {
	s.mu.Lock()
	n := 0
	if pe := s.people[st.token]; pe != nil {
		n = pe.n
	}
	s.mu.Unlock()
	s.emit(Event{Kind: NotSaved, Participant: n, Token: st.token, Pages: s.pages, Detail: safe(detail)})
}

// retry tries to save the unsaved results every RetryEvery until Close.
func (s *Server) retry() {
	t := time.NewTicker(s.cfg.RetryEvery)
	defer t.Stop()
	for {
		select {
		case <-s.stop:
			return
		case <-t.C:
			s.saveUnsaved()
		}
	}
}

// saveUnsaved tries once to save each result not saved yet; those saved
// count as finished, and their drafts go.
func (s *Server) saveUnsaved() {
	s.mu.Lock()
	pending := slices.Collect(maps.Values(s.unsaved))
	s.mu.Unlock()
	for _, u := range pending {
		path, err := u.st.SaveResult(u.r)
		if err != nil {
			continue
		}
		u.st.RemoveDraft(s.cfg.Bank.ID)
		s.mu.Lock()
		delete(s.unsaved, u.st.token)
		s.addResult(path)
		s.summarise()
		s.mu.Unlock()
		s.emit(Event{Kind: Finished, Participant: u.n, Pages: s.pages, Detail: "saved on retry"})
	}
}
