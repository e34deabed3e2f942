package workshop

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"

	"github.com/digilead/digilead/assessment"
	"github.com/digilead/digilead/assessment/store"
	"github.com/digilead/digilead/questions/errtext"
)

// draftsDir is where the drafts of a results directory are kept. Its name
// starts with a dot, so cohort and score, reading the directory, pass it
// over: drafts are not results.
const draftsDir = ".drafts"

// participantStore keeps one participant's draft and result in the
// workshop's results directory: the draft as .drafts/TOKEN.json, the
// result as COMPLETED-TAG.json, where TAG is derived from the token
// (tokenTag) without giving it away. It implements session.Store.
type participantStore struct {
	dir   string
	token string
	s     *Server
	// owner is the questionnaire writing: once another connection took
	// the token over, it writes nothing any more. nil writes always (the
	// server saving a result again).
	owner *live
	// drafted is told about a kept draft.
	drafted func(d *store.Draft)
	// err is the error of the last result that could not be saved.
	err error
}

// errReplaced is the error of a write by a questionnaire whose token
// another connection took over.
var errReplaced = errors.New("the questionnaire was opened again from another connection")

// storeError is a draft or result the workshop could not write: the
// participant is told so in their words, without the server's paths;
// the trainer's log has the error.
type storeError struct {
	result bool // a result, else a draft
	err    error
}

func (e *storeError) Error() string { return e.err.Error() }
func (e *storeError) Unwrap() error { return e.err }

// write runs a write of the token's files under its lock, while owner
// still owns the token.
func (p *participantStore) write(f func() error) error {
	lock := p.s.tokenLock(p.token)
	lock.Lock()
	defer lock.Unlock()
	if p.owner != nil {
		p.s.mu.Lock()
		owns := p.s.live[p.token] == p.owner
		p.s.mu.Unlock()
		if !owns {
			return errReplaced
		}
	}
	return f()
}

// LockDraft claims the participant's draft: enter keeps one connection
// per token, and write makes sure a replaced one writes nothing.
func (p *participantStore) LockDraft(string) (func(), error) { return func() {}, nil }

// DraftPath is the participant's draft.
func (p *participantStore) DraftPath(string) string {
	return filepath.Join(p.dir, draftsDir, p.token+".json")
}

// LoadDraft reads the participant's draft.
func (p *participantStore) LoadDraft(bankID string) (*store.Draft, error) {
	return store.ReadDraft(p.DraftPath(bankID))
}

// SaveDraft keeps the participant's answers so far.
func (p *participantStore) SaveDraft(d *store.Draft) (string, error) {
	path := p.DraftPath(d.Bank.ID)
	err := p.write(func() error { return store.WriteDraft(path, d) })
	if errors.Is(err, errReplaced) {
		return "", err
	}
	if err != nil {
		p.s.notSaved(p, fmt.Sprintf("draft not saved (page %d): %v; the participant's answers of earlier pages are kept", d.Page, err))
		return "", &storeError{err: err}
	}
	if p.drafted != nil {
		p.drafted(d)
	}
	return path, nil
}

// RemoveDraft deletes the participant's draft; none is not an error, and
// one that cannot be removed is the trainer's to know, not the
// participant's (their result is saved).
func (p *participantStore) RemoveDraft(bankID string) error {
	err := p.write(func() error { return os.Remove(p.DraftPath(bankID)) })
	if err != nil && !errors.Is(err, os.ErrNotExist) && !errors.Is(err, errReplaced) {
		p.s.emit(Event{Kind: Refused, Detail: "could not remove a finished draft: " + safe(err.Error())})
	}
	return nil
}

// SaveResult saves the result in the results directory under a name no
// other result has, with a random respondent id (never the token).
func (p *participantStore) SaveResult(r *assessment.Result) (string, error) {
	if r.Respondent.ID == "" {
		r.Respondent.ID = newRespondentID()
	}
	var path string
	err := p.write(func() (err error) {
		path, err = p.s.writeResult(p.dir, r.CompletedAt.UTC().Format("2006-01-02T150405Z")+"-"+tokenTag(p.token), r)
		return err
	})
	p.err = err
	if errors.Is(err, errReplaced) {
		return "", err
	}
	if err != nil {
		return "", &storeError{result: true, err: err}
	}
	return path, nil
}

// hasDraft reports whether the participant has a draft to resume.
func (p *participantStore) hasDraft() bool {
	_, err := os.Stat(p.DraftPath(""))
	return err == nil
}

// result finds the participant's latest result: its path, "" for none.
func (p *participantStore) result() string {
	tag := tokenTag(p.token)
	var found []string
	for _, pattern := range []string{"*-" + tag + ".json", "*-" + tag + "-*.json"} {
		m, _ := filepath.Glob(filepath.Join(p.dir, pattern))
		found = append(found, m...)
	}
	if len(found) == 0 {
		return ""
	}
	slices.Sort(found) // names start with the completion time
	return found[len(found)-1]
}

// loadResult reads and checks the participant's result.
func (p *participantStore) loadResult() (*assessment.Result, []byte, error) {
	path := p.result()
	if path == "" {
		return nil, nil, os.ErrNotExist
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, nil, errtext.WithoutPath(err)
	}
	r, err := assessment.DecodeResult(data)
	return r, data, err
}
