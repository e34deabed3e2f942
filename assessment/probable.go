package assessment

import (
	"math"

	"github.com/digilead/digilead/questions"
)

// The most-probable level rule (questions.LevelRuleMostProbable). A
// dimension score is the person's true score plus measurement error; the
// rule works out, from every dimension score and its standard error of
// measurement, how probable each level is, and reports the most probable
// one. docs/scoring.md states the model; this is its arithmetic.
//
// The measurement model, per person:
//
//   - X_d = T_d + e_d, e_d ~ N(0, SEM_d²): the observed score of
//     dimension d is its true score plus error. SEM_d is the bank's
//     recorded score_sd x sqrt(1 - reliability) when the bank records
//     both (source "bank"), else the person's conditional SEM (source
//     "answers"): an answer varies around its dimension's mean m with
//     variance phi m (1 - m) (quasi-binomial), phi pooled from the
//     spread of the person's answers within every dimension, and SEM_d
//     is that error at the middle of the scale, where it is largest and
//     bars are: 100 sqrt(phi/4 sum w²)/sum w over the dimension's
//     answered questions.
//   - The dimensions a tier adds to those below it form a group g (the
//     dimensions no tier expects are one more group). Within a group,
//     T_d = mu_g + u_d, u_d ~ N(0, tau²): a person's true scores in the
//     dimensions of one tier scatter around their own mean for that
//     tier. mu_g has a flat prior; tau takes each value of tauGrid with
//     equal prior weight.
//
// Given tau, mu_g's posterior is normal with the precision-weighted mean
// of the group's scores, and given mu_g each T_d is normal around the
// regressed (Kelley) estimate lambda X_d + (1 - lambda) mu_g, lambda =
// tau² / (tau² + SEM_d²). The probability that the true scores meet every
// bar of tiers 1..k is the product over groups of a one-dimensional
// integral over mu_g (Gauss-Hermite, ghNodes points) of the product of
// the groups' normal probabilities, averaged over tau with its posterior
// weight. An insufficient dimension (no score) cannot meet a bar.

// tauGrid are the values of tau, in points of the 0-100 score, each with
// prior weight 1/4: a uniform prior on tau from 3.75 to 33.75 points, by
// the midpoint rule. (From 2.5 to 32.5, as first chosen, the probability
// of a strict level was 15 points too low in the tiered model;
// docs/default-bank.md.)
var tauGrid = [...]float64{7.5, 15, 22.5, 30}

// minPhi is the least dispersion assumed, so that a person whose answers
// agree perfectly is not taken to be measured without error: an answer's
// SD at the middle of the scale is then at least 0.1.
const minPhi = 0.04

// binVar is the binomial variance m (1 - m) of a mean m in 0..1, kept
// from 0 near the ends.
func binVar(m float64) float64 {
	m = math.Max(0.05, math.Min(0.95, m))
	return m * (1 - m)
}

// Gauss-Hermite nodes and weights for integrals against the standard
// normal density, 3 points (exact for polynomials up to degree 5;
// groupMeets unrolls them).
var (
	ghNodes   = [...]float64{-math.Sqrt(3), 0, math.Sqrt(3)}
	ghWeights = [...]float64{1.0 / 6, 2.0 / 3, 1.0 / 6}
)

// Sources of a dimension's measurement error.
const (
	SourceBank    = "bank"
	SourceAnswers = "answers"
)

// probModel is what the rule needs of a bank, worked out once.
type probModel struct {
	// groups lists each group's dimensions (positions in bank order).
	groups [][]int
	// bars[k][d] is the bar dimension d must meet for tiers 0..k (rank
	// order) all to be met: the highest expectation of those tiers, NaN
	// when none of them expects d.
	bars [][]float64
	// same[k][g] is set when group g's bars for tiers 0..k are those for
	// 0..k-1, so that its probability is the one already worked out.
	same [][]bool
	// recorded[d] is the SEM the bank records for dimension d, or NaN.
	recorded []float64
}

