package questions

import (
	"bytes"
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// answersKeys are the fields of the object at path in an answers
// document (the document "", its "respondent"), spelt exactly:
// encoding/json would also take "ANSWERS". checked is false for the
// other objects.
func answersKeys(path string) (keys []string, checked bool) {
	switch path {
	case "":
		return documentKeys, true
	case "respondent":
		return respondentKeys, true
	}
	return nil, false
}

var (
	documentKeys   = []string{"bank", "respondent", "answers"}
	respondentKeys = []string{"id", "name", "role", "group", "email"}
)

// checkJSONAnswers looks at a JSON answers document as YAML's decoder
// would, before encoding/json reads it: a key given twice in one object
// (encoding/json keeps the last silently, merging two "answers" objects),
// a field spelt with other capitals, and a number too large for any
// answer are Problems at their line, named by question id. Syntax errors
// are left to the decoder.
func checkJSONAnswers(data []byte) error { return walkJSONAnswers(data, nil) }

// walkJSONAnswers is checkJSONAnswers; when lines is not nil, it also
// records the line of each key it reads, by its path (answers.q1,
// respondent.role, bank), as answerLines does.
func walkJSONAnswers(data []byte, lines map[string]int) error {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	type frame struct {
		object bool
		path   string         // the field this object or array is the value of
		keys   map[string]int // key -> line, in an object
		key    string         // the key whose value comes next
	}
	stack := []*frame{}
	for {
		before := dec.InputOffset()
		tok, err := dec.Token()
		if err != nil {
			return nil // the end, or a syntax error the decoder reports
		}
		var top *frame
		if len(stack) > 0 {
			top = stack[len(stack)-1]
		}
		if key, isKey := tok.(string); isKey && top != nil && top.object && top.key == "" {
			line := lineAt(data, before+int64(bytes.IndexByte(data[before:], '"')))
			field := answerField(joinField(top.path, key))
			if first, ok := top.keys[key]; ok {
				return Problem{Pos: Pos{Line: line}, Field: field, Msg: fmt.Sprintf("given twice (first at line %d); keep one", first)}
			}
			if known, checked := answersKeys(top.path); checked && !slices.Contains(known, key) {
				if top.path == "" {
					return unknownAnswersField(line, key, "RawAnswers")
				}
				return unknownAnswersField(line, key, "Respondent")
			}
			top.keys[key] = line
			if lines != nil {
				lines[joinField(top.path, key)] = line
			}
			top.key = key
			continue
		}
		path := ""
		if top != nil {
			path = top.path // array elements carry the array's path
			if top.object {
				path = joinField(top.path, top.key)
			}
			top.key = ""
		}
		switch t := tok.(type) {
		case json.Delim:
			switch t {
			case '{':
				stack = append(stack, &frame{object: true, path: path, keys: map[string]int{}})
			case '[':
				stack = append(stack, &frame{path: path})
			default:
				stack = stack[:len(stack)-1]
			}
		case json.Number:
			if _, err := strconv.ParseFloat(string(t), 64); err != nil {
				return Problem{Pos: Pos{Line: lineAt(data, dec.InputOffset())}, Field: answerField(path), Msg: fmt.Sprintf("%s is not a usable number", t)}
			}
		}
	}
}

// joinField names a field by its path, as the checks of an answers file
// do: a question id inside answers, respondent.name, or the top key.
func joinField(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}

// answerField turns "answers.q1" into the question id "q1", as the
// other problems of an answer name it.
func answerField(path string) string {
	if id, ok := strings.CutPrefix(path, "answers."); ok {
		return id
	}
	return path
}
