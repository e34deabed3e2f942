package batch

import "testing"

func TestSafeCell(t *testing.T) {
	for in, want := range map[string]string{
		"Leading change": "Leading change", "=1+1": "'=1+1", "+44": "'+44", "-x": "'-x", "@SUM": "'@SUM",
		"\tx": "'\tx", "\rx": "'\rx", "": "", "a=b": "a=b",
	} {
		if got := SafeCell(in); got != want {
			t.Errorf("SafeCell(%q) = %q, want %q", in, got, want)
		}
	}
}
