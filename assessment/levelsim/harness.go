package levelsim

import (
	"context"
	"math/rand/v2"

	"github.com/digilead/digilead/assessment"
	"github.com/digilead/digilead/questions"
)

// Options tune a run of the harness.
type Options struct {
	// Respondents is the number simulated; 0 means 2,000.
	Respondents int
	// Seed makes the run reproducible.
	Seed uint64
	// NoiseFree defines the true level by the noise-free answers'
	// scores (Sim.NoiseFreeScores) instead of the true scores.
	NoiseFree bool
}

// Outcome is how one level rule did on a model's respondents.
type Outcome struct {
	// Rule is the level rule (questions.LevelRules).
	Rule        string
	Respondents int
	// Agree, Below and Above are the shares of respondents whose level is
	// their true level, below it and above it.
	Agree, Below, Above float64
	// Bins sort the results by the probability they state
	// (level_probability: under either rule, the probability that the
	// level the rule reports is the true level), in tenths: [0, 0.1), …,
	// [0.9, 1].
	Bins []Bin
	// Confusion[i][j] counts respondents of true level i-1 placed at j-1
	// (0: no level).
	Confusion [][]int
}

// Bin is the results stating a probability in [Lo, Hi).
type Bin struct {
	Lo, Hi  float64
	Results int
	// Stated is the mean probability the results state, Right the share
	// of them whose level is the true level.
	Stated, Right float64
}

// WorstBin is the largest gap between Stated and Right among the bins of
// at least min results, and that bin.
func (o Outcome) WorstBin(min int) (gap float64, bin Bin) {
	for _, b := range o.Bins {
		if b.Results < min {
			continue
		}
		if g := b.Right - b.Stated; abs(g) > abs(gap) {
			gap, bin = g, b
		}
	}
	return gap, bin
}

func abs(x float64) float64 {
	if x < 0 {
		return -x
	}
	return x
}

// WithRule returns a copy of b deciding levels by rule.
func WithRule(b *questions.Bank, rule string) *questions.Bank {
	c := *b
	c.LevelRule = rule
	return &c
}

// Compare simulates o.Respondents respondents of model m answering bank
// b, and scores each by the strict and by the most-probable rule (the
// bank's own setting is ignored).
func Compare(b *questions.Bank, m Model, o Options) (strict, probable Outcome) {
	strict, probable, _ = CompareContext(context.Background(), b, m, o)
	return strict, probable
}

// CompareContext is Compare, stopping with ctx's error as soon as ctx is
// done (checked before each respondent: a check costs far less than
// scoring one).
func CompareContext(ctx context.Context, b *questions.Bank, m Model, o Options) (strict, probable Outcome, err error) {
	n := o.Respondents
	if n <= 0 {
		n = 2000
	}
	sim := New(b, m)
	rules := []*assessment.Scorer{
		assessment.NewScorer(WithRule(b, questions.LevelRuleStrict)),
		assessment.NewScorer(WithRule(b, questions.LevelRuleMostProbable)),
	}
	tallies := []*tally{newTally(questions.LevelRuleStrict, len(b.Tiers)), newTally(questions.LevelRuleMostProbable, len(b.Tiers))}
	values := make([]questions.Value, len(b.Questions))
	answers := map[string]questions.Value{}
	var out assessment.Outline
	for i := range n {
		if ctx.Err() != nil {
			return Outcome{}, Outcome{}, ctx.Err()
		}
		rng := rand.New(rand.NewPCG(o.Seed, uint64(i)))
		r := sim.Draw(rng)
		truth := sim.TrueScores
		if o.NoiseFree {
			truth = sim.NoiseFreeScores
		}
		want := TrueLevel(b, truth(r))
		clear(answers)
		sim.Answer(r, rng, answers)
		for q := range b.Questions {
			values[q] = answers[b.Questions[q].ID]
		}
		for k, s := range rules {
			s.Outline(values, "", "", &out)
			tallies[k].add(out.Level, want, out.LevelProbability)
		}
	}
	return tallies[0].outcome(), tallies[1].outcome(), nil
}

type tally struct {
	rule                string
	n, agree, below, up int
	bins                []Bin
	conf                [][]int
}

func newTally(rule string, tiers int) *tally {
	t := &tally{rule: rule, conf: make([][]int, tiers+1), bins: make([]Bin, 10)}
	for i := range t.conf {
		t.conf[i] = make([]int, tiers+1)
	}
	for i := range t.bins {
		t.bins[i].Lo, t.bins[i].Hi = float64(i)/10, float64(i+1)/10
	}
	return t
}

func (t *tally) add(got, want int, p float64) {
	t.n++
	t.conf[want+1][got+1]++
	switch {
	case got == want:
		t.agree++
	case got < want:
		t.below++
	default:
		t.up++
	}
	b := &t.bins[min(9, int(p*10))]
	b.Results++
	b.Stated += p
	if got == want {
		b.Right++
	}
}

func (t *tally) outcome() Outcome {
	n := float64(t.n)
	o := Outcome{Rule: t.rule, Respondents: t.n, Agree: float64(t.agree) / n, Below: float64(t.below) / n, Above: float64(t.up) / n, Confusion: t.conf}
	for _, b := range t.bins {
		if b.Results > 0 {
			b.Stated /= float64(b.Results)
			b.Right /= float64(b.Results)
		}
		o.Bins = append(o.Bins, b)
	}
	return o
}
