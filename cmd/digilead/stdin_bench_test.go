package main

import (
	"bytes"
	"context"
	"io"
	"os"
	"testing"

	"github.com/digilead/digilead/assessment"
	"github.com/digilead/digilead/assessment/batch"
	"github.com/digilead/digilead/assessment/batch/batchtest"
	"github.com/digilead/digilead/questions"
	"github.com/digilead/digilead/report/iostreams"
)

// BenchmarkScoreFromPipe scores 100,000 answer sets per op read from a
// pipe, as `score` reads stdin: the pipe itself (raw), and through
// iostreams.Interruptible as the factory gives it to the command. Compare
// allocs/op and B/op, which the load of the machine does not change.
func BenchmarkScoreFromPipe(b *testing.B) {
	bank := questions.Default()
	var in bytes.Buffer
	if err := batchtest.Write(&in, bank, 100_000, batchtest.Options{Seed: 2, SkipRate: 0.05, NARate: 0.05}); err != nil {
		b.Fatal(err)
	}
	s := batch.NewScorer(bank, assessment.Options{}, batch.JSONL)
	for _, c := range []struct {
		name string
		wrap func(io.Reader) io.Reader
	}{
		{"raw", func(r io.Reader) io.Reader { return r }},
		{"interruptible", func(r io.Reader) io.Reader { return iostreams.Interruptible(context.Background(), r) }},
	} {
		b.Run(c.name, func(b *testing.B) {
			b.SetBytes(int64(in.Len()))
			for b.Loop() {
				pr, pw, err := os.Pipe()
				if err != nil {
					b.Fatal(err)
				}
				go func() { pw.Write(in.Bytes()); pw.Close() }()
				sum, err := s.Run(context.Background(), []batch.Input{{Name: "stdin", R: c.wrap(pr)}}, batch.Options{}, func([]byte) error { return nil }, func(questions.Problems) {})
				pr.Close()
				if err != nil || sum.Scored != 100_000 {
					b.Fatalf("%d scored, %v", sum.Scored, err)
				}
			}
		})
	}
}
