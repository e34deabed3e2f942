package questions_test

import (
	"encoding/json"
	"errors"
	"reflect"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"

	"github.com/digilead/digilead/questions"
	"github.com/digilead/digilead/questions/errtext"
	"github.com/digilead/digilead/questions/questionstest"
)

// exampleAnswers returns the default bank and docs/examples/answers.yaml,
// as it is and as JSON.
func exampleAnswers(tb testing.TB) (b *questions.Bank, yamlData, jsonData []byte) {
	tb.Helper()
	b = questions.Default()
	yamlData = questionstest.ReadFile(tb, questionstest.Path(questionstest.ExampleAnswers))
	raw, err := questions.DecodeAnswers(yamlData)
	if err != nil {
		tb.Fatal(err)
	}
	if jsonData, err = json.Marshal(raw); err != nil {
		tb.Fatal(err)
	}
	return b, yamlData, jsonData
}

func FuzzDecodeAnswers(f *testing.F) {
	b, example, asJSON := exampleAnswers(f)
	f.Add(example)
	f.Add(asJSON)
	f.Add([]byte(`{"answers": {"vis-explain": "na", "cit-methods": ["journey", 1], "vis-roadmap": "YES"}}`))
	f.Add([]byte("answers: {vis-explain: 4.5, vis-horizon: 0x3, nope: 1}\nextra: 1\n"))
	f.Add([]byte("answers:\n  vis-explain: &a [*a]\n"))
	f.Add([]byte(`{"answers": {"vis-explain": 3, "vis-explain": 4}, "answers": {}}`))
	f.Add([]byte(`{"respondent": {"id": "a", "id": "b"}, "answers": {"x": {"k": 1, "k": [2]}}}`))
	f.Add([]byte(`{"Answers": {"vis-explain": 1e999}}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		raw, err := questions.DecodeAnswers(data)
		if err == nil && json.Valid(data) {
			// JSON is YAML, and YAML refuses a key given twice: the JSON
			// reader must not accept what YAML's duplicate check refuses.
			var node yaml.Node
			if yerr := yaml.Unmarshal(data, &node); yerr != nil && strings.Contains(yerr.Error(), "already defined") {
				t.Fatalf("a duplicate key was accepted: %v\n%s", yerr, data)
			}
		}
		if err != nil {
			var p questions.Problem
			if !errors.As(err, &p) || p.Msg == "" {
				t.Fatalf("DecodeAnswers error is not a Problem with a message: %T %v", err, err)
			}
			checkParseAnswersFails(t, data, b)
			return
		}
		a, err := b.CheckAnswers(raw)
		if err != nil {
			var ps questions.Problems
			if !errors.As(err, &ps) || len(ps) == 0 || !errors.Is(err, errtext.ErrInvalid) {
				t.Fatalf("CheckAnswers error is not Problems: %T %v", err, err)
			}
			for _, p := range ps {
				if p.Msg == "" || p.Field == "" || strings.ContainsAny(p.Field, "\n\r") {
					t.Fatalf("problem without a field on one line, or without a message: %+v", p)
				}
			}
			if _, again := b.CheckAnswers(raw); again.Error() != err.Error() {
				t.Fatalf("CheckAnswers reports differently on the same input:\n%v\n--\n%v", err, again)
			}
			checkParseAnswersFails(t, data, b)
			return
		}
		for id, v := range a.Values {
			q, ok := b.Question(id)
			if !ok {
				t.Fatalf("accepted an answer to unknown question %q", id)
			}
			if v.Kind == questions.Unanswered {
				t.Fatalf("kept an unanswered value for %q", id)
			}
			// A value survives the trip through a result file: JSON out, JSON
			// in, and checked against the bank again.
			data, err := json.Marshal(v)
			if err != nil {
				t.Fatalf("%s: marshal %+v: %v", id, v, err)
			}
			var back questions.Value
			if err := json.Unmarshal(data, &back); err != nil {
				t.Fatalf("%s: %s does not decode: %v", id, data, err)
			}
			again, err := q.ParseValue(back.Raw())
			if err != nil {
				t.Fatalf("%s: %s is refused on the way back: %v", id, data, err)
			}
			if !reflect.DeepEqual(again, v) && !(len(v.Opts) == 0 && len(again.Opts) == 0 && v.Kind == again.Kind) {
				t.Fatalf("%s: %+v came back as %+v", id, v, again)
			}
		}
		if _, err := questions.ParseAnswers("answers.yaml", data, b); err != nil {
			t.Fatalf("ParseAnswers refuses what DecodeAnswers and CheckAnswers accept: %v", err)
		}
	})
}

// checkParseAnswersFails checks that ParseAnswers refuses the input as
// Problems naming the file.
func checkParseAnswersFails(t *testing.T, data []byte, b *questions.Bank) {
	t.Helper()
	_, err := questions.ParseAnswers("answers.yaml", data, b)
	var ps questions.Problems
	if !errors.As(err, &ps) || len(ps) == 0 || !errors.Is(err, errtext.ErrInvalid) {
		t.Fatalf("ParseAnswers error is not Problems: %T %v", err, err)
	}
	for _, p := range ps {
		if p.Pos.File != "answers.yaml" || p.Msg == "" {
			t.Fatalf("problem does not name the file or has no message: %+v", p)
		}
	}
}
