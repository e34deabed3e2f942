package workshoptest

import (
	"strings"
	"testing"

	"github.com/digilead/digilead/questions"
)

// A participant waits for a question's own words before answering it:
// on every page of the default bank (three questions of one page begin
// "In the last 12 months,"), what marks a question's focus is found in
// no other question of the page.
func TestFocusTellsEveryQuestionOfAPageApart(t *testing.T) {
	for i, page := range Pages(questions.Default()) {
		for _, q := range page {
			f := Focus(page, q)
			if !strings.HasPrefix(q.Text, f) {
				t.Errorf("page %d, %s: focus text %q is not the start of its text", i+1, q.ID, f)
			}
			for _, o := range page {
				if o != q && strings.Contains(o.Text, f) {
					t.Errorf("page %d: the focus text of %s, %q, is in %s too", i+1, q.ID, f, o.ID)
				}
			}
		}
	}
}
