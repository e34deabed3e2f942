package store

import (
	"fmt"
	"os"
	"path/filepath"
)

// AtomicFile is a file being written in place of path: it appears there,
// complete, only on Commit. It is WriteFileAtomic for output too large to
// hold in memory.
type AtomicFile struct {
	*os.File
	path string
}

// CreateAtomic starts writing path through a temporary file in the same
// directory with mode perm. Call Commit to put it in place, or Abort.
func CreateAtomic(path string, perm os.FileMode) (*AtomicFile, error) {
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".tmp-*")
	if err != nil {
		return nil, err
	}
	f := &AtomicFile{File: tmp, path: path}
	if err := tmp.Chmod(perm); err != nil {
		f.Abort()
		return nil, err
	}
	return f, nil
}

// Commit syncs the file and renames it into place; on failure the
// temporary file is removed.
func (f *AtomicFile) Commit() (err error) {
	defer func() {
		if err != nil {
			f.Abort()
		}
	}()
	if err = f.Sync(); err != nil {
		return err
	}
	if err = f.Close(); err != nil {
		return err
	}
	if err = os.Rename(f.Name(), f.path); err != nil {
		return fmt.Errorf("rename into place: %w", err)
	}
	return nil
}

// Abort removes the temporary file; path is left as it was.
func (f *AtomicFile) Abort() {
	f.Close()
	os.Remove(f.Name())
}
