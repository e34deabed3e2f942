package assessment_test

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/digilead/digilead/assessment"
	"github.com/digilead/digilead/assessment/schematest"
	"github.com/digilead/digilead/questions"
	"github.com/digilead/digilead/questions/questionstest"
)

func TestResultsValidateAgainstSchema(t *testing.T) {
	b := questionstest.Load(t, "testdata/small.yaml")
	cases := map[string]map[string]any{
		"basic":   basic,
		"empty":   {},
		"all max": {"a1": 5, "a2": 5, "a3": 1, "a4": true, "b1": "x", "b2": []any{"p", "q", "r"}, "b3": 10, "g1": 5, "g2": 5, "g3": 5},
	}
	for name, raw := range cases {
		for _, role := range []string{"", "top", "probable"} {
			bank := b
			if role == "probable" {
				bank, role = mostProbable(b), ""
			}
			r := score(t, bank, role, "", raw)
			r.Respondent.Name = "Sam"
			data, err := json.Marshal(r)
			if err != nil {
				t.Fatal(err)
			}
			t.Run(name+"/"+role, func(t *testing.T) { schematest.Validate(t, "result.schema.json", data) })
		}
	}
}

func TestSchemaRejectsBrokenResults(t *testing.T) {
	b := questionstest.Load(t, "testdata/small.yaml")
	data, _ := json.Marshal(score(t, b, "", "", basic))
	for _, tc := range []struct{ from, to string }{
		{`"schema":"digilead.result/v1"`, `"schema":"digilead.result/v2"`},
		{`"status":"insufficient"`, `"status":"scored"`},
		{`"severity":"met"`, `"severity":"fine"`},
		{`"respondent":{}`, `"respondent":{"email":"x"}`},
	} {
		broken := strings.Replace(string(data), tc.from, tc.to, 1)
		if broken == string(data) {
			t.Fatalf("%s not found in the result", tc.from)
		}
		if schematest.Check(t, "result.schema.json", []byte(broken)) == nil {
			t.Errorf("schema accepts a result with %s", tc.to)
		}
	}
}

func TestDecodeResult(t *testing.T) {
	b := questionstest.Load(t, "testdata/small.yaml")
	r := score(t, b, "mid", "", basic)
	good, _ := json.Marshal(r)
	back, err := assessment.DecodeResult(good)
	if err != nil {
		t.Fatal(err)
	}
	again, _ := json.Marshal(back)
	if string(again) != string(good) {
		t.Errorf("round trip changed the result:\n%s\n%s", good, again)
	}
	if back.Answers["b2"].Kind != questions.Picks || back.Answers["g1"].Kind != questions.NotApplicable {
		t.Errorf("answers decoded as %+v", back.Answers)
	}
	tests := []struct{ name, data, want string }{
		{"empty", "", "empty; expected a digilead result (JSON)"},
		{"not json", "schema: x", "not a digilead result: expected a JSON object"},
		{"truncated", string(good[:len(good)/2]), "truncated: the JSON ends early"},
		{"newer", strings.Replace(string(good), "result/v1", "result/v2", 1), `schema "digilead.result/v2" is from a newer or unknown version of digilead; this version reads digilead.result/v1 (upgrade digilead)`},
		{"other document", `{"schema": "digilead.cohort/v1"}`, `not a digilead.result document: schema is "digilead.cohort/v1"`},
		{"no schema", `{"bank": {}}`, `not a digilead document: no "schema" field (expected digilead.result/v1)`},
		{"incomplete", `{"schema": "digilead.result/v1", "bank": {"id": "x"}}`, "dimensions are missing (incomplete result)"},
		{"two values", string(good) + string(good), "more than one JSON value; a result file holds one result"},
	}
	for _, tc := range tests {
		_, err := assessment.DecodeResult([]byte(tc.data))
		if err == nil || !strings.HasPrefix(err.Error(), tc.want) {
			t.Errorf("%s: got %v, want %s", tc.name, err, tc.want)
		}
	}
}
