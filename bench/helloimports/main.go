// Command helloimports is the start-up floor of bench/run for a program
// built on digilead's given dependencies: a hello-world that imports
// cobra, huh, lipgloss and yaml.v3 and uses none of them. Linking them in
// runs their package initialisers and maps their code, which every
// program importing them pays before main.
package main

import (
	"fmt"

	_ "github.com/charmbracelet/huh"
	_ "github.com/charmbracelet/lipgloss"
	_ "github.com/spf13/cobra"
	_ "gopkg.in/yaml.v3"
)

func main() {
	fmt.Println("hello, world")
}
