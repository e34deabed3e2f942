package main

import (
	"fmt"
	"slices"
	"strings"

	"github.com/digilead/digilead/assessment/inputs"
	"github.com/digilead/digilead/cmd/internal/docflags"
)

// openInputs opens the input paths of score, cohort, bank stats and bank
// calibrate, stdin for none unless stdinTTY, and says which files are
// skipped or read once.
func (f *factory) openInputs(paths []string, stdinTTY bool, what string) (*inputs.Set, error) {
	return f.noted(inputs.Open(paths, f.stdin(), stdinTTY, what))
}

// noted tells the notes of a set of inputs just opened.
func (f *factory) noted(set *inputs.Set, err error) (*inputs.Set, error) {
	if err != nil {
		return nil, err
	}
	f.note(set.Notes()...)
	return set, nil
}

// note tells each note on stderr (none for "").
func (f *factory) note(notes ...string) { docflags.Note(f.io, notes...) }

// oneOf refuses a flag's value s that is not one of choices ("", the
// flag left as it was, is fine).
func oneOf(s string, choices ...string) error {
	if s != "" && !slices.Contains(choices, s) {
		return fmt.Errorf("give %s, got %q", strings.Join(choices, " or "), s)
	}
	return nil
}
