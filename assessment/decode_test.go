package assessment_test

import (
	"encoding/json"
	"errors"
	"testing"

	"github.com/digilead/digilead/assessment"
	"github.com/digilead/digilead/questions/errtext"
)

// TestJSONError classifies what json.Unmarshal says about broken input,
// as DecodeResult and cohort.Decode report it.
func TestJSONError(t *testing.T) {
	tests := []struct{ name, data, want string }{
		{"ends early", `{"schema": "digilead.result/v1", "bank": {"id": "b"`, "truncated: the JSON ends early"},
		{"wrong type", `{"participants": "x"}`, "field participants: expected int, got string"},
		{"not JSON", `{"schema": digilead}`, "not valid JSON (offset 12): invalid character 'd' looking for beginning of value"},
		{"two values", `{} {}`, "not valid JSON (offset 4): invalid character '{' after top-level value"},
	}
	for _, tc := range tests {
		var doc struct {
			Participants int `json:"participants"`
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
