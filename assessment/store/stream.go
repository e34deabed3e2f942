package store

import (
	"errors"
	"os"
	"path/filepath"
	"syscall"
)

// AtomicFile is a file being written in place of path: it appears there,
// complete, only on Commit, so a reader (or a crash) never sees a partial
// file. WriteFileAtomic uses it for data already in memory.
type AtomicFile struct {
	*os.File
	path string
}

// CreateAtomic starts writing path through a temporary file in the same
// directory with mode perm. Call Commit to put it in place, or Abort.
func CreateAtomic(path string, perm os.FileMode) (*AtomicFile, error) {
	if info, err := os.Stat(path); err == nil && info.IsDir() {
		return nil, &os.PathError{Op: "write", Path: path, Err: syscall.EISDIR}
	}
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
		var le *os.LinkError
		if errors.As(err, &le) {
			err = le.Err // the temporary name means nothing to the reader
		}
		return &os.PathError{Op: "rename into place", Path: f.path, Err: err}
	}
	return nil
}

// Abort removes the temporary file; path is left as it was.
func (f *AtomicFile) Abort() {
	f.Close()
	os.Remove(f.Name())
}
