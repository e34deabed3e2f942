package review

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"strconv"

	"github.com/digilead/digilead/assessment"
	"github.com/digilead/digilead/questions"
	"github.com/digilead/digilead/questions/lang"
)

// Strategy ids. The straight-liners are "straight-<v>" for each point v of
// the bank's default scale.
const (
	StrategyRandom      = "random"
	StrategyLongest     = "longest"
	StrategyFirst       = "first"
	StrategyAcquiescent = "acquiescent"
)

// Thresholds of the simulation verdicts.
const (
	// MinRandomNoTier is the least share of random respondents that must
	// reach no tier.
	MinRandomNoTier = 0.95
	// CueZ is the one-sided 1% point of the normal distribution: a cue
	// strategy does better than random only by more than CueZ standard
	// errors of the difference.
	CueZ = 2.326
)

// Simulation is how respondents answering by a strategy come out.
type Simulation struct {
	Seed uint64 `json:"seed"`
	// Respondents is the number simulated for each random strategy; a
	// straight-liner is deterministic, so one is simulated.
	Respondents int        `json:"respondents"`
	Strategies  []Strategy `json:"strategies"`
}

// Strategy is one strategy's outcome.
type Strategy struct {
	ID          string `json:"id"`
	Description string `json:"description"`
	Respondents int    `json:"respondents"`
	// Levels has, for each tier in rank order, the share of respondents
	// whose level it is; NoTier the share with no level.
	Levels []LevelShare `json:"levels"`
	NoTier float64      `json:"no_tier"`
	// MeanReadiness and ReadinessSD describe each respondent's readiness
	// averaged over the tiers (0-100).
	MeanReadiness float64 `json:"mean_readiness"`
	ReadinessSD   float64 `json:"readiness_sd"`
}

// AnyTier is the share of respondents who reach a tier.
func (s Strategy) AnyTier() float64 { return round(1-s.NoTier, 4) }

// LevelShare is the share of respondents whose level is a tier.
type LevelShare struct {
	Tier  string  `json:"tier"`
	Share float64 `json:"share"`
}

// tally accumulates a strategy's outcomes.
type tally struct {
	n      int
	levels []int // index len(tiers) counts "no tier"
	mean   float64
	m2     float64 // Welford's sum of squared deviations
}

func newTally(tiers int) *tally { return &tally{levels: make([]int, tiers+1)} }

func (t *tally) add(r *assessment.Result) {
	lvl := assessment.Level(r.Tiers)
	if lvl < 0 {
		lvl = len(t.levels) - 1
	}
	t.levels[lvl]++
	x := 0.0
	for _, tr := range r.Tiers {
		x += tr.Readiness
	}
	x /= float64(len(r.Tiers))
	t.n++
	d := x - t.mean
	t.mean += d / float64(t.n)
	t.m2 += d * (x - t.mean)
}

func (t *tally) sd() float64 {
	if t.n < 2 {
		return 0
	}
	return math.Sqrt(t.m2 / float64(t.n-1))
}

func (t *tally) share(i int) float64 { return float64(t.levels[i]) / float64(t.n) }

func (t *tally) anyTier() float64 { return 1 - t.share(len(t.levels)-1) }

func (t *tally) strategy(b *questions.Bank, id, desc string) Strategy {
	s := Strategy{ID: id, Description: desc, Respondents: t.n, Levels: make([]LevelShare, len(b.Tiers)),
		NoTier: round(t.share(len(b.Tiers)), 4), MeanReadiness: round(t.mean, 2), ReadinessSD: round(t.sd(), 2)}
	for i, tier := range b.Tiers {
		s.Levels[i] = LevelShare{Tier: tier.ID, Share: round(t.share(i), 4)}
	}
	return s
}

// responder answers a bank's questions by a strategy.
type responder struct {
	b      *questions.Bank
	scorer *assessment.Scorer
	// subsets[i][mask] is the multi answer ticking the options of question
	// i in mask, for questions of up to maxSubsetOptions options.
	subsets [][]questions.Value
	values  map[string]questions.Value
	answers questions.Answers
}

const maxSubsetOptions = 10

func newResponder(b *questions.Bank) *responder {
	r := &responder{b: b, scorer: assessment.NewScorer(b), subsets: make([][]questions.Value, len(b.Questions)),
		values: make(map[string]questions.Value, len(b.Questions))}
	r.answers = questions.Answers{Bank: b.ID, Values: r.values}
	for i, q := range b.Questions {
		if q.Type != questions.Multi || len(q.Options) > maxSubsetOptions {
			continue
		}
		r.subsets[i] = make([]questions.Value, 1<<len(q.Options))
		for mask := range r.subsets[i] {
			r.subsets[i][mask] = picks(&q, uint64(mask))
		}
	}
	return r
}

