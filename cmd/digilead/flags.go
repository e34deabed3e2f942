package main

import (
	"fmt"
	"slices"
	"strings"
)

// oneOf refuses a flag's value s that is not one of choices ("", the
// flag left as it was, is fine).
func oneOf(s string, choices ...string) error {
	if s != "" && !slices.Contains(choices, s) {
		return fmt.Errorf("give %s, got %q", strings.Join(choices, " or "), s)
	}
	return nil
}
