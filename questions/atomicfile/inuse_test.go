package atomicfile

import (
	"errors"
	"io/fs"
	"strings"
	"syscall"
	"testing"
)

// TestInUse: on Windows, a refused replacement says the file may be open
// in another program; elsewhere, and for other errors, the error is left
// as it is.
func TestInUse(t *testing.T) {
	tests := []struct {
		goos string
		err  error
		hint bool
	}{
		{"windows", fs.ErrPermission, true},
		{"windows", &fs.PathError{Op: "rename", Path: "x", Err: fs.ErrPermission}, true},
		{"windows", syscall.ENOSPC, false},
		{"linux", fs.ErrPermission, false},
		{"darwin", fs.ErrPermission, false},
	}
	for _, tc := range tests {
		got := inUse(tc.goos, tc.err)
		if !errors.Is(got, tc.err) {
			t.Errorf("%s, %v: the cause is lost: %v", tc.goos, tc.err, got)
		}
		if hint := strings.Contains(got.Error(), "open in another program"); hint != tc.hint {
			t.Errorf("%s, %v: %q, hint %v, want %v", tc.goos, tc.err, got, hint, tc.hint)
		}
	}
}
