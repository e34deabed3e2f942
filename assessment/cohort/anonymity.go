package cohort

import (
	"cmp"
	"slices"
)

// Anonymity per dimension: which of a dimension's figures may be shown.
//
// The groups keep the rule for people (see groups): every group shown has
// at least MinGroup people, and so has the whole cohort less the groups
// shown. A dimension's figures rest on fewer people: only those scored in
// it (the others had too few answers, "not applicable" say), and its gap
// only on those scored whose target expects something of it (assessed).
// So the rule is kept again for each dimension, on those sets: no figure
// shown, alone or by difference from the others, rests on 1 to MinGroup-1
// people.
//
// As in assessment/feedback, think of each figure shown as its set of
// people and split the people into atoms, those lying in exactly the same
// sets: every sum or difference of figures is a sum over whole atoms, so
// the figures are safe together exactly when every atom holds 0 or at
// least MinGroup people. Here the sets are few and nested: the whole
// cohort's scored people W and assessed people A (A within W), and each
// shown group's, W_g and A_g; the groups do not overlap. The atoms are
// therefore, for each group whose W_g is shown, its scored people not
// assessed and its assessed people (one atom when neither A nor A_g is
// shown), and the same two for the rest (everyone in no W_g shown; one
// atom when A is not shown). Counts are enough: no list of people is
// needed, and a million people cost no more than ten.
//
// Figures are tried in order of preference, each kept only when the atoms
// stay safe: the distributions first, W (shown when at least MinGroup
// were scored), then each group's W_g, the largest first (ties in the
// groups' order); then the gaps, A, then each shown group's A_g (a
// group's gap is shown only beside its distribution). So a gap is
// withheld rather than a distribution. Scores and gaps are one family
// although they are different figures: a gap is what the target expects
// less the score, so when everyone assessed has a gap, the gaps' figures
// give the sum of the assessed people's scores, and the scores' figures
// less it the sum of those scored but not assessed (those whose target
// expects nothing of the dimension). A figure withheld has its numbers
// null (the gap is left out of the gaps) and says why: ReasonTooFew or
// ReasonDifference. Levels and tiers count every person of a group and
// are kept by the groups' rule.

// Reasons a dimension's figures are withheld.
const (
	// ReasonTooFew: fewer than MinGroup people behind the figure.
	ReasonTooFew = "too_few"
	// ReasonDifference: set against the other figures shown (the whole
	// cohort's less the other groups'), it would reveal fewer than
	// MinGroup people.
	ReasonDifference = "difference"
)

// split counts the people scored in a dimension by whether their gap is
// known: scored only (not assessed) and assessed.
type split struct{ only, assessed int }

func (s split) minus(o split) split { return split{s.only - o.only, s.assessed - o.assessed} }

func (s split) total() int { return s.only + s.assessed }

// safe reports whether s split into its two atoms, the scored only and
// the assessed, reveals no one under min.
func (s split) safe(min int) bool { return atomSafe(s.only, min) && atomSafe(s.assessed, min) }

// atomSafe: an atom of n people reveals no one under min.
func atomSafe(n, min int) bool { return n == 0 || n >= min }

// withhold nulls the figures of r and its groups that would rest on fewer
// than min people (see above), and reports whether it withheld any.
func (r *Report) withhold(min int) bool {
	withheld := false
	for i := range r.Dimensions {
		if r.withholdDimension(i, min) {
			withheld = true
		}
	}
	return withheld
}

// withholdDimension keeps the rule on dimension i.
func (r *Report) withholdDimension(i, min int) bool {
	whole := &r.Dimensions[i]
	id := whole.ID
	withheld := false
	hide := func(d *Dimension, gaps *[]Gap, reason string) {
		if d.N > 0 {
			d.hide(reason)
			withheld = true
		}
		withheld = hideGap(d, gaps, reason) || withheld
	}
	if whole.N < min {
		hide(whole, &r.Gaps, ReasonTooFew)
		for g := range r.Groups {
			hide(&r.Groups[g].Dimensions[i], &r.Groups[g].Gaps, ReasonTooFew)
		}
		return withheld
	}
	// The distributions: W, then each group's W_g, the largest first.
	order := make([]int, len(r.Groups))
	for g := range order {
		order[g] = g
	}
	slices.SortStableFunc(order, func(x, y int) int {
		return cmp.Compare(r.Groups[y].Dimensions[i].N, r.Groups[x].Dimensions[i].N)
	})
	rest := split{assessed: assessed(r.Gaps, id)}
	rest.only = whole.N - rest.assessed
	all := rest
	var shown []split // the groups whose W_g is shown
	for _, g := range order {
		grp := &r.Groups[g]
		d := &grp.Dimensions[i]
		s := split{assessed: assessed(grp.Gaps, id)}
		s.only = d.N - s.assessed
		switch {
		case d.N == 0:
		case d.N < min:
			hide(d, &grp.Gaps, ReasonTooFew)
		case !atomSafe(rest.minus(s).total(), min):
			hide(d, &grp.Gaps, ReasonDifference)
		default:
			rest = rest.minus(s)
			shown = append(shown, s)
		}
	}
	// A, the whole cohort's gap, splits every atom into those assessed
	// and not.
	apart := all.assessed > 0
	if apart {
		safe := rest.safe(min)
		for _, s := range shown {
			safe = safe && s.safe(min)
		}
		switch {
		case all.assessed < min:
			apart = false
			withheld = hideGap(whole, &r.Gaps, ReasonTooFew) || withheld
		case !safe:
			apart = false
			withheld = hideGap(whole, &r.Gaps, ReasonDifference) || withheld
		}
	}
	// Each A_g beside its W_g: safe as it is when A is shown (the atoms
	// it would split are split); else it splits its group's atom.
	for _, g := range order {
		grp := &r.Groups[g]
		d := &grp.Dimensions[i]
		if d.Withheld != "" || apart {
			continue
		}
		s := split{assessed: assessed(grp.Gaps, id)}
		s.only = d.N - s.assessed
		switch {
		case s.assessed == 0:
		case s.assessed < min:
			withheld = hideGap(d, &grp.Gaps, ReasonTooFew) || withheld
		case !atomSafe(s.only, min):
			withheld = hideGap(d, &grp.Gaps, ReasonDifference) || withheld
		}
	}
	return withheld
}

// hide nulls a dimension's distribution, saying why.
func (d *Dimension) hide(reason string) {
	n, insufficient := d.N, d.Insufficient
	*d = Dimension{ID: d.ID, Name: d.Name, N: n, Insufficient: insufficient, Withheld: reason}
}

// hideGap leaves dimension d's gap out of gaps, saying why on d, and
// reports whether there was one.
func hideGap(d *Dimension, gaps *[]Gap, reason string) bool {
	i := slices.IndexFunc(*gaps, func(g Gap) bool { return g.Dimension == d.ID })
	if i < 0 {
		return false
	}
	*gaps = slices.Delete(*gaps, i, i+1)
	d.GapWithheld = reason
	return true
}

// assessed counts the people whose gap on dimension id is known.
func assessed(gaps []Gap, id string) int {
	for _, g := range gaps {
		if g.Dimension == id {
			return g.Assessed
		}
	}
	return 0
}
