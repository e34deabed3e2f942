package questions

// ForObservers returns the bank as an observer answers it (360
// feedback): a copy holding only the questions with observer wording,
// each with the observer's text and help in place of its own. Ids,
// scales, options, weights, dimensions, tiers and the digest are the
// bank's, so that an observer's answers score as the person's do; a
// dimension whose questions are all self-only is kept, with no
// questions. The copy shares the questions' options and scales: read
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
