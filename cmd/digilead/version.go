package main

import (
	"runtime"

	"github.com/spf13/cobra"

	"github.com/digilead/digilead/cmd/internal/cmdutil"
	"github.com/digilead/digilead/cmd/internal/docflags"
	"github.com/digilead/digilead/report"
)

// versionOptions are the flags of `digilead version` (none).
type versionOptions struct{ *factory }

func newVersionCmd(f *factory, runF func(*versionOptions) error) *cobra.Command {
	opts := &versionOptions{factory: f}
	return &cobra.Command{
		Use:   "version",
		Short: "Print digilead's version",
		Args:  cmdutil.NoArgs,
		RunE:  cmdutil.RunE(opts, runF, versionRun),
	}
}

func versionRun(opts *versionOptions) error {
	v := report.VersionInfo{Program: "digilead", Version: opts.Version, Go: runtime.Version(), OS: runtime.GOOS, Arch: runtime.GOARCH}
	return docflags.WriteStdout(opts.IO, report.Versions, "text", v, nil)
}
