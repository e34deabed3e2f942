// Package jsonplace says where in a JSON document an encoding/json error
// is, and what was wrong there, in words people read: its line and
// column, the path of the value (dimensions[leading-change].score), and
// what kind of value was wanted and given.
package jsonplace

import (
	"bytes"
	"encoding/json"
	"fmt"
	"reflect"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Place says where byte offset of data is, as people count: its line
// and its column in characters, both from 1. An offset past the end is
// the end.
func Place(data []byte, offset int64) (line, column int) {
	before := data[:min(max(offset, 0), int64(len(data)))]
	return bytes.Count(before, []byte("\n")) + 1, utf8.RuneCount(before[bytes.LastIndexByte(before, '\n')+1:]) + 1
}

// OneLine reports whether data is a document of one line (blank space at
// its end aside), such as a line of JSON Lines, whose reader names the
// line itself.
func OneLine(data []byte) bool {
	return bytes.IndexByte(bytes.TrimRight(data, " \t\r\n"), '\n') < 0
}

// TypeError says what is wrong with the value of data that err, from
// decoding data, is about, and where: "PATH must be KIND, not VALUE"
// (dimensions[leading-change].score must be a number, not text ("80")),
// at the value's line. The path is err's field when the value cannot be
// found.
func TypeError(data []byte, err *json.UnmarshalTypeError) (line int, msg string) {
	path, value, ok := ValueAt(data, err.Offset)
	if !ok || path == "" {
		path = err.Field
	}
	line, _ = Place(data, err.Offset)
	return line, fmt.Sprintf("%s must be %s, not %s", path, KindWords(err.Type), ValueWords(err.Value, value))
}

// jsonLevel is an object or list ValueAt is in.
type jsonLevel struct {
	array bool
	key   string // the object's member being read; "" before its key
	index int    // the list's element being read
	id    string // the object's "id", when read
}

// ValueAt finds the value of the JSON document data that ends at offset
// (or whose object or list opens there), as encoding/json places a value
// of the wrong type: its path, an element of a list named by its "id"
// when it has one given before (dimensions[leading-change].score), else
// by its index (gaps[2].actions[0].kind), and the value when it is a
// string, number or true/false (nil otherwise). ok is false when data
// does not reach offset as JSON.
func ValueAt(data []byte, offset int64) (path string, value any, ok bool) {
	var stack []jsonLevel
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	for {
		tok, err := dec.Token()
		if err != nil {
			return "", nil, false
		}
		var top *jsonLevel
		if len(stack) > 0 {
			top = &stack[len(stack)-1]
		}
		if s, isString := tok.(string); isString && top != nil && !top.array && top.key == "" {
			top.key = s
			continue
		}
		switch tok {
		case json.Delim('{'), json.Delim('['):
			if top != nil && top.array {
				top.index++
			}
			if dec.InputOffset() >= offset {
				return formatPath(stack), nil, true
			}
			stack = append(stack, jsonLevel{array: tok == json.Delim('['), index: -1})
			continue
		case json.Delim('}'), json.Delim(']'):
			stack = stack[:len(stack)-1]
		default:
			if top != nil && top.array {
				top.index++
			}
			if s, isString := tok.(string); isString && top != nil && top.key == "id" {
				top.id = s
			}
			if dec.InputOffset() >= offset {
				return formatPath(stack), tok, true
			}
		}
		if len(stack) > 0 && !stack[len(stack)-1].array {
			stack[len(stack)-1].key = ""
		}
	}
}

// formatPath writes the path of ValueAt's levels.
func formatPath(stack []jsonLevel) string {
	var b strings.Builder
	for i, l := range stack {
		switch {
		case l.array:
			sel := strconv.Itoa(l.index)
			if i+1 < len(stack) && stack[i+1].id != "" {
				sel = stack[i+1].id
			}
			b.WriteString("[" + sel + "]")
		case l.key != "":
			if b.Len() > 0 {
				b.WriteByte('.')
			}
			b.WriteString(l.key)
		}
	}
	return b.String()
}

// KindWords says in plain words what a Go type holds, as JSON.
func KindWords(t reflect.Type) string {
	for t != nil && t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if t == nil {
		return "a value"
	}
	switch t.Kind() {
	case reflect.Float32, reflect.Float64:
		return "a number"
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64, reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return "a whole number"
	case reflect.String:
		return "text in quotes"
	case reflect.Bool:
		return "true or false"
	case reflect.Slice, reflect.Array:
		return "a list [...]"
	case reflect.Map, reflect.Struct:
		return "an object {...}"
	}
	return "a value of another kind"
}

// ValueWords says in plain words what a JSON value is: the value of
// encoding/json's UnmarshalTypeError ("string", "number 1.5") and, when
// known, the value itself.
func ValueWords(kind string, value any) string {
	kind, _, _ = strings.Cut(kind, " ")
	switch v := value.(type) {
	case string:
		if utf8.RuneCountInString(v) > 40 {
			v = string([]rune(v)[:40]) + "…"
		}
		return fmt.Sprintf("text (%q)", v)
	case json.Number:
		return "the number " + v.String()
	case bool:
		return strconv.FormatBool(v)
	}
	switch kind {
	case "string":
		return "text"
	case "number":
		return "a number"
	case "bool":
		return "true or false"
	case "array":
		return "a list"
	case "object":
		return "an object"
	}
	return kind
}
