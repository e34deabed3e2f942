package questions_test

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/digilead/digilead/questions"
	"github.com/digilead/digilead/questions/errtext"
	"github.com/digilead/digilead/questions/questionstest"
)

const answerBank = `schema: digilead/v1
id: ans
title: T
version: "1"
not_applicable: "Not for me"
tiers: [{id: lead, name: Lead, rank: 1}]
dimensions: [{id: d, name: D}]
questions:
  - {id: lik, dimension: d, text: likert}
  - {id: nona, dimension: d, text: likert without N/A, allow_na: false}
  - {id: yn, dimension: d, text: yes or no, type: yesno}
  - id: ch
    dimension: d
    text: choice
    type: choice
    options: [{id: good, label: Good, score: 1}, {id: bad, label: Bad, score: 0}]
  - id: mu
    dimension: d
    text: multi
    type: multi
    options: [{id: one, label: One, score: .5}, {id: two, label: Two, score: .5}]
`

func TestParseValue(t *testing.T) {
	b := questionstest.Parse(t, "b.yaml", answerBank)
	tests := []struct {
		q    string
		raw  any
		want string // JSON of the value, or "error: <substring>"
	}{
		{"lik", 3, "3"},
		{"lik", 3.0, "3"},
		{"lik", json.Number("5"), "5"},
		{"lik", "na", `"na"`},
		{"lik", "NA", `"na"`},
		{"lik", nil, "null"},
		{"lik", 0, "error: 0 is off the scale; give a whole number from 1 to 5, or \"na\""},
		{"lik", 6, "error: 6 is off the scale"},
		{"lik", 2.5, "error: 2.5 is not a point on the scale"},
		{"lik", "3", `error: "3" is not a point on the scale`},
		{"nona", "na", `error: "na" (not applicable) is not offered for this question`},
		{"yn", true, "true"},
		{"yn", "yes", "true"},
		{"yn", "No", "false"},
		{"yn", 1, "error: 1 is not yes or no"},
		{"ch", "good", `"good"`},
		{"ch", "god", `error: unknown option "god" (did you mean "good"?); use one of good, bad, or "na"`},
		{"ch", 1, "error: 1 is not an option id"},
		{"mu", []any{"one", "two"}, `["one","two"]`},
		{"mu", []any{}, `[]`},
		{"mu", []any{"one", "one"}, `error: option "one" is listed twice`},
		{"mu", []any{"three"}, `error: unknown option "three"`},
		{"mu", "one", `error: "one" is not a list of option ids`},
		{"nope", 1, "error: unknown question"},
	}
	for _, tc := range tests {
		v, err := b.ParseValue(tc.q, tc.raw)
		got := ""
		if err != nil {
			got = "error: " + err.Error()
		} else {
			j, _ := json.Marshal(v)
			got = string(j)
		}
		if !strings.HasPrefix(got, tc.want) {
			t.Errorf("ParseValue(%s, %#v) = %s, want %s", tc.q, tc.raw, got, tc.want)
		}
	}
}

