package main

import (
	"bufio"
	"bytes"
	"fmt"
	"strings"
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

// TestSQLQuery: the peer's query is written for banks of every shape, in
// both modes; the five-factor bank's answers are read as integers.
func TestSQLQuery(t *testing.T) {
	ff := questionstest.Load(t, "../five-factor.yaml")
	for _, c := range []struct {
		b          *questions.Bank
		mode, want string
	}{
		{questions.Default(), "cohort", `"` + questions.Default().Questions[0].ID + `" VARCHAR`},
		{questions.Default(), "csv", `TO '{output}' (FORMAT csv, HEADER)`},
		{ff, "cohort", `"O1" INTEGER`},
	} {
		var buf bytes.Buffer
		w := bufio.NewWriter(&buf)
		if err := sqlQuery(w, c.b, c.mode); err != nil {
			t.Fatal(err)
		}
		w.Flush()
		if !strings.Contains(buf.String(), c.want) || !strings.Contains(buf.String(), "read_json('{input}'") {
			t.Errorf("%s %s: the query lacks %q:\n%.400s", c.b.ID, c.mode, c.want, buf.String())
		}
	}
	if err := sqlQuery(bufio.NewWriter(&bytes.Buffer{}), ff, "parquet"); err == nil {
		t.Error("an unknown mode was accepted")
	}
}
