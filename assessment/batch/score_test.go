package batch

import (
	"bytes"
	"context"
	"encoding/json"
	"testing"
	"time"

	"github.com/digilead/digilead/assessment"
	"github.com/digilead/digilead/questions"
)

// TestScorerMatchesJSON holds score's JSON Lines to json.Marshal of the
// results scored the standard way, for lines the fast decoder reads (whose
// answers are written from their values by position) and lines it leaves
// to encoding/json.
func TestScorerMatchesJSON(t *testing.T) {
	bank, lines := benchLinesN(t, 300)
	// Escapes and spaces send a line the standard way.
	lines = append(lines,
		[]byte(`{"respondent": {"id": "r\u0030", "role": "frontline"}, "answers": {"vis-level": 3}}`),
		[]byte(`{"answers":{}}`),
		[]byte(`{"respondent":{"id":"<&>"},"answers":{"vis-level":null,"vis-scenario":"wait"}}`),
	)
	opts := assessment.Options{Now: time.Date(2024, 3, 1, 9, 30, 0, 0, time.UTC), Tool: assessment.Tool{Name: "digilead", Version: "test"}}
	var want bytes.Buffer
	for _, l := range lines {
		raw, err := questions.DecodeAnswers(l)
		if err != nil {
			t.Fatal(err)
		}
		a, err := bank.CheckAnswers(raw)
		if err != nil {
			t.Fatalf("%s: %v", l, err)
		}
		j, err := json.Marshal(assessment.Score(bank, a, opts))
		if err != nil {
			t.Fatal(err)
		}
		want.Write(append(j, '\n'))
	}
	var got bytes.Buffer
	s := NewScorer(bank, opts, JSONL)
	in := bytes.Join(lines, []byte("\n"))
	sum, err := s.Run(context.Background(), []Input{{Name: "t", R: bytes.NewReader(in)}}, Options{Workers: 2}, func(b []byte) error { got.Write(b); return nil }, func(ps questions.Problems) { t.Errorf("rejected: %v", ps) })
	if err != nil || sum.Scored != len(lines) {
		t.Fatalf("%+v, %v", sum, err)
	}
	gl, wl := bytes.Split(got.Bytes(), []byte("\n")), bytes.Split(want.Bytes(), []byte("\n"))
	for i := range min(len(gl), len(wl)) {
		if !bytes.Equal(gl[i], wl[i]) {
			t.Fatalf("line %d:\n got %s\nwant %s", i+1, gl[i], wl[i])
		}
	}
	if len(gl) != len(wl) {
		t.Fatalf("%d lines, want %d", len(gl), len(wl))
	}
}
