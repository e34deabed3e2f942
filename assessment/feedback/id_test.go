package feedback_test

import (
	"bytes"
	"encoding/base32"
	"math/rand/v2"
	"testing"

	"github.com/digilead/digilead/assessment/feedback"
)

// stdID is the encoding ids had when they were written by encoding/base32.
var stdID = base32.NewEncoding("abcdefghijklmnopqrstuvwxyz234567").WithPadding(base32.NoPadding)

// TestIDsAsBase32: NewID writes what encoding/base32 wrote, and IsID
// takes what it read back, but for a carriage return or line feed, which
// the decoder skipped and an id may not hold.
func TestIDsAsBase32(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for range 2000 {
		var b [16]byte
		for i := range b {
			b[i] = byte(rng.Uint32())
		}
		id, err := feedback.NewID(bytes.NewReader(b[:]))
		if want := stdID.EncodeToString(b[:]); err != nil || id != want {
			t.Fatalf("NewID(%x) = %q, %v; encoding/base32 wrote %q", b, id, err, want)
		}
		if !feedback.IsID(id) {
			t.Fatalf("IsID(%q) = false for an id NewID wrote", id)
		}
		for _, pos := range []int{0, 1, 12, len(id) - 1} {
			for c := range 256 {
				s := []byte(id)
				s[pos] = byte(c)
				_, err := stdID.DecodeString(string(s))
				want := err == nil && c != '\r' && c != '\n'
				if got := feedback.IsID(string(s)); got != want {
					t.Fatalf("IsID(%q) = %v, want %v", s, got, want)
				}
			}
		}
	}
	for _, s := range []string{"", "abc", "aaaaaaaaaaaaaaaaaaaaaaaaaaa", "aaaaaaaaaaaaaaaaaaaaaaaaa"} {
		if feedback.IsID(s) {
			t.Errorf("IsID(%q) = true", s)
		}
	}
}
