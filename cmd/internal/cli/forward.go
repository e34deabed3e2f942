package cli

import (
	"context"
	"errors"
	"fmt"
	"github.com/digilead/digilead/questions/safetext"
	"github.com/digilead/digilead/report/iostreams"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strings"

	"github.com/spf13/cobra"
)

// programAnnotation marks the stand-in of a group that is a program of
// its own, with that program's name.
const programAnnotation = "digilead:program"

// commandOf is the command under root that the command line args is
// about: the child of root it runs (bank …), asks help for (help bank
// …, after any flags too) or completes a word under (__complete bank …);
// nil for the root itself or an unknown word. cobra's Find reads the
// command path past the flags, knowing which take a value (`digilead
// --answers bank` names no command; an unknown flag is taken to have
// one).
func commandOf(root *cobra.Command, args []string) *cobra.Command {
	path := args
	if completing(path) {
		// The last word is the one being completed: the words before it
		// say under which command.
		path = path[1:max(1, len(path)-1)]
	}
	root.InitDefaultHelpCmd() // as Execute would, so that Find knows help
	cmd, rest, err := root.Find(path)
	if err == nil && cmd != root && cmd.Parent() == root && cmd.Name() == "help" {
		cmd, _, err = root.Find(rest)
	}
	if err != nil || cmd == root {
		return nil
	}
	for ; cmd.Parent() != root; cmd = cmd.Parent() {
	}
	return cmd
}

func completing(args []string) bool {
	return len(args) > 0 && (args[0] == cobra.ShellCompRequestCmd || args[0] == cobra.ShellCompNoDescRequestCmd)
}

// forwarded is the program that runs the command line args, when it is a
// group's own program and not this one (commandOf).
func forwarded(root *cobra.Command, args []string) (string, bool) {
	cmd := commandOf(root, args)
	if cmd == nil {
		return "", false
	}
	program, ok := cmd.Annotations[programAnnotation]
	return program, ok
}

// callerVersion is the variable in which digilead hands its version to
// the program it runs (checkCaller).
const callerVersion = "DIGILEAD_CALLER_VERSION"

// forward runs the command line args with program, in this process's
// place where the system can (exec: the same process, streams, terminal
// and signals, and its exit code is this one's), else as a child whose
// exit code it returns. version is digilead's, for the program to check.
func forward(ctx context.Context, program, version string, args []string) error {
	path, err := lookProgram(program, version)
	if err != nil {
		return err
	}
	return run(ctx, path, args, append(os.Environ(), callerVersion+"="+version))
}

// checkCaller notes on stderr when the digilead that ran this group's
// program is of another version: the two were not installed together
// (a program left on PATH by an older go install, say), and what one
// says of the other's files may not hold.
func (p Program) checkCaller(s *iostreams.IOStreams) {
	if v := s.Getenv(callerVersion); p.Group != "" && v != "" && v != p.Version {
		fmt.Fprintf(s.ErrOut, "digilead: note: digilead %s ran digilead-%s %s; install them together (README, Install)\n", safetext.OneLine(v), p.Group, p.Version)
	}
}

// lookProgram finds program: next to this executable first, where an
// archive or `go install ./cmd/...` put it with the same version, else on
// PATH.
func lookProgram(program, version string) (string, error) {
	name := program
	if runtime.GOOS == "windows" {
		name += ".exe"
	}
	self, selfErr := os.Executable()
	if selfErr == nil {
		// Where the file is: on some systems (macOS) Executable gives the
		// link digilead was started through.
		if real, err := filepath.EvalSymlinks(self); err == nil {
			self = real
		}
		p := filepath.Join(filepath.Dir(self), name)
		if st, err := os.Stat(p); err == nil && st.Mode().IsRegular() {
			if runtime.GOOS != "windows" && st.Mode()&0o111 == 0 {
				// Not another one on PATH: the one beside digilead is
				// the one installed with it.
				return "", fmt.Errorf("'digilead %s' is run by %s, which is not executable; make it so: chmod +x %s", strings.TrimPrefix(program, "digilead-"), p, p)
			}
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
	at := "latest"
	if release.MatchString(version) {
		at = "v" + version
	}
	return "", fmt.Errorf("'digilead %s' is run by the program %s, which is not installed: it is not %s.\n"+
		"Install it with digilead: it comes in the release archive, or run\n"+
		"  go install github.com/digilead/digilead/cmd/%s@%s\n"+
		"(in a working copy: go install ./cmd/..., or go run ./cmd/%s …)", group, program, where, program, at, program)
}

// release is a released version, which `go install …@vVERSION` gets.
var release = regexp.MustCompile(`^[0-9]+\.[0-9]+\.[0-9]+$`)

// errNotStarted wraps a failure to start a program that was found.
var errNotStarted = errors.New("could not start")

// underGroup is args for a group's own program, with the group's name
// put in when the command line is not about the group already
// (commandOf: digilead hands on `--lang fr bank show` as it was typed),
// nor about completion or the program's version: first, or after a leading __complete, or after
// help (`digilead-bank help validate` is `digilead help bank
// validate`). So `digilead-bank validate x` runs `digilead bank
// validate x`. changed says whether it put the name in.
func (p Program) underGroup(root *cobra.Command, args []string) (_ []string, changed bool) {
	if p.Group == "" {
		return args, false
	}
	if c := commandOf(root, args); c != nil && (c.Name() == p.Group || c.Name() == "completion" || c.Name() == "version") {
		return args, false
	}
	at := 0
	if completing(args) {
		at = 1
	}
	for i := at; i < len(args); i++ {
		if strings.HasPrefix(args[i], "-") && args[i] != "-" && args[i] != "--" {
			continue // the root's own flags take no value
		}
		if args[i] == "help" {
			at = i + 1
		}
		break
	}
	return slices.Insert(slices.Clone(args), at, p.Group), true
}
