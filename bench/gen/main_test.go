package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"testing"

	"github.com/digilead/digilead/questions"
)

func TestGeneratedBankIsValid(t *testing.T) {
	for _, n := range []int{25, 5000} {
		var buf bytes.Buffer
		w := bufio.NewWriter(&buf)
		if err := bank(w, n); err != nil {
			t.Fatal(err)
		}
		w.Flush()
		b, err := questions.Parse(questions.File{Name: "gen.yaml", Data: buf.Bytes()})
		if err != nil {
			t.Fatalf("%d questions:\n%v", n, err)
		}
		if len(b.Questions) != n || len(b.Dimensions) != 25 {
			t.Errorf("got %d questions in %d dimensions, want %d in 25", len(b.Questions), len(b.Dimensions), n)
		}
	}
	if err := bank(bufio.NewWriter(&bytes.Buffer{}), questions.MaxQuestions+1); err == nil {
		t.Error("a bank over the question limit was generated")
	}
}

func TestGeneratedAnswersAreValidAndSeeded(t *testing.T) {
	b, err := questions.Default()
	if err != nil {
		t.Fatal(err)
	}
	gen := func(seed uint64) []byte {
		var buf bytes.Buffer
		w := bufio.NewWriter(&buf)
		if err := answers(w, 200, seed); err != nil {
			t.Fatal(err)
		}
		w.Flush()
		return buf.Bytes()
	}
	out := gen(1)
	if !bytes.Equal(out, gen(1)) || bytes.Equal(out, gen(2)) {
		t.Error("output is not determined by the seed")
	}
	lines := bytes.Split(bytes.TrimSpace(out), []byte("\n"))
	if len(lines) != 200 {
		t.Fatalf("got %d lines, want 200", len(lines))
	}
	total := 0
	for i, line := range lines {
		raw, err := questions.DecodeAnswers(line)
		if err != nil {
			t.Fatalf("line %d: %v", i+1, err)
		}
		if _, err := b.CheckAnswers(raw); err != nil {
			t.Fatalf("line %d:\n%v", i+1, err)
		}
		var set answerSet
		json.Unmarshal(line, &set)
		if set.Respondent.ID == "" || set.Respondent.Role == "" {
			t.Fatalf("line %d has no respondent id or role", i+1)
		}
		total += len(raw.Answers)
	}
	if mean := total / len(lines); mean < 45 || mean > len(b.Questions) {
		t.Errorf("%d answers per set on average, want about 50", mean)
	}
}