func newProbModel(b *questions.Bank) *probModel {
	m := &probModel{recorded: make([]float64, len(b.Dimensions))}
	nt := len(b.Tiers)
	group := make([]int, len(b.Dimensions))
	m.groups = make([][]int, nt+1)
	for d, dim := range b.Dimensions {
		group[d] = nt
		for t := range b.Tiers {
			if _, ok := b.Tiers[t].Expectations[dim.ID]; ok {
				group[d] = t
				break
			}
		}
		m.groups[group[d]] = append(m.groups[group[d]], d)
		m.recorded[d] = math.NaN()
		if sem, ok := SEM(&b.Dimensions[d]); ok {
			m.recorded[d] = sem
		}
	}
	m.bars = make([][]float64, nt)
	m.same = make([][]bool, nt)
	for k := range b.Tiers {
		m.bars[k] = make([]float64, len(b.Dimensions))
		for d, dim := range b.Dimensions {
			m.bars[k][d] = math.NaN()
			for t := 0; t <= k; t++ {
				if e, ok := b.Tiers[t].Expectations[dim.ID]; ok && !(e <= m.bars[k][d]) {
					m.bars[k][d] = clean(e)
				}
			}
		}
		m.same[k] = make([]bool, len(m.groups))
		for g, dims := range m.groups {
			if k == 0 {
				continue
			}
			same := true
			for _, d := range dims {
				a, b := m.bars[k][d], m.bars[k-1][d]
				if a != b && !(math.IsNaN(a) && math.IsNaN(b)) {
					same = false
				}
			}
			m.same[k][g] = same
		}
	}
	return m
}

// dimSums are the sums of one dimension's answered questions that the
// rule needs: of w, w², w x and w x² (x the answer's value, 0..1).
type dimSums struct {
	w, w2, wx, wx2 float64
}

// posterior is the rule's outcome for one person. Its slices are scratch
// space, reused from one person to the next.
type posterior struct {
	// atLeast[k] is the probability that the true level is tier k (rank
	// order) or higher.
	atLeast []float64
	// level is the most probable level (-1: none) and prob its
	// probability.
	level int
	prob  float64
	// est, se and sem are each dimension's estimated true score, its
	// standard error and the SEM of its observed score; NaN when the
	// dimension has no score. est and se are worked out only when asked.
	est, se, sem []float64
	// scores and sums are the person's, by dimension, for the caller
	// (ScoreValues) to fill.
	scores []*float64
	sums   []dimSums

	// scratch: each dimension's score (NaN: none) and SEM²; per tau j and
	// dimension d, 1/(tau² + SEM²) at j*len(x)+d; per tau and group, the
	// group mean's posterior mean and SD at j*len(groups)+g; per tau its
	// weight; given a tau, each dimension's lambda X, 1 - lambda and
	// 1 / its conditional SD (0 for an SD of 0), and each group's
	// probability of meeting its bars; the second moments of T_d.
	x, s2, ia, gmu, gsd, wts []float64
	lx, shrink, isd, groupP  []float64
	m2                       []float64
}

