package questions

import _ "embed"

//go:embed default.yaml
var defaultYAML []byte

// DefaultName is the Source of the embedded default bank.
const DefaultName = "default.yaml"

// DefaultYAML returns the embedded default bank's YAML source, a starting
// point for trainers' own banks.
func DefaultYAML() []byte { return append([]byte(nil), defaultYAML...) }

// Default loads the embedded default bank. It fails only if the binary was
// built with a broken bank, which the tests prevent.
func Default() (*Bank, error) {
	b, err := Parse(File{Name: DefaultName, Data: defaultYAML})
	if b != nil {
		b.Source = "default"
	}
	return b, err
}
