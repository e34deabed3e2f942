package questions_test

import (
	"testing"

	"github.com/digilead/digilead/questions"
)

// BenchmarkDefault is the default bank as a run gets it: compiled.
func BenchmarkDefault(b *testing.B) {
	for b.Loop() {
		questions.Default()
	}
}

// BenchmarkParseDefaultYAML is what loading a bank file the size of the
// default bank costs.
func BenchmarkParseDefaultYAML(b *testing.B) {
	data := questions.DefaultYAML()
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		if _, err := questions.Parse(questions.File{Name: questions.DefaultName, Data: data}); err != nil {
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
				if _, err := questions.ParseAnswers("answers", bc.data, bank); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
