package batch

import (
	"sync"

	"github.com/digilead/digilead/assessment"
	"github.com/digilead/digilead/questions"
)

// Outliner reads answer sets into outlines (assessment.Outline): the
// figures a cohort needs of each, scored without writing a result. It is
// safe for concurrent use.
type Outliner struct {
	s      *Scorer
	target string
	pool   sync.Pool // *outlineScratch
}

type outlineScratch struct {
	dec    *fastDecoder
	values []questions.Value
}

// NewOutliner returns an outliner for the bank; target, if not empty, is
// the tier everyone's gaps are measured against (a tier of the bank).
func NewOutliner(b *questions.Bank, target string) *Outliner {
	return &Outliner{s: NewScorer(b, assessment.Options{Target: target}, JSONL), target: target}
}

// Outline decodes one answer set (a line of JSON Lines, or a JSON
// document) with score's fast decoder, or the standard way when that one
// gives up, and scores it. The error is what score reports for the line.
func (o *Outliner) Outline(data []byte) (*assessment.Outline, error) {
	sc, _ := o.pool.Get().(*outlineScratch)
	if sc == nil {
		sc = &outlineScratch{dec: newFastDecoder(o.s.bank), values: make([]questions.Value, len(o.s.bank.Questions))}
	}
	defer o.pool.Put(sc)
	out := &assessment.Outline{}
	a := &questions.Answers{}
	values := sc.values
	if sc.dec.scan(data, a) {
		values = sc.dec.values()
	} else {
		var err error
		if a, err = o.s.check(data); err != nil {
			return nil, err
		}
		for i, q := range o.s.bank.Questions {
			values[i] = a.Values[q.ID]
		}
	}
	out.Respondent = a.Respondent
	o.s.scorer.Outline(values, a.Respondent.Role, o.target, out)
	return out, nil
}
