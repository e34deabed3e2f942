package store

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"github.com/digilead/digilead/assessment/feedback"
	"github.com/digilead/digilead/questions/atomicfile"
	"github.com/digilead/digilead/questions/errtext"
)

func (s *Store) roundsDir() string { return filepath.Join(s.Dir, "rounds") }

// RoundPath is where the round of id is kept.
func (s *Store) RoundPath(id string) string {
	return filepath.Join(s.roundsDir(), safeName(id)+".json")
}

// SaveRound keeps a feedback round in the data directory (rounds/ID.json,
// mode 0600, written atomically) and returns its path.
func (s *Store) SaveRound(r *feedback.Round) (string, error) {
	if err := ensureDir(s.roundsDir()); err != nil {
		return "", err
	}
	data, err := json.MarshalIndent(r, "", "  ")
	if err != nil {
		return "", err
	}
	path := s.RoundPath(r.Round)
	if err := atomicfile.WriteFile(path, append(data, '\n'), 0o600); err != nil {
		return "", fmt.Errorf("save round in %s: %w", s.roundsDir(), errtext.WithoutPath(err))
	}
	return path, nil
}

// ErrNoRound means no round of that id is kept here.
var ErrNoRound = errors.New("no such round")

// LoadRound reads the round of id kept in the data directory; ErrNoRound
// when there is none.
func (s *Store) LoadRound(id string) (*feedback.Round, error) {
	path := s.RoundPath(id)
	data, err := readResult(path)
	if errors.Is(err, os.ErrNotExist) {
		return nil, ErrNoRound
	}
	if err != nil {
		return nil, fmt.Errorf("round %s: %w", path, err)
	}
	r, err := feedback.DecodeRound(data)
	if err != nil {
		return nil, fmt.Errorf("round %s: %w", path, err)
	}
	return r, nil
}

// WriteFeedback writes an observer's feedback into dir as WriteResult
// writes a result: under a name of its own, complete or not at all, mode
// 0600. It returns the path.
func WriteFeedback(dir, base string, f *feedback.Feedback) (string, error) {
	return writeNew(dir, base, f, "feedback")
}
