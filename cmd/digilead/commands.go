package main

import (
	"github.com/spf13/cobra"

	"github.com/digilead/digilead/cmd/internal/bankcmd"
	"github.com/digilead/digilead/cmd/internal/feedbackcmd"
	"github.com/digilead/digilead/cmd/internal/workshopcmd"
)

// topCommand is one command under the root: its name and how to make it.
type topCommand struct {
	name string
	new  func(*factory) *cobra.Command
}

// topCommands is every command under the root, in the order the help
// lists them: the one list newRootCmd builds the whole tree from, or only
// the command a command line names (see commandNamed). Each name is the
// Use of the command it makes (TestTopCommandsNameTheirCommands).
func topCommands() []topCommand {
	return []topCommand{
		{"assess", func(f *factory) *cobra.Command { return newAssessCmd(f, nil) }},
		{"report", func(f *factory) *cobra.Command { return newReportCmd(f, nil) }},
		{"history", func(f *factory) *cobra.Command { return newHistoryCmd(f, nil) }},
		{"plan", func(f *factory) *cobra.Command { return newPlanCmd(f, nil) }},
		{"compare", func(f *factory) *cobra.Command { return newCompareCmd(f, nil) }},
		{"score", func(f *factory) *cobra.Command { return newScoreCmd(f, nil) }},
		{"cohort", func(f *factory) *cobra.Command { return newCohortCmd(f, nil) }},
		{"feedback", feedbackcmd.New},
		{"workshop", func(f *factory) *cobra.Command { return workshopcmd.New(f, groupSummary) }},
		{"bank", bankcmd.New},
		{"version", func(f *factory) *cobra.Command { return newVersionCmd(f, nil) }},
	}
}

// commandNamed is the command a command line names by its first word, or
// false when it names none exactly: no arguments, a flag first, help,
// completion, shell completion (__complete) or a word that is no
// command's name (which needs every name for its suggestion). Only then
// does the root need every command; otherwise building the one named is
// enough, and a run pays for no other (docs/performance.md).
func commandNamed(args []string) (topCommand, bool) {
	if len(args) == 0 {
		return topCommand{}, false
	}
	for _, c := range topCommands() {
		if c.name == args[0] {
			return c, true
		}
	}
	return topCommand{}, false
}
