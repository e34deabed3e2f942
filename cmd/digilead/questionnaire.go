package main

import (
	"github.com/digilead/digilead/questions"
)

// runQuestionnaire asks the bank's questions in the terminal.
func runQuestionnaire(a *app, b *questions.Bank, o *assessOptions) (*questions.Answers, error) {
	if !a.io.InTTY || !a.io.ErrTTY {
		return nil, usageError("there is no terminal to ask the questions on; pass --answers FILE (or --answers - to read stdin)\nRun 'digilead assess --help' for the answers format.")
	}
	return nil, usageError("the interactive questionnaire is not available in this build; pass --answers FILE")
}
