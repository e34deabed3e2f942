// Package calibrate proposes the expectations of a bank's tiers from pilot
// data, by the contrasting-groups method: for each tier t and each
// dimension d that t expects, the cut score that best separates the pilot
// people of tier t and above from the people below t, with the size of
// both groups, the classification accuracy at the cut and a seeded
// bootstrap 90% interval. It refuses pairs with too few people on either
// side, and says how well the whole level rule classifies the pilot with
// the proposed cuts.
//
// Dimension scores come from the scoring engine (assessment.Scorer), as
// results carry them (two decimals); nothing is scored here by other
// rules. The package is pure: no I/O, and the same pilot and seed give the
// same report, whatever the order of the answer sets.
package calibrate

import (
	"context"
	"hash/fnv"
	"math"
	"math/rand/v2"
	"runtime"
	"slices"
	"sync"
	"sync/atomic"

	"github.com/digilead/digilead/assessment"
	"github.com/digilead/digilead/questions"
	"github.com/digilead/digilead/questions/lang"
)

// Schema is the schema id of a calibration document.
const Schema = "digilead.calibration/v1"

// Defaults and fixed settings of the method.
const (
	// DefaultMinGroup is the fewest people with a score needed on each side
	// of a tier/dimension pair.
	DefaultMinGroup = 30
	// DefaultReplicates is the number of bootstrap resamples.
	DefaultReplicates = 1000
	// Coverage is the confidence level of the bootstrap interval.
	Coverage = 0.90
	// WideInterval is the interval width, in points, above which a
	// proposal is flagged as not pinned down by the pilot.
	WideInterval = 10.0
)

// Pair statuses.
const (
	StatusProposed = "proposed"
	StatusRefused  = "refused"
)

// Refusal kinds.
const (
	RefusedLowestTier = "lowest_tier"
	RefusedSmallGroup = "small_group"
	// RefusedNoCut: placing nobody at or above the tier misclassifies
	// fewest people, so the pilot gives no cut to propose.
	RefusedNoCut = "no_cut"
)

// Flag kinds.
const (
	FlagFallsWithRank  = "falls_with_rank"
	FlagWideInterval   = "wide_interval"
	FlagWeakSeparation = "weak_separation"
)

// Options tune the calibration. Zero values take the defaults.
type Options struct {
	// MinGroup is the fewest people needed on each side of a pair.
	MinGroup int
	// Replicates is the number of bootstrap resamples.
	Replicates int
	// Seed seeds the bootstrap; every seed, 0 included, is used as given.
	Seed uint64
}

func (o Options) withDefaults() Options {
	if o.MinGroup <= 0 {
		o.MinGroup = DefaultMinGroup
	}
	if o.Replicates <= 0 {
		o.Replicates = DefaultReplicates
	}
	return o
}

// Report is a calibration: the digilead.calibration/v1 document.
type Report struct {
	Schema string             `json:"schema"`
	Bank   assessment.BankRef `json:"bank"`
	Method Method             `json:"method"`
	Pilot  Pilot              `json:"pilot"`
	// Pairs are the tier/dimension pairs, tiers by rank and dimensions in
	// bank order, each with its proposal or the reason there is none.
	Pairs []Pair `json:"pairs"`
	// Proposed counts the pairs with a proposal.
	Proposed int `json:"proposed"`
	// Levels says how well the level rule places the pilot's people at
	// their known tier, with the current and the proposed expectations.
	Levels Levels `json:"levels"`
}

// Method records the settings used.
type Method struct {
	MinGroup   int     `json:"min_group"`
	Replicates int     `json:"replicates"`
	Seed       uint64  `json:"seed"`
	Coverage   float64 `json:"coverage"`
}

// Pilot describes the answer sets used.
type Pilot struct {
	// AnswerSets counts every answer set given.
	AnswerSets int `json:"answer_sets"`
	// WithoutRole counts the answer sets whose respondent.role is not one
	// of the bank's tiers (usually: not given); they are left out.
	WithoutRole int `json:"without_role"`
	// Tiers counts the people of each tier, by rank.
	Tiers []TierCount `json:"tiers"`
}

// TierCount is the number of pilot people with a tier as their role.
type TierCount struct {
	ID     string             `json:"id"`
	Name   questions.BankText `json:"name"`
	Rank   int                `json:"rank"`
	People int                `json:"people"`
}

