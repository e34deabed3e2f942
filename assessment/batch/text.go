package batch

import (
	"bufio"
	"bytes"
	"io"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/digilead/digilead/questions/errtext"
)

// Text is an input read as UTF-8 text (see TextOf).
type Text struct{ *bufio.Reader }

// TextOf reads an input as UTF-8 text, whatever reads it: score's
// stream, the readers of cohort, bank stats and feedback report, and the
// one-document readers of report and assess. A UTF-8 byte-order mark is
// dropped, and UTF-16 with a byte-order mark (what Windows tools save as
// "Unicode") is converted, before anything looks at the text, so lines
// are counted in the text. UTF-16 or UTF-32 without a mark, seen by the
// zero bytes in its first characters, is refused naming the encoding
// (errtext.ErrInvalid), instead of failing later as "not a JSON object".
//
// A Text is returned as it is: an input is converted once. Plain UTF-8
// costs nothing per byte: its Text is a 64 KiB buffer over r, r itself
// when r is a *bufio.Reader of at least that size. Such a reader loses
// nothing to a refusal: what was looked at is still to be read.
func TextOf(r io.Reader) (Text, error) {
	if t, ok := r.(Text); ok {
		return t, nil
	}
	br := bufio.NewReaderSize(r, chunkBytes)
	head, _ := br.Peek(4)
	switch {
	case bytes.HasPrefix(head, []byte{0xEF, 0xBB, 0xBF}):
		br.Discard(3)
	case bytes.HasPrefix(head, []byte{0xFF, 0xFE, 0, 0}), bytes.HasPrefix(head, []byte{0, 0, 0xFE, 0xFF}):
		return Text{}, errtext.Invalidf("the text is UTF-32; save it as UTF-8 and try again")
	case bytes.HasPrefix(head, []byte{0xFF, 0xFE}), bytes.HasPrefix(head, []byte{0xFE, 0xFF}):
		big := head[0] == 0xFE
		br.Discard(2)
		return Text{bufio.NewReaderSize(&utf16Reader{r: br, big: big}, chunkBytes)}, nil
	case len(head) >= 2 && bytes.IndexByte(head, 0) >= 0:
		return Text{}, errtext.Invalidf("the text has zero bytes, as UTF-16 or UTF-32 without a byte-order mark does; save it as UTF-8 and try again")
	}
	return Text{br}, nil
}

// utf16Reader reads UTF-16 text (its byte-order mark read) as UTF-8,
// rune for rune as golang.org/x/text's UTF-16 decoder does: a surrogate
// followed by a low surrogate is one pair (U+FFFD when the two do not
// make a character), any other surrogate and a last odd byte are U+FFFD.
// (Written here so that start-up does not link and initialise x/text's
// encodings for an input seldom seen.)
type utf16Reader struct {
	r   *bufio.Reader
	big bool // big-endian
	// out holds what is decoded and not yet read.
	buf [utf8.UTFMax]byte
	out []byte
	err error
}

func (u *utf16Reader) Read(p []byte) (int, error) {
	n := 0
	for n < len(p) {
		if len(u.out) > 0 {
			c := copy(p[n:], u.out)
			u.out, n = u.out[c:], n+c
			continue
		}
		if u.err != nil {
			break
		}
		var r rune
		r, u.err = u.next()
		if u.err == nil {
			u.out = utf8.AppendRune(u.buf[:0], r)
		}
	}
	if n > 0 {
		return n, nil
	}
	return 0, u.err
}

// next decodes the next rune.
func (u *utf16Reader) next() (rune, error) {
	b, err := u.r.Peek(2)
	switch {
	case len(b) == 1 && err == io.EOF:
		u.r.Discard(1)
		return utf8.RuneError, nil
	case len(b) < 2:
		return 0, err
	}
	r, size := u.unit(b), 2
	if utf16.IsSurrogate(r) {
		if b, _ := u.r.Peek(4); len(b) == 4 {
			if low := u.unit(b[2:]); 0xDC00 <= low && low <= 0xDFFF {
				r, size = utf16.DecodeRune(r, low), 4
			}
		}
	}
	u.r.Discard(size)
	if !utf8.ValidRune(r) {
		r = utf8.RuneError
	}
	return r, nil
}

// unit is the UTF-16 code unit at the start of b.
func (u *utf16Reader) unit(b []byte) rune {
	if u.big {
		return rune(b[0])<<8 | rune(b[1])
	}
	return rune(b[1])<<8 | rune(b[0])
}
