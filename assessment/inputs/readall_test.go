package inputs

import (
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/digilead/digilead/questions/errtext"
)

func TestReadingADirectoryIsInvalidAndSaysWhatToGive(t *testing.T) {
	dir := t.TempDir()
	tests := []struct {
		name string
		read func() error
		want string
	}{
		{"ReadAll", func() error { _, _, err := ReadAll(dir, nil); return err }, dir + " is a directory; give a file"},
		{"ReadResult", func() error { _, err := ReadResult(dir, nil); return err }, dir + " is a directory; give a result file (FILE.json"},
		{"ReadResultOrPlan", func() error { _, _, err := ReadResultOrPlan(dir, nil); return err }, dir + " is a directory; give a result or plan file"},
	}
	for _, tc := range tests {
		err := tc.read()
		if err == nil || !errors.Is(err, errtext.ErrInvalid) || !strings.HasPrefix(err.Error(), tc.want) {
			t.Errorf("%s: %v (invalid input: %v), want %q…, invalid input", tc.name, err, errors.Is(err, errtext.ErrInvalid), tc.want)
		}
	}
}

func TestOpenNotesAnEmptyFile(t *testing.T) {
	dir := t.TempDir()
	empty, full := filepath.Join(dir, "empty.json"), filepath.Join(dir, "full.json")
	os.WriteFile(empty, nil, 0o600)
	os.WriteFile(full, []byte("{}\n"), 0o600)
	for _, paths := range [][]string{{empty, full}, {dir}} {
		set, err := Open(paths, nil, false, "x")
		if err != nil {
			t.Fatal(err)
		}
		if want := []string{empty + ": empty, skipped"}; !slices.Equal(set.Notes(), want) || len(set.Inputs) != 1 || set.Inputs[0].Name != full {
			t.Errorf("%q: notes %q, inputs %v; want %q and only %s read", paths, set.Notes(), set.Inputs, want, full)
		}
		set.Close()
	}
}