// Pair is the calibration of one tier's expectation on one dimension.
type Pair struct {
	Tier      string             `json:"tier"`
	TierName  questions.BankText `json:"tier_name"`
	Dimension string             `json:"dimension"`
	Name      questions.BankText `json:"name"`
	// Current is the expectation in the bank.
	Current float64 `json:"current"`
	Status  string  `json:"status"`
	// Upper and Lower count the people with a score on the dimension at
	// the tier and above, and below it; Insufficient those of either left
	// out because the dimension had too few answers to be scored.
	Upper        int `json:"upper"`
	Lower        int `json:"lower"`
	Insufficient int `json:"insufficient"`
	// Cut is the contrasting-groups cut: the midpoint of the range of cuts
	// that misclassify fewest people. Proposed is Cut rounded (see
	// propose); the rest describes the pair at Proposed.
	Cut      *float64 `json:"cut,omitempty"`
	Proposed *float64 `json:"proposed,omitempty"`
	// Accuracy is the share of the pair's people on the right side of
	// Proposed; UpperBelow and LowerAbove are the people on the wrong side.
	Accuracy   *float64 `json:"accuracy,omitempty"`
	UpperBelow int      `json:"upper_below"`
	LowerAbove int      `json:"lower_above"`
	// Interval is the bootstrap percentile interval of Cut.
	Interval *Interval `json:"interval,omitempty"`
	// Refusal says why there is no proposal.
	Refusal *Note  `json:"refusal,omitempty"`
	Flags   []Note `json:"flags,omitempty"`
}

// Interval is a bootstrap percentile interval, in points.
type Interval struct {
	Low  float64 `json:"low"`
	High float64 `json:"high"`
}

// Note is a refusal or a flag: a kind and what it means, in plain words.
type Note struct {
	Kind string `json:"kind"`
	// Text says it in English; Msg in any language (not kept in the
	// document).
	Text string   `json:"text"`
	Msg  lang.Msg `json:"-"`
}

// newNote makes a note saying msg, its text in English.
func newNote(kind string, msg lang.Msg) Note {
	return Note{Kind: kind, Text: lang.English().Say(msg), Msg: msg}
}

// Levels compares the level rule's placement of the pilot's people with
// their known tier.
type Levels struct {
	// People counts the pilot people with a known tier.
	People   int            `json:"people"`
	Current  Classification `json:"current"`
	Proposed Classification `json:"proposed"`
}

// Classification is how the level rule places the pilot with one set of
// expectations.
type Classification struct {
	// Correct counts the people whose level is their known tier; Accuracy
	// is their share.
	Correct  int     `json:"correct"`
	Accuracy float64 `json:"accuracy"`
	// Confusion has a row per known tier, by rank.
	Confusion []ConfusionRow `json:"confusion"`
}

// ConfusionRow counts where the level rule places the people of one known
// tier.
type ConfusionRow struct {
	Role   string `json:"role"`
	People int    `json:"people"`
	// NoLevel counts those with no level ("Developing"); Levels those at
	// each tier, by rank.
	NoLevel int `json:"no_level"`
	// Unscored counts those of NoLevel with no score (too few answers) on
	// a dimension the lowest tier expects: they were not measured, rather
	// than measured below it.
	Unscored int   `json:"unscored,omitempty"`
	Levels   []int `json:"levels"`
}

// Calibrator gathers a pilot's answer sets for a bank.
type Calibrator struct {
	bank    *questions.Bank
	scorer  *assessment.Scorer
	tierIdx map[string]int
	// top is each dimension's highest possible score (assessment.MaxScore),
	// in hundredths.
	top      []int64
	people   []person
	answered int
	noRole   int
}

// person is one pilot answer set with a known tier: its answers, kept to
// be scored again with the proposed expectations, its tier (by rank
// position), its dimension scores in hundredths (-1 when insufficient) and
// its level with the current expectations (-1 for none).
type person struct {
	answers *questions.Answers
	tier    int
	scores  []int64
	level   int
}

