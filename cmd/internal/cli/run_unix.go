//go:build unix

package cli

import (
	"context"
	"fmt"
	"os"
	"syscall"
)

// run replaces this process with path, given args.
func run(_ context.Context, path string, args []string) error {
	err := syscall.Exec(path, append([]string{path}, args...), os.Environ())
	return fmt.Errorf("%w %s: %v", errNotStarted, path, err)
}
