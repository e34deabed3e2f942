package report

import (
	"io"
	"testing"
)

// BenchmarkRender renders the result of docs/examples/answers.yaml in each
// format.
func BenchmarkRender(b *testing.B) {
	r := exampleResult(b)
	for _, format := range Results.Names() {
		render, _ := Results.Lookup(format)
		b.Run(format, func(b *testing.B) {
			for b.Loop() {
				if err := render(io.Discard, r, Options{Width: 100}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