// ticks is the multi answer of question i ticking the options in mask
// (option k when bit k is set; a question has at most 64 options here).
func (r *responder) ticks(i int, mask uint64) questions.Value {
	if r.subsets[i] != nil {
		return r.subsets[i][mask]
	}
	return picks(&r.b.Questions[i], mask)
}

// tickRandom ticks each option of question i independently, with chance
// 1/2 for draws = 1 and 3/4 for draws = 2 (an option is ticked unless
// every draw leaves it out).
func (r *responder) tickRandom(i int, rng *rand.Rand, draws int) questions.Value {
	q := &r.b.Questions[i]
	if len(q.Options) <= 64 {
		var mask uint64
		for range draws {
			mask |= rng.Uint64()
		}
		return r.ticks(i, mask&(1<<len(q.Options)-1))
	}
	ids := []string{}
	for _, o := range q.Options {
		if rng.IntN(1<<draws) != 0 {
			ids = append(ids, o.ID)
		}
	}
	return questions.Value{Kind: questions.Picks, Opts: ids}
}

// tickFirst ticks the first n options of question i.
func (r *responder) tickFirst(i, n int) questions.Value {
	q := &r.b.Questions[i]
	if len(q.Options) <= 64 {
		return r.ticks(i, 1<<n-1)
	}
	ids := []string{}
	for _, o := range q.Options[:n] {
		ids = append(ids, o.ID)
	}
	return questions.Value{Kind: questions.Picks, Opts: ids}
}

// picks is the multi answer to q ticking the options in mask.
func picks(q *questions.Question, mask uint64) questions.Value {
	ids := []string{}
	for k, o := range q.Options {
		if k < 64 && mask&(1<<k) != 0 {
			ids = append(ids, o.ID)
		}
	}
	return questions.Value{Kind: questions.Picks, Opts: ids}
}

// score scores the answers in r.values.
func (r *responder) score() *assessment.Result {
	return r.scorer.Score(&r.answers, assessment.Options{})
}

// randomAnswers answers every question at random: a uniform scale point,
// yes or no with even chances, a uniform option, each checklist option
// ticked with chance 1/2.
func (r *responder) randomAnswers(rng *rand.Rand) {
	for i := range r.b.Questions {
		q := &r.b.Questions[i]
		var v questions.Value
		switch q.Type {
		case questions.Likert:
			v = questions.IntValue(q.Scale.Min + rng.IntN(q.Scale.Max-q.Scale.Min+1))
		case questions.YesNo:
			v = questions.BoolValue(rng.IntN(2) == 1)
		case questions.Choice:
			v = questions.OptionValue(q.Options[rng.IntN(len(q.Options))].ID)
		case questions.Multi:
			v = r.tickRandom(i, rng, 1)
		}
		r.values[q.ID] = v
	}
}

// acquiescentAnswers agrees: a uniform point in the upper half of every
// scale (strictly above its middle), yes to every yes/no question, each
// checklist option ticked with chance 3/4, and a uniform option in a
// choice question, where there is nothing to agree with.
func (r *responder) acquiescentAnswers(rng *rand.Rand) {
	for i := range r.b.Questions {
		q := &r.b.Questions[i]
		var v questions.Value
		switch q.Type {
		case questions.Likert:
			lo := q.Scale.Min + (q.Scale.Max-q.Scale.Min)/2 + 1
			v = questions.IntValue(lo + rng.IntN(q.Scale.Max-lo+1))
		case questions.YesNo:
			v = questions.BoolValue(true)
		case questions.Choice:
			v = questions.OptionValue(q.Options[rng.IntN(len(q.Options))].ID)
		case questions.Multi:
			v = r.tickRandom(i, rng, 2)
		}
		r.values[q.ID] = v
	}
}

