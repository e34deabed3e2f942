// Command digilead-bank runs `digilead bank`: checking, inspecting,
// reviewing, calibrating and translating question banks. digilead hands
// it every command line that names bank; run alone, `digilead-bank
// validate my.yaml` is `digilead bank validate my.yaml`.
package main

import (
	"github.com/digilead/digilead/cmd/internal/bankcmd"
	"github.com/digilead/digilead/cmd/internal/cli"
	"github.com/digilead/digilead/cmd/internal/cmdutil"
)

// version is set at build time with -ldflags "-X main.version=…"; it falls
// back to the module version.
var version = ""

func main() { cli.Main(bankcmd.Program(cmdutil.Version(version, "0.1.0-dev"))) }
