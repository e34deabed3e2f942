package feedback

import (
	"cmp"
	"slices"
	"strings"
)

// Anonymity: which figures of a report may be shown.
//
// A figure (a group's mean on a dimension, everyone else's mean on a
// question) is a sum over a set of raters divided by its size, and the
// size is shown; so a reader knows the total of every figure shown and
// may add and subtract them. The rule of a report is that no figure,
// alone or combined with the others (any sum or difference of their
// totals), reveals the answers of fewer than MinGroup raters other than
// the manager, whose view is shown on its own and is not anonymous
// (unless the report pools it: then the manager is one more anonymous
// rater, in a group of their own).
//
// Think of each shown figure as its set of raters, the manager left out.
// The sets split the raters they cover into atoms: the raters that lie in
// exactly the same shown sets. Every set that intersections and
// differences of shown sets can make is a union of atoms, and any linear
// combination of the figures' totals is a sum, atom by atom, of what the
// atom's raters gave: no combination can tell apart two raters of one
// atom. So the family of shown sets is safe exactly when every atom
// holds 0 or at least MinGroup raters other than the manager.
//
// The algorithm keeps the family safe as it grows. Candidates are tried
// in order of preference, each shown only if the family with it is still
// safe, and withheld otherwise, with why:
//
//  1. the manager's figure, shown as it is (exempt: the manager is not
//     anonymous), unless the manager is pooled;
//  2. everyone else (every rater, the manager too): the figure the
//     self-versus-others comparison rests on;
//  3. each role group of at least MinGroup raters, and the pool of the
//     role groups smaller than that (when there are two or more of them),
//     larger first (ties in role order, the pool last).
//
// A candidate with fewer than MinGroup raters other than the manager is
// withheld as too few (ReasonTooFew); one that would leave an atom of 1
// to MinGroup-1 raters is withheld as exposing them by difference
// (ReasonDifference): peers (4) beside everyone but the manager (6) leave
// the 2 direct reports as an atom, so the peers' figure goes. Adding a
// set only ever splits atoms, so a candidate refused never becomes safe
// later, and the figures kept are safe together whatever order they are
// read in.
//
// The same is done per dimension (a rater counts in a dimension's figure
// only when the dimension was scored for them, so the sets shrink) with
// the groups kept, in the same order; and per question, whose figures
// (everyone shown who answered it) join their dimension's family, so that
// a question's figure cannot be set against its dimension's either.

// Reasons a figure is withheld.
const (
	// ReasonTooFew: fewer than MinGroup raters other than the manager
	// (their answers count only in figures pooling them with others).
	ReasonTooFew = "too_few"
	// ReasonDifference: shown beside the other figures, it would reveal
	// fewer than MinGroup raters by difference.
	ReasonDifference = "difference"
)

// Kinds of figures.
const (
	kindManager  = "manager"
	kindEveryone = "everyone"
	kindRole     = "role"
	kindPooled   = "pooled"
)

// candidate is a figure that may be shown: the roles it covers and its
// raters (positions, ascending).
type candidate struct {
	kind    string
	roles   []string
	members []int
}

// disclosure is a family of shown sets of raters, kept safe as it grows.
type disclosure struct {
	min int
	// exempt[i] is set for a rater whose answers are shown as theirs:
	// the manager, unless pooled.
	exempt []bool
	sets   [][]int
}

// anonymous counts the raters of set s other than the exempt.
func (d *disclosure) anonymous(s []int) int { return countAnon(s, d.exempt) }

// show adds a set without a check: the manager's own figure.
func (d *disclosure) show(s []int) { d.sets = append(d.sets, s) }

// try adds set s when the family stays safe with it, and otherwise says
// why not and how few raters it would expose.
func (d *disclosure) try(s []int) (ok bool, reason string, exposed int) {
	if n := d.anonymous(s); n < d.min {
		return false, ReasonTooFew, n
	}
	if small := smallestAtom(append(d.sets[:len(d.sets):len(d.sets)], s), d.exempt); small > 0 && small < d.min {
		return false, ReasonDifference, small
	}
	d.sets = append(d.sets, s)
	return true, "", 0
}

// smallestAtom is the number of non-exempt raters of the smallest atom
// of sets that has any (0 when none has).
func smallestAtom(sets [][]int, exempt []bool) int {
	sig := map[int][]byte{} // rater → which sets hold them
	for k, s := range sets {
		for _, i := range s {
			if exempt[i] {
				continue
			}
			if sig[i] == nil {
				sig[i] = make([]byte, len(sets))
			}
			sig[i][k] = 1
		}
	}
	atoms := map[string]int{}
	for _, b := range sig {
		atoms[string(b)]++
	}
	small := 0
	for _, n := range atoms {
		if small == 0 || n < small {
			small = n
		}
	}
	return small
}

// candidates lists the figures of raters with the given roles in order of
// preference (see the algorithm above), and the role groups too small to
// be one (withheld as too few). exempt marks the manager unless pooled.
func candidates(roles []string, exempt []bool, min int, poolManager bool) (manager *candidate, rest []candidate, small []candidate) {
	byRole := map[string][]int{}
	var all []int
	for i, r := range roles {
		byRole[r] = append(byRole[r], i)
		all = append(all, i)
	}
	if len(all) == 0 {
		return nil, nil, nil
	}
	present := func(rs []int) []string {
		var out []string
		for _, r := range Roles {
			if slices.ContainsFunc(rs, func(i int) bool { return roles[i] == r }) {
				out = append(out, r)
			}
		}
		return out
	}
	if m := byRole[Manager]; len(m) > 0 && !poolManager {
		manager = &candidate{kind: kindManager, roles: []string{Manager}, members: m}
	}
	rest = append(rest, candidate{kind: kindEveryone, roles: present(all), members: all})
	var groups []candidate
	var pool candidate
	pool.kind = kindPooled
	for _, r := range Roles {
		m := byRole[r]
		if len(m) == 0 || (r == Manager && !poolManager) {
			continue
		}
		c := candidate{kind: kindRole, roles: []string{r}, members: m}
		if countAnon(m, exempt) >= min {
			groups = append(groups, c)
			continue
		}
		small = append(small, c)
		pool.roles = append(pool.roles, r)
		pool.members = append(pool.members, m...)
	}
	if len(pool.roles) >= 2 {
		slices.Sort(pool.members)
		groups = append(groups, pool)
	}
	slices.SortStableFunc(groups, func(a, b candidate) int {
		return cmp.Compare(countAnon(b.members, exempt), countAnon(a.members, exempt))
	})
	return manager, append(rest, groups...), small
}

func countAnon(s []int, exempt []bool) int {
	n := 0
	for _, i := range s {
		if !exempt[i] {
			n++
		}
	}
	return n
}

// filter is the members of s for whom keep is true.
func filter(s []int, keep func(i int) bool) []int {
	var out []int
	for _, i := range s {
		if keep(i) {
			out = append(out, i)
		}
	}
	return out
}

// rolesKey names a list of roles, for maps.
func rolesKey(roles []string) string { return strings.Join(roles, "+") }