// straightAnswers gives every question the answer at relative position
// pos (0 the lowest, 1 the highest, halves rounded up): the scale point
// there, yes from the middle up, the option at that position of the list,
// and the first round(pos x options) options of a checklist ticked.
func (r *responder) straightAnswers(pos float64) {
	for i := range r.b.Questions {
		q := &r.b.Questions[i]
		var v questions.Value
		switch q.Type {
		case questions.Likert:
			v = questions.IntValue(q.Scale.Min + int(math.Round(pos*float64(q.Scale.Max-q.Scale.Min))))
		case questions.YesNo:
			v = questions.BoolValue(math.Round(pos) == 1)
		case questions.Choice:
			v = questions.OptionValue(q.Options[int(math.Round(pos*float64(len(q.Options)-1)))].ID)
		case questions.Multi:
			v = r.tickFirst(i, int(math.Round(pos*float64(len(q.Options)))))
		}
		r.values[q.ID] = v
	}
}

// setChoices sets every choice question to the option pick chooses.
func (r *responder) setChoices(pick func(q *questions.Question) int) {
	for i := range r.b.Questions {
		if q := &r.b.Questions[i]; q.Type == questions.Choice {
			r.values[q.ID] = questions.OptionValue(q.Options[pick(q)].ID)
		}
	}
}

func first(*questions.Question) int { return 0 }

// simulate runs every strategy and judges the outcomes.
func simulate(ctx context.Context, b *questions.Bank, o Options) (Simulation, []Finding, error) {
	n := o.Respondents
	if n <= 0 {
		n = DefaultRespondents
	}
	sim := Simulation{Seed: o.Seed, Respondents: n}
	r := newResponder(b)
	random, long, firstT, acq := newTally(len(b.Tiers)), newTally(len(b.Tiers)), newTally(len(b.Tiers)), newTally(len(b.Tiers))
	src := rand.NewPCG(0, 0)
	rng := rand.New(src)
	for i := range n {
		if ctx.Err() != nil {
			return Simulation{}, nil, ctx.Err()
		}
		// The random, longest and first respondents share their random
		// answers (common random numbers): they differ only in the choice
		// questions, where the cue is.
		src.Seed(o.Seed, uint64(i))
		r.randomAnswers(rng)
		random.add(r.score())
		r.setChoices(longestOrFirst)
		long.add(r.score())
		r.setChoices(first)
		firstT.add(r.score())

		src.Seed(o.Seed, uint64(i)|1<<63)
		r.acquiescentAnswers(rng)
		acq.add(r.score())
	}
	sim.Strategies = append(sim.Strategies,
		random.strategy(b, StrategyRandom, "Answers every question at random: any scale point, yes or no, any option, each checklist option ticked with chance 1/2."),
		long.strategy(b, StrategyLongest, "Answers at random, except that it picks the longest option of every choice question."),
		firstT.strategy(b, StrategyFirst, "Answers at random, except that it picks the first option of every choice question."),
		acq.strategy(b, StrategyAcquiescent, "Agrees: a point above the middle of every scale, yes to every yes/no question, each checklist option ticked with chance 3/4; choice options at random."))
	var fs []Finding
	if random.share(len(b.Tiers)) < MinRandomNoTier {
		fs = append(fs, randomFinding(b, sim.Strategies[0]))
	}
	for _, c := range []struct {
		t    *tally
		s    Strategy
		pick func(*questions.Question) int
	}{{long, sim.Strategies[1], longestOrFirst}, {firstT, sim.Strategies[2], first}} {
		if f, ok := cueFinding(b, c.t, random, c.s, sim.Strategies[0], c.pick); ok {
			fs = append(fs, f)
		}
	}
	sc := b.Scale
	for v := sc.Min; v <= sc.Max; v++ {
		t := newTally(len(b.Tiers))
		r.straightAnswers(float64(v-sc.Min) / float64(sc.Max-sc.Min))
		res := r.score()
		t.add(res)
		name := strconv.Itoa(v)
		answer := lang.M("review.answer.point", "N", v)
		if l := sc.Label(v); l != "" {
			name = fmt.Sprintf("%d (%q)", v, l)
			answer = lang.M("review.answer.labelled", "N", v, "Label", l)
		}
		s := t.strategy(b, "straight-"+strconv.Itoa(v), fmt.Sprintf("Gives %s to every question of the default scale and the same relative position everywhere else.", name))
		sim.Strategies = append(sim.Strategies, s)
		if lvl := assessment.Level(res.Tiers); lvl == len(b.Tiers)-1 {
			if f, ok := straightTop(&b.Tiers[lvl], s.ID, answer, fs); ok {
				fs = append(fs, f)
			}
		}
	}
	return sim, fs, nil
}

