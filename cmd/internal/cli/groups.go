package cli

import (
	"github.com/spf13/cobra"

	"github.com/digilead/digilead/cmd/internal/cmdutil"
)

// The command groups that are programs of their own: digilead lists
// them and hands their command lines on (Command.Program). They are
// the two whose packages cost every start of digilead most for the
// fewest people: the workshop's SSH server (x/crypto/ssh and its
// cryptography initialise at every start of any program that links
// them) and the bank author's tools (simulation, calibration, review).
// docs/performance.md has the measurements, docs/architecture.md how a
// group becomes a program.
var (
	Bank = Command{
		Name:    "bank",
		Program: "digilead-bank",
		Short:   "Check, inspect and export question banks",
	}
	Workshop = Command{
		Name:    "workshop",
		Program: "digilead-workshop",
		Short:   "Run a workshop: participants answer over SSH from their own laptops",
	}
)

// Own is the program of group g itself (digilead-bank for Bank): a bare
// root with g under it, made by newGroup.
// Its own version command says which program and version it is.
func (g Command) Own(version string, newGroup func(*cmdutil.Factory) *cobra.Command) Program {
	g.New = newGroup
	return Program{Version: version, Group: g.Name, Commands: []Command{g, {
		Name: "version",
		New:  func(f *cmdutil.Factory) *cobra.Command { return NewVersionCmd(f, g.Program, nil) },
	}}}
}
