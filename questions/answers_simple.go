package questions

import (
	"bytes"
	"strconv"
	"strings"
)

// simpleAnswers decodes an answers file of the plainest YAML, the kind
// people write by hand and the examples show, without yaml.v3: its node
// tree is about 18 page faults of a run's start (docs/performance.md). It
// takes only printable ASCII lines of `key: value`, at the top level bank,
// respondent and answers (each once), under respondent and answers one
// level of keys indented alike, comments on lines of their own or after
// a space; and for values a word or a whole number (an answer may also be
// a flow list of them, [a, b]). For anything else, ok is false, and
// DecodeAnswers has yaml.v3 decode the file, errors and all.
// FuzzSimpleAnswers holds every file it takes to what yaml.v3 makes of it.
func simpleAnswers(data []byte) (raw RawAnswers, ok bool) {
	var (
		block     string // "respondent" or "answers", after its key
		indent    int    // the block's keys' indentation, once known
		seen      = map[string]bool{}
		respSeen  = map[string]bool{}
		entries   int
		hasAnswer bool
	)
	for len(data) > 0 {
		var line []byte
		line, data, _ = bytes.Cut(data, []byte{'\n'})
		for _, c := range line {
			if c < 0x20 || c > 0x7e {
				return raw, false
			}
		}
		// A comment begins with # at the start or after a space.
		if i := bytes.IndexByte(line, '#'); i >= 0 {
			if i > 0 && line[i-1] != ' ' {
				return raw, false
			}
			line = line[:i]
		}
		if bytes.ContainsAny(line, `"'\`) {
			return raw, false
		}
		line = bytes.TrimRight(line, " ")
		if len(line) == 0 {
			continue
		}
		n := len(line) - len(bytes.TrimLeft(line, " "))
		key, value, ok := keyValue(string(line[n:]))
		if !ok {
			return raw, false
		}
		if n == 0 {
			if block != "" && entries == 0 || seen[key] {
				return raw, false // an empty block, a key given twice
			}
			seen[key] = true
			block, indent, entries = "", 0, 0
			switch key {
			case "bank":
				if !plainText(value) {
					return raw, false
				}
				raw.Bank = value
			case "respondent", "answers":
				if value != "" {
					return raw, false
				}
				block = key
			default:
				return raw, false
			}
			continue
		}
		if block == "" || indent != 0 && n != indent {
			return raw, false
		}
		indent = n
		entries++
		switch block {
		case "respondent":
			if respSeen[key] || !plainText(value) {
				return raw, false
			}
			respSeen[key] = true
			switch key {
			case "id":
				raw.Respondent.ID = value
			case "name":
				raw.Respondent.Name = value
			case "role":
				raw.Respondent.Role = value
			case "group":
				raw.Respondent.Group = value
			case "email":
				raw.Respondent.Email = value
			default:
				return raw, false
			}
		case "answers":
			if !word(key) {
				return raw, false
			}
			v, ok := answerValue(value)
			if !ok {
				return raw, false
			}
			if raw.Answers == nil {
				raw.Answers = map[string]any{}
			}
			if _, dup := raw.Answers[key]; dup {
				return raw, false
			}
			raw.Answers[key] = v
			hasAnswer = true
		}
	}
	if block != "" && entries == 0 || !hasAnswer {
		return raw, false
	}
	return raw, true
}

// keyValue splits `key: value` (or `key:`), the key a word of at most
// 128 bytes (YAML takes a key of at most 1,024).
func keyValue(s string) (key, value string, ok bool) {
	key, value, found := strings.Cut(s, ":")
	if !found || len(key) > 128 || !word(key) || value != "" && value[0] != ' ' {
		return "", "", false
	}
	return key, strings.TrimLeft(value, " "), true
}

// word reports whether s is a lower-case word that yaml.v3 reads as a
// string: a letter, then letters, digits and hyphens; not true, false or
// null (yes, no, on and off are strings to yaml.v3 but for a bool).
func word(s string) bool {
	if s == "" || s[0] < 'a' || s[0] > 'z' {
		return false
	}
	for i := 1; i < len(s); i++ {
		if c := s[i]; !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-') {
			return false
		}
	}
	switch s {
	case "true", "false", "null":
		return false
	}
	return true
}

// plainText reports whether s is text that YAML reads as the same string:
// no indicator first, none of : # [ ] { } anywhere, and not a null.
func plainText(s string) bool {
	if s == "" || strings.ContainsAny(s, ":#[]{}") || strings.ContainsRune("-?,&*!|>%@`", rune(s[0])) {
		return false
	}
	switch s {
	case "null", "Null", "NULL", "~":
		return false
	}
	return true
}

// answerValue is an answer's value as yaml.v3 decodes it into any: a
// whole number as an int, a word as a string, a flow list of them.
func answerValue(s string) (any, bool) {
	if strings.HasPrefix(s, "[") && strings.HasSuffix(s, "]") {
		items := []any{}
		inner := strings.TrimSpace(s[1 : len(s)-1])
		if inner == "" {
			return items, true
		}
		for item := range strings.SplitSeq(inner, ",") {
			v, ok := scalar(strings.TrimSpace(item))
			if !ok {
				return nil, false
			}
			items = append(items, v)
		}
		return items, true
	}
	return scalar(s)
}

// scalar is a word, or a whole number without a sign or leading zero.
func scalar(s string) (any, bool) {
	if word(s) {
		return s, true
	}
	if s == "" || len(s) > 9 || s[0] == '0' && len(s) > 1 {
		return nil, false
	}
	n, err := strconv.Atoi(s)
	if err != nil || s[0] == '+' || s[0] == '-' {
		return nil, false
	}
	return n, true
}
