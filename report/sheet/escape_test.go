package sheet

import (
	"bytes"
	"encoding/xml"
	"math/rand/v2"
	"strings"
	"testing"
)

// escapeSeeds are texts with every case escapeText tells apart.
var escapeSeeds = []string{
	"", "plain", `"quoted" & 'single' <tag> a>b`, "tab\there\nline\r\nend", "\x00\x01\x1b[31m\x7f",
	"café ☕ 𝄞", "\xff\xfe bad \xc3", "\uFFFD real replacement", "\uFFFE\uFFFF", "\xed\xa0\x80 surrogate",
	"_x001B_", "end&", "<", strings.Repeat("ab&", 100),
}

func checkEscapeText(t *testing.T, s string) {
	t.Helper()
	var want, got bytes.Buffer
	xml.EscapeText(&want, []byte(s))
	escapeText(&got, s)
	if got.String() != want.String() {
		t.Fatalf("escapeText(%q) = %q, encoding/xml writes %q", s, got.String(), want.String())
	}
}

// TestEscapeTextAsEncodingXML: the hand-written escaper writes what
// encoding/xml's EscapeText writes, for the seeds and for random bytes.
func TestEscapeTextAsEncodingXML(t *testing.T) {
	if xmlHeader != xml.Header {
		t.Errorf("xmlHeader = %q, encoding/xml's Header is %q", xmlHeader, xml.Header)
	}
	for _, s := range escapeSeeds {
		checkEscapeText(t, s)
	}
	rng := rand.New(rand.NewPCG(3, 4))
	alphabet := []string{"a", " ", "\"", "'", "&", "<", ">", "\t", "\n", "\r", "\x00", "\x1f", "é", "\uFFFD", "\uFFFE", "𝄞", "\xff", "\xc3", "\xed\xa0\x80", "\u2028"}
	for range 5000 {
		var b strings.Builder
		for range rng.IntN(12) {
			if rng.IntN(4) == 0 {
				b.WriteByte(byte(rng.Uint32()))
			} else {
				b.WriteString(alphabet[rng.IntN(len(alphabet))])
			}
		}
		checkEscapeText(t, b.String())
	}
}

func FuzzEscapeText(f *testing.F) {
	for _, s := range escapeSeeds {
		f.Add(s)
	}
	f.Fuzz(checkEscapeText)
}
