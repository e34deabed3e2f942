package inputs

import (
	"bufio"
	"bytes"

	"github.com/digilead/digilead/assessment/batch"
)

// HoldsResults tells whether the set holds result documents rather than
// answer sets, from its first document: a result names its schema, an
// answer set has no such key. It peeks at the text (batch.TextOf) of the
// first input that has any, without consuming it; a set with nothing to
// read holds answer sets. An input in an encoding TextOf refuses is
// passed over, left for the reader to reject.
func (s *Set) HoldsResults() bool {
	for i := range s.Inputs {
		in := &s.Inputs[i]
		if _, ok := in.R.(batch.Text); !ok {
			// a buffer TextOf takes as its own, so that a refused
			// input loses nothing to the look
			in.R = bufio.NewReaderSize(in.R, 64<<10)
		}
		text, err := batch.TextOf(in.R)
		if err != nil {
			continue
		}
		in.R = text
		head, _ := text.Peek(text.Size())
		head = bytes.TrimLeft(head, "\ufeff \t\r\n")
		if len(head) == 0 {
			continue
		}
		if !isDocument(bufio.NewReader(bytes.NewReader(head))) {
			if nl := bytes.IndexByte(head, '\n'); nl >= 0 {
				head = head[:nl]
			}
		}
		return hasSchemaKey(head)
	}
	return false
}

// hasSchemaKey reports whether data has the key "schema", which every
// digilead document has and an answer set has not.
func hasSchemaKey(data []byte) bool {
	for {
		i := bytes.Index(data, []byte(`"schema"`))
		if i < 0 {
			return false
		}
		data = bytes.TrimLeft(data[i+len(`"schema"`):], " \t\r\n")
		if len(data) > 0 && data[0] == ':' {
			return true
		}
	}
}
