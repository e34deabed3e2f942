package report

import (
	"io"
	"os"
	"testing"

	"github.com/digilead/digilead/assessment"
)

// BenchmarkRender renders the end-to-end tests' result of
// docs/examples/answers.yaml in each format.
func BenchmarkRender(b *testing.B) {
	data, err := os.ReadFile("../cmd/digilead/testdata/assess.json.golden")
	if err != nil {
		b.Fatal(err)
	}
	r, err := assessment.DecodeResult(data)
	if err != nil {
		b.Fatal(err)
	}
	for _, format := range Formats() {
		render, _ := Lookup(format)
		b.Run(format, func(b *testing.B) {
			for b.Loop() {
				if err := render(io.Discard, r, Options{Width: 100}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
