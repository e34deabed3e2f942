// Package atomicfile writes files so that they appear whole or not at all:
// through a temporary file in the same directory, synced and renamed into
// place.
//
// Only regular files and new paths are replaced that way. A symbolic link
// is followed and its target replaced, so the link stays a link; a FIFO,
// device or socket is written in place, never replaced by a regular file.
package atomicfile

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"syscall"
)

// File is a file being written in place of path: it appears there,
// complete, only on Commit, so a reader (or a crash) never sees a partial
// file. WriteFile uses it for data already in memory.
type File struct {
	*os.File
	path string
	// inPlace is set for a FIFO or device, written directly.
	inPlace bool
}

// Resolve returns the file a write to path reaches: path itself, or the
// target of the symbolic link(s) it names.
func Resolve(path string) (string, error) {
	info, err := os.Lstat(path)
	if err != nil || info.Mode()&os.ModeSymlink == 0 {
		return path, nil // a new path, or not a link
	}
	target, err := filepath.EvalSymlinks(path)
	if err != nil {
		return "", &os.PathError{Op: "write", Path: path, Err: errors.New("a symbolic link to a file that does not exist")}
	}
	return target, nil
}

// Create starts writing path with mode perm: through a temporary file
// beside it (beside the link's target for a symbolic link), or directly
// for a FIFO or device. Call Commit to put it in place, or Abort.
func Create(path string, perm os.FileMode) (*File, error) {
	target, err := Resolve(path)
	if err != nil {
		return nil, err
	}
	if info, err := os.Stat(target); err == nil {
		switch {
		case info.IsDir():
			return nil, &os.PathError{Op: "write", Path: path, Err: syscall.EISDIR}
		case !info.Mode().IsRegular():
			f, err := os.OpenFile(target, os.O_WRONLY, 0)
			if err != nil {
				return nil, err
			}
			return &File{File: f, path: target, inPlace: true}, nil
		}
	}
	tmp, err := os.CreateTemp(filepath.Dir(target), "."+filepath.Base(target)+".tmp-*")
	if err != nil {
		return nil, err
	}
	f := &File{File: tmp, path: target}
	if err := tmp.Chmod(perm); err != nil {
		f.Abort()
		return nil, err
	}
	return f, nil
}

// Commit syncs the file and renames it into place; on failure the
// temporary file is removed.
func (f *File) Commit() error {
	return f.finish(func(tmp string) error {
		if err := os.Rename(tmp, f.path); err != nil {
			return &os.PathError{Op: "rename into place", Path: f.path, Err: inUse(runtime.GOOS, linkErr(err))}
		}
		return nil
	})
}

// finish syncs and closes the file and puts it in place with put, unless
// it was written in place; on failure the temporary file is removed.
func (f *File) finish(put func(tmp string) error) (err error) {
	if f.inPlace {
		return f.Close()
	}
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
	return put(f.Name())
}

// linkErr drops the temporary name from a rename or link error: it means
// nothing to the reader.
func linkErr(err error) error {
	var le *os.LinkError
	if errors.As(err, &le) {
		return le.Err
	}
	return err
}

// Abort removes the temporary file; path is left as it was.
func (f *File) Abort() {
	f.Close()
	if !f.inPlace {
		os.Remove(f.Name())
	}
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

// maxClaims bounds the names WriteNew tries.
const maxClaims = 10000

// WriteNew writes data, whole, under the first name of dir that no file
// has yet: name(1), name(2), … It claims the name atomically (a hard link
// that fails if the name is taken), so concurrent writers, in this process
// or others, never replace each other's files. It returns the path.
func WriteNew(dir string, name func(i int) string, data []byte, perm os.FileMode) (string, error) {
	tmp, err := os.CreateTemp(dir, ".new.tmp-*")
	if err != nil {
		return "", err
	}
	f := &File{File: tmp}
	if err := tmp.Chmod(perm); err != nil {
		f.Abort()
		return "", err
	}
	if _, err := f.Write(data); err != nil {
		f.Abort()
		return "", err
	}
	var path string
	err = f.finish(func(tmp string) error {
		defer os.Remove(tmp)
		for i := 1; i <= maxClaims; i++ {
			path = filepath.Join(dir, name(i))
			err := claim(tmp, path)
			if err == nil {
				return nil
			}
			if !errors.Is(err, os.ErrExist) {
				return &os.PathError{Op: "write", Path: path, Err: linkErr(err)}
			}
		}
		return fmt.Errorf("%s: %d names taken", dir, maxClaims)
	})
	return path, err
}

// claim puts the complete file tmp at path if no file is there: a hard
// link, which fails when the name is taken. Where hard links are not
// supported, the name is claimed with O_EXCL and the file renamed over the
// (empty) placeholder.
func claim(tmp, path string) error {
	err := os.Link(tmp, path)
	if err == nil || errors.Is(err, os.ErrExist) {
		return err
	}
	ph, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return err
	}
	ph.Close()
	return os.Rename(tmp, path)
}
