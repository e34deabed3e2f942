package main

import (
	"bytes"
	"strings"
	"testing"

	"github.com/digilead/digilead/questions"
)

// FuzzAnswerSets feeds arbitrary input to the bank stats reader: it must
// never panic, and every non-blank line (or the one pretty document) is
// either analysed or reported with its line number.
func FuzzAnswerSets(f *testing.F) {
	b, err := questions.Load(statsBank)
	if err != nil {
		f.Fatal(err)
	}
	for _, seed := range []string{
		`{"respondent": {"id": "a"}, "answers": {"s1": 3, "p2": "mid", "s4": true, "p1": "na"}}`,
		"{\n  \"schema\": \"digilead.result/v1\",\n  \"answers\": {}\n}\n",
		`{"schema": "digilead.result/v1", "bank": {"id": "stats-test"}, "answers": {"s1": 2}}`,
		"not json\n\n{}\n[1]\n",
		`{"answers": {"s1": 1e400, "s2": [1], "p2": ["lo"]}}`,
		"{\n",
	} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		var errOut bytes.Buffer
		added := 0
		s := &answerSets{bank: b, add: func(map[string]questions.Value) { added++ }, errOut: &errOut}
		if err := s.readStream("in", bytes.NewReader(data)); err != nil {
			return // an input over the size limit
		}
		if added != s.read {
			t.Fatalf("added %d, counted %d", added, s.read)
		}
		if s.rejected > 0 && !strings.HasPrefix(errOut.String(), "in:") {
			t.Fatalf("rejected input reported without its line: %q", errOut.String())
		}
	})
}
