package lang

import (
	"fmt"
	"slices"
	"strings"
)

//go:generate go run ./internal/genenglish

// message is a message of the compiled English catalog: its id, and its
// text for a count of one (when it has plural forms) and otherwise.
type message struct{ id, one, other string }

// englishSay is message id of the compiled English catalog with data, in
// the plural form for count (nil: none): the words go-i18n gives from
// catalog/en.yaml, without parsing it. ok is false when there is no such
// message, or no such form of it.
func englishSay(id string, count any, data map[string]any) (string, bool) {
	i, ok := slices.BinarySearchFunc(english[:], id, func(m message, id string) int { return strings.Compare(m.id, id) })
	if !ok {
		return "", false
	}
	m := english[i]
	text := m.other
	if isOne(count) {
		// go-i18n gives nothing for a count of one to a message without
		// that form; neither does this.
		text = m.one
	}
	return fill(text, data), text != ""
}

// isOne reports whether count takes English's "one" form: the integer 1,
// written without decimals.
func isOne(count any) bool {
	switch c := count.(type) {
	case int:
		return c == 1
	case string:
		return c == "1"
	}
	return false
}

// fill replaces each {{.Name}} of text with data's Name, as text/template
// prints it ("<no value>" when there is none).
func fill(text string, data map[string]any) string {
	if !strings.Contains(text, "{{") {
		return text
	}
	var b strings.Builder
	for {
		start := strings.Index(text, "{{.")
		if start < 0 {
			break
		}
		end := strings.Index(text[start:], "}}")
		if end < 0 {
			break
		}
		b.WriteString(text[:start])
		if v, ok := data[text[start+3:start+end]]; ok && v != nil {
			fmt.Fprint(&b, v)
		} else {
			b.WriteString("<no value>")
		}
		text = text[start+end+2:]
	}
	b.WriteString(text)
	return b.String()
}
