package inputs

import (
	"bufio"
	"bytes"
)

// HoldsResults tells whether the set holds result documents rather than
// answer sets, from its first document: a result names its schema, an
// answer set has no such key. It peeks at the start of the first input
// that has any (without consuming it); a set with nothing to read holds
// answer sets.
func (s *Set) HoldsResults() bool {
	for i := range s.Inputs {
		br, ok := s.Inputs[i].R.(*bufio.Reader)
		if !ok || br.Size() < 64<<10 {
			br = bufio.NewReaderSize(s.Inputs[i].R, 64<<10)
			s.Inputs[i].R = br
		}
		head, _ := br.Peek(br.Size())
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
