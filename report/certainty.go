package report

import (
	"github.com/digilead/digilead/assessment"
	"github.com/digilead/digilead/questions"
	"github.com/digilead/digilead/questions/lang"
)

// Bands of level_probability that reports put in words.
const (
	verySure   = 0.9
	fairlySure = 0.7
)

// certainty says in words how sure the level of a result of the
// most-probable rule is: very sure, fairly sure, or, below 0.7, between
// the level and the next most probable one. It is "" for a result of the
// strict rule, which states no probability. words writes the shares as
// the accessible report does ("73 percent likely").
func certainty(l *lang.Lang, r *assessment.Result, words bool) string {
	chances, ok := assessment.LevelChances(r)
	if !ok || r.LevelProbability == nil {
		return ""
	}
	p := *r.LevelProbability
	pct := func(x float64) lang.Pct { return lang.Pct{Share: x, Places: 0, Words: words} }
	// Answers given the same way throughout agree with one another, so
	// the measurement error worked out from them is at its smallest
	// (docs/scoring.md §6, step 1) and the probability at its highest:
	// it measures how the questions were answered, not practice. Say
	// that its certainty cannot be judged instead.
	if assessment.StraightLined(r) {
		return l.T("report.certainty.straight_lining")
	}
	// A tier above the level that an unscored dimension blocks is not
	// shown to be out of reach: nothing was measured there. The level's
	// probability counts such a tier as failed, so it would read as
	// certainty the answers do not give; say what is known instead.
	if lvl, above, n := unscoredAbove(r); n > 0 {
		if lvl == 0 {
			return l.N("report.certainty.unscored", n, "Tier", above.Name, "N", n)
		}
		atLeast := p
		if q := r.Tiers[lvl-1].Probability; q != nil {
			atLeast = *q
		}
		return l.N("report.certainty.unscored_above", n, "Level", r.Tiers[lvl-1].Name, "P", pct(atLeast), "Tier", above.Name, "N", n)
	}
	switch {
	case p > 0.99:
		return l.T("report.certainty.almost", "P", pct(0.99))
	case p >= verySure:
		return l.T("report.certainty.very", "P", pct(p))
	case p >= fairlySure:
		return l.T("report.certainty.fairly", "P", pct(p))
	}
	// The level and the next most probable, lower rank first.
	lvl := levelIndex(r)
	other := -1
	for i, c := range chances {
		if i != lvl && (other < 0 || c > chances[other]) {
			other = i
		}
	}
	name := func(i int) string {
		if i == 0 {
			return l.T("level.developing")
		}
		return string(r.Tiers[i-1].Name)
	}
	lo, hi := min(lvl, other), max(lvl, other)
	return l.T("report.certainty.between", "P", pct(p), "Lower", name(lo), "LowerP", pct(chances[lo]), "Higher", name(hi), "HigherP", pct(chances[hi]))
}

// withinErrorMet says which dimensions fall short of a met tier within
// measurement error (the most-probable rule counts the tier as met), or
// "" when none does.
func withinErrorMet(l *lang.Lang, r *assessment.Result) string {
	// The highest met tier lists every shortfall of the tiers below it
	// that it shares; each dimension is named once, with the lowest tier
	// it falls short of.
	var names []string
	seen := map[string]bool{}
	tier := ""
	for _, t := range r.Tiers {
		if !t.Met || len(t.WithinError) == 0 {
			continue
		}
		if tier == "" {
			tier = string(t.Name)
		}
		for _, id := range t.WithinError {
			if !seen[id] {
				seen[id] = true
				names = append(names, dimensionNames(r, []string{id})...)
			}
		}
	}
	if len(names) == 0 {
		return ""
	}
	return l.N("report.within_error_met", len(names), "Dimensions", l.List(names), "Tier", tier)
}

// levelIndex is the level's place among r's tiers, counted from 1 (0:
// no level).
func levelIndex(r *assessment.Result) int {
	if r.Level != nil {
		for i, t := range r.Tiers {
			if t.ID == r.Level.ID {
				return i + 1
			}
		}
	}
	return 0
}

// unscoredAbove is the tier just above r's level (lvl, see levelIndex)
// and how many of the dimensions keeping it from being met have no score
// (too few answers); n is 0 when none has, or no tier is above the level.
func unscoredAbove(r *assessment.Result) (lvl int, above assessment.TierResult, n int) {
	lvl = levelIndex(r)
	if lvl >= len(r.Tiers) {
		return lvl, above, 0
	}
	above = r.Tiers[lvl]
	for _, id := range above.Blocking {
		if d := dimensionScore(r, id); d != nil && d.Score == nil {
			n++
		}
	}
	return lvl, above, n
}

// metButNotSurely reports whether tier tr is not met only because the
// scores that meet its bars do not meet them surely enough: under the
// most-probable rule, a tier whose every expected dimension has a score
// at or above its bar can still be improbable as a whole, and its
// blocking dimensions are then those whose estimate falls short
// (docs/scoring.md §6). The result does not carry the bars of every
// tier, so this reads it from the tier's readiness, which is 100 only
// when every expected score meets its bar, and checks the dimensions
// against the target's gaps where the tier is the target. (Blocking is
// either every dimension short of a bar or unscored, or else only
// dimensions that meet their bars: never a mix.)
func metButNotSurely(r *assessment.Result, tr assessment.TierResult) bool {
	if tr.Met || r.LevelRule != questions.LevelRuleMostProbable || tr.Readiness < 100 || len(tr.Blocking) == 0 {
		return false
	}
	for _, id := range tr.Blocking {
		if d := dimensionScore(r, id); d == nil || d.Score == nil {
			return false
		}
		if tr.ID != r.Target.ID {
			continue
		}
		for _, g := range r.Gaps {
			if g.Dimension == id && g.Severity != assessment.SeverityMet {
				return false
			}
		}
	}
	return true
}

// whyNotMet says why tier tr is not met, naming the dimensions keeping
// it from being met (names, in the order of tr.Blocking). Where every
// one of their scores meets its bar (metButNotSurely) it says so, rather
// than naming met dimensions as the cause.
func whyNotMet(l *lang.Lang, r *assessment.Result, tr assessment.TierResult, names []string) string {
	if !metButNotSurely(r, tr) {
		return l.T("report.why.not_met", "Tier", tr.Name, "Dimensions", l.List(names))
	}
	marked := make([]string, len(names))
	for i, n := range names {
		marked[i] = l.T("report.why.meets_bar", "Name", n)
	}
	return l.T("report.why.not_sure", "Tier", tr.Name, "Dimensions", l.List(marked))
}

// tierState says in words whether tier tr is met: "met", "not met", or,
// for a tier every score of which meets its bar but not surely enough
// (metButNotSurely), "not surely met", so that a readiness of 100% beside
// it does not read as a contradiction.
func tierState(l *lang.Lang, r *assessment.Result, tr assessment.TierResult) string {
	switch {
	case tr.Met:
		return l.T("report.met")
	case metButNotSurely(r, tr):
		return l.T("report.not_surely_met")
	}
	return l.T("report.not_met")
}
