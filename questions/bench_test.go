package questions

import (
	"testing"
)

// BenchmarkDefault is the default bank as a run gets it: compiled.
func BenchmarkDefault(b *testing.B) {
	for b.Loop() {
		Default()
	}
}

// BenchmarkParseDefaultYAML is what loading a bank file the size of the
// default bank costs.
func BenchmarkParseDefaultYAML(b *testing.B) {
	b.SetBytes(int64(len(defaultYAML)))
	for b.Loop() {
		if _, err := Parse(File{Name: DefaultName, Data: defaultYAML}); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkParseAnswers(b *testing.B) {
	bank, yamlData, jsonData := exampleAnswers(b)
	for _, bc := range []struct {
		name string
		data []byte
	}{{"yaml", yamlData}, {"json", jsonData}} {
		b.Run(bc.name, func(b *testing.B) {
			b.SetBytes(int64(len(bc.data)))
			for b.Loop() {
				if _, err := ParseAnswers("answers", bc.data, bank); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