func TestParseAnswersFiles(t *testing.T) {
	b := questionstest.Parse(t, "b.yaml", answerBank)
	tests := []struct {
		name, data string
		want       string // "" for success, else the error text
	}{
		{"yaml", "respondent: {name: Sam, role: lead}\nanswers:\n  lik: 4\n  yn: yes\n  mu: [one]\n", ""},
		{"json", `{"bank": "ans", "answers": {"lik": 4, "ch": "good", "yn": false}}`, ""},
		{"null is unanswered", `{"answers": {"lik": null}}`, ""},
		{"empty", "  \n", "me.yaml: empty; an answers file holds {answers: {question-id: value}}"},
		{"no answers key", "respondent: {name: x}\n", "me.yaml: answers: missing; an answers file holds {answers: {question-id: value}}"},
		{"unknown top-level key", "answer:\n  lik: 3\n", "me.yaml:1: answer: unknown field; an answers file has bank, respondent and answers"},
		{"unknown respondent key", "respondent: {nam: x}\nanswers: {}\n", "me.yaml:1: respondent.nam: unknown field; a respondent has id, name, role, group and email"},
		{"json unknown key", `{"answerz": {}}`, "me.yaml:1: answerz: unknown field; an answers file has bank, respondent and answers"},
		{"wrong bank", "bank: other\nanswers: {lik: 3}\n", `me.yaml:1: bank: the answers are for bank "other" but the bank in use is "ans"; score them with the bank they were written for`},
		{"wrong bank leads, the rest follow", "answers: {qqqqqq: 1, lik: 9}\nrespondent: {role: boss}\nbank: other\n",
			"me.yaml:3: bank: the answers are for bank \"other\" but the bank in use is \"ans\"; score them with the bank they were written for; the 3 other problems most likely follow from it\n" +
				"me.yaml:1: lik: 9 is off the scale; give a whole number from 1 to 5, or \"na\"\nme.yaml:1: qqqqqq: unknown question; check the bank with 'digilead bank show'\n" +
				"me.yaml:2: respondent.role: unknown tier \"boss\"; use one of lead"},
		{"email", "respondent: {id: e1, email: sam@example.gov.uk}\nanswers: {lik: 3}\n", ""},
		{"json email and group", `{"respondent": {"email": "sam@example.gov.uk", "group": "finance"}, "answers": {"lik": 3}}`, ""},
		{"not an email", "respondent: {email: sam at example}\nanswers: {lik: 3}\n", "me.yaml:1: respondent.email: not an e-mail address; give one such as name@example.gov.uk, or leave it out"},
		{"two @", `{"respondent": {"email": "a@b@c"}, "answers": {}}`, "me.yaml:1: respondent.email: not an e-mail address; give one such as name@example.gov.uk, or leave it out"},
		{"unknown role", "respondent: {role: leed}\nanswers: {lik: 3}\n", `me.yaml:1: respondent.role: unknown tier "leed" (did you mean "lead"?); use one of lead`},
		{"binary", "\x7fELF\x02\x01\x01\x00", "me.yaml:1: not a text file (it holds the byte 0x7f, not UTF-8 text); give the answers as YAML or JSON text, as 'digilead assess --help' shows"},
		{"not UTF-8", "answers:\n  lik: 3\n\x80\x81", "me.yaml:3: not a text file (it holds the byte 0x80, not UTF-8 text); give the answers as YAML or JSON text, as 'digilead assess --help' shows"},
		{"JSON not UTF-8", "{\"answers\": {\"lik\": 3}}\n\xff", "me.yaml:2: not a text file (it holds the byte 0xff, not UTF-8 text); give the answers as YAML or JSON text, as 'digilead assess --help' shows"},
		{"longest name", "respondent: {name: " + strings.Repeat("é", questions.MaxRespondentField) + "}\nanswers: {lik: 3}\n", ""},
		{"name too long", `{"respondent": {"name": "` + strings.Repeat("\u2028", questions.MaxRespondentField+1) + `"}, "answers": {"lik": 3}}`, "me.yaml:1: respondent.name: longer than 1000 characters; shorten it"},
		{"every long field", "respondent: {id: " + strings.Repeat("i", 1001) + ", role: " + strings.Repeat("r", 1001) + ", group: " + strings.Repeat("g", 5000) + "}\nanswers: {lik: 3}\n",
			"me.yaml:1: respondent.id: longer than 1000 characters; shorten it\nme.yaml:1: respondent.role: longer than 1000 characters; shorten it\nme.yaml:1: respondent.group: longer than 1000 characters; shorten it"},
		{"every bad value named", "answers: {lik: 9, ch: worst, zzz: 1}\n",
			"me.yaml:1: lik: 9 is off the scale; give a whole number from 1 to 5, or \"na\"\nme.yaml:1: ch: unknown option \"worst\"; use one of good, bad, or \"na\"\nme.yaml:1: zzz: unknown question; check the bank with 'digilead bank show'"},
		{"json syntax", "{\"answers\": {\"lik\": 3,}\n}", "me.yaml:1: JSON syntax: invalid character '}' looking for beginning of object key string"},
		{"json truncated", `{"answers": {"lik": 3`, "me.yaml: JSON ends too early (truncated?)"},
		{"json trailing data", `{"answers": {}} {"answers": {}}`, "me.yaml:1: unexpected data after the answers object"},
		{"json wrong type", `{"answers": [1, 2]}`, "me.yaml:1: answers must be an object {...}, not a list"},
		// A number is echoed as given, not as a float64 prints it (1e+23).
		{"huge number", "answers:\n  lik: 100000000000000000000000\n  yn: 99999999999999999999\n", "me.yaml:2: lik: 100000000000000000000000 is off the scale; give a whole number from 1 to 5, or \"na\"\nme.yaml:3: yn: 99999999999999999999 is not yes or no; give true/false or \"yes\"/\"no\", or \"na\""},
		{"json huge number", `{"answers": {"lik": 100000000000000000000000, "ch": 2.50}}`, "me.yaml:1: lik: 100000000000000000000000 is off the scale; give a whole number from 1 to 5, or \"na\"\nme.yaml:1: ch: 2.50 is not an option id; use one of good, bad, or \"na\""},
		{"yaml decimals as given", "answers: {lik: 4.50}\n", "me.yaml:1: lik: 4.50 is not a point on the scale; give a whole number from 1 to 5, or \"na\""},
		{"yaml whole float", "answers: {lik: 4.0}\n", ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			a, err := questions.ParseAnswers("me.yaml", []byte(tc.data), b)
			if tc.want == "" {
				if err != nil {
					t.Fatalf("unexpected error: %v", err)
				}
				if a == nil {
					t.Fatal("no answers")
				}
				return
			}
			if err == nil {
				t.Fatalf("accepted; want %q", tc.want)
			}
			if !errors.Is(err, errtext.ErrInvalid) {
				t.Errorf("error does not wrap errtext.ErrInvalid: %v", err)
			}
			if err.Error() != tc.want {
				t.Errorf("got\n%s\nwant\n%s", err, tc.want)
			}
		})
	}
}

