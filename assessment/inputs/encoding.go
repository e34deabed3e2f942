package inputs

import (
	"bufio"
	"bytes"
	"io"

	"github.com/digilead/digilead/questions/errtext"
	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/transform"
)

// utf8Text turns an input into UTF-8 text: a UTF-8 byte-order mark is
// dropped, and UTF-16 with a byte-order mark (what Windows tools save as
// "Unicode") is converted. UTF-16 or UTF-32 without a mark, seen by the
// zero bytes in its first characters, is refused naming the encoding,
// instead of failing later as "not a JSON object".
func utf8Text(name string, r io.Reader) (io.Reader, error) {
	br := bufio.NewReaderSize(r, 64<<10)
	head, _ := br.Peek(4)
	switch {
	case bytes.HasPrefix(head, []byte{0xEF, 0xBB, 0xBF}):
		br.Discard(3)
		return br, nil
	case bytes.HasPrefix(head, []byte{0xFF, 0xFE, 0, 0}), bytes.HasPrefix(head, []byte{0, 0, 0xFE, 0xFF}):
		return nil, errtext.Invalidf("%s: the text is UTF-32; save it as UTF-8 and try again", name)
	case bytes.HasPrefix(head, []byte{0xFF, 0xFE}), bytes.HasPrefix(head, []byte{0xFE, 0xFF}):
		dec := unicode.BOMOverride(unicode.UTF8.NewDecoder())
		return bufio.NewReaderSize(transform.NewReader(br, dec), 64<<10), nil
	case len(head) >= 2 && bytes.IndexByte(head, 0) >= 0:
		return nil, errtext.Invalidf("%s: the text has zero bytes, as UTF-16 or UTF-32 without a byte-order mark does; save it as UTF-8 and try again", name)
	}
	return br, nil
}
