package workshop

import (
	"errors"
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
	// lock claims the token's draft for one connection.
	lock func() (unlock func(), err error)
	// saved and drafted are told about a saved result and a kept draft.
	saved   func(path string)
	drafted func(d *store.Draft)
}

// LockDraft claims the participant's draft for this connection.
func (p *participantStore) LockDraft(string) (func(), error) { return p.lock() }

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
	if err := store.WriteDraft(path, d); err != nil {
		return "", err
	}
	if p.drafted != nil {
		p.drafted(d)
	}
	return path, nil
}

// RemoveDraft deletes the participant's draft; none is not an error.
func (p *participantStore) RemoveDraft(bankID string) error {
	err := os.Remove(p.DraftPath(bankID))
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	return err
}

// SaveResult saves the result in the results directory under a name no
// other result has, with a random respondent id (never the token).
func (p *participantStore) SaveResult(r *assessment.Result) (string, error) {
	if r.Respondent.ID == "" {
		r.Respondent.ID = newRespondentID()
	}
	path, err := store.WriteResult(p.dir, r.CompletedAt.UTC().Format("2006-01-02T150405Z")+"-"+tokenTag(p.token), r)
	if err == nil && p.saved != nil {
		p.saved(path)
	}
	return path, err
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
