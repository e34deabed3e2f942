package store_test

import (
	"errors"
	"os"
	"testing"
	"time"

	"github.com/digilead/digilead/assessment/feedback"
	"github.com/digilead/digilead/assessment/store"
)

func TestRoundsAreKeptPrivately(t *testing.T) {
	s := &store.Store{Dir: t.TempDir()}
	id := "abcdefghijklmnopqrstuvwxyz"
	if _, err := s.LoadRound(id); !errors.Is(err, store.ErrNoRound) {
		t.Fatalf("LoadRound of none = %v", err)
	}
	r := &feedback.Round{Schema: feedback.RoundSchema, Round: id, Subject: "Sam", Bank: feedback.BankRef{ID: "b", Version: "1"}, Roles: feedback.Roles, CreatedAt: time.Unix(0, 0).UTC()}
	path, err := s.SaveRound(r)
	if err != nil {
		t.Fatal(err)
	}
	if info, err := os.Stat(path); err != nil || info.Mode().Perm() != 0o600 {
		t.Errorf("round file %s: %v, mode %v", path, err, info.Mode())
	}
	back, err := s.LoadRound(id)
	if err != nil || back.Subject != "Sam" || back.Round != id {
		t.Errorf("LoadRound = %+v, %v", back, err)
	}
}
