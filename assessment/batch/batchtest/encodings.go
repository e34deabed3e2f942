package batchtest

import "unicode/utf16"

// Encoded is a text in one of the encodings every input reader takes.
type Encoded struct {
	// Name names the encoding, for test names.
	Name string
	Data []byte
}

// Encodings returns UTF-8 text as plain UTF-8 (first), UTF-8 with a
// byte-order mark, and UTF-16 LE and BE with theirs: what Windows tools
// save, each to be read as the plain text is.
func Encodings(text string) []Encoded {
	units := utf16.Encode([]rune(text))
	le, be := []byte{0xFF, 0xFE}, []byte{0xFE, 0xFF}
	for _, u := range units {
		le = append(le, byte(u), byte(u>>8))
		be = append(be, byte(u>>8), byte(u))
	}
	return []Encoded{
		{"utf-8", []byte(text)},
		{"utf-8 bom", append([]byte{0xEF, 0xBB, 0xBF}, text...)},
		{"utf-16le", le},
		{"utf-16be", be},
	}
}
