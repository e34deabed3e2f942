package cli

import (
	"runtime"

	"github.com/spf13/cobra"

	"github.com/digilead/digilead/cmd/internal/cmdutil"
	"github.com/digilead/digilead/cmd/internal/docflags"
	"github.com/digilead/digilead/report"
)

// VersionOptions are the flags of `digilead version` (none).
type VersionOptions struct {
	*cmdutil.Factory
	program string
}

// NewVersionCmd is `digilead version`, or for a group's program
// (`digilead-bank version`) the version of that program.
func NewVersionCmd(f *cmdutil.Factory, program string, runF func(*VersionOptions) error) *cobra.Command {
	opts := &VersionOptions{Factory: f, program: program}
	return &cobra.Command{
		Use:   "version",
		Short: "Print " + program + "'s version",
		Args:  cmdutil.NoArgs,
		RunE:  cmdutil.RunE(opts, runF, versionRun),
	}
}

func versionRun(opts *VersionOptions) error {
	v := report.VersionInfo{Program: opts.program, Version: opts.Version, Go: runtime.Version(), OS: runtime.GOOS, Arch: runtime.GOARCH}
	return docflags.WriteStdout(opts.IO, report.Versions, "text", v, nil)
}
