package errtext_test

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"testing"

	"github.com/digilead/digilead/questions/errtext"
)

func TestInvalidf(t *testing.T) {
	err := errtext.Invalidf("bank %s: empty", "x.yaml")
	if err.Error() != "bank x.yaml: empty" || !errors.Is(err, errtext.ErrInvalid) {
		t.Errorf("Invalidf = %q, is ErrInvalid %v", err, errors.Is(err, errtext.ErrInvalid))
	}
	if wrapped := fmt.Errorf("read: %w", err); !errors.Is(wrapped, errtext.ErrInvalid) {
		t.Error("a wrapped input error is no longer one")
	}
	if errors.Is(errors.New("other"), errtext.ErrInvalid) {
		t.Error("any error is an input error")
	}
}

func TestWithoutPath(t *testing.T) {
	plain := errors.New("plain")
	_, missing := os.Open(filepath.Join(t.TempDir(), "missing.yaml"))
	tests := []struct {
		name     string
		err      error
		want     string
		notExist bool
	}{
		{"missing file", missing, "no such file or directory", true},
		{"missing, wrapped", fmt.Errorf("read: %w", &fs.PathError{Op: "open", Path: "x.yaml", Err: fs.ErrNotExist}), "no such file or directory", true},
		{"other cause", &fs.PathError{Op: "open", Path: "x.yaml", Err: fs.ErrPermission}, "permission denied", false},
		{"not a path error", plain, "plain", false},
	}
	for _, tc := range tests {
		got := errtext.WithoutPath(tc.err)
		if got.Error() != tc.want || errors.Is(got, fs.ErrNotExist) != tc.notExist {
			t.Errorf("%s: WithoutPath = %q (not exist: %v), want %q (%v)", tc.name, got, errors.Is(got, fs.ErrNotExist), tc.want, tc.notExist)
		}
	}
}

func TestPlural(t *testing.T) {
	for n, want := range map[int]string{0: "people", 1: "person", 2: "people", -1: "people"} {
		if got := errtext.Plural(n, "person", "people"); got != want {
			t.Errorf("Plural(%d) = %q, want %q", n, got, want)
		}
	}
}

func TestSuggest(t *testing.T) {
	tests := []struct {
		s          string
		candidates []string
		want       string
	}{
		{"asess", []string{"assess", "score", "cohort"}, ` (did you mean "assess"?)`},
		{"strategc", []string{"frontline", "operational", "strategic"}, ` (did you mean "strategic"?)`},
		{"xyz", []string{"assess", "score"}, ""},
		{"", nil, ""},
		{"score", []string{"scare", "score"}, ` (did you mean "score"?)`},
		{string(make([]byte, 65)), []string{string(make([]byte, 65))}, ""},
	}
	for _, tc := range tests {
		if got := errtext.Suggest(tc.s, tc.candidates); got != tc.want {
			t.Errorf("Suggest(%q, %q) = %q, want %q", tc.s, tc.candidates, got, tc.want)
		}
	}
}