func TestValueJSONRoundTrip(t *testing.T) {
	b := questionstest.Parse(t, "b.yaml", answerBank)
	for _, v := range []questions.Value{questions.IntValue(4), questions.NA, questions.OptionValue("good"), questions.OptionsValue("one", "two"), questions.OptionsValue(), questions.BoolValue(false)} {
		data, err := json.Marshal(v)
		if err != nil {
			t.Fatal(err)
		}
		var back questions.Value
		if err := json.Unmarshal(data, &back); err != nil {
			t.Fatalf("%s: %v", data, err)
		}
		again, _ := json.Marshal(back)
		if string(again) != string(data) {
			t.Errorf("round trip %s -> %s", data, again)
		}
		// Raw feeds back into ParseValue for a question of the matching type.
		q := map[questions.Kind]string{questions.Number: "lik", questions.NotApplicable: "lik", questions.Pick: "ch", questions.Picks: "mu", questions.Boolean: "yn"}[v.Kind]
		if _, err := b.ParseValue(q, back.Raw()); err != nil {
			t.Errorf("Raw of %s does not re-check: %v", data, err)
		}
	}
}

// TestJSONAnswersAsStrictAsYAML: a key given twice (encoding/json keeps the
// last, even merging two answers objects), a field in other capitals and a
// number no answer can be are refused at their line, by question id.
func TestJSONAnswersAsStrictAsYAML(t *testing.T) {
	tests := []struct{ in, want string }{
		{`{"answers": {"q1": 3, "q1": 4}}`, "line 1: q1: given twice (first at line 1); keep one"},
		{"{\"answers\": {\"q1\": 3},\n \"answers\": {\"q2\": 2}}", "line 2: answers: given twice (first at line 1); keep one"},
		{"{\"respondent\": {\"id\": \"a\",\n\"id\": \"b\"}, \"answers\": {}}", "line 2: respondent.id: given twice (first at line 1); keep one"},
		{`{"ANSWERS": {"q1": 3}}`, "line 1: ANSWERS: unknown field; an answers file has bank, respondent and answers"},
		{`{"respondent": {"Role": "x"}, "answers": {}}`, "line 1: respondent.Role: unknown field; a respondent has id, name, role, group and email"},
		{"{\"answers\": {\n\"q1\": 1e309}}", "line 2: q1: 1e309 is not a usable number"},
		{`{"answers": {"q1": [1, 1], "q2": {"a": 1}, "q3": [{"a": 1}, {"a": 2}]}}`, ""},
	}
	for _, tc := range tests {
		_, err := questions.DecodeAnswers([]byte(tc.in))
		got := ""
		if err != nil {
			got = err.Error()
		}
		if got != tc.want && !(tc.want == "" && err != nil && !strings.Contains(got, "twice")) {
			t.Errorf("%s:\n got %q\nwant %q", tc.in, got, tc.want)
		}
	}
}

