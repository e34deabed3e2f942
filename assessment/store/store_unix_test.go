//go:build unix

package store_test

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/digilead/digilead/assessment/store"
	"github.com/digilead/digilead/questions"
)

// TestResultsSkipsWhatIsNotAResultFile: a FIFO would block history for
// ever and a link to /dev/zero would read without end; both are listed
// as skipped without being read.
func TestResultsSkipsWhatIsNotAResultFile(t *testing.T) {
	s := &store.Store{Dir: t.TempDir()}
	if _, err := s.SaveResult(result(time.Now().UTC(), "b")); err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(s.Dir, "results")
	if err := syscall.Mkfifo(filepath.Join(dir, "fifo.json"), 0o600); err != nil {
		t.Skip("no FIFOs here:", err)
	}
	os.Symlink("/dev/zero", filepath.Join(dir, "zero.json"))
	big := make([]byte, questions.MaxFileSize+1)
	os.WriteFile(filepath.Join(dir, "big.json"), big, 0o600)
	entries, err := s.Results()
	if err != nil {
		t.Fatal(err)
	}
	skipped := 0
	for _, e := range entries {
		if e.Err != nil {
			skipped++
			if !strings.Contains(e.Err.Error(), "not a regular file") && !strings.Contains(e.Err.Error(), "limit") {
				t.Errorf("%s: %v", e.Path, e.Err)
			}
		}
	}
	if len(entries) != 4 || skipped != 3 {
		t.Errorf("%d entries, %d skipped", len(entries), skipped)
	}
}
