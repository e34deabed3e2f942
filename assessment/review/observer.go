package review

import (
	"github.com/digilead/digilead/questions"
	"github.com/digilead/digilead/questions/lang"
)

// ObserverCoverage is how much of the bank an observer can be asked
// (observer wording, docs/bank-format.md#observer-wording).
type ObserverCoverage struct {
	// Questions counts the questions with observer wording.
	Questions int `json:"questions"`
	// Dimensions counts them by dimension, in bank order.
	Dimensions []DimensionObserver `json:"dimensions"`
	// Without lists the dimensions none of whose questions has observer
	// wording, in bank order.
	Without []string `json:"without"`
}

// DimensionObserver counts one dimension's questions and those of them
// with observer wording.
type DimensionObserver struct {
	ID        string `json:"id"`
	Questions int    `json:"questions"`
	Observer  int    `json:"observer"`
}

// observer counts the bank's observer wording and finds what is wrong
// with it: observer texts that speak to their reader (observer-you, in
// the bank's language), and, in a bank with observer wording, dimensions
// without any (observer-coverage).
func observer(b *questions.Bank) (ObserverCoverage, []Finding) {
	c := ObserverCoverage{Dimensions: []DimensionObserver{}, Without: []string{}}
	var fs []Finding
	for i := range b.Questions {
		q := &b.Questions[i]
		if q.Observer == nil {
			continue
		}
		c.Questions++
		if word, ok := questions.SpeaksToReader(q.Observer.Text, questions.BankLanguage(b)); ok {
			f := finding(CheckObserverYou, q.Observer.Pos)
			f.Question = q.ID
			f.say(lang.M("review.observer_you.fix"), lang.M("review.observer_you.problem", "Word", word))
			fs = append(fs, f)
		}
	}
	for i, d := range b.Dimensions {
		do := DimensionObserver{ID: d.ID}
		for _, k := range b.DimensionQuestions(i) {
			do.Questions++
			if b.Questions[k].Observer != nil {
				do.Observer++
			}
		}
		c.Dimensions = append(c.Dimensions, do)
		if do.Observer > 0 {
			continue
		}
		c.Without = append(c.Without, d.ID)
		if c.Questions > 0 {
			f := finding(CheckObserverCoverage, d.Pos)
			f.Dimension = d.ID
			f.say(lang.M("review.observer_coverage.fix"), lang.M("review.observer_coverage.problem"))
			fs = append(fs, f)
		}
	}
	return c, fs
}
