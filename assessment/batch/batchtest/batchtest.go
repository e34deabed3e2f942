// Package batchtest generates synthetic answer sets for tests and
// benchmarks of batch scoring and cohort reports.
package batchtest

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"math/rand/v2"

	"github.com/digilead/digilead/questions"
)

// Options shape the generated answer sets.
type Options struct {
	// Seed makes the output reproducible.
	Seed uint64
	// Names adds a respondent name to every set (for anonymity tests).
	Names bool
	// SkipRate is the share of questions left unanswered (0..1).
	SkipRate float64
	// NARate is the share of N/A answers where a question offers N/A.
	NARate float64
	// Groups, when set, puts each respondent in one of them
	// (respondent.group), the k-th about half as often as the one before,
	// so that the last groups are small.
	Groups []string
}

// Line is one answer set as `digilead score` reads it; its answers are
// as encoding/json decodes them, so Bank.CheckAnswers takes them as they
// are.
type Line struct {
	Bank       string               `json:"bank,omitempty"`
	Respondent questions.Respondent `json:"respondent"`
	Answers    map[string]any       `json:"answers"`
}

// AnswerSet returns the i-th synthetic answer set for the bank. Each
// respondent has an ability that shifts all their answers, so levels and
// gaps spread as in a real group.
func AnswerSet(b *questions.Bank, i int, o Options) Line {
	rng := rand.New(rand.NewPCG(o.Seed, uint64(i)))
	ability := 0.25 + 0.75*rng.Float64()
	l := Line{
		Bank:       b.ID,
		Respondent: questions.Respondent{ID: fmt.Sprintf("r%06d", i+1), Role: b.Tiers[rng.IntN(len(b.Tiers))].ID},
		Answers:    make(map[string]any, len(b.Questions)),
	}
	if o.Names {
		l.Respondent.Name = fmt.Sprintf("Person %d", i+1)
	}
	if len(o.Groups) > 0 {
		k := 0
		for k < len(o.Groups)-1 && rng.IntN(2) == 0 {
			k++
		}
		l.Respondent.Group = o.Groups[k]
	}
	for qi := range b.Questions {
		q := &b.Questions[qi]
		switch r := rng.Float64(); {
		case r < o.SkipRate:
			continue
		case q.AllowNA && r < o.SkipRate+o.NARate:
			l.Answers[q.ID] = "na"
			continue
		}
		l.Answers[q.ID] = answer(q, rng, ability)
	}
	return l
}

// answer picks a value for q, leaning towards high values for able people.
func answer(q *questions.Question, rng *rand.Rand, ability float64) any {
	lean := func(n int) int { // 0..n-1, skewed by ability
		x := ability*0.8 + rng.Float64()*0.3
		if q.Reverse {
			x = 1 - x
		}
		return min(n-1, int(x*float64(n)))
	}
	switch q.Type {
	case questions.Likert:
		return float64(q.Scale.Min + lean(q.Scale.Max-q.Scale.Min+1))
	case questions.Choice:
		if rng.Float64() < ability { // the best option
			best := q.Options[0]
			for _, o := range q.Options {
				if o.Score > best.Score {
					best = o
				}
			}
			return best.ID
		}
		return q.Options[rng.IntN(len(q.Options))].ID
	case questions.Multi:
		ids := []any{} // as JSON decodes a list, so CheckAnswers takes it
		for _, o := range q.Options {
			if rng.Float64() < ability*0.8 {
				ids = append(ids, o.ID)
			}
		}
		return ids
	case questions.YesNo:
		return rng.Float64() < ability
	}
	return nil
}

// Write writes n answer sets as JSON Lines.
func Write(w io.Writer, b *questions.Bank, n int, o Options) error {
	bw := bufio.NewWriterSize(w, 1<<16)
	enc := json.NewEncoder(bw)
	for i := 0; i < n; i++ {
		if err := enc.Encode(AnswerSet(b, i, o)); err != nil {
			return err
		}
	}
	return bw.Flush()
}
