// Package calibratetest generates synthetic pilots with known cut scores,
// for the tests and benchmarks of calibrate and `digilead bank calibrate`.
package calibratetest

import (
	"cmp"
	"fmt"
	"maps"
	"math"
	"math/rand/v2"
	"slices"

	"github.com/digilead/digilead/assessment"
	"github.com/digilead/digilead/questions"
)

// Spec describes a synthetic pilot. Each person aims at a score T on each
// dimension, drawn from a normal distribution around their tier's mean and
// kept within 0..100, and answers every question of the dimension with
// the answers that reach the achievable score nearest T. With equal tier
// sizes, tiers whose means lie 2m apart, and a spread small enough that a
// tier 3m away from a cut adds nobody near it, the score that best
// separates a tier and above from those below is the point halfway
// between the two tiers' means.
type Spec struct {
	// People is the number of people of each tier, by tier id.
	People map[string]int
	// Means is, per tier id and dimension id, the mean aimed-at score; a
	// dimension without one aims at 50.
	Means map[string]map[string]float64
	// SD is the spread of the aimed-at scores around the mean.
	SD float64
	// WithoutRole adds people with no role, aiming at 50.
	WithoutRole int
	// Unanswered is the chance that a person leaves a whole dimension
	// unanswered, so that it has no score.
	Unanswered float64
	// Seed makes the pilot reproducible.
	Seed uint64
}

// Pilot returns the answer sets of a synthetic pilot for b: the people of
// each tier, tiers by rank, then those without a role.
func Pilot(b *questions.Bank, s Spec) []questions.RawAnswers {
	lattices := make([][]Point, len(b.Dimensions))
	for d := range b.Dimensions {
		lattices[d] = Lattice(b, b.Dimensions[d].ID)
	}
	var out []questions.RawAnswers
	add := func(role string, means map[string]float64) {
		rng := rand.New(rand.NewPCG(s.Seed, uint64(len(out))))
		raw := questions.RawAnswers{
			Bank:       b.ID,
			Respondent: questions.Respondent{ID: fmt.Sprintf("p%05d", len(out)+1), Role: role},
			Answers:    map[string]any{},
		}
		for d, dim := range b.Dimensions {
			mean, ok := means[dim.ID]
			if !ok {
				mean = 50
			}
			target := min(100, max(0, mean+s.SD*rng.NormFloat64()))
			if rng.Float64() < s.Unanswered {
				continue
			}
			maps.Copy(raw.Answers, nearest(lattices[d], target).Answers)
		}
		out = append(out, raw)
	}
	for _, t := range b.Tiers {
		for range s.People[t.ID] {
			add(t.ID, s.Means[t.ID])
		}
	}
	for range s.WithoutRole {
		add("", nil)
	}
	return out
}

// Point is an achievable dimension score, as results carry it, and one
// set of answers to the dimension's questions that reaches it.
type Point struct {
	Score   float64
	Answers map[string]any
}

// Lattice returns the scores a dimension can take when all its questions
// are answered, ascending, each with answers that reach it. The scores
// come from the scoring engine.
func Lattice(b *questions.Bank, dim string) []Point {
	type state struct {
		sum     float64
		answers map[string]any
	}
	states := map[int64]state{0: {answers: map[string]any{}}}
	for _, q := range b.QuestionsOf(dim) {
		next := map[int64]state{}
		for _, k := range slices.Sorted(maps.Keys(states)) {
			st := states[k]
			for _, o := range answers(q) {
				x, _ := assessment.Value(q, o.value)
				sum := st.sum + q.Weight*x
				key := int64(math.Round(sum * 1e9))
				if _, seen := next[key]; seen {
					continue
				}
				a := maps.Clone(st.answers)
				a[q.ID] = o.raw
				next[key] = state{sum: sum, answers: a}
			}
		}
		states = next
	}
	scorer := assessment.NewScorer(b)
	d := b.DimensionIndex(dim)
	byScore := map[float64]Point{}
	for _, k := range slices.Sorted(maps.Keys(states)) {
		st := states[k]
		ans, err := b.CheckAnswers(questions.RawAnswers{Answers: st.answers})
		if err != nil {
			panic(err) // the answers are built from the bank's own options
		}
		score := *scorer.Score(ans, assessment.Options{}).Dimensions[d].Score
		if _, seen := byScore[score]; !seen {
			byScore[score] = Point{Score: score, Answers: st.answers}
		}
	}
	return slices.SortedFunc(maps.Values(byScore), func(a, b Point) int { return cmp.Compare(a.Score, b.Score) })
}

