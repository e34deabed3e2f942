package review

import (
	"github.com/digilead/digilead/questions"
	"github.com/digilead/digilead/questions/lang"
)

// MinQuestions is the fewest questions a dimension needs before reverse
// keying pays, and before it may decide a tier.
const MinQuestions = 3

// keying runs the keying checks on every dimension.
func keying(b *questions.Bank) []Finding {
	var fs []Finding
	for d := range b.Dimensions {
		dim := &b.Dimensions[d]
		idx := b.DimensionQuestions(d)
		likert, reverseLikert := 0, 0
		var firstReverse *questions.Question
		for _, i := range idx {
			q := &b.Questions[i]
			if q.Type == questions.Likert {
				likert++
				if q.Reverse {
					reverseLikert++
				}
			}
			if q.Reverse && firstReverse == nil {
				firstReverse = q
			}
		}
		switch {
		case len(idx) >= MinQuestions && likert >= 2 && reverseLikert == 0:
			f := finding(CheckNoReverseItem, dim.Pos)
			f.Dimension = dim.ID
			f.say(lang.M("review.no_reverse.fix"), lang.P("review.no_reverse.problem", likert))
			fs = append(fs, f)
		case len(idx) < MinQuestions && firstReverse != nil:
			f := finding(CheckReverseInShort, firstReverse.Pos)
			f.Question = firstReverse.ID
			f.Dimension = dim.ID
			f.say(lang.M("review.reverse_short.fix", "Min", MinQuestions), lang.P("review.reverse_short.problem", len(idx)))
			fs = append(fs, f)
		}
	}
	return fs
}
