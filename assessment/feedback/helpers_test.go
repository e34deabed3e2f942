package feedback_test

import (
	"strings"
	"testing"
	"time"

	"github.com/digilead/digilead/assessment"
	"github.com/digilead/digilead/assessment/feedback"
	"github.com/digilead/digilead/questions"
	"github.com/digilead/digilead/questions/questionstest"
)

// observerQuestions are the test bank's questions an observer answers;
// the others (a4, b3, g1, g2) are self-only.
var observerQuestions = []string{"a1", "a2", "a3", "b1", "b2"}

// testBank is testdata/observed.yaml with observer wording on
// observerQuestions.
func testBank(t testing.TB) *questions.Bank {
	t.Helper()
	b := questionstest.Load(t, "testdata/observed.yaml")
	for _, id := range observerQuestions {
		q, _ := b.Question(id)
		if q.Observer == nil {
			q.Observer = &questions.Observer{Text: strings.Replace(q.Text, "do you", "does this person", 1)}
		}
	}
	return b
}

var (
	day0      = time.Date(2026, 11, 2, 9, 30, 0, 0, time.UTC)
	testRound = "aaaaaaaaaaaaaaaaaaaaaaaaaa"
)

// doc is a feedback document of the test round on b: every observer
// question answered v (a likert point; 0 is not applicable), unless
// given in over.
func doc(b *questions.Bank, role string, v int, at int, over map[string]questions.Value) *feedback.Feedback {
	f := &feedback.Feedback{
		Schema: feedback.Schema, Round: testRound, Bank: feedback.NewBankRef(b), Role: role,
		CompletedAt: day0.Add(time.Duration(at) * time.Minute), Answers: map[string]questions.Value{},
	}
	for _, id := range observerQuestions {
		x := questions.IntValue(v)
		if id == "a3" { // reverse-keyed: the same view
			x = questions.IntValue(6 - v)
		}
		if v == 0 {
			x = questions.NA
		}
		f.Answers[id] = x
	}
	for id, x := range over {
		f.Answers[id] = x
	}
	return f
}

// selfResult is the person's own result: every question answered v.
func selfResult(t testing.TB, b *questions.Bank, v int) *assessment.Result {
	t.Helper()
	a := &questions.Answers{Respondent: questions.Respondent{Name: "Sam"}, Values: map[string]questions.Value{}}
	for _, q := range b.Questions {
		switch {
		case q.Type == questions.YesNo:
			a.Values[q.ID] = questions.BoolValue(v >= 3)
		case q.Reverse:
			a.Values[q.ID] = questions.IntValue(6 - v)
		default:
			a.Values[q.ID] = questions.IntValue(v)
		}
	}
	return assessment.Score(b, a, assessment.Options{Now: day0})
}

// build counts docs and reports on them beside self.
func build(t testing.TB, b *questions.Bank, o feedback.Options, self *assessment.Result, docs ...*feedback.Feedback) *feedback.Report {
	t.Helper()
	bd := feedback.NewBuilder(b, o)
	for i, d := range docs {
		if err := bd.Add(d, "doc"+string(rune('a'+i))); err != nil {
			t.Fatalf("Add %d: %v", i, err)
		}
	}
	r, err := bd.Report(self)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// many is n documents of role, each answering v.
func many(b *questions.Bank, role string, n, v int, from int) []*feedback.Feedback {
	var out []*feedback.Feedback
	for i := range n {
		out = append(out, doc(b, role, v, from+i, nil))
	}
	return out
}
