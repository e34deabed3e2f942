package main

import (
	"github.com/spf13/cobra"

	"github.com/digilead/digilead/cmd/internal/cli"
	"github.com/digilead/digilead/cmd/internal/cohortcmd"
	"github.com/digilead/digilead/cmd/internal/feedbackcmd"
)

// topCommands is every command under the root, in the order the help
// lists them: the one list the root is built from, whole or only the
// command a command line names (cli.NewRoot). Each name is the Use of
// the command it makes (TestTopCommandsNameTheirCommands). bank and
// workshop are programs of their own (cli.Bank, cli.Workshop), unless a
// test process has them here (inProcess).
func topCommands() []cli.Command {
	return []cli.Command{
		{Name: "assess", New: func(f *factory) *cobra.Command { return newAssessCmd(f, nil) }},
		{Name: "report", New: func(f *factory) *cobra.Command { return newReportCmd(f, nil) }},
		{Name: "history", New: func(f *factory) *cobra.Command { return newHistoryCmd(f, nil) }},
		{Name: "plan", New: func(f *factory) *cobra.Command { return newPlanCmd(f, nil) }},
		{Name: "compare", New: func(f *factory) *cobra.Command { return newCompareCmd(f, nil) }},
		{Name: "score", New: func(f *factory) *cobra.Command { return newScoreCmd(f, nil) }},
		{Name: "cohort", New: func(f *factory) *cobra.Command { return cohortcmd.New(f, nil) }},
		{Name: "feedback", New: feedbackcmd.New},
		inProcess(cli.Workshop),
		inProcess(cli.Bank),
		{Name: "version", New: func(f *factory) *cobra.Command { return cli.NewVersionCmd(f, "digilead", nil) }},
	}
}

// inProcessGroups are the groups a test process runs itself, by name
// (its TestMain fills it); empty in the program, which hands them to
// their own programs.
var inProcessGroups = map[string]func(*factory) *cobra.Command{}

func inProcess(g cli.Command) cli.Command {
	g.New = inProcessGroups[g.Name]
	return g
}
