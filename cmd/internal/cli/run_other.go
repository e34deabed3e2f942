//go:build !unix

package cli

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"

	"github.com/digilead/digilead/cmd/internal/cmdutil"
)

// run runs path with args as a child on this process's streams, and
// exits with its code. Ctrl-C reaches the child from the console itself;
// this process only waits for it.
func run(_ context.Context, path string, args []string) error {
	cmd := exec.Command(path, args...)
	cmd.Stdin, cmd.Stdout, cmd.Stderr = os.Stdin, os.Stdout, os.Stderr
	err := cmd.Run()
	var exit *exec.ExitError
	switch {
	case err == nil:
		return nil
	case errors.As(err, &exit):
		return cmdutil.Silent(exit.ExitCode())
	}
	return fmt.Errorf("%w %s: %v", errNotStarted, path, err)
}
