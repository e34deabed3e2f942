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
//     both (source "bank"), else the person's conditional SEM: the spread
//     of their answers within each dimension, pooled over dimensions
//     (source "answers"), times sqrt(sum w²)/sum w of the dimension's
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
// prior weight 1/6: a uniform prior on tau from 2.5 to 32.5 points.
var tauGrid = [...]float64{5, 10, 15, 20, 25, 30}

// minItemSD is the least spread assumed of one answer on the 0..1 scale
// around its dimension's mean, so that a person whose answers agree
// perfectly is not taken to be measured without error.
const minItemSD = 0.1

// Gauss-Hermite nodes and weights for integrals against the standard
// normal density, 5 points.
var (
	ghNodes   = [...]float64{-2.8569700138728056, -1.3556261799742657, 0, 1.3556261799742657, 2.8569700138728056}
	ghWeights = [...]float64{0.011257411327720691, 0.22207592200561266, 0.5333333333333333, 0.22207592200561266, 0.011257411327720691}
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
	// dimension has no score.
	est, se, sem []float64

	// scratch: per dimension given tau, lambda, the conditional SD and
	// lambda X_d; the second moments of T_d; per tau its weight; per
	// group given tau, the mean's posterior mean and SD and the
	// probability of meeting the bars.
	lam, sd, mean, m2 []float64
	wts               []float64
	gmu, gsd, groupP  []float64
}

