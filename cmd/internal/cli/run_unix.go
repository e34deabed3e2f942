//go:build unix

package cli

import (
	"context"
	"fmt"
	"os"
	"os/signal"
	"syscall"
)

// run replaces this process with path, given args and env. The signals
// are given back their default action first, and the context looked at
// once more: a signal that came once digilead was catching them has
// stopped the command (exit 130); one that comes now ends the process
// as it would the program run, and none is lost in between.
func run(ctx context.Context, path string, args, env []string) error {
	signal.Reset(os.Interrupt, syscall.SIGTERM, syscall.SIGHUP)
	if err := ctx.Err(); err != nil {
		return err
	}
	err := syscall.Exec(path, append([]string{path}, args...), env)
	return fmt.Errorf("%w %s: %v", errNotStarted, path, err)
}
