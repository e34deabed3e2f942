package store

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"github.com/digilead/digilead/assessment"
	"github.com/digilead/digilead/questions"
	"github.com/digilead/digilead/questions/atomicfile"
	"github.com/digilead/digilead/questions/errtext"
)

// WriteResult writes a result into dir (created 0700 if missing) under
// base.json, or base-2.json, base-3.json … when the name is taken: each
// result claims its own name atomically and never replaces another. The
// file is complete when it appears, mode 0600. It returns the path.
func WriteResult(dir, base string, r *assessment.Result) (string, error) {
	return writeNew(dir, base, r, "result")
}

// writeNew writes v as indented JSON into dir (created 0700 if missing)
// under a name of its own (see WriteResult); what names v in an error.
func writeNew(dir, base string, v any, what string) (string, error) {
	if err := ensureDir(dir); err != nil {
		return "", err
	}
	data, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		return "", err
	}
	path, err := atomicfile.WriteNew(dir, func(i int) string {
		if i == 1 {
			return base + ".json"
		}
		return fmt.Sprintf("%s-%d.json", base, i)
	}, append(data, '\n'), 0o600)
	if err != nil {
		return "", fmt.Errorf("save %s in %s: %w", what, dir, errtext.WithoutPath(err))
	}
	return path, nil
}

// WriteDraft writes a draft to path atomically with mode 0600, creating
// its directory (0700) if missing.
func WriteDraft(path string, d *Draft) error {
	dir := filepath.Dir(path)
	if err := ensureDir(dir); err != nil {
		return err
	}
	d.Schema = DraftSchema
	data, err := json.MarshalIndent(d, "", "  ")
	if err != nil {
		return err
	}
	if err := atomicfile.WriteFile(path, append(data, '\n'), 0o600); err != nil {
		return fmt.Errorf("save draft in %s: %w", dir, errtext.WithoutPath(err))
	}
	return nil
}

// ReadDraft reads the draft at path; ErrNoDraft when there is none.
func ReadDraft(path string) (*Draft, error) {
	data, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) {
		return nil, ErrNoDraft
	}
	if err != nil {
		return nil, fmt.Errorf("read draft %s: %w", path, errtext.WithoutPath(err))
	}
	var d Draft
	if err := json.Unmarshal(data, &d); err != nil {
		return nil, errtext.Invalidf("draft %s is damaged (%v); delete it to start again", path, err)
	}
	if err := assessment.CheckSchema(d.Schema, DraftSchema); err != nil {
		return nil, fmt.Errorf("draft %s: %w", path, err)
	}
	if d.Answers == nil {
		d.Answers = map[string]questions.Value{}
	}
	return &d, nil
}
