package inputs

import (
	"errors"
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
