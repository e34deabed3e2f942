package questions_test

import (
	"testing"

	"github.com/digilead/digilead/questions"
)

func TestPlural(t *testing.T) {
	for n, want := range map[int]string{0: "people", 1: "person", 2: "people", -1: "people"} {
		if got := questions.Plural(n, "person", "people"); got != want {
			t.Errorf("Plural(%d) = %q, want %q", n, got, want)
		}
	}
}
