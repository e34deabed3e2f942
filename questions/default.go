package questions

import (
	_ "embed"
	"sync/atomic"
)

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
//
// The first call hands out firstDefault, the bank the linker laid out,
// with its tiers' expectations added: a run that needs the bank once
// builds none of it, and touches only the pages of it that it reads
// (docs/performance.md). Later calls build the bank (compiledDefault).
func Default() *Bank {
	var b *Bank
	if firstDefaultTaken.CompareAndSwap(false, true) {
		b = &firstDefault
		for i, e := range defaultExpectations() {
			b.Tiers[i].Expectations = e
		}
	} else {
		b = compiledDefault()
	}
	b.index()
	return b
}

// firstDefaultTaken is set once Default has handed out firstDefault.
var firstDefaultTaken atomic.Bool
