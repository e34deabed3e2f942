package assessment_test

import (
	"reflect"
	"sync"
	"testing"
	"time"

	"github.com/digilead/digilead/assessment"
	"github.com/digilead/digilead/assessment/batch/batchtest"
	"github.com/digilead/digilead/questions"
)

// TestScorerReuse scores many answer sets with one Scorer, from two
// goroutines at once, and checks each result against one scored on its
// own: results must share nothing a later score could change.
func TestScorerReuse(t *testing.T) {
	b := questions.Default()
	const n = 400
	sets := make([]*questions.Answers, n)
	for i := range sets {
		l := batchtest.AnswerSet(b, i, batchtest.Options{Seed: 7, SkipRate: 0.2, NARate: 0.1})
		a, err := b.CheckAnswers(questions.RawAnswers{Respondent: l.Respondent, Answers: l.Answers})
		if err != nil {
			t.Fatalf("set %d: %v", i, err)
		}
		sets[i] = a
	}
	opts := assessment.Options{Now: time.Unix(1700000000, 0)}
	s := assessment.NewScorer(b)
	got := make([]*assessment.Result, n)
	var wg sync.WaitGroup
	for w := range 2 {
		wg.Go(func() {
			for i := w; i < n; i += 2 {
				got[i] = s.Score(sets[i], opts)
			}
		})
	}
	wg.Wait()
	levels := map[string]bool{}
	for i, r := range got {
		want := assessment.Score(b, sets[i], opts)
		if !reflect.DeepEqual(r, want) {
			t.Fatalf("set %d: the shared Scorer's result differs from one scored alone", i)
		}
		if r.Level != nil {
			levels[r.Level.ID] = true
		}
	}
	// The sets must vary enough to exercise the tiers.
	if len(levels) < 2 {
		t.Fatalf("generated sets reached levels %v; want at least two", levels)
	}
}
