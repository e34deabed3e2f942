package questions

// ForObservers returns the bank as an observer answers it (360
// feedback): a copy holding only the questions with observer wording,
// each with the observer's text and help in place of its own. Ids,
// scales, options, weights, dimensions, tiers and the digest are the
// bank's, so that an observer's answers score as the person's do; a
// dimension whose questions are all self-only is kept, with no
// questions. Every question of the copy offers not applicable, an
// observer's "cannot say". The copy shares the questions' options and scales: read
// them, never change them. It has no questions when none has observer
// wording.
func (b *Bank) ForObservers() *Bank {
	c := *b
	c.Questions = make([]Question, 0, len(b.Questions))
	for _, q := range b.Questions {
		if q.Observer == nil {
			continue
		}
		q.Text, q.Help = q.Observer.Text, q.Observer.Help
		// An observer may never have seen the person in the situation
		// asked about: every question may be answered "cannot say"
		// (not applicable), which leaves it out of the scores.
		q.AllowNA = true
		c.Questions = append(c.Questions, q)
	}
	c.index()
	return &c
}

// Observed reports whether an observer can answer some question of the
// bank: whether it has observer wording at all.
func (b *Bank) Observed() bool {
	for i := range b.Questions {
		if b.Questions[i].Observer != nil {
			return true
		}
	}
	return false
}

// ObserverAnswers returns the bank against which an observer's answers
// file is read: the bank itself, all its questions kept (so that an answer
// to a self-only question is reported as one), but every question with
// observer wording allowing not applicable, as ForObservers does.
func (b *Bank) ObserverAnswers() *Bank {
	c := *b
	c.Questions = append([]Question(nil), b.Questions...)
	for i := range c.Questions {
		if c.Questions[i].Observer != nil {
			c.Questions[i].AllowNA = true
		}
	}
	c.index()
	return &c
}
