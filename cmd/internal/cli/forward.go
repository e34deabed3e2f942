package cli

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"

	"github.com/spf13/cobra"
)

// programAnnotation marks the stand-in of a group that is a program of
// its own, with that program's name.
const programAnnotation = "digilead:program"

// forwarded is the program that runs the command line args, when it is a
// group's own program and not this one: args names the group (bank …),
// asks for its help (help bank …, bank --help) or completes a word after
// it (__complete bank …). cobra's Find reads the command path past the
// flags, knowing which take a value (`digilead --answers bank` names no
// command).
func forwarded(root *cobra.Command, args []string) (string, bool) {
	path := args
	if len(path) > 0 && (path[0] == cobra.ShellCompRequestCmd || path[0] == cobra.ShellCompNoDescRequestCmd) {
		// The last word is the one being completed: the words before it
		// say under which command.
		path = path[1:max(1, len(path)-1)]
	}
	if len(path) > 0 && path[0] == "help" {
		path = path[1:]
	}
	cmd, _, err := root.Find(path)
	if err != nil || cmd == root {
		return "", false
	}
	for ; cmd.Parent() != root; cmd = cmd.Parent() {
	}
	program, ok := cmd.Annotations[programAnnotation]
	return program, ok
}

// forward runs the command line args with program, in this process's
// place where the system can (exec: the same process, streams, terminal
// and signals, and its exit code is this one's), else as a child whose
// exit code it returns.
func forward(ctx context.Context, program string, args []string) error {
	path, err := lookProgram(program)
	if err != nil {
		return err
	}
	return run(ctx, path, args)
}

// lookProgram finds program: next to this executable first, where an
// archive or `go install ./cmd/...` put it with the same version, else on
// PATH.
func lookProgram(program string) (string, error) {
	name := program
	if runtime.GOOS == "windows" {
		name += ".exe"
	}
	self, selfErr := os.Executable()
	if selfErr == nil {
		p := filepath.Join(filepath.Dir(self), name)
		if st, err := os.Stat(p); err == nil && st.Mode().IsRegular() && (runtime.GOOS == "windows" || st.Mode()&0o111 != 0) {
			return p, nil
		}
	}
	if p, err := exec.LookPath(program); err == nil {
		return p, nil
	}
	where := "on PATH"
	if selfErr == nil {
		where = fmt.Sprintf("next to digilead (in %s) nor on PATH", filepath.Dir(self))
	}
	group := strings.TrimPrefix(program, "digilead-")
	return "", fmt.Errorf("'digilead %s' is run by the program %s, which is not installed: it is not %s.\n"+
		"Install it with digilead: it comes in the release archive, or run\n"+
		"  go install github.com/digilead/digilead/cmd/%s@latest\n"+
		"(in a working copy: go install ./cmd/..., or go run ./cmd/%s …)", group, program, where, program, program)
}

// errNotStarted wraps a failure to start a program that was found.
var errNotStarted = errors.New("could not start")

// underGroup is args for a group's own program: the group's name put
// first when the command line does not start with it (past the root's
// flags, which take no value) nor with help or completion, so that
// `digilead-bank validate x` runs `digilead bank validate x`.
func (p Program) underGroup(args []string) []string {
	if p.Group == "" {
		return args
	}
	for _, a := range args {
		if strings.HasPrefix(a, "-") && a != "--" && a != "-" {
			continue
		}
		switch a {
		case p.Group, "help", "completion", cobra.ShellCompRequestCmd, cobra.ShellCompNoDescRequestCmd:
			return args
		}
		return append([]string{p.Group}, args...)
	}
	return append([]string{p.Group}, args...)
}