// option is one way to answer a question: as an answers file gives it, and
// as a value.
type option struct {
	raw   any
	value questions.Value
}

// answers lists every answer to q (for multi questions, every set of up
// to 10 options).
func answers(q *questions.Question) []option {
	var out []option
	switch q.Type {
	case questions.Likert:
		for v := q.Scale.Min; v <= q.Scale.Max; v++ {
			out = append(out, option{float64(v), questions.IntValue(v)})
		}
	case questions.YesNo:
		out = []option{{false, questions.BoolValue(false)}, {true, questions.BoolValue(true)}}
	case questions.Choice:
		for _, o := range q.Options {
			out = append(out, option{o.ID, questions.OptionValue(o.ID)})
		}
	case questions.Multi:
		n := min(len(q.Options), 10)
		for mask := range 1 << n {
			ids, raw := []string{}, []any{}
			for i := range n {
				if mask&(1<<i) != 0 {
					ids = append(ids, q.Options[i].ID)
					raw = append(raw, q.Options[i].ID)
				}
			}
			out = append(out, option{raw, questions.OptionsValue(ids...)})
		}
	}
	return out
}

// nearest returns the point whose score is nearest target (the lower on a
// tie).
func nearest(ps []Point, target float64) Point {
	i, _ := slices.BinarySearchFunc(ps, target, func(p Point, t float64) int { return cmp.Compare(p.Score, t) })
	switch {
	case i == 0:
		return ps[0]
	case i == len(ps):
		return ps[len(ps)-1]
	case target-ps[i-1].Score <= ps[i].Score-target:
		return ps[i-1]
	}
	return ps[i]
}

// KnownCuts are the true cuts of the pilots Known makes for the bank
// docs/examples/calibration/bank.yaml, by tier and dimension. Each lies
// halfway between two achievable scores of its dimension, and halfway
// between the means of its tier and of the tier below.
var KnownCuts = map[string]map[string]float64{
	"operational": {"plan": 45, "data": 42.5, "people": 40.625},
	"strategic":   {"plan": 65, "data": 62.5, "people": 59.375, "risk": 57},
}

// knownMeans put adjacent tiers 2m apart (m = 10, and 9.375 for people,
// whose scores move in steps of 6.25), so that each known cut is m from
// the tiers on either side of it and 3m from the next.
var knownMeans = map[string]map[string]float64{
	"frontline":   {"plan": 35, "data": 32.5, "people": 31.25, "risk": 27},
	"operational": {"plan": 55, "data": 52.5, "people": 50, "risk": 47},
	"strategic":   {"plan": 75, "data": 72.5, "people": 68.75, "risk": 67},
}

// Known describes a pilot with the KnownCuts for the bank
// docs/examples/calibration/bank.yaml: perTier people of each tier, with
// scores spread by sd around their tier's mean, withoutRole people with no
// role, and 2% of dimensions left unanswered.
func Known(perTier, withoutRole int, sd float64, seed uint64) Spec {
	return Spec{
		People: map[string]int{"frontline": perTier, "operational": perTier, "strategic": perTier},
		Means:  knownMeans, SD: sd, WithoutRole: withoutRole, Unanswered: 0.02, Seed: seed,
	}
}
