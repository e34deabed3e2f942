package atomicfile

import (
	"errors"
	"fmt"
	"io/fs"
)

// inUse says what to do about a replacement refused on goos. Windows
// cannot replace a file another program holds open without sharing its
// deletion (Excel holds every workbook it shows; an editor may hold a
// text file), and says only "Access is denied"; the old file is kept, so
// closing it and running again is all it takes. Elsewhere a rename
// replaces an open file, and a refusal means the directory's permissions.
func inUse(goos string, err error) error {
	if goos == "windows" && errors.Is(err, fs.ErrPermission) {
		return fmt.Errorf("%w (is the file open in another program? close it there and try again)", err)
	}
	return err
}