// straightTop reports a straight-liner reaching the top tier, unless the
// top tier expects nothing and fs already says so: such a tier is met by
// everyone who meets the tiers below it, whatever they answer, so one
// finding says it, with the fix that fits (give it expectations), not
// one per scale point advising to reverse-key questions of dimensions it
// does not expect.
func straightTop(top *questions.Tier, strategy string, answer lang.Msg, fs []Finding) (Finding, bool) {
	f := finding(CheckStraightLineTop, top.Pos)
	f.Tier, f.Strategy = top.ID, strategy
	if len(top.Expectations) > 0 {
		f.say(lang.M("review.straight_top.fix"), lang.M("review.straight_top.problem", "Answer", answer, "Tier", top.ID))
		return f, true
	}
	for _, g := range fs {
		if g.Check == CheckStraightLineTop {
			return Finding{}, false
		}
	}
	f.say(lang.M("review.straight_top.empty_fix", "Tier", top.ID),
		lang.M("review.straight_top.problem", "Answer", answer, "Tier", top.ID), lang.M("review.straight_top.empty_problem", "Tier", top.ID))
	return f, true
}

// randomFinding reports random respondents reaching a tier.
func randomFinding(b *questions.Bank, s Strategy) Finding {
	low := &b.Tiers[0]
	f := finding(CheckRandomReachesTier, low.Pos)
	f.Tier, f.Strategy = low.ID, s.ID
	f.say(lang.M("review.random.fix", "Tier", low.ID), lang.M("review.random.problem",
		"Share", lang.Pct{Share: s.AnyTier(), Places: 1}, "N", s.Respondents, "Max", lang.Pct{Share: 1 - MinRandomNoTier, Places: 0}))
	return f
}

// cueFinding judges whether a cue strategy does better than random: more
// of its respondents reach a tier, or their mean readiness is higher, by
// more than CueZ standard errors of the difference (a pooled two-sample
// test for the shares, a two-sample z-test for the means; both treat the
// samples as independent, which is conservative for the common random
// numbers they share).
func cueFinding(b *questions.Bank, cue, random *tally, s, rs Strategy, pick func(*questions.Question) int) (Finding, bool) {
	n := float64(cue.n)
	pc, pr := cue.anyTier(), random.anyTier()
	pbar := (pc + pr) / 2
	tolShare := CueZ * math.Sqrt(2*pbar*(1-pbar)/n)
	tolMean := CueZ * math.Sqrt((cue.sd()*cue.sd()+random.sd()*random.sd())/n)
	shareBetter := pc-pr > tolShare
	meanBetter := cue.mean-random.mean > tolMean
	if !shareBetter && !meanBetter {
		return Finding{}, false
	}
	// The finding points at the first choice question where the cue
	// earns more than a random pick, else at the first choice question.
	var at *questions.Question
	pays := false
	for i := range b.Questions {
		q := &b.Questions[i]
		if q.Type != questions.Choice {
			continue
		}
		if at == nil {
			at = q
		}
		if q.Options[pick(q)].Score > meanScore(q) {
			at, pays = q, true
			break
		}
	}
	if at == nil { // no choice questions: the cue strategies are random
		return Finding{}, false
	}
	f := finding(CheckCueBeatsRandom, at.Pos)
	f.Strategy = s.ID
	verdict := func(better bool) lang.Msg {
		if better {
			return lang.M("review.beyond")
		}
		return lang.M("review.within")
	}
	dec := func(x float64) lang.Decimal { return lang.Decimal{X: x, Places: 1} }
	problem := []lang.Msg{lang.M("review.cue.problem."+cueVerb(s.ID), "Cue", lang.Pct{Share: pc, Places: 1}, "Random", lang.Pct{Share: pr, Places: 1},
		"ShareVerdict", verdict(shareBetter), "TolShare", dec(100*tolShare), "CueMean", dec(cue.mean), "RandomMean", dec(random.mean),
		"MeanVerdict", verdict(meanBetter), "TolMean", dec(tolMean))}
	if pays {
		problem = append(problem, lang.M("review.cue.pays", "Q", at.ID))
	}
	f.say(lang.M("review.cue.fix"), problem...)
	return f, true
}

// cueVerb is the cue strategy's word in a message id: first or longest.
func cueVerb(id string) string {
	if id == StrategyFirst {
		return "first"
	}
	return "longest"
}

// meanScore is the mean score of q's options: what a random pick earns.
func meanScore(q *questions.Question) float64 {
	s := 0.0
	for _, o := range q.Options {
		s += o.Score
	}
	return s / float64(len(q.Options))
}