// solve works out the posterior of a person with the given scores (by
// dimension position, nil when insufficient) and sums.
func (m *probModel) solve(scores []*float64, sums []dimSums, p *posterior) {
	nd, nt := len(scores), len(m.bars)
	p.atLeast = grow(p.atLeast, nt)
	p.est, p.se, p.sem = grow(p.est, nd), grow(p.se, nd), grow(p.sem, nd)
	p.lam, p.sd, p.mean, p.m2 = grow(p.lam, nd), grow(p.sd, nd), grow(p.mean, nd), grow(p.m2, nd)
	p.wts = grow(p.wts, len(tauGrid))
	p.gmu, p.gsd, p.groupP = grow(p.gmu, len(m.groups)), grow(p.gsd, len(m.groups)), grow(p.groupP, len(m.groups))
	clear(p.m2)
	clear(p.atLeast)
	// The spread of the person's answers within dimensions.
	var rss, df, bound float64
	n := 0
	for d, s := range sums {
		if scores[d] == nil || s.w <= 0 {
			continue
		}
		mean := s.wx / s.w
		rss += math.Max(0, s.wx2-s.wx*mean)
		df += s.w - s.w2/s.w
		bound += mean * (1 - mean)
		n++
	}
	sigma := minItemSD
	switch {
	case df > 1e-9:
		sigma = math.Max(sigma, math.Sqrt(rss/df))
	case n > 0: // no dimension has two answers: the widest spread possible
		sigma = math.Max(sigma, math.Sqrt(bound/float64(n)))
	}
	for d, s := range sums {
		p.est[d], p.se[d], p.sem[d] = math.NaN(), math.NaN(), math.NaN()
		if scores[d] == nil {
			continue
		}
		if !math.IsNaN(m.recorded[d]) {
			p.sem[d] = m.recorded[d]
		} else {
			p.sem[d] = 100 * sigma * math.Sqrt(s.w2) / s.w
		}
		p.est[d], p.se[d] = 0, 0
	}
	// The posterior weight of each tau: the likelihood of the scores
	// with each group's mean integrated out.
	best := math.Inf(-1)
	for j, tau := range tauGrid {
		ll := 0.0
		for _, dims := range m.groups {
			var sw, swx, logA float64
			for _, d := range dims {
				if scores[d] == nil {
					continue
				}
				a := tau*tau + p.sem[d]*p.sem[d]
				sw += 1 / a
				swx += *scores[d] / a
				logA += math.Log(a)
			}
			if sw == 0 {
				continue
			}
			mu := swx / sw
			q := 0.0
			for _, d := range dims {
				if scores[d] != nil {
					r := *scores[d] - mu
					q += r * r / (tau*tau + p.sem[d]*p.sem[d])
				}
			}
			ll -= 0.5 * (logA + math.Log(sw) + q)
		}
		p.wts[j] = ll
		best = max(best, ll)
	}
	total := 0.0
	for j := range p.wts {
		p.wts[j] = math.Exp(p.wts[j] - best)
		total += p.wts[j]
	}
	for j, tau := range tauGrid {
		if w := p.wts[j] / total; w >= 1e-9 {
			m.solveTau(scores, tau, w, p)
		}
	}
	for d := range scores {
		if scores[d] != nil {
			p.se[d] = math.Sqrt(math.Max(0, p.m2[d]-p.est[d]*p.est[d]))
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

// solveTau adds, with weight w, the posterior given tau: each dimension's
// estimate and second moment (into p.est and p.m2) and the probability of
// every run of tiers (into p.atLeast).
func (m *probModel) solveTau(scores []*float64, tau, w float64, p *posterior) {
	t2 := tau * tau
	// Each group's mean given the scores: mean and variance.
	for g, dims := range m.groups {
		var sw, swx float64
		for _, d := range dims {
			if scores[d] != nil {
				a := t2 + p.sem[d]*p.sem[d]
				sw += 1 / a
				swx += *scores[d] / a
			}
		}
		if sw == 0 {
			continue
		}
		mu, v := swx/sw, 1/sw
		p.gmu[g], p.gsd[g] = mu, math.Sqrt(v)
		for _, d := range dims {
			if scores[d] == nil {
				continue
			}
			s2 := p.sem[d] * p.sem[d]
			lam := 1.0
			if t2+s2 > 0 {
				lam = t2 / (t2 + s2)
			}
			p.lam[d] = lam
			p.sd[d] = math.Sqrt(lam * s2)
			p.mean[d] = lam * *scores[d] // plus (1 - lam) mu
			est := p.mean[d] + (1-lam)*mu
			vr := lam*s2 + (1-lam)*(1-lam)*v
			p.est[d] += w * est
			p.m2[d] += w * (vr + est*est)
		}
	}
	// The runs of tiers.
	run := 1.0
	for k := range m.bars {
		for g, dims := range m.groups {
			if k > 0 && m.same[k][g] {
				continue // the group's probability for k-1 holds
			}
			p.groupP[g] = groupMeets(scores, dims, m.bars[k], p.gmu[g], p.gsd[g], p)
		}
		run = 1
		for g := range m.groups {
			run *= p.groupP[g]
		}
		p.atLeast[k] += w * run
	}
}

// groupMeets is the probability that the true scores of a group's
// dimensions meet the bars (NaN: no bar), given the posterior of the
// group's mean (mean mu, SD sdMu) and of each dimension given the mean
// (p.lam, p.mean, p.sd).
func groupMeets(scores []*float64, dims []int, bars []float64, mu, sdMu float64, p *posterior) float64 {
	needed := false
	for _, d := range dims {
		if math.IsNaN(bars[d]) {
			continue
		}
		if scores[d] == nil {
			return 0
		}
		needed = true
	}
	if !needed {
		return 1
	}
	total := 0.0
	for i, z := range ghNodes {
		at := mu + sdMu*z
		prod := 1.0
		for _, d := range dims {
			bar := bars[d]
			if math.IsNaN(bar) {
				continue
			}
			mean := p.mean[d] + (1-p.lam[d])*at
			if p.sd[d] == 0 {
				if clean(mean) < bar {
					prod = 0
				}
			} else {
				prod *= normCDF((mean - bar) / p.sd[d])
			}
			if prod == 0 {
				break
			}
		}
		total += ghWeights[i] * prod
	}
	return total
}

// normCDF is the standard normal distribution function.
func normCDF(z float64) float64 { return 0.5 * math.Erfc(-z/math.Sqrt2) }

// decide sets what the most-probable rule decides in a result scored by
// s: the level (tiers up to it are met, the others not), its probability,
// each tier's probability, the dimensions blocking each tier not met, and
// each dimension's estimate, standard error and SEM.
func (s *Scorer) decide(r *Result, p *posterior) {
	r.LevelRule = questions.LevelRuleMostProbable
	r.LevelProbability = new(round2(p.prob))
	for t := range r.Tiers {
		tr := &r.Tiers[t]
		tr.Probability = new(round2(p.atLeast[t]))
		tr.Met = t <= p.level
		tr.Blocking = nil
		if !tr.Met {
			tr.Blocking = s.blocking(t, r.Dimensions, p)
		}
	}
	for d := range r.Dimensions {
		ds := &r.Dimensions[d]
		if ds.Score == nil {
			continue
		}
		ds.SEM, ds.Estimate, ds.SE = new(round2(p.sem[d])), new(round2(p.est[d])), new(round2(p.se[d]))
		ds.SEMSource = SourceAnswers
		if !math.IsNaN(s.prob.recorded[d]) {
			ds.SEMSource = SourceBank
		}
	}
}

// blocking lists, in bank order, the dimensions keeping tier t from being
// met under the most-probable rule: those without a score or whose
// estimate falls short of the expectation; else those whose score falls
// short; else the one least likely to meet it.
func (s *Scorer) blocking(t int, dims []DimensionScore, p *posterior) []string {
	var out []string
	for _, x := range s.expect[t] {
		if dims[x.dim].Score == nil || clean(p.est[x.dim]) < x.expected {
			out = append(out, dims[x.dim].ID)
		}
	}
	if len(out) > 0 {
		return out
	}
	for _, x := range s.expect[t] {
		if blocks(dims[x.dim].Score, x.expected) {
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
// expectation lies within the 95% interval of the dimension's estimated
// true score: a shortfall the person's true score may well not have.
func withinError(r *Result, p *posterior, b *questions.Bank) {
	for i := range r.Gaps {
		g := &r.Gaps[i]
		d := b.DimensionIndex(g.Dimension)
		if g.Score == nil || d < 0 || clean(g.Gap) <= 0 {
			continue
		}
		g.WithinError = clean(p.est[d]+Z95*p.se[d]) >= clean(g.Expected)
	}
}
