// Package store keeps digilead's personal data on disk: drafts of
// unfinished assessments and saved results, in the XDG data directory,
// written atomically with mode 0600.
package store

import (
	"fmt"
	"os"
	"path/filepath"
)

// WriteFileAtomic writes data to path through a temporary file in the same
// directory and a rename, so a reader (or a crash) never sees a partial
// file. The file gets mode perm.
func WriteFileAtomic(path string, data []byte, perm os.FileMode) error {
	f, err := CreateAtomic(path, perm)
	if err != nil {
		return err
	}
	if _, err := f.Write(data); err != nil {
		f.Abort()
		return err
	}
	return f.Commit()
}

// AtomicFile is a file being written in place of path: it appears there,
// complete, only on Commit.
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

// Commit syncs the file and renames it into place.
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
