// Package store keeps digilead's personal data on disk: drafts of
// unfinished assessments and saved results, in the XDG data directory,
// written atomically with mode 0600.
package store

import "os"

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
