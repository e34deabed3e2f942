//go:build !unix

package cli

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"os/signal"

	"github.com/digilead/digilead/cmd/internal/cmdutil"
)

// run runs path with args and env as a child on this process's streams,
// and exits with its code. Ctrl-C reaches the child from the console
// itself, which decides what it means (a second one stops a workshop at
// once): this process ignores it from now on, and waits for the child
// whatever comes.
func run(ctx context.Context, path string, args, env []string) error {
	signal.Ignore(os.Interrupt)
	if err := ctx.Err(); err != nil {
		return err
	}
	cmd := exec.Command(path, args...)
	cmd.Env = env
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
