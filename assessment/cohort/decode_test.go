package cohort

import (
	"encoding/json"
	"errors"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/digilead/digilead/assessment"
	"github.com/digilead/digilead/assessment/batch/batchtest"
	"github.com/digilead/digilead/questions"
	"github.com/digilead/digilead/questions/errtext"
	"github.com/digilead/digilead/questions/questionstest"
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
		{`{"schema":"digilead.result/v1","dimensions":"x"}`, "dimensions must be a list"},
		{string(data) + string(data), "not valid JSON"},
	} {
		_, err := Decode([]byte(c.doc))
		if !errors.Is(err, errtext.ErrInvalid) || !strings.Contains(err.Error(), c.want) {
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
			if !errors.Is(err, errtext.ErrInvalid) {
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

// scoredResults are results of generated answer sets as score writes
// them, and as encoding/json writes them, indented.
func scoredResults(t testing.TB, n int) [][]byte {
	b := questions.Default()
	var out [][]byte
	for i := range n {
		set := batchtest.AnswerSet(b, i, batchtest.Options{Seed: 9, SkipRate: 0.3, NARate: 0.2, Names: i%2 == 0, Groups: []string{"a", "b"}})
		a, err := b.CheckAnswers(questions.RawAnswers{Respondent: set.Respondent, Answers: set.Answers})
		if err != nil {
			t.Fatal(err)
		}
		r := assessment.Score(b, a, assessment.Options{Now: time.Unix(int64(i), 0)})
		data, _ := json.Marshal(r)
		pretty, _ := json.MarshalIndent(r, "", "  ")
		out = append(out, data, pretty)
	}
	return out
}

// TestFastEntry: the fast decoder reads results as encoding/json does,
// and gives up on what it must leave to encoding/json.
func TestFastEntry(t *testing.T) {
	for _, data := range scoredResults(t, 20) {
		var fast, std Entry
		if !fastEntry(data, &fast) {
			t.Fatalf("a result was not read fast:\n%.300s", data)
		}
		if err := json.Unmarshal(data, &std); err != nil || !reflect.DeepEqual(fast, std) {
			t.Fatalf("fast %+v\nstd  %+v (%v)", fast, std, err)
		}
	}
	for _, doc := range []string{
		`{"Schema":"digilead.result/v1"}`,
		`{"schema":"digilead.result/v1","schema":"x"}`,
		`{"schema":"digilead\u002eresult/v1"}`,
		`{"dimensions":[{"id":"a","score":1e400}]}`,
		`{"tiers":[{"rank":1.5}]}`,
		`{"tiers":[{"met":null}]}`,
		`{"answers":{"a":"\x"}}`,
		`{"answers":[1,2,}`,
		`{"schema":"x"} {}`,
	} {
		var e Entry
		if fastEntry([]byte(doc), &e) {
			t.Errorf("%s: read fast; it must be left to encoding/json", doc)
		}
	}
}

// FuzzFastEntry: whatever the fast decoder accepts, encoding/json accepts
// too and reads the same way.
func FuzzFastEntry(f *testing.F) {
	b := questionstest.Load(f, "../testdata/small.yaml")
	a, _ := b.CheckAnswers(questions.RawAnswers{Respondent: questions.Respondent{ID: "e1", Group: "g"}, Answers: map[string]any{"a1": 4.0, "a2": 2.0, "b1": "x"}})
	if a == nil {
		f.Fatal("the seed answers do not fit the bank")
	}
	small, _ := json.Marshal(assessment.Score(b, a, assessment.Options{}))
	f.Add(small)
	b.LevelRule = questions.LevelRuleMostProbable // level_rule, level_probability, estimates
	probable, _ := json.Marshal(assessment.Score(b, a, assessment.Options{}))
	f.Add(probable)
	f.Add([]byte(`{"schema":"digilead.result/v1","level":null,"answers":{"x":["\u00e9",1.5e3,true]}}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		var fast, std Entry
		if !fastEntry(data, &fast) {
			return
		}
		if err := json.Unmarshal(data, &std); err != nil {
			t.Fatalf("read fast, refused by encoding/json: %v", err)
		}
		if !reflect.DeepEqual(fast, std) {
			t.Fatalf("fast %+v\nstd  %+v", fast, std)
		}
	})
}
