package review

import (
	"fmt"

	"github.com/digilead/digilead/questions"
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
			f.Problem = fmt.Sprintf("None of its %d likert questions is reverse-keyed, so agreeing with everything raises its score and acquiescence cannot be told apart from good practice.", likert)
			f.Fix = "Add or rewrite one likert question so that agreeing shows weaker practice, worded naturally (not by adding \"not\"), and mark it reverse: true."
			fs = append(fs, f)
		case len(idx) < MinQuestions && firstReverse != nil:
			f := finding(CheckReverseInShort, firstReverse.Pos)
			f.Question = firstReverse.ID
			f.Dimension = dim.ID
			f.Problem = fmt.Sprintf("The dimension has only %d question(s) and one of them is reverse-keyed: in so short a scale a misread reverse item moves the score a lot, and there are too few plain items to see acquiescence against.", len(idx))
			f.Fix = fmt.Sprintf("Give the dimension at least %d questions before reverse-keying one, or word this one the plain way round.", MinQuestions)
			fs = append(fs, f)
		}
	}
	return fs
}