// solve works out the posterior of a person with the given scores (by
// dimension position, nil when insufficient) and sums; estimates says
// whether to work out each dimension's estimate and standard error too.
func (m *probModel) solve(scores []*float64, sums []dimSums, p *posterior, estimates bool) {
	nd, nt, ng, nj := len(scores), len(m.bars), len(m.groups), len(tauGrid)
	p.atLeast = grow(p.atLeast, nt)
	p.est, p.se, p.sem = grow(p.est, nd), grow(p.se, nd), grow(p.sem, nd)
	p.x, p.s2, p.ia = grow(p.x, nd), grow(p.s2, nd), grow(p.ia, nj*nd)
	p.gmu, p.gsd, p.wts = grow(p.gmu, nj*ng), grow(p.gsd, nj*ng), grow(p.wts, nj)
	p.lx, p.shrink, p.isd, p.m2 = grow(p.lx, nd), grow(p.shrink, nd), grow(p.isd, nd), grow(p.m2, nd)
	p.groupP = grow(p.groupP, ng)
	clear(p.atLeast)
	clear(p.m2)
	// The spread of the person's answers within dimensions: the
	// dispersion phi of the quasi-binomial variance phi m (1 - m) of an
	// answer around its dimension's mean m, pooled over dimensions.
	var rss, df float64
	for d, s := range sums {
		if scores[d] == nil || s.w <= 0 {
			continue
		}
		mean := s.wx / s.w
		rss += math.Max(0, s.wx2-s.wx*mean)
		df += (s.w - s.w2/s.w) * binVar(mean)
	}
	phi := 1.0 // no dimension has two answers: the widest spread possible
	if df > 1e-9 {
		phi = rss / df
	}
	phi = math.Max(phi, minPhi)
	for d, s := range sums {
		p.x[d], p.sem[d], p.est[d], p.se[d] = math.NaN(), math.NaN(), math.NaN(), math.NaN()
		if scores[d] == nil {
			continue
		}
		p.x[d] = *scores[d]
		if !math.IsNaN(m.recorded[d]) {
			p.sem[d] = m.recorded[d]
		} else {
			// The error at the middle of the scale, where it is largest
			// and where bars are.
			p.sem[d] = 100 * math.Sqrt(phi*0.25*s.w2) / s.w
		}
		p.s2[d] = p.sem[d] * p.sem[d]
		if estimates {
			p.est[d], p.se[d] = 0, 0
		}
	}
	// Each tau's posterior weight: the likelihood of the scores with each
	// group's mean integrated out (flat prior), and given tau the
	// posterior of each group's mean.
	best := math.Inf(-1)
	for j, tau := range tauGrid {
		t2 := tau * tau
		ia := p.ia[j*nd : (j+1)*nd]
		// -2 log L = sum over groups of log(prod a_d) + log(sum 1/a_d) +
		// sum (X_d - mu)² / a_d; the products are kept as one, its log
		// taken when it grows large and at the end.
		var logs, q, lastA, lastIA float64
		prod := 1.0
		for g, dims := range m.groups {
			var sw, swx float64
			for _, d := range dims {
				if p.x[d] != p.x[d] {
					continue
				}
				a := t2 + p.s2[d]
				if a == lastA { // dimensions of as many questions share it
					ia[d] = lastIA
				} else {
					ia[d] = 1 / a
					lastA, lastIA = a, ia[d]
				}
				sw += ia[d]
				swx += p.x[d] * ia[d]
				if prod *= a; prod > 1e150 {
					logs += math.Log(prod)
					prod = 1
				}
			}
			if sw == 0 {
				continue
			}
			prod *= sw
			mu := swx / sw
			for _, d := range dims {
				if p.x[d] == p.x[d] {
					r := p.x[d] - mu
					q += r * r * ia[d]
				}
			}
			p.gmu[j*ng+g], p.gsd[j*ng+g] = mu, math.Sqrt(1/sw)
		}
		p.wts[j] = -0.5 * (logs + math.Log(prod) + q)
		best = max(best, p.wts[j])
	}
	total := 0.0
	for j := range p.wts {
		p.wts[j] = math.Exp(p.wts[j] - best)
		total += p.wts[j]
	}
	for j := range tauGrid {
		if w := p.wts[j] / total; w >= 1e-9 {
			m.solveTau(j, w, p, estimates)
		}
	}
	if estimates {
		for d := range scores {
			if scores[d] != nil {
				p.se[d] = math.Sqrt(math.Max(0, p.m2[d]-p.est[d]*p.est[d]))
			}
		}
	}
	// The most probable level: none with 1 - P(tier 0 or higher), tier k
	// with P(k or higher) - P(k+1 or higher); ties to the lower level.
	p.level, p.prob = -1, 1
	if nt > 0 {
		p.prob = 1 - p.atLeast[0]
	}
	for k := range nt {
		pk := p.atLeast[k]
		if k+1 < nt {
			pk -= p.atLeast[k+1]
		}
		if pk > p.prob {
			p.level, p.prob = k, pk
		}
	}
	p.prob = math.Max(0, math.Min(1, p.prob))
}