// New prepares a calibration of b's expectations.
func New(b *questions.Bank) *Calibrator {
	c := &Calibrator{bank: b, scorer: assessment.NewScorer(b), tierIdx: map[string]int{}}
	for i, t := range b.Tiers {
		c.tierIdx[t.ID] = i
	}
	c.top = make([]int64, len(b.Dimensions))
	for d := range b.Dimensions {
		c.top[d] = int64(math.Round(assessment.MaxScore(b, d) * 100))
	}
	return c
}

// Add scores one checked answer set (see questions.Bank.CheckAnswers) and
// keeps it when its respondent's role is one of the bank's tiers.
func (c *Calibrator) Add(a *questions.Answers) {
	c.answered++
	t, ok := c.tierIdx[a.Respondent.Role]
	if !ok {
		c.noRole++
		return
	}
	r := c.scorer.Score(a, assessment.Options{})
	p := person{answers: a, tier: t, scores: make([]int64, len(r.Dimensions)), level: assessment.Level(r.Tiers)}
	for d, ds := range r.Dimensions {
		p.scores[d] = -1
		if ds.Score != nil {
			p.scores[d] = int64(math.Round(*ds.Score * 100))
		}
	}
	c.people = append(c.people, p)
}

// Report calibrates every tier/dimension pair and measures the level rule
// with the proposals.
func (c *Calibrator) Report(o Options) *Report {
	rep, _ := c.ReportContext(context.Background(), o)
	return rep
}

// ReportContext is Report, stopping with ctx's error (and no report) as
// soon as ctx is done: the bootstrap, which takes nearly all its time,
// checks it before each resample.
func (c *Calibrator) ReportContext(ctx context.Context, o Options) (*Report, error) {
	o = o.withDefaults()
	b := c.bank
	rep := &Report{
		Schema: Schema,
		Bank:   assessment.BankRef{ID: b.ID, Title: questions.BankText(b.Title), Version: b.Version, Digest: b.Digest},
		Method: Method{MinGroup: o.MinGroup, Replicates: o.Replicates, Seed: o.Seed, Coverage: Coverage},
		Pilot:  Pilot{AnswerSets: c.answered, WithoutRole: c.noRole, Tiers: make([]TierCount, len(b.Tiers))},
		Pairs:  []Pair{},
	}
	for i, t := range b.Tiers {
		rep.Pilot.Tiers[i] = TierCount{ID: t.ID, Name: questions.BankText(t.Name), Rank: t.Rank}
	}
	for _, p := range c.people {
		rep.Pilot.Tiers[p.tier].People++
	}
	type job struct{ t, d int }
	var jobs []job
	for t := range b.Tiers {
		for d, dim := range b.Dimensions {
			if _, ok := b.Tiers[t].Expectations[dim.ID]; ok {
				jobs = append(jobs, job{t, d})
			}
		}
	}
	// Pairs are independent, each with its own random stream: work on them
	// in parallel.
	rep.Pairs = make([]Pair, len(jobs))
	next := atomic.Int64{}
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), len(jobs)) {
		wg.Go(func() {
			for i := int(next.Add(1) - 1); i < len(jobs) && ctx.Err() == nil; i = int(next.Add(1) - 1) {
				j := jobs[i]
				rep.Pairs[i] = c.pair(ctx, j.t, j.d, b.Tiers[j.t].Expectations[b.Dimensions[j.d].ID], o)
			}
		})
	}
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	for _, p := range rep.Pairs {
		if p.Status == StatusProposed {
			rep.Proposed++
		}
	}
	flagFalling(b, rep.Pairs)
	rep.Levels = c.levels(rep.Proposals())
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	return rep, nil
}

// Proposals returns the proposed expectations: tier id → dimension id →
// score.
func (r *Report) Proposals() map[string]map[string]float64 {
	out := map[string]map[string]float64{}
	for _, p := range r.Pairs {
		if p.Proposed == nil {
			continue
		}
		if out[p.Tier] == nil {
			out[p.Tier] = map[string]float64{}
		}
		out[p.Tier][p.Dimension] = *p.Proposed
	}
	return out
}

// Flagged names the pairs, as tier/dimension, that have a proposal and
// findings to check before it is used.
func (r *Report) Flagged() []string {
	var out []string
	for _, p := range r.Pairs {
		if p.Proposed != nil && len(p.Flags) > 0 {
			out = append(out, p.Tier+"/"+p.Dimension)
		}
	}
	return out
}

