package assessment

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/digilead/digilead/questions"
	"github.com/digilead/digilead/questions/errtext"
	"github.com/digilead/digilead/questions/jsonplace"
)

// DecodeResult parses a digilead.result/v1 document. It refuses what is not
// a digilead result, a newer schema version, and truncated or incomplete
// documents, and figures a scored result cannot have (see Figures.Check),
// with an error wrapping errtext.ErrInvalid naming the field. Unknown
// fields are accepted: later v1 tools may add optional ones.
func DecodeResult(data []byte) (*Result, error) {
	var r Result
	trimmed := bytes.TrimSpace(data)
	if len(trimmed) == 0 {
		return nil, invalid("empty; expected a digilead result (JSON)")
	}
	if trimmed[0] != '{' {
		return nil, invalid("not a digilead result: expected a JSON object")
	}
	dec := json.NewDecoder(bytes.NewReader(data)) // not trimmed: its lines are the file's
	if err := dec.Decode(&r); err != nil {
		return nil, JSONError(data, err)
	}
	if dec.More() {
		return nil, invalid("more than one JSON value; a result file holds one result")
	}
	if err := CheckComplete(r.Schema, r.Bank.ID, len(r.Dimensions), len(r.Tiers), r.Target.ID); err != nil {
		return nil, err
	}
	for i, d := range r.Dimensions {
		if err := CheckDimensionID(i, d.ID); err != nil {
			return nil, err
		}
	}
	if err := r.figures().Check(); err != nil {
		return nil, err
	}
	if r.Answers == nil {
		r.Answers = map[string]questions.Value{}
	}
	r.Respondent.Email = "" // a result holds no address, whatever a file says
	return &r, nil
}

// JSONError explains an error of encoding/json decoding data, a digilead
// document, as an input error (wrapping errtext.ErrInvalid): the JSON
// ends early, a field has the wrong type, or the text is not JSON. An
// error of a value's own decoder keeps its message. A value of the wrong
// type or text that is not JSON is a questions.Problems placed at its line
// of data (none for data of one line), which a reader of JSON Lines
// places in its input.
func JSONError(data []byte, err error) error {
	var se *json.SyntaxError
	var te *json.UnmarshalTypeError
	switch {
	case errors.Is(err, io.ErrUnexpectedEOF) || (errors.As(err, &se) && se.Offset >= int64(len(data))):
		return invalid("truncated: the JSON ends early")
	case errors.As(err, &te):
		line, msg := jsonplace.TypeError(data, te)
		return questions.Problems{{Pos: questions.Pos{Line: documentLine(data, line)}, Msg: msg}}
	case se != nil:
		// The offset is just after the byte that is not JSON.
		hint := ""
		if rest := data[max(se.Offset-1, 0):]; bytes.HasPrefix(rest, []byte("NaN")) || bytes.HasPrefix(rest, []byte("Inf")) {
			hint = "; JSON has no NaN or Infinity: give a number, or null"
		}
		line, col := jsonplace.Place(data, se.Offset-1)
		return questions.Problems{{Pos: questions.Pos{Line: documentLine(data, line)}, Msg: fmt.Sprintf("not valid JSON at column %d: %v%s", col, se, hint)}}
	}
	return invalid("%v", err)
}

// documentLine is line of data, or 0 for a document of one line (a line
// of JSON Lines, whose reader names the line).
func documentLine(data []byte, line int) int {
	if jsonplace.OneLine(data) {
		return 0
	}
	return line
}

// CheckComplete checks what every digilead.result/v1 document holds, for
// DecodeResult and for decoders that read only part of a result: its
// schema (see CheckSchema), a bank id, dimensions, tiers and a target.
// Callers check each dimension's id with CheckDimensionID.
func CheckComplete(schema, bankID string, dimensions, tiers int, targetID string) error {
	if err := CheckSchema(schema, ResultSchema); err != nil {
		return err
	}
	switch {
	case bankID == "":
		return invalid("bank.id is missing (incomplete result)")
	case dimensions == 0:
		return invalid("dimensions are missing (incomplete result)")
	case tiers == 0:
		return invalid("tiers are missing (incomplete result)")
	case targetID == "":
		return invalid("target is missing (incomplete result)")
	}
	return nil
}

// CheckDimensionID checks that the i-th dimension of a result has an id.
func CheckDimensionID(i int, id string) error {
	if id == "" {
		return invalid("dimensions[%d].id is missing", i)
	}
	return nil
}

// CheckSchema checks a document's schema id against the one this version
// reads ("digilead.result/v1"): a different name is not a digilead
// document of that kind; a higher version is from a newer digilead.
func CheckSchema(got, want string) error {
	if got == want {
		return nil
	}
	name, _, _ := strings.Cut(want, "/v")
	if gname, _, ok := strings.Cut(got, "/v"); ok && gname == name {
		return invalid("schema %q is from a newer or unknown version of digilead; this version reads %s (upgrade digilead)", got, want)
	}
	if got == "" {
		return invalid("not a digilead document: no \"schema\" field (expected %s)", want)
	}
	return invalid("not a %s document: schema is %q", name, got)
}

func invalid(format string, args ...any) error {
	return errtext.Invalidf(format, args...)
}
