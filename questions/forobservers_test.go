package questions_test

import (
	"testing"

	"github.com/digilead/digilead/questions"
	"github.com/digilead/digilead/questions/questionstest"
)

func TestForObservers(t *testing.T) {
	b := questionstest.Load(t, questionstest.Path("assessment/testdata/small.yaml"))
	if b.Observed() {
		t.Fatal("small.yaml has observer wording")
	}
	q, _ := b.Question("a2")
	q.Observer = &questions.Observer{Text: "likert two, of them", Help: "their help"}
	o := b.ForObservers()
	if len(o.Questions) != 1 || o.Questions[0].ID != "a2" || o.Questions[0].Text != "likert two, of them" || o.Questions[0].Help != "their help" {
		t.Fatalf("observer bank questions = %+v", o.Questions)
	}
	if !o.Questions[0].AllowNA {
		t.Error("an observer cannot say \"cannot say\" (not applicable)")
	}
	if got, ok := o.Question("a2"); !ok || got.Text != "likert two, of them" {
		t.Errorf("Question(a2) = %+v, %v: the copy is not indexed", got, ok)
	}
	if _, ok := o.Question("a1"); ok {
		t.Error("a self-only question is in the observer bank")
	}
	if o.Digest != b.Digest || len(o.Dimensions) != len(b.Dimensions) || len(o.QuestionsOf("beta")) != 0 {
		t.Errorf("digest %s, %d dimensions, beta %d questions", o.Digest, len(o.Dimensions), len(o.QuestionsOf("beta")))
	}
	if q.Text != "likert two" || !b.Observed() {
		t.Errorf("the bank changed: %q", q.Text)
	}
}
