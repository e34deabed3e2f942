package cohort

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"
)

// grouped builds a cohort of groups of the given sizes (by name), each
// person with scores telling their group apart.
func grouped(t *testing.T, minGroup int, sizes map[string]int) *Report {
	t.Helper()
	b := New(Options{MinGroup: minGroup, By: "group"})
	i := 0
	for name, n := range sizes {
		for range n {
			e := person("t1", float64(10+len(name)), 50, 60, map[string]float64{"a": 5})
			e.Respondent.ID, e.Respondent.Group = fmt.Sprint("p", i), name
			b.Add(e, "r")
			i++
		}
	}
	r, err := b.Report()
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// TestGroupsAnonymity: no group under --min-group is shown alone, the
// merged "other groups" reach it too, and so what the whole cohort minus
// the shown groups leaves is never a small group.
func TestGroupsAnonymity(t *testing.T) {
	for _, c := range []struct {
		sizes map[string]int
		want  string // shown groups name:n, then other:n/merged
	}{
		{map[string]int{"finance": 6, "health": 7, "tax": 2, "rail": 3}, "finance:6 health:7 other:5/2"},
		{map[string]int{"finance": 6, "health": 7}, "finance:6 health:7"},
		// One small group alone would be the other groups: the smallest
		// shown group joins it.
		{map[string]int{"finance": 6, "health": 7, "tax": 2}, "health:7 other:8/2"},
		{map[string]int{"finance": 9, "health": 7, "tax": 1, "rail": 1}, "finance:9 other:9/3"},
		{map[string]int{"finance": 6, "tax": 2}, "other:8/2"},
		{map[string]int{"a": 1, "b": 1, "c": 1, "d": 1, "e": 1}, "other:5/5"},
		{map[string]int{"finance": 5, "": 5}, ":5 finance:5"},
	} {
		r := grouped(t, 5, c.sizes)
		var got []string
		shown := 0
		for _, g := range r.Groups {
			if g.Participants < 5 {
				t.Errorf("%v: group %q of %d shown", c.sizes, g.Name, g.Participants)
			}
			if g.Other {
				got = append(got, fmt.Sprintf("other:%d/%d", g.Participants, g.Merged))
				continue
			}
			shown += g.Participants
			got = append(got, fmt.Sprintf("%s:%d", g.Name, g.Participants))
		}
		if s := strings.Join(got, " "); s != c.want {
			t.Errorf("%v: groups %s, want %s", c.sizes, s, c.want)
		}
		if rest := r.Participants - shown; rest > 0 && rest < 5 {
			t.Errorf("%v: the whole minus the shown groups leaves %d people", c.sizes, rest)
		}
		doc, _ := json.Marshal(r)
		for name, n := range c.sizes {
			if n < 5 && strings.Contains(string(doc), `"name":"`+name+`"`) {
				t.Errorf("%v: the small group %q is named in the report", c.sizes, name)
			}
		}
	}
}

// TestGroupFigures: a group's figures are those of a cohort of its people
// alone, and the merged groups' those of their people together.
func TestGroupFigures(t *testing.T) {
	r := grouped(t, 2, map[string]int{"ab": 3, "abcd": 2, "x": 1, "y": 1})
	byName := map[string]Group{}
	for _, g := range r.Groups {
		byName[g.Name] = g
	}
	if g := byName["ab"]; g.Participants != 3 || *g.Dimensions[0].Median != 12 {
		t.Errorf("group ab: %d people, median %v; want 3 and 12", g.Participants, *g.Dimensions[0].Median)
	}
	if g := byName[""]; !g.Other || g.Participants != 2 || *g.Dimensions[0].Median != 11 || g.Gaps[0].WithGap != 2 {
		t.Errorf("other groups: %+v", g)
	}
}
