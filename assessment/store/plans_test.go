package store_test

import (
	"os"
	"path/filepath"
	"runtime"
	"testing"
	"time"

	"github.com/digilead/digilead/assessment/plan"
	"github.com/digilead/digilead/assessment/store"
)

func TestPlansAreSavedPrivatelyBesideResults(t *testing.T) {
	s := &store.Store{Dir: filepath.Join(t.TempDir(), "digilead")}
	if entries, err := s.Plans(); err != nil || len(entries) != 0 {
		t.Fatalf("empty store: %v %v", entries, err)
	}
	t0 := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	var paths []string
	for _, at := range []time.Time{t0, t0.Add(time.Hour), t0} {
		p, err := s.SavePlan(plan.New(result(t0, "b"), plan.Options{Now: at}))
		if err != nil {
			t.Fatal(err)
		}
		paths = append(paths, p)
	}
	if paths[0] == paths[2] || filepath.Dir(paths[0]) != filepath.Join(s.Dir, "plans") {
		t.Fatalf("plans at %v: want each its own file in %s", paths, filepath.Join(s.Dir, "plans"))
	}
	if runtime.GOOS != "windows" {
		if info, _ := os.Stat(paths[0]); info.Mode().Perm() != 0o600 {
			t.Errorf("mode %v, want 0600", info.Mode().Perm())
		}
	}
	os.WriteFile(filepath.Join(s.Dir, "plans", "junk.json"), []byte("{"), 0o600)
	entries, err := s.Plans()
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) != 4 || entries[0].Path != paths[1] || entries[0].Plan == nil || entries[3].Err == nil {
		t.Fatalf("newest first, the damaged one last: %+v", entries)
	}
	// A plan is not a result: the results are not disturbed by plans.
	if rs, _ := s.Results(); len(rs) != 0 {
		t.Errorf("plans listed among results: %+v", rs)
	}
}
