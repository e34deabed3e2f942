package report

import (
	"fmt"
	"io"
)

// VersionInfo is what `digilead version` tells: the program, its version
// and what it was built with.
type VersionInfo struct {
	Program, Version string
	// Go is the Go release; OS and Arch the platform.
	Go, OS, Arch string
}

// versionText writes "digilead 1.2.0 (go1.26.8 linux/amd64)".
func versionText(w io.Writer, v VersionInfo, _ Options) error {
	_, err := fmt.Fprintf(w, "%s %s (%s %s/%s)\n", v.Program, v.Version, v.Go, v.OS, v.Arch)
	return err
}
