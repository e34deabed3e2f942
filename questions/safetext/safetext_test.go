package safetext

import "testing"

func TestCell(t *testing.T) {
	for in, want := range map[string]string{
		"Leading change": "Leading change", "=1+1": "'=1+1", "+44": "'+44", "-x": "'-x", "@SUM": "'@SUM",
		"\tx": "'\tx", "\rx": "'\rx", "": "", "a=b": "a=b",
	} {
		if got := Cell(in); got != want {
			t.Errorf("Cell(%q) = %q, want %q", in, got, want)
		}
	}
}