// Falling names the pairs, as tier/dimension, whose proposal would make a
// dimension's expectation fall as rank rises (FlagFallsWithRank): a bank
// with them is one bank review rejects (falling-expectation).
func (r *Report) Falling() []string {
	var out []string
	for _, p := range r.Pairs {
		if p.Proposed != nil && slices.ContainsFunc(p.Flags, func(n Note) bool { return n.Kind == FlagFallsWithRank }) {
			out = append(out, p.Tier+"/"+p.Dimension)
		}
	}
	return out
}

// pair calibrates tier t (rank position) on dimension d.
func (c *Calibrator) pair(ctx context.Context, t, d int, current float64, o Options) Pair {
	b := c.bank
	tier, dim := &b.Tiers[t], &b.Dimensions[d]
	p := Pair{Tier: tier.ID, TierName: questions.BankText(tier.Name), Dimension: dim.ID, Name: questions.BankText(dim.Name), Current: current, Status: StatusRefused}
	var upper, lower []int64
	for _, ps := range c.people {
		switch s := ps.scores[d]; {
		case s < 0:
			p.Insufficient++
		case ps.tier >= t:
			upper = append(upper, s)
		default:
			lower = append(lower, s)
		}
	}
	p.Upper, p.Lower = len(upper), len(lower)
	switch {
	case t == 0:
		n := newNote(RefusedLowestTier, lang.M("calibrate.refused.lowest", "Tier", tier.ID))
		p.Refusal = &n
		return p
	case p.Upper < o.MinGroup || p.Lower < o.MinGroup:
		n := newNote(RefusedSmallGroup, lang.M("calibrate.refused.small."+smallSide(p.Upper, p.Lower, o.MinGroup),
			"Upper", p.Upper, "Tier", tier.ID, "Lower", p.Lower, "Min", o.MinGroup, "Current", lang.Number(current)))
		p.Refusal = &n
		return p
	}
	g := newGroups(upper, lower)
	g.top = c.top[d]
	best := g.best()
	if g.nobodyPasses(best) {
		n := newNote(RefusedNoCut, lang.M("calibrate.refused.no_cut", "Tier", tier.ID, "Dimension", dim.ID,
			"Max", lang.Number(float64(g.top)/100), "Current", lang.Number(current)))
		p.Refusal = &n
		return p
	}
	prop := propose(best)
	ub, la := g.misclassified(prop)
	cuts := g.bootstrap(ctx, o.Replicates, rand.NewPCG(o.Seed, stream(tier.ID, dim.ID)))
	if cuts == nil {
		return p // stopped: the report is dropped
	}
	p.Status = StatusProposed
	p.Cut = ptr(best.cut())
	p.Proposed = ptr(float64(prop) / 100)
	p.UpperBelow, p.LowerAbove = ub, la
	n := p.Upper + p.Lower
	p.Accuracy = ptr(round4(float64(n-ub-la) / float64(n)))
	p.Interval = &Interval{Low: percentile(cuts, (1-Coverage)/2), High: percentile(cuts, (1+Coverage)/2)}
	if w := p.Interval.High - p.Interval.Low; w > WideInterval {
		p.Flags = append(p.Flags, newNote(FlagWideInterval, lang.M("calibrate.flag.wide", "Width", lang.Number(math.Round(w*10)/10))))
	}
	if larger := max(p.Upper, p.Lower); ub+la >= n-larger {
		p.Flags = append(p.Flags, newNote(FlagWeakSeparation, lang.M("calibrate.flag.weak",
			"Right", n-ub-la, "N", n, "Side", side(p.Upper >= p.Lower, tier.ID), "Tier", tier.ID)))
	}
	return p
}

// smallSide tells which side of a pair is short: both, upper or lower.
func smallSide(upper, lower, min int) string {
	switch {
	case upper < min && lower < min:
		return "both"
	case upper < min:
		return "upper"
	}
	return "lower"
}

func side(upper bool, tier string) lang.Msg {
	if upper {
		return lang.M("calibrate.side.upper", "Tier", tier)
	}
	return lang.M("calibrate.side.lower", "Tier", tier)
}

