package questions

import _ "embed"

//go:generate go run ./internal/gendefault

//go:embed default.yaml
var defaultYAML []byte

// DefaultName is the Source of the embedded default bank.
const DefaultName = "default.yaml"

// DefaultYAML returns the embedded default bank's YAML source, a starting
// point for trainers' own banks.
func DefaultYAML() []byte { return append([]byte(nil), defaultYAML...) }

// Default returns the embedded default bank. It is default.yaml compiled
// into Go by `go generate` (default_bank.go), so that a run does not spend
// milliseconds parsing YAML; TestCompiledDefaultIsTheYAML keeps the two the
// same. Each call returns a bank of its own, which the caller may change.
func Default() *Bank {
	b := compiledDefault()
	b.index()
	return b
}
