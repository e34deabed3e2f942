package report

import (
	"strings"
	"testing"

	"github.com/digilead/digilead/questions"
	"github.com/digilead/digilead/questions/lang"
)

// TestYesNoAnswerInTheFormsWords: a report quotes a yes/no answer in the
// words the form offered (in Welsh "Ie"/"Na", not "ydy"/"nac ydy", which
// answer another kind of question), in every language.
func TestYesNoAnswerInTheFormsWords(t *testing.T) {
	q := &questions.Question{ID: "q", Type: "yesno"}
	for _, tag := range []string{"en", "cy", "fr"} {
		l := lang.Get(tag)
		for v, form := range map[bool]string{true: "form.yes", false: "form.no"} {
			got, want := answerText(l, q, questions.BoolValue(v)), strings.ToLower(l.T(form))
			if got != want {
				t.Errorf("%s: the answer %v is quoted as %q, the form offered %q", tag, v, got, l.T(form))
			}
		}
	}
}
