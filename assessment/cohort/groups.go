package cohort

import (
	"cmp"
	"slices"
)

// OtherGroups names the merged groups in messages and reports.
const OtherGroups = "other groups"

// groupOf is the value of the respondent field by.
func groupOf(by, role, group string) string {
	if by == "role" {
		return role
	}
	return group
}

// groups sums up each group, keeping the anonymity rule: a group smaller
// than MinGroup is never shown alone. The small groups are merged into
// "other groups"; when those together are still smaller than MinGroup
// (one small group alone always is), the smallest of the shown groups
// join them until they are not. Otherwise the other groups could be read
// off the report by difference: everyone's figures minus the groups
// shown. Every group shown, the merged one included, therefore has at
// least MinGroup people, and so does what the whole cohort minus the
// shown groups leaves.
func (b *Builder) groups() []Group {
	type named struct {
		name string
		t    *tallies
	}
	var shown, small []named
	for name, t := range b.by {
		if t.n < b.o.MinGroup {
			small = append(small, named{name, t})
		} else {
			shown = append(shown, named{name, t})
		}
	}
	// Largest first, so the smallest are taken from the end.
	slices.SortFunc(shown, func(x, y named) int { return cmp.Or(cmp.Compare(y.t.n, x.t.n), cmp.Compare(x.name, y.name)) })
	others := 0
	for _, s := range small {
		others += s.t.n
	}
	for len(small) > 0 && others < b.o.MinGroup && len(shown) > 0 {
		last := shown[len(shown)-1]
		shown, small = shown[:len(shown)-1], append(small, last)
		others += last.t.n
	}
	slices.SortFunc(shown, func(x, y named) int { return cmp.Compare(x.name, y.name) })
	out := make([]Group, 0, len(shown)+1)
	for _, s := range shown {
		out = append(out, b.group(s.name, s.t))
	}
	if len(small) > 0 {
		// Merged in order of name, so the sums are the same on every run.
		slices.SortFunc(small, func(x, y named) int { return cmp.Compare(x.name, y.name) })
		var merged tallies
		for _, s := range small {
			merged.merge(s.t)
		}
		g := b.group("", &merged)
		g.Other, g.Merged = true, len(small)
		out = append(out, g)
	}
	return out
}

func (b *Builder) group(name string, t *tallies) Group {
	g := Group{Name: name}
	g.Participants, g.Dimensions, g.Levels, g.Tiers, g.Gaps = b.summary(t)
	return g
}

// GroupReport is group g of the report as a report of its own, for
// renderers.
func (r *Report) GroupReport(g Group) *Report {
	return &Report{Schema: r.Schema, Bank: r.Bank, GapTarget: r.GapTarget, MinGroup: r.MinGroup, Participants: g.Participants,
		Dimensions: g.Dimensions, Levels: g.Levels, Tiers: g.Tiers, Gaps: g.Gaps}
}
