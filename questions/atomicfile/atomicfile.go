// Package atomicfile writes files so that they appear whole or not at all:
// through a temporary file in the same directory, synced and renamed into
// place.
package atomicfile

import (
	"errors"
	"os"
	"path/filepath"
	"syscall"
)

// File is a file being written in place of path: it appears there,
// complete, only on Commit, so a reader (or a crash) never sees a partial
// file. WriteFile uses it for data already in memory.
type File struct {
	*os.File
	path string
}

// Create starts writing path through a temporary file in the same
// directory with mode perm. Call Commit to put it in place, or Abort.
func Create(path string, perm os.FileMode) (*File, error) {
	if info, err := os.Stat(path); err == nil && info.IsDir() {
		return nil, &os.PathError{Op: "write", Path: path, Err: syscall.EISDIR}
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".tmp-*")
	if err != nil {
		return nil, err
	}
	f := &File{File: tmp, path: path}
	if err := tmp.Chmod(perm); err != nil {
		f.Abort()
		return nil, err
	}
	return f, nil
}

// Commit syncs the file and renames it into place; on failure the
// temporary file is removed.
func (f *File) Commit() (err error) {
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
func (f *File) Abort() {
	f.Close()
	os.Remove(f.Name())
}

// WriteFile writes data to path through a temporary file in the same
// directory and a rename, so a reader (or a crash) never sees a partial
// file. The file gets mode perm.
func WriteFile(path string, data []byte, perm os.FileMode) error {
	f, err := Create(path, perm)
	if err != nil {
		return err
	}
	if _, err := f.Write(data); err != nil {
		f.Abort()
		return err
	}
	return f.Commit()
}
