package report

import (
	"github.com/digilead/digilead/assessment"
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
