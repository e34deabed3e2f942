package batchtest

import (
	"flag"
	"os"
	"testing"

	"github.com/digilead/digilead/questions"
)

var (
	out = flag.String("out", "", "write generated answer sets to `FILE` (TestWriteFile)")
	n   = flag.Int("n", 100000, "number of answer sets for -out")
)

// TestWriteFile writes a benchmark input when -out is given:
//
//	go test ./assessment/batch/batchtest -run TestWriteFile -args -out /tmp/answers.jsonl -n 100000
func TestWriteFile(t *testing.T) {
	if *out == "" {
		t.Skip("no -out")
	}
	b := questions.Default()
	f, err := os.Create(*out)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if err := Write(f, b, *n, Options{Seed: 1, SkipRate: 0.05, NARate: 0.05}); err != nil {
		t.Fatal(err)
	}
}
