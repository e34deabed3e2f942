package assessment

import (
	"github.com/digilead/digilead/questions"
	"github.com/digilead/digilead/questions/lang"
)

// Note kinds.
const (
	NoteStraightLining = "straight_lining"
	NoteContradiction  = "contradiction"
)

// MinStraightLining is the fewest answered likert questions for which the
// same answer throughout is noted as straight-lining.
const MinStraightLining = 8

// Notes observes the quality of a person's answers without changing any
// score: straight-lining (the same point of the scale on every answered
// likert question, when there are at least MinStraightLining), and
// contradictions (a question and a reverse-keyed question of the same
// dimension answered at the same extreme of their scales). Notes come in
// bank order; nil when there is nothing to say.
func Notes(b *questions.Bank, values map[string]questions.Value) []Note {
	inOrder := make([]questions.Value, len(b.Questions))
	for i := range b.Questions {
		inOrder[i] = values[b.Questions[i].ID]
	}
	return NewScorer(b).notes(inOrder)
}

// notes is Notes from the values in question order.
func (s *Scorer) notes(values []questions.Value) []Note {
	var notes []Note
	if n, ok := s.straightLining(values); ok {
		notes = append(notes, n)
	}
	for _, d := range s.contra {
		if n, ok := s.contradiction(d, values); ok {
			notes = append(notes, n)
		}
	}
	return notes
}

// straightLining notes the same scale point on every answered likert
// question. The point is compared by its position on the question's scale,
// so questions with their own scale count too.
func (s *Scorer) straightLining(values []questions.Value) (Note, bool) {
	count, point := 0, -1
	var label lang.Msg
	for _, i := range s.likert {
		q, v := &s.b.Questions[i], values[i]
		if v.Kind != questions.Number {
			continue
		}
		p := v.Num - q.Scale.Min
		if count > 0 && p != point {
			return Note{}, false
		}
		if count == 0 {
			point, label = p, pointName(q, v.Num)
		}
		count++
	}
	if count < MinStraightLining {
		return Note{}, false
	}
	return newNote(NoteStraightLining, "", lang.P("note.straight_lining", count, "Answer", label)), true
}

// newNote makes a note saying msg, its text in English.
func newNote(kind, dim string, msg lang.Msg) Note {
	return Note{Kind: kind, Dimension: dim, Text: lang.English().Say(msg), Msg: msg}
}

// contradiction notes, for dimension d, pairs of a question and a
// reverse-keyed question answered at the same extreme of their scales.
func (s *Scorer) contradiction(d int, values []questions.Value) (Note, bool) {
	var plain, reversed []int
	for _, i := range s.dimQs[d] {
		if _, ok := extreme(&s.b.Questions[i], values[i]); !ok {
			continue
		}
		if s.b.Questions[i].Reverse {
			reversed = append(reversed, i)
		} else {
			plain = append(plain, i)
		}
	}
	var pairs []any
	for _, pi := range plain {
		p := &s.b.Questions[pi]
		pe, _ := extreme(p, values[pi])
		for _, ri := range reversed {
			r := &s.b.Questions[ri]
			if re, _ := extreme(r, values[ri]); re == pe {
				pairs = append(pairs, lang.M("note.pair", "A", p.ID, "B", r.ID, "Answers", bothNames(p, r, values[pi], values[ri])))
			}
		}
	}
	if len(pairs) == 0 {
		return Note{}, false
	}
	dim := &s.b.Dimensions[d]
	return newNote(NoteContradiction, dim.ID, lang.M("note.contradiction", "Dimension", dim.Name, "Pairs", lang.Joined{Items: pairs, Sep: "list.semicolon"})), true
}

// extreme says which end of its scale a likert answer is at: -1 the
// bottom, +1 the top. ok is false for other answers.
func extreme(q *questions.Question, v questions.Value) (end int, ok bool) {
	if q.Type != questions.Likert || v.Kind != questions.Number {
		return 0, false
	}
	switch v.Num {
	case q.Scale.Min:
		return -1, true
	case q.Scale.Max:
		return 1, true
	}
	return 0, false
}

// bothNames names the answers of two questions: "both X" when they are
// the same.
func bothNames(p, r *questions.Question, pv, rv questions.Value) lang.Msg {
	a, b := pointName(p, pv.Num), pointName(r, rv.Num)
	if lang.English().Say(a) == lang.English().Say(b) {
		return lang.M("note.both", "Answer", a)
	}
	return lang.M("note.two_answers", "A", a, "B", b)
}

// pointName names a scale point by its label, or by its number.
func pointName(q *questions.Question, v int) lang.Msg {
	if l := q.Scale.Label(v); l != "" {
		return lang.M("note.point_label", "Label", l)
	}
	return lang.M("note.point_number", "N", v, "Min", q.Scale.Min, "Max", q.Scale.Max)
}

// StraightLined reports whether r carries a note that its answers were
// given the same way throughout (NoteStraightLining).
func StraightLined(r *Result) bool {
	for _, n := range r.Notes {
		if n.Kind == NoteStraightLining {
			return true
		}
	}
	return false
}

// SEMUnjudged reports whether the SEM of d, a dimension of r, cannot be
// judged: it was worked out from r's own answers (SourceAnswers; a
// result without sem_source that decides levels by the most-probable
// rule is taken to be so) and those answers were given the same way
// throughout (StraightLined). Answers that agree with one another make
// that error as small as it gets whatever the person's practice, so it
// is no basis for telling a difference from measurement error. An SEM
// the bank records (SourceBank) does not depend on the answers and can
// be judged; so can any SEM of a result that is not straight-lined.
func SEMUnjudged(r *Result, d *DimensionScore) bool {
	if d.SEM == nil || !StraightLined(r) {
		return false
	}
	switch d.SEMSource {
	case SourceAnswers:
		return true
	case "":
		return r.LevelRule == questions.LevelRuleMostProbable
	}
	return false
}