// solveTau adds, with weight w, the posterior given the j-th tau: the
// probability of every run of tiers (into p.atLeast) and, when asked,
// each dimension's estimate and second moment (into p.est and p.m2).
func (m *probModel) solveTau(j int, w float64, p *posterior, estimates bool) {
	nd, ng := len(p.x), len(m.groups)
	t2 := tauGrid[j] * tauGrid[j]
	ia := p.ia[j*nd : (j+1)*nd]
	lastS2, lastISD := -1.0, 0.0
	// Given tau and the group's mean mu, T_d is normal with mean
	// lambda X_d + (1 - lambda) mu and SD sqrt(lambda) SEM_d.
	for g, dims := range m.groups {
		mu, sdMu := p.gmu[j*ng+g], p.gsd[j*ng+g]
		for _, d := range dims {
			if p.x[d] != p.x[d] {
				continue
			}
			lam := t2 * ia[d]
			p.lx[d], p.shrink[d] = lam*p.x[d], 1-lam
			if s2 := p.s2[d]; s2 != lastS2 { // dimensions of as many questions share it
				lastS2, lastISD = s2, 0
				if sd := math.Sqrt(lam * s2); sd > 0 {
					lastISD = 1 / sd
				}
			}
			p.isd[d] = lastISD
			if estimates {
				est := p.lx[d] + p.shrink[d]*mu
				vr := lam*p.s2[d] + p.shrink[d]*p.shrink[d]*sdMu*sdMu
				p.est[d] += w * est
				p.m2[d] += w * (vr + est*est)
			}
		}
	}
	// The runs of tiers: every group's bars for tiers 0..k met.
	for k := range m.bars {
		run := 1.0
		for g, dims := range m.groups {
			if k == 0 || !m.same[k][g] { // else the group's probability for k-1 holds
				p.groupP[g] = groupMeets(dims, m.bars[k], p.gmu[j*ng+g], p.gsd[j*ng+g], p)
			}
			run *= p.groupP[g]
		}
		if run == 0 {
			break // no run of more tiers either
		}
		p.atLeast[k] += w * run
	}
}

// groupMeets is the probability that the true scores of a group's
// dimensions meet the bars (NaN: no bar), given the posterior of the
// group's mean (mean mu, SD sdMu) and of each dimension given the mean
// (p.lx, p.shrink, p.isd): a Gauss-Hermite integral over the mean, whose
// three nodes are unrolled.
func groupMeets(dims []int, bars []float64, mu, sdMu float64, p *posterior) float64 {
	at0, at1, at2 := mu+sdMu*ghNodes[0], mu, mu+sdMu*ghNodes[2]
	p0, p1, p2 := 1.0, 1.0, 1.0
	barred := false
	for _, d := range dims {
		bar := bars[d]
		switch {
		case bar != bar: // no bar
			continue
		case p.x[d] != p.x[d]: // no score
			return 0
		case p.isd[d] == 0: // measured without error: lambda is 1
			if clean(p.lx[d]) < bar {
				return 0
			}
			continue
		}
		// Given the group's mean at, the dimension meets its bar with
		// probability normCDF(c0 + c1 at).
		c0, c1 := (p.lx[d]-bar)*p.isd[d], p.shrink[d]*p.isd[d]
		barred = true
		p0 *= normCDF(c0 + c1*at0)
		p1 *= normCDF(c0 + c1*at1)
		p2 *= normCDF(c0 + c1*at2)
	}
	if !barred {
		return 1
	}
	return ghWeights[0]*p0 + ghWeights[1]*p1 + ghWeights[2]*p2
}

// normCDF is the standard normal distribution function, interpolated
// linearly between its values at every 1/64 to within 1e-5: 0 below -8.5
// and 1 above 8.5, where it differs from them by less than 1e-17.
// math.Erfc took half the time of scoring.
func normCDF(z float64) float64 {
	switch {
	case z <= -cdfEnd:
		return 0
	case z >= cdfEnd:
		return 1
	case z != z: // NaN
		return z
	}
	t := (z + cdfEnd) * cdfSteps
	i := int(t)
	return cdfTab[i] + (t-float64(i))*(cdfTab[i+1]-cdfTab[i])
}

const (
	cdfEnd   = 8.5
	cdfSteps = 64
	cdfN     = 2*cdfEnd*cdfSteps + 2
)

// cdfTab (cdftab.go) is the standard normal distribution at -cdfEnd +
// i/cdfSteps, written by gencdf: computed at start-up, it cost every
// command 0.1-0.2 ms.
//
//go:generate go run ./internal/gencdf

// chance is the probability that the true level is level (rank order, -1:
// none): P(level or higher) - P(the next tier or higher).
func (p *posterior) chance(level int) float64 {
	hi, lo := 1.0, 0.0
	if level >= 0 {
		hi = p.atLeast[level]
	}
	if level+1 < len(p.atLeast) {
		lo = p.atLeast[level+1]
	}
	return math.Max(0, math.Min(1, hi-lo))
}

