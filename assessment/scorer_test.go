package assessment_test

import (
	"math"
	"reflect"
	"sync"
	"testing"
	"time"

	"github.com/digilead/digilead/assessment"
	"github.com/digilead/digilead/assessment/batch/batchtest"
	"github.com/digilead/digilead/questions"
	"github.com/digilead/digilead/questions/questionstest"
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

// TestScorerGaps measures the example result's scores against every tier
// with Scorer.Gaps, as a cohort with a common target does, and checks the
// gaps against those Score gives a result with that target.
func TestScorerGaps(t *testing.T) {
	b, a := questionstest.Example(t)
	s := assessment.NewScorer(b)
	for i := range b.Tiers {
		target := &b.Tiers[i]
		r := s.Score(a, assessment.Options{Target: target.ID})
		scores := map[string]*float64{}
		for _, d := range r.Dimensions {
			scores[d.ID] = d.Score
		}
		got := s.Gaps(target, scores)
		if len(got) != len(r.Gaps) {
			t.Fatalf("%s: %d gaps, want %d", target.ID, len(got), len(r.Gaps))
		}
		for j, g := range got {
			w := r.Gaps[j]
			if g.Dimension != w.Dimension || g.Severity != w.Severity || math.Abs(g.Gap-w.Gap) > 0.01 || !reflect.DeepEqual(g.Actions, w.Actions) {
				t.Errorf("%s: gap %d = %s %v %s %v, want %s %v %s %v", target.ID, j, g.Dimension, g.Gap, g.Severity, g.Actions, w.Dimension, w.Gap, w.Severity, w.Actions)
			}
		}
	}
	if gs := s.Gaps(&questions.Tier{ID: "no-such-tier"}, nil); gs != nil {
		t.Errorf("a tier outside the bank has gaps: %v", gs)
	}
}
