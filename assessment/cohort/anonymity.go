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
// least MinGroup people. A dimension has two families of figures, each
// checked among its own: the distributions of the scores, over the whole
// cohort's scored people W and each shown group's W_g, and the gaps, over
// the assessed people A and each shown group's A_g. In each family the
// groups do not overlap, so the atoms are each shown group's people and
// the rest (the whole less the groups shown). Counts are enough: no list
// of people is needed, and a million people cost no more than ten.
//
// Figures are tried in order of preference, each kept only when the atoms
// stay safe: the distributions first, W (shown when at least MinGroup
// were scored), then each group's W_g, the largest first (ties in the
// groups' order); then the gaps, A, then each shown group's A_g (a
// group's gap is shown only beside its distribution), checked among
// themselves: a gap figure (how many fall short, and their mean
// shortfall) is no sum of scores, so the two families are not set
// against each other. Last, each gap shown's mean gap, which rests on
// those who fall short alone (with_gap of them, a subset of those
// assessed): a third family, over the whole cohort's people with a gap
// and each shown group's, in the same order. A count of people (with_gap)
// is no figure of theirs and is always shown. A figure withheld has its
// numbers null (the gap is left out of the gaps; a mean gap alone is
// null) and says why: ReasonTooFew or ReasonDifference. Levels and tiers
// count every person of a group and are kept by the groups' rule.

// Reasons a dimension's figures are withheld.
const (
	// ReasonTooFew: fewer than MinGroup people behind the figure.
	ReasonTooFew = "too_few"
	// ReasonDifference: set against the other figures shown (the whole
	// cohort's less the other groups'), it would reveal fewer than
	// MinGroup people.
	ReasonDifference = "difference"
)

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
	if withheld {
		// The gaps were sorted by their mean gaps, some now withheld: sort
		// again from bank order, so that their order tells nothing of them.
		index := make(map[string]int, len(r.Dimensions))
		for i, d := range r.Dimensions {
			index[d.ID] = i
		}
		for _, gaps := range r.gapLists() {
			slices.SortFunc(gaps, func(a, c Gap) int { return cmp.Compare(index[a.Dimension], index[c.Dimension]) })
			sortGaps(gaps)
		}
	}
	return withheld
}

// gapLists are the whole cohort's gaps and each group's.
func (r *Report) gapLists() [][]Gap {
	lists := [][]Gap{r.Gaps}
	for _, g := range r.Groups {
		lists = append(lists, g.Gaps)
	}
	return lists
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
	rest := whole.N // the scored people in no group whose W_g is shown
	for _, g := range order {
		d := &r.Groups[g].Dimensions[i]
		switch {
		case d.N == 0:
		case d.N < min:
			hide(d, &r.Groups[g].Gaps, ReasonTooFew)
		case !atomSafe(rest-d.N, min):
			hide(d, &r.Groups[g].Gaps, ReasonDifference)
		default:
			rest -= d.N
		}
	}
	// The gaps: A, then each shown group's A_g, a family of their own. A
	// gap figure is how many of those assessed fall short and by how much
	// on average: it gives no sum of the assessed people's scores unless
	// every one of them falls short, so it is set against the other gaps
	// and not against the distributions. (Setting the two families
	// against each other withheld most gaps of a room whose targets
	// differ, the cohort's main finding, for a sum that only an exact
	// knowledge of every target's expectation would give.)
	all := assessed(r.Gaps, id)
	rest2 := all // the assessed people in no group whose A_g is shown
	if all > 0 && all < min {
		withheld = hideGap(whole, &r.Gaps, ReasonTooFew) || withheld
	}
	for _, g := range order {
		grp := &r.Groups[g]
		d := &grp.Dimensions[i]
		if d.Withheld != "" {
			continue
		}
		a := assessed(grp.Gaps, id)
		switch {
		case a == 0:
		case a < min:
			withheld = hideGap(d, &grp.Gaps, ReasonTooFew) || withheld
		case !atomSafe(rest2-a, min):
			withheld = hideGap(d, &grp.Gaps, ReasonDifference) || withheld
		default:
			rest2 -= a
		}
	}
	// The mean gaps: the people with a gap, the whole cohort's and each
	// shown group's.
	if whole := gapOf(r.Gaps, id); whole != nil {
		rest3 := whole.WithGap // those with a gap in no group whose mean gap is shown
		if rest3 > 0 && rest3 < min {
			withheld = whole.hideMean(ReasonTooFew) || withheld
		}
		for _, g := range order {
			gap := gapOf(r.Groups[g].Gaps, id)
			if gap == nil || whole.MeanGap == nil {
				withheld = gap.hideMean(ReasonTooFew) || withheld
				continue
			}
			switch w := gap.WithGap; {
			case w == 0:
			case w < min:
				withheld = gap.hideMean(ReasonTooFew) || withheld
			case !atomSafe(rest3-w, min):
				withheld = gap.hideMean(ReasonDifference) || withheld
			default:
				rest3 -= w
			}
		}
	}
	return withheld
}

// gapOf is dimension id's gap in gaps, nil when it is not there.
func gapOf(gaps []Gap, id string) *Gap {
	if i := slices.IndexFunc(gaps, func(g Gap) bool { return g.Dimension == id }); i >= 0 {
		return &gaps[i]
	}
	return nil
}

// hideMean nulls a gap's mean gap, saying why, and reports whether there
// was one (nil, or nobody with a gap, hides nothing).
func (g *Gap) hideMean(reason string) bool {
	if g == nil || g.WithGap == 0 {
		return false
	}
	g.MeanGap, g.MeanGapWithheld = nil, reason
	return true
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
	if g := gapOf(gaps, id); g != nil {
		return g.Assessed
	}
	return 0
}
