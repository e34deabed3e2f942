// Command digilead-workshop runs `digilead workshop`: the SSH server
// that serves the questionnaire to a room. digilead hands it every
// command line that names workshop; run alone, `digilead-workshop serve`
// is `digilead workshop serve`.
package main

import (
	"github.com/digilead/digilead/cmd/internal/cli"
	"github.com/digilead/digilead/cmd/internal/cmdutil"
	"github.com/digilead/digilead/cmd/internal/cohortcmd"
	"github.com/digilead/digilead/cmd/internal/workshopcmd"
)

// version is set at build time with -ldflags "-X main.version=…"; it falls
// back to the module version.
var version = ""

func main() {
	cli.Main(workshopcmd.Program(cmdutil.Version(version, "0.1.0-dev"), cohortcmd.Summary))
}