// decide sets what the most-probable rule decides in a result scored by
// s: the level (tiers up to it are met, the others not), the dimensions
// blocking each tier not met, and the figures of probabilities.
func (s *Scorer) decide(r *Result, p *posterior) {
	s.probabilities(r, p, p.level, questions.LevelRuleMostProbable)
	for t := range r.Tiers {
		tr := &r.Tiers[t]
		// tierResult listed, in Blocking, the dimensions without a score
		// or short of the tier's expectations.
		short := tr.Blocking
		tr.Met, tr.Blocking = t <= p.level, nil
		switch {
		case tr.Met: // a met tier has every score (else its probability is 0)
			tr.WithinError = short
		case len(short) > 0:
			tr.Blocking = short
		default:
			tr.Blocking = s.blocking(t, r.Dimensions, p)
		}
	}
}

// probabilities sets, in a result scored by s whose rule (rule) decided
// level (rank order, -1: none), the figures of the measurement model:
// the rule, the probability that level is the true level, each tier's
// probability, and each scored dimension's estimate, standard error and
// where its error came from; under the most-probable rule also each
// dimension's SEM (under the strict rule a result gives the SEM the bank
// records, as it always did: applyReliability).
func (s *Scorer) probabilities(r *Result, p *posterior, level int, rule string) {
	// One array holds every figure the result points to: the level's
	// probability, each tier's and each dimension's SEM, estimate and SE.
	nums := make([]float64, 1+len(r.Tiers)+3*len(r.Dimensions))
	put := func(x float64) *float64 {
		nums[0] = round2(x)
		at := &nums[0]
		nums = nums[1:]
		return at
	}
	r.LevelRule = rule
	r.LevelProbability = put(p.chance(level))
	for t := range r.Tiers {
		r.Tiers[t].Probability = put(p.atLeast[t])
	}
	for d := range r.Dimensions {
		ds := &r.Dimensions[d]
		if ds.Score == nil {
			continue
		}
		if rule == questions.LevelRuleMostProbable {
			ds.SEM = put(p.sem[d])
		}
		ds.Estimate, ds.SE = put(p.est[d]), put(p.se[d])
		ds.SEMSource = SourceAnswers
		if !math.IsNaN(s.prob.recorded[d]) {
			ds.SEMSource = SourceBank
		}
	}
}

// LevelChances are the probabilities of each level under the bank's
// measurement model, from a result's tier probabilities: [0] no level,
// [i+1] the tier r.Tiers[i]. ok is false for a result without them (one
// written before digilead gave them, or one whose tiers do not all give
// a probability).
func LevelChances(r *Result) (chances []float64, ok bool) {
	if len(r.Tiers) == 0 {
		return nil, false
	}
	chances = make([]float64, len(r.Tiers)+1)
	prev := 1.0
	for i, t := range r.Tiers {
		if t.Probability == nil {
			return nil, false
		}
		chances[i] = math.Max(0, prev-*t.Probability)
		prev = *t.Probability
	}
	chances[len(r.Tiers)] = prev
	return chances, true
}

// blocking lists, in bank order, the dimensions keeping tier t from being
// met under the most-probable rule when every one of them has a score at
// or above its expectation (else those without a score or short of it
// block, as under the strict rule): those whose estimated true score
// falls short; else the one least likely to meet it.
func (s *Scorer) blocking(t int, dims []DimensionScore, p *posterior) []string {
	var out []string
	for _, x := range s.expect[t] {
		if clean(p.est[x.dim]) < x.expected {
			out = append(out, dims[x.dim].ID)
		}
	}
	if len(out) > 0 || len(s.expect[t]) == 0 {
		return out
	}
	least, lz := 0, math.Inf(1)
	for i, x := range s.expect[t] {
		z := math.Inf(1)
		if p.se[x.dim] > 0 {
			z = (p.est[x.dim] - x.expected) / p.se[x.dim]
		}
		if z < lz {
			least, lz = i, z
		}
	}
	return []string{dims[s.expect[t][least].dim].ID}
}

// withinError marks, under the most-probable rule, each gap whose
// dimension's estimated true score meets the expectation that the score
// falls short of: the true score more probably meets it than not, so the
// shortfall is within measurement error.
func withinError(r *Result, p *posterior, b *questions.Bank) {
	for i := range r.Gaps {
		g := &r.Gaps[i]
		d := b.DimensionIndex(g.Dimension)
		if g.Score == nil || d < 0 || clean(g.Gap) <= 0 {
			continue
		}
		g.WithinError = clean(p.est[d]) >= clean(g.Expected)
	}
}
