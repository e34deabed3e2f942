package report

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"testing"

	"github.com/digilead/digilead/assessment"
	"github.com/digilead/digilead/assessment/batch/batchtest"
	"github.com/digilead/digilead/questions"
	"github.com/digilead/digilead/questions/questionstest"
)

// TestResultJSONMatchesEncodingJSON holds the result's JSON document,
// written without reflection, to what writeJSON (encoding/json) writes,
// byte for byte: for the example and tricky results, the personas, the
// example in each translation of the built-in bank, saved results of
// earlier versions and generated answer sets under every target.
func TestResultJSONMatchesEncodingJSON(t *testing.T) {
	t.Parallel()
	results := map[string]*assessment.Result{"example": exampleResult(t), "tricky": trickyResult(t)}
	for _, p := range []string{"chief-executive-new-to-digital", "frontline-caseworker", "head-of-digital", "team-manager"} {
		for _, strict := range []bool{false, true} {
			results[fmt.Sprint(p, strict)] = persona(t, p+".yaml", strict)
		}
	}
	s := builtin(t)
	for _, tag := range []string{"cy", "fr"} {
		b := s.In(tag)
		r := assessment.Score(b, questionstest.Answers(t, b, questionstest.Path(questionstest.ExampleAnswers)), scoreOptions)
		r.Language = tag
		results["example."+tag] = r
	}
	for _, path := range []string{"assessment/compare/testdata/v1-result.json", "cmd/digilead/testdata/strict/new.json", "cmd/digilead/testdata/strict/old.json"} {
		data, err := os.ReadFile(questionstest.Path(path))
		if err != nil {
			t.Fatal(err)
		}
		r, err := assessment.DecodeResult(data)
		if err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		results[path] = r
	}
	b := questions.Default()
	for i := range 60 {
		raw, err := json.Marshal(batchtest.AnswerSet(b, i, batchtest.Options{Seed: 7, Names: true, SkipRate: 0.1, NARate: 0.1, Groups: []string{"a & b", "<c>"}}))
		if err != nil {
			t.Fatal(err)
		}
		checked, err := questions.DecodeAnswers(raw)
		if err != nil {
			t.Fatal(err)
		}
		a, err := b.CheckAnswers(checked)
		if err != nil {
			t.Fatal(err)
		}
		opts := scoreOptions
		opts.Target = b.Tiers[i%len(b.Tiers)].ID
		results[a.Respondent.ID] = assessment.Score(b, a, opts)
	}
	for name, r := range results {
		var got, want bytes.Buffer
		if err := resultJSON(&got, r, Options{}); err != nil {
			t.Fatal(err)
		}
		if err := writeJSON(&want, r); err != nil {
			t.Fatal(err)
		}
		if got.String() != want.String() {
			t.Errorf("%s:\n got %s\nwant %s", name, got.Bytes(), want.Bytes())
		}
	}
}
