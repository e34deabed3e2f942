package batch

import (
	"sync"

	"github.com/digilead/digilead/assessment"
	"github.com/digilead/digilead/questions"
)

// Outliner reads answer sets into outlines (assessment.Outline): the
// figures a cohort needs of each, scored without writing a result (and,
// under the strict rule, without the level's probability, which a cohort
// does not report). It is safe for concurrent use.
type Outliner struct {
	s        *Scorer
	target   string
	pool     sync.Pool // *outlineScratch
	outlines sync.Pool // *assessment.Outline
}

type outlineScratch struct {
	dec     *fastDecoder
	values  []questions.Value
	answers questions.Answers
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
		sc.dec.reuse = true // an outline keeps no answer
	}
	defer o.pool.Put(sc)
	out, _ := o.outlines.Get().(*assessment.Outline)
	if out == nil {
		out = &assessment.Outline{NoProbability: true} // a cohort reports none
	}
	a := &sc.answers
	values, err := o.s.positions(data, sc.dec, sc.values, a)
	if err != nil {
		return nil, err
	}
	out.Respondent = a.Respondent
	o.s.scorer.Outline(values, a.Respondent.Role, o.target, out)
	return out, nil
}

// Release gives back an outline that is no longer used, for Outline to
// reuse.
func (o *Outliner) Release(out *assessment.Outline) { o.outlines.Put(out) }

// AnswerReader reads answer sets, or the answers of results, checked
// against a bank: with score's fast decoder, or the standard way
// (assessment.DecodeAnswerSet, Bank.CheckAnswers) when that one gives up.
// It is safe for concurrent use.
type AnswerReader struct {
	b    *questions.Bank
	pool sync.Pool // *fastDecoder
}

// NewAnswerReader returns a reader for bank b.
func NewAnswerReader(b *questions.Bank) *AnswerReader { return &AnswerReader{b: b} }

// Read reads one answer set or result (a line of JSON Lines, or a JSON
// document).
func (r *AnswerReader) Read(data []byte) (*questions.Answers, error) {
	dec, _ := r.pool.Get().(*fastDecoder)
	if dec == nil {
		dec = newFastDecoder(r.b)
	}
	defer r.pool.Put(dec)
	a := &questions.Answers{Values: make(map[string]questions.Value, len(r.b.Questions))}
	if dec.decode(data, a) {
		return a, nil
	}
	raw, err := assessment.DecodeAnswerSet(data)
	if err != nil {
		return nil, err
	}
	return r.b.CheckAnswers(raw)
}
