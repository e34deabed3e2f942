package cohort

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/digilead/digilead/assessment"
	"github.com/digilead/digilead/assessment/batch/batchtest"
	"github.com/digilead/digilead/questions"
)

func TestDecodeResult(t *testing.T) {
	b := questions.Default()
	set := batchtest.AnswerSet(b, 0, batchtest.Options{Seed: 1})
	for _, q := range b.QuestionsOf(b.Dimensions[0].ID) {
		delete(set.Answers, q.ID) // too few answers: insufficient
	}
	a, err := b.CheckAnswers(questions.RawAnswers{Answers: set.Answers})
	if err != nil {
		t.Fatal(err)
	}
	r := assessment.Score(b, a, assessment.Options{Now: time.Unix(0, 0)})
	data, _ := json.Marshal(r)
	e, err := Decode(data)
	if err != nil {
		t.Fatal(err)
	}
	if e.Bank.ID != b.ID || len(e.Dimensions) != len(b.Dimensions) || len(e.Tiers) != len(b.Tiers) || len(e.Gaps) != len(r.Gaps) || e.Target.ID != r.Target.ID {
		t.Errorf("decoded %+v", e)
	}
	if e.Dimensions[0].Score != nil || e.Dimensions[1].Score == nil {
		t.Error("insufficient scores must decode as nil, others not")
	}

	for _, c := range []struct{ doc, want string }{
		{``, "expected a JSON object"},
		{`[1]`, "expected a JSON object"},
		{string(data[:len(data)/2]), "truncated"},
		{`{"schema":"digilead.result/v2"}`, "newer"},
		{`{"schema":"other/v1"}`, "not a digilead.result document"},
		{`{"schema":"digilead.result/v1","bank":{"id":"x"}}`, "dimensions are missing"},
		{`{"schema":"digilead.result/v1","dimensions":"x"}`, "field dimensions"},
		{string(data) + string(data), "not valid JSON"},
	} {
		_, err := Decode([]byte(c.doc))
		if !errors.Is(err, questions.ErrInvalid) || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%.30s: err = %v, want one saying %q", c.doc, err, c.want)
		}
	}
}

func FuzzDecode(f *testing.F) {
	f.Add([]byte(`{"schema":"digilead.result/v1","bank":{"id":"b"},"dimensions":[{"id":"a","score":1}],"tiers":[{"id":"t"}],"target":{"id":"t"}}`))
	f.Add([]byte(`{"schema":"digilead.result/v1"`))
	f.Fuzz(func(t *testing.T, data []byte) {
		e, err := Decode(data)
		if err != nil {
			if !errors.Is(err, questions.ErrInvalid) {
				t.Fatalf("error not marked invalid: %v", err)
			}
			return
		}
		b := New(Options{MinGroup: 1})
		b.Add(e, "fuzz")
		if _, err := b.Report(); err != nil {
			t.Fatalf("a decoded entry cannot be reported: %v", err)
		}
	})
}
