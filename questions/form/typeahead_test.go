package form

import (
	"fmt"
	"strings"
	"testing"

	"github.com/digilead/digilead/questions"
	"github.com/digilead/digilead/questions/questionstest"
)

// Keys typed ahead land on their own questions: each page's keys come in
// one write, as keys that queued up while a busy server was slow to read
// them do. (huh moves the focus with commands; a key handled before the
// move once changed the question just left.)
func TestKeysTypedAheadLandOnTheirQuestions(t *testing.T) {
	t.Parallel() // a program of its own; it waits on frames more than it works
	b := questions.Default()
	term, done := run(t, b, Options{})
	term.waitFor("Welcome")
	term.press("Sam" + enter + up + enter) // the role list starts on "rather not say"
	want := map[string]questions.Value{}
	for i, p := range dimensionPages(b) {
		term.waitFor(fmt.Sprintf("Page %d of %d", i+1, Pages(b)))
		var keys strings.Builder
		for _, q := range p.questions {
			k, v := secondChoice(q)
			keys.WriteString(strings.Join(k, ""))
			want[q.ID] = v
		}
		term.press(keys.String())
	}
	o := wait(t, done)
	if o.err != nil {
		t.Fatal(o.err)
	}
	if o.answers.Respondent.Name != "Sam" || o.answers.Respondent.Role != b.Tiers[len(b.Tiers)-1].ID {
		t.Errorf("respondent = %+v, want Sam in the top tier", o.answers.Respondent)
	}
	questionstest.SameValues(t, o.answers.Values, want)
}
