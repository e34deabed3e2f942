package batch

import (
	"bytes"
	"io"
	"math/rand/v2"
	"testing"
	"testing/iotest"

	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/transform"
)

// utf16Seeds are UTF-16 texts with a byte-order mark: pairs, lone and
// reversed surrogates, a surrogate at the end, an odd last byte, a second
// mark.
var utf16Seeds = [][]byte{
	{0xFF, 0xFE}, {0xFE, 0xFF}, {0xFF, 0xFE, 'a', 0, '{', 0},
	{0xFE, 0xFF, 0, 'a', 0xD8, 0x34, 0xDD, 0x1E, 0, 'b'},
	{0xFF, 0xFE, 0x34, 0xD8, 0x1E, 0xDD},
	{0xFF, 0xFE, 0x34, 0xD8, 'a', 0},
	{0xFF, 0xFE, 0x1E, 0xDD, 0x1E, 0xDD, 'a', 0},
	{0xFF, 0xFE, 0x34, 0xD8, 0x34, 0xD8, 0x1E, 0xDD},
	{0xFF, 0xFE, 'a', 0, 0x34, 0xD8}, {0xFF, 0xFE, 'a', 0, 0x34}, {0xFE, 0xFF, 0, 'a', 0xD8},
	{0xFF, 0xFE, 0xFF, 0xFE, 'a', 0}, {0xFE, 0xFF, 0xFE, 0xFF, 0, 0, 0, 'a'},
}

// checkUTF16 holds TextOf's reading of UTF-16 to what x/text's decoder
// (BOMOverride, as it was read before) makes of the same bytes, read
// whole and a byte at a time.
func checkUTF16(t *testing.T, data []byte) {
	t.Helper()
	want, err := io.ReadAll(transform.NewReader(bytes.NewReader(data), unicode.BOMOverride(unicode.UTF8.NewDecoder())))
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range []io.Reader{bytes.NewReader(data), iotest.OneByteReader(bytes.NewReader(data))} {
		text, err := TextOf(r)
		if err != nil {
			t.Fatalf("TextOf(%x): %v", data, err)
		}
		got, err := io.ReadAll(iotest.OneByteReader(text))
		if err != nil || !bytes.Equal(got, want) {
			t.Fatalf("TextOf(%x) reads %q, %v; x/text's decoder %q", data, got, err, want)
		}
	}
}

// TestUTF16AsXText: the hand-written UTF-16 decoder reads every seed and
// random UTF-16 as x/text's does.
func TestUTF16AsXText(t *testing.T) {
	for _, s := range utf16Seeds {
		checkUTF16(t, s)
	}
	rng := rand.New(rand.NewPCG(5, 6))
	units := []uint16{'a', '{', 0x00E9, 0x20AC, 0xD834, 0xDD1E, 0xDBFF, 0xDC00, 0xDFFF, 0xFEFF, 0xFFFD, 0xFFFF}
	for range 3000 {
		data := [][]byte{{0xFF, 0xFE}, {0xFE, 0xFF}}[rng.IntN(2)]
		data = append([]byte(nil), data...)
		big := data[0] == 0xFE
		for range rng.IntN(10) {
			u := units[rng.IntN(len(units))]
			if rng.IntN(4) == 0 {
				u = uint16(rng.Uint32())
			}
			if big {
				data = append(data, byte(u>>8), byte(u))
			} else {
				data = append(data, byte(u), byte(u>>8))
			}
		}
		if rng.IntN(5) == 0 {
			data = append(data, byte(rng.Uint32()))
		}
		if bytes.HasPrefix(data, []byte{0xFF, 0xFE, 0, 0}) {
			continue // UTF-32's mark, refused before decoding
		}
		checkUTF16(t, data)
	}
}

func FuzzUTF16(f *testing.F) {
	for _, s := range utf16Seeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		if !bytes.HasPrefix(data, []byte{0xFF, 0xFE}) && !bytes.HasPrefix(data, []byte{0xFE, 0xFF}) || bytes.HasPrefix(data, []byte{0xFF, 0xFE, 0, 0}) {
			return // not UTF-16 with a mark
		}
		checkUTF16(t, data)
	})
}
