package main

import (
	"context"

	"github.com/spf13/cobra"

	"github.com/digilead/digilead/cmd/internal/bankcmd"
	"github.com/digilead/digilead/cmd/internal/cli"
	"github.com/digilead/digilead/cmd/internal/cmdutil"
	"github.com/digilead/digilead/cmd/internal/cohortcmd"
	"github.com/digilead/digilead/cmd/internal/workshopcmd"
	"github.com/digilead/digilead/report/iostreams"
)

// The test process runs bank and workshop itself (inProcessGroups), so
// that their tests run in-process as digilead's do. The binary the
// end-to-end tests run (TestMain) does not: it hands them on to its own
// programs, digilead-bank and digilead-workshop, which are this test
// binary too, under those names.
func runGroupsInProcess() {
	inProcessGroups[cli.Bank.Name] = bankcmd.New
	inProcessGroups[cli.Workshop.Name] = func(f *factory) *cobra.Command { return workshopcmd.New(f, cohortcmd.Summary) }
}

// groupPrograms are the programs of the groups, by executable name, as
// their own main packages make them.
var groupPrograms = map[string]func() cli.Program{
	cli.Bank.Program:     func() cli.Program { return bankcmd.Program(program().Version) },
	cli.Workshop.Program: func() cli.Program { return workshopcmd.Program(program().Version, cohortcmd.Summary) },
}

// run executes a command line in-process, as main does.
func run(ctx context.Context, args []string, io *iostreams.IOStreams) int {
	return cli.Run(ctx, program(), args, io)
}

// execute runs args on the root newRoot makes for them.
func execute(ctx context.Context, newRoot func(*factory, ...string) *cobra.Command, args []string, io *iostreams.IOStreams) int {
	return cli.Execute(ctx, program(), newRoot, args, io)
}

// newRootCmd is digilead's root for args (cli.NewRoot).
func newRootCmd(f *factory, args ...string) *cobra.Command {
	return cli.NewRoot(f, program(), args...)
}

func newFactory(ctx context.Context, s *iostreams.IOStreams) *factory {
	return cmdutil.NewFactory(ctx, s, program().Version)
}

var exitCode = cli.ExitCode

const (
	exitOK          = cmdutil.ExitOK
	exitFailure     = cmdutil.ExitFailure
	exitUsage       = cmdutil.ExitUsage
	exitInterrupted = cmdutil.ExitInterrupted
)