// TestAnswersProblemsAtTheirLine: every problem CheckAnswers finds in an
// answers file is given at the line of the key it names, in YAML (the
// plain form the examples show, and what only yaml.v3 reads) and in
// JSON: an unknown question, a value off the scale, of the wrong type,
// not an option, "na" where it is not offered, the respondent's fields
// and the bank; and they are reported in the file's order.
func TestAnswersProblemsAtTheirLine(t *testing.T) {
	b := questionstest.Parse(t, "b.yaml", answerBank)
	long := strings.Repeat("n", questions.MaxRespondentField+1)
	tests := []struct {
		name, data string
		want       []string // the problems, in the order reported: the file's
	}{
		{"yaml", "# mine\nbank: other\nrespondent:\n  name: " + long + "\n  role: leed\n  email: sam\nanswers:\n  zzz: 1\n  lik: 11\n  yn: maybe\n  nona: na\n  ch: worst\n  mu:\n    - one\n    - one\n",
			[]string{"me.yaml:2: bank:", "me.yaml:4: respondent.name:", "me.yaml:5: respondent.role:", "me.yaml:6: respondent.email:",
				"me.yaml:8: zzz: unknown question", "me.yaml:9: lik: 11 is off the scale", "me.yaml:10: yn: \"maybe\" is not yes or no", "me.yaml:11: nona: \"na\" (not applicable) is not offered",
				"me.yaml:12: ch: unknown option \"worst\"", "me.yaml:13: mu: option \"one\" is listed twice"}},
		{"plain yaml", "answers:\n  lik: 3\n  ch: 2\n  zzz: 4\n", []string{"me.yaml:3: ch: 2 is not an option id", "me.yaml:4: zzz: unknown question"}},
		{"yaml flow", "respondent: {role: leed}\nanswers: {lik: 3,\n  lik2: 4}\n", []string{"me.yaml:1: respondent.role:", "me.yaml:3: lik2: unknown question"}},
		{"json", "{\n  \"bank\": \"other\",\n  \"respondent\": {\n    \"role\": \"leed\"\n  },\n  \"answers\": {\n    \"lik\": \"3\",\n    \"yn\": true,\n    \"nona\": \"na\",\n    \"ch\": \"good\",\n    \"mu\": \"one\",\n    \"a key\": 1\n  }\n}\n",
			[]string{"me.yaml:2: bank:", "me.yaml:4: respondent.role:", "me.yaml:7: lik: \"3\" is not a point on the scale", "me.yaml:9: nona:", "me.yaml:11: mu: \"one\" is not a list", "me.yaml:12: \"a key\": unknown question"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := questions.ParseAnswers("me.yaml", []byte(tc.data), b)
			var ps questions.Problems
			if !errors.As(err, &ps) {
				t.Fatalf("got %v, want problems", err)
			}
			if len(ps) != len(tc.want) {
				t.Fatalf("got %d problems, want %d:\n%s", len(ps), len(tc.want), err)
			}
			for i, p := range ps {
				if !strings.HasPrefix(p.String(), tc.want[i]) {
					t.Errorf("problem %d:\n got %s\nwant %s…", i, p, tc.want[i])
				}
			}
		})
	}
}
