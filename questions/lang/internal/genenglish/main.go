// Command genenglish compiles the English catalog (catalog/en.yaml) into
// english.go (see englishgen). Run it with `go generate ./questions/lang`
// after editing en.yaml; a test fails until the two agree.
package main

import (
	"fmt"
	"os"

	"github.com/digilead/digilead/questions/lang/internal/englishgen"
)

func main() {
	if err := run("catalog/en.yaml", "english.go"); err != nil {
		fmt.Fprintln(os.Stderr, "genenglish:", err)
		os.Exit(1)
	}
}

func run(in, out string) error {
	data, err := os.ReadFile(in)
	if err != nil {
		return err
	}
	src, err := englishgen.Generate(data)
	if err != nil {
		return fmt.Errorf("%s: %w", in, err)
	}
	return os.WriteFile(out, src, 0o644)
}
