//go:build unix || windows

package store_test

import (
	"errors"
	"testing"

	"github.com/digilead/digilead/assessment/store"
)

// TestLockDraftRefusesASecondQuestionnaire: where the system can lock a
// file (flock on Unix, LockFileEx on Windows), a second questionnaire of
// the same bank is refused while the first runs, another bank is not, and
// the lock is free again once released.
func TestLockDraftRefusesASecondQuestionnaire(t *testing.T) {
	s := &store.Store{Dir: t.TempDir()}
	unlock, err := s.LockDraft("b")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.LockDraft("b"); !errors.Is(err, store.ErrDraftInUse) {
		t.Fatalf("a second lock of the same draft: %v, want ErrDraftInUse", err)
	}
	other, err := s.LockDraft("c")
	if err != nil {
		t.Fatalf("another bank's draft: %v", err)
	}
	other()
	unlock()
	again, err := s.LockDraft("b")
	if err != nil {
		t.Fatalf("after unlock: %v", err)
	}
	again()
}
