package store_test

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"sync"
	"testing"
	"time"

	"github.com/digilead/digilead/assessment"
	"github.com/digilead/digilead/assessment/store"
	"github.com/digilead/digilead/questions"
	"github.com/digilead/digilead/questions/errtext"
)

func env(m map[string]string) func(string) string { return func(k string) string { return m[k] } }

func result(at time.Time, bank string) *assessment.Result {
	score := 50.0
	return &assessment.Result{
		Schema: assessment.ResultSchema, Bank: assessment.BankRef{ID: bank, Version: "1", Digest: "sha256:00"},
		CompletedAt: at,
		Answers:     map[string]questions.Value{"q": questions.IntValue(3)},
		Dimensions:  []assessment.DimensionScore{{ID: "d", Name: "D", Score: &score, Status: "scored"}},
		Tiers:       []assessment.TierResult{{ID: "t", Name: "T", Rank: 1}},
		Target:      assessment.TierRef{ID: "t", Name: "T", Rank: 1},
	}
}

func TestResultsAreSavedPrivatelyAndListedNewestFirst(t *testing.T) {
	s := &store.Store{Dir: filepath.Join(t.TempDir(), "digilead")}
	if entries, err := s.Results(); err != nil || len(entries) != 0 {
		t.Fatalf("empty store: %v %v", entries, err)
	}
	t0 := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	var paths []string
	for _, at := range []time.Time{t0, t0.Add(48 * time.Hour), t0} { // the third collides with the first
		p, err := s.SaveResult(result(at, "b"))
		if err != nil {
			t.Fatal(err)
		}
		paths = append(paths, p)
	}
	if paths[0] == paths[2] {
		t.Fatal("a second result at the same second overwrote the first")
	}
	if runtime.GOOS != "windows" {
		info, _ := os.Stat(paths[0])
		dir, _ := os.Stat(filepath.Dir(paths[0]))
		if info.Mode().Perm() != 0o600 || dir.Mode().Perm() != 0o700 {
			t.Errorf("modes %v %v, want 0600 files in a 0700 directory", info.Mode().Perm(), dir.Mode().Perm())
		}
	}
	os.WriteFile(filepath.Join(s.Dir, "results", "junk.json"), []byte("{"), 0o600)
	entries, err := s.Results()
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) != 4 || entries[0].Path != paths[1] || entries[0].Result == nil {
		t.Fatalf("newest first: got %+v", entries)
	}
	bad := 0
	for _, e := range entries {
		if e.Err != nil {
			bad++
			if !errors.Is(e.Err, errtext.ErrInvalid) {
				t.Errorf("a damaged file should be an input error: %v", e.Err)
			}
		}
	}
	if bad != 1 {
		t.Errorf("%d damaged entries, want 1", bad)
	}
	// No temporary files are left behind.
	left, _ := filepath.Glob(filepath.Join(s.Dir, "results", ".*"))
	if len(left) != 0 {
		t.Errorf("temporary files left: %v", left)
	}
}

func TestDraftRoundTrip(t *testing.T) {
	s := &store.Store{Dir: t.TempDir()}
	if _, err := s.LoadDraft("b"); !errors.Is(err, store.ErrNoDraft) {
		t.Fatalf("no draft: %v", err)
	}
	d := &store.Draft{Bank: assessment.BankRef{ID: "b"}, Page: 3, Respondent: questions.Respondent{Name: "Sam"},
		Answers: map[string]questions.Value{"x": questions.OptionsValue("a", "b"), "y": questions.NA}}
	path, err := s.SaveDraft(d)
	if err != nil {
		t.Fatal(err)
	}
	if info, _ := os.Stat(path); runtime.GOOS != "windows" && info.Mode().Perm() != 0o600 {
		t.Errorf("draft mode %v", info.Mode().Perm())
	}
	got, err := s.LoadDraft("b")
	if err != nil {
		t.Fatal(err)
	}
	if got.Page != 3 || got.Respondent.Name != "Sam" || got.Answers["x"].Opts[1] != "b" || got.Answers["y"].Kind != questions.NotApplicable {
		t.Errorf("draft came back as %+v", got)
	}
	if err := s.RemoveDraft("b"); err != nil {
		t.Fatal(err)
	}
	if err := s.RemoveDraft("b"); err != nil {
		t.Errorf("removing a missing draft: %v", err)
	}
	os.WriteFile(s.DraftPath("c"), []byte("{not json"), 0o600)
	if _, err := s.LoadDraft("c"); err == nil || !errors.Is(err, errtext.ErrInvalid) {
		t.Errorf("damaged draft: %v", err)
	}
}

// TestConcurrentSavesInOneSecondKeepEveryResult: results finished in the
// same second, saved at once (a workshop server, two terminals), each get
// a file of their own.
func TestConcurrentSavesInOneSecondKeepEveryResult(t *testing.T) {
	s := &store.Store{Dir: t.TempDir()}
	at := time.Date(2026, 11, 29, 10, 0, 0, 0, time.UTC)
	const n = 16
	var wg sync.WaitGroup
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			r := result(at, "b")
			r.Respondent.ID = fmt.Sprint(i)
			if _, err := s.SaveResult(r); err != nil {
				t.Error(err)
			}
		}()
	}
	wg.Wait()
	entries, err := s.Results()
	if err != nil || len(entries) != n {
		t.Fatalf("%d results kept of %d saved (%v)", len(entries), n, err)
	}
	ids := map[string]bool{}
	for _, e := range entries {
		ids[e.Result.Respondent.ID] = true
	}
	if len(ids) != n {
		t.Errorf("%d distinct respondents kept of %d", len(ids), n)
	}
}
