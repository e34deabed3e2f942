package jsonplace

import (
	"encoding/json"
	"testing"
)

// TestPlace: lines and columns from 1, columns in characters; an offset
// past the end is the end.
func TestPlace(t *testing.T) {
	data := []byte("{\n  \"é\": 1,\n  \"x\": [\n")
	for _, tc := range []struct {
		off       int64
		line, col int
	}{
		{0, 1, 1},
		{2, 2, 1},
		{8, 2, 6}, // after "é": (é is two bytes, one character)
		{1000, 4, 1},
		{-3, 1, 1},
	} {
		line, col := Place(data, tc.off)
		if line != tc.line || col != tc.col {
			t.Errorf("Place(%d) = %d:%d, want %d:%d", tc.off, line, col, tc.line, tc.col)
		}
	}
	for doc, want := range map[string]bool{`{"a":1}`: true, "{\"a\":1}\n\n": true, "{\n\"a\":1}": false, "": true} {
		if got := OneLine([]byte(doc)); got != want {
			t.Errorf("OneLine(%q) = %v, want %v", doc, got, want)
		}
	}
}

// TestTypeError: the value's path, by id where a list's elements have
// one, what was wanted and what was given, at the value's line.
func TestTypeError(t *testing.T) {
	var v struct {
		Dimensions []struct {
			ID    string  `json:"id"`
			Score float64 `json:"score"`
		} `json:"dimensions"`
	}
	for doc, want := range map[string]string{
		"{\"dimensions\": [\n{\"id\": \"a\", \"score\": 1},\n{\"id\": \"lead\", \"score\": \"80\"}]}": `3: dimensions[lead].score must be a number, not text ("80")`,
		`{"dimensions": {"score": 1}}`:      `1: dimensions must be a list [...], not an object`,
		`{"dimensions": [{"score": true}]}`: `1: dimensions[0].score must be a number, not true`,
	} {
		var te *json.UnmarshalTypeError
		err := json.Unmarshal([]byte(doc), &v)
		if e, ok := err.(*json.UnmarshalTypeError); ok {
			te = e
		} else {
			t.Fatalf("%s: %v, want a type error", doc, err)
		}
		line, msg := TypeError([]byte(doc), te)
		if got := fmtLine(line) + msg; got != want {
			t.Errorf("%s:\n got %s\nwant %s", doc, got, want)
		}
	}
}

func fmtLine(n int) string { return string(rune('0'+n)) + ": " }
