package questions

import (
	"errors"
	"os"
)

// PathErr drops the path and operation from an *os.PathError, for messages
// that already name the file: "no such file or directory", "permission
// denied". Other errors are returned as they are.
func PathErr(err error) error {
	var pe *os.PathError
	if errors.As(err, &pe) {
		if errors.Is(err, os.ErrNotExist) {
			return errors.New("no such file or directory")
		}
		return pe.Err
	}
	return err
}
