package assessment_test

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/digilead/digilead/assessment"
	"github.com/digilead/digilead/questions/errtext"
)

// TestJSONError classifies what json.Unmarshal says about broken input,
// as DecodeResult and cohort.Decode report it.
func TestJSONError(t *testing.T) {
	tests := []struct{ name, data, want string }{
		{"ends early", `{"schema": "digilead.result/v1", "bank": {"id": "b"`, "truncated: the JSON ends early"},
		{"wrong type", `{"participants": "x"}`, `participants must be a whole number, not text ("x")`},
		{"a fraction", "{\n\"participants\": 1.5}", "line 2: participants must be a whole number, not the number 1.5"},
		{"in a list, by id", "{\"dimensions\": [\n {\"id\": \"a\", \"score\": 1},\n {\"id\": \"b\", \"score\": \"80\"}]}", `line 3: dimensions[b].score must be a number, not text ("80")`},
		{"in a list, by index", `{"dimensions": [{"score": 1}, {"score": true}]}`, "dimensions[1].score must be a number, not true"},
		{"nested lists", `{"dimensions": [{"id": "a", "actions": ["x", 5]}]}`, "dimensions[a].actions[1] must be text in quotes, not the number 5"},
		{"an object for a list", `{"dimensions": {"score": 1}}`, "dimensions must be a list [...], not an object"},
		{"a long text", `{"participants": "` + strings.Repeat("x", 50) + `"}`, `participants must be a whole number, not text ("` + strings.Repeat("x", 40) + `…")`},
		{"not JSON", "{\n  \"schema\": digilead}", "line 2: not valid JSON at column 13: invalid character 'd' looking for beginning of value"},
		{"NaN", "{\"participants\": NaN}", "not valid JSON at column 18: invalid character 'N' looking for beginning of value; JSON has no NaN or Infinity: give a number, or null"},
		{"a line of JSON Lines", "{\"participants\": \"x\"}\n", `participants must be a whole number, not text ("x")`},
		{"two values", `{} {}`, "not valid JSON at column 4: invalid character '{' after top-level value"},
	}
	for _, tc := range tests {
		var doc struct {
			Participants int `json:"participants"`
			Dimensions   []struct {
				ID      string   `json:"id"`
				Score   *float64 `json:"score"`
				Actions []string `json:"actions"`
			} `json:"dimensions"`
		}
		err := assessment.JSONError([]byte(tc.data), json.Unmarshal([]byte(tc.data), &doc))
		if err == nil || err.Error() != tc.want || !errors.Is(err, errtext.ErrInvalid) {
			t.Errorf("%s: got %v, want %s (an input error)", tc.name, err, tc.want)
		}
	}
	if err := assessment.JSONError(nil, errors.New("bad value")); err.Error() != "bad value" || !errors.Is(err, errtext.ErrInvalid) {
		t.Errorf("another error: got %v, want its own message as an input error", err)
	}
}
