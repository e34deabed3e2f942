package assessment

import (
	"math"
	"slices"

	"github.com/digilead/digilead/questions"
)

// Outline is what a group summary needs of one scored answer set: the
// figures its result would carry, rounded as the result rounds them, and
// none of the document (texts, actions, answers, notes). Scoring an
// outline costs no allocation once its slices have grown to the bank.
type Outline struct {
	// Respondent is who answered.
	Respondent questions.Respondent
	// Scores are the dimension scores in bank order; NaN where the
	// dimension had too few answers.
	Scores []float64
	// Met and Readiness are each tier's, in rank order.
	Met       []bool
	Readiness []float64
	// Level is the index of the level's tier, -1 when no tier is met.
	Level int
	// Target is the index of the tier gaps are measured against.
	Target int
	// Gaps are the gaps to the target by dimension, as the result's gaps:
	// NaN where the target expects nothing of the dimension or it has no
	// score.
	Gaps []float64
	// LevelProbability is the result's level_probability, rounded as it
	// is; NaN when NoProbability spared it.
	LevelProbability float64
	// NoProbability, set by the caller, spares the work of
	// LevelProbability under the strict rule, whose level needs none (a
	// cohort, which reports no probability, sets it).
	NoProbability bool

	raw  []float64
	ptrs []*float64
	sums []dimSums
	post posterior
}

// Outline scores answers given by question position (values[i] answers
// b.Questions[i]) into o, with the same figures Score writes into a
// result. role is the respondent's declared tier (or ""), explicit the
// target asked for (or "").
func (s *Scorer) Outline(values []questions.Value, role, explicit string, o *Outline) {
	b := s.b
	nd, nt := len(b.Dimensions), len(b.Tiers)
	o.Scores = grow(o.Scores, nd)
	o.Gaps = grow(o.Gaps, nd)
	o.raw = grow(o.raw, nd)
	o.ptrs = grow(o.ptrs, nd)
	o.Met = grow(o.Met, nt)
	o.Readiness = grow(o.Readiness, nt)
	posterior := s.mostProbable || !o.NoProbability
	var sums []dimSums
	if posterior {
		o.sums = grow(o.sums, nd)
		sums = o.sums
	}
	for d := range b.Dimensions {
		o.ptrs[d] = nil
		if ds := s.scoreDimension(d, values, &o.raw[d], sums); ds.Score != nil {
			o.ptrs[d] = ds.Score
		}
		o.Scores[d] = math.NaN()
		if o.ptrs[d] != nil {
			o.Scores[d] = round2(o.raw[d])
		}
	}
	o.Level = -1
	for t := range b.Tiers {
		met, r := s.readiness(t, o.ptrs)
		o.Met[t], o.Readiness[t] = met, round2(r)
		if met && o.Level == t-1 {
			o.Level = t
		}
	}
	o.LevelProbability = math.NaN()
	if posterior {
		s.prob.solve(o.ptrs, sums, &o.post, false)
		if s.mostProbable {
			o.Level = o.post.level
			for t := range o.Met {
				o.Met[t] = t <= o.Level
			}
		}
		o.LevelProbability = round2(o.post.chance(o.Level))
	}
	o.Target = chooseTarget(b, o.Level, role, explicit)
	for d := range o.Gaps {
		o.Gaps[d] = math.NaN()
	}
	for _, x := range s.expect[o.Target] {
		if p := o.ptrs[x.dim]; p != nil {
			o.Gaps[x.dim] = round2(GapTo(x.expected, *p))
		}
	}
}

// grow returns s with length n, reusing its array when it is long enough.
func grow[T any](s []T, n int) []T { return slices.Grow(s[:0], n)[:n] }
