// Command yamlfloor is a baseline of bench/run: it decodes a YAML file
// with yaml.v3 into any, which is what any YAML reader must pay.
package main

import (
	"fmt"
	"os"

	"gopkg.in/yaml.v3"
)

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: yamlfloor FILE")
		os.Exit(2)
	}
	data, err := os.ReadFile(os.Args[1])
	if err != nil {
		fmt.Fprintln(os.Stderr, "yamlfloor:", err)
		os.Exit(1)
	}
	var v any
	if err := yaml.Unmarshal(data, &v); err != nil {
		fmt.Fprintln(os.Stderr, "yamlfloor:", err)
		os.Exit(1)
	}
	fmt.Println(v != nil)
}
