package main

import (
	"bufio"
	"bytes"
	"fmt"
	"testing"

	"github.com/digilead/digilead/questions"
	"github.com/digilead/digilead/questions/questionstest"
)

func TestGeneratedBankIsValid(t *testing.T) {
	for _, n := range []int{25, 5000} {
		var buf bytes.Buffer
		w := bufio.NewWriter(&buf)
		if err := bank(w, n); err != nil {
			t.Fatal(err)
		}
		w.Flush()
		b := questionstest.Parse(t, fmt.Sprintf("gen-%d.yaml", n), buf.String())
		if len(b.Questions) != n || len(b.Dimensions) != 25 {
			t.Errorf("got %d questions in %d dimensions, want %d in 25", len(b.Questions), len(b.Dimensions), n)
		}
	}
	if err := bank(bufio.NewWriter(&bytes.Buffer{}), questions.MaxQuestions+1); err == nil {
		t.Error("a bank over the question limit was generated")
	}
}