// stream picks the bootstrap's random stream for a pair from its ids, so
// that a pair's interval does not depend on the other pairs.
func stream(tier, dim string) uint64 {
	h := fnv.New64a()
	h.Write([]byte(tier))
	h.Write([]byte{0})
	h.Write([]byte(dim))
	return h.Sum64()
}

// flagFalling flags proposals that would make a dimension's expectation
// fall as rank rises: a tier's expectation (proposed, or current where
// there is no proposal) below that of a lower tier. The flag goes on the
// higher tier's pair, against the highest of the lower tiers, when it is
// a proposal; else on each proposal below it that is higher. A pair is
// flagged once.
func flagFalling(b *questions.Bank, pairs []Pair) {
	byDim := map[string][]*Pair{} // tiers in rank order
	for i := range pairs {
		byDim[pairs[i].Dimension] = append(byDim[pairs[i].Dimension], &pairs[i])
	}
	flagged := map[*Pair]bool{}
	flag := func(p, other *Pair, dir string) {
		if flagged[p] {
			return
		}
		flagged[p] = true
		p.Flags = append(p.Flags, newNote(FlagFallsWithRank, lang.M("calibrate.flag.falls."+dir,
			"Value", lang.Number(effective(p)), "Tier", other.Tier, "Other", lang.Number(effective(other)), "Word", word(other))))
	}
	for _, dim := range b.Dimensions {
		ps := byDim[dim.ID]
		for hi := 1; hi < len(ps); hi++ {
			h, top := ps[hi], ps[0]
			for _, l := range ps[1:hi] {
				if effective(l) > effective(top) {
					top = l
				}
			}
			switch {
			case effective(h) >= effective(top):
			case h.Proposed != nil:
				flag(h, top, "below")
			default:
				for _, l := range ps[:hi] {
					if l.Proposed != nil && effective(l) > effective(h) {
						flag(l, h, "above")
					}
				}
			}
		}
	}
}

// effective is a pair's expectation after calibration.
func effective(p *Pair) float64 {
	if p.Proposed != nil {
		return *p.Proposed
	}
	return p.Current
}

func word(p *Pair) lang.Msg {
	if p.Proposed != nil {
		return lang.M("calibrate.word.proposed")
	}
	return lang.M("calibrate.word.kept")
}

// levels places every pilot person with the current expectations and with
// a copy of the bank carrying the proposals, scored by the engine.
func (c *Calibrator) levels(proposals map[string]map[string]float64) Levels {
	b := c.bank
	scorer := assessment.NewScorer(b.WithExpectations(proposals))
	now, next := make([]int, len(c.people)), make([]int, len(c.people))
	for i, p := range c.people {
		now[i] = p.level
		next[i] = assessment.Level(scorer.Score(p.answers, assessment.Options{}).Tiers)
	}
	return Levels{People: len(c.people), Current: c.classify(now), Proposed: c.classify(next)}
}

// classify tabulates the levels (by rank position, -1 for none) of the
// pilot people against their known tier.
func (c *Calibrator) classify(levels []int) Classification {
	b := c.bank
	cl := Classification{Confusion: make([]ConfusionRow, len(b.Tiers))}
	for t := range b.Tiers {
		cl.Confusion[t] = ConfusionRow{Role: b.Tiers[t].ID, Levels: make([]int, len(b.Tiers))}
	}
	for i, p := range c.people {
		row := &cl.Confusion[p.tier]
		row.People++
		switch lvl := levels[i]; {
		case lvl < 0:
			row.NoLevel++
			if c.unscoredLowest(p) {
				row.Unscored++
			}
		default:
			row.Levels[lvl]++
			if lvl == p.tier {
				cl.Correct++
			}
		}
	}
	if len(c.people) > 0 {
		cl.Accuracy = round4(float64(cl.Correct) / float64(len(c.people)))
	}
	return cl
}

// unscoredLowest reports whether p has no score on a dimension the
// lowest tier expects.
func (c *Calibrator) unscoredLowest(p person) bool {
	b := c.bank
	if len(b.Tiers) == 0 {
		return false
	}
	for d, dim := range b.Dimensions {
		if _, ok := b.Tiers[0].Expectations[dim.ID]; ok && p.scores[d] < 0 {
			return true
		}
	}
	return false
}

func ptr(x float64) *float64 { return &x }

func round4(x float64) float64 { return math.Round(x*1e4) / 1e4 }
