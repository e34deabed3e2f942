package assessment

import (
	"bytes"
	"encoding/json"

	"github.com/digilead/digilead/questions"
)

// DecodeAnswerSet decodes one answer set -- {"respondent": …, "answers": …}
// as `digilead score` reads it -- or, for a document with a "schema", the
// answers a digilead.result/v1 result carries.
func DecodeAnswerSet(data []byte) (questions.RawAnswers, error) {
	data = bytes.TrimSpace(data)
	if len(data) == 0 || data[0] != '{' {
		return questions.RawAnswers{}, questions.Problem{Msg: "not a JSON object; each line holds one {\"respondent\": …, \"answers\": …} or one result"}
	}
	var probe struct {
		Schema *string `json:"schema"`
	}
	if !bytes.Contains(data, []byte(`"schema"`)) || json.Unmarshal(data, &probe) != nil || probe.Schema == nil {
		return questions.DecodeAnswers(data)
	}
	r, err := DecodeResult(data)
	if err != nil {
		return questions.RawAnswers{}, err
	}
	raw := questions.RawAnswers{Bank: r.Bank.ID, Respondent: r.Respondent, Answers: make(map[string]any, len(r.Answers))}
	for id, v := range r.Answers {
		raw.Answers[id] = v.Raw()
	}
	return raw, nil
}
