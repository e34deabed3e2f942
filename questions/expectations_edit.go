package questions

import (
	"cmp"
	"fmt"
	"maps"
	"slices"
	"strings"

	"gopkg.in/yaml.v3"
)

// SetExpectations returns one bank file's data with the tier expectations
// named in exps (tier id → dimension id → score) set, keeping every comment
// and the layout: each value is replaced where it stands, in block style
// or in a {…} map. Only expectations the file's tiers already hold are
// edited; a tier of exps that the file does not define is left to the file
// that does (a directory bank). It refuses, naming the line, an
// expectation the tier does not have and a value that cannot be replaced
// in place (an alias, an anchor other values may share, a quoted value).
// name is used in messages.
func SetExpectations(name string, data []byte, exps map[string]map[string]float64) ([]byte, error) {
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	lines := strings.SplitAfter(string(data), "\n")
	var edits []lineEdit
	for _, n := range listNodes(&doc, "tiers") {
		id := mappingValue(n, "id")
		if id == nil || exps[id.Value] == nil {
			continue
		}
		tier := "tiers[" + id.Value + "]"
		set := exps[id.Value]
		ex := mappingValue(n, "expectations")
		switch {
		case ex == nil:
			return nil, Problems{{Pos: Pos{File: name, Line: n.Line}, Field: tier + ".expectations",
				Msg: "missing; add the expectations " + formatExpectations(set) + " by hand"}}
		case ex.Kind == yaml.AliasNode || ex.Anchor != "":
			return nil, Problems{{Pos: Pos{File: name, Line: ex.Line}, Field: tier + ".expectations",
				Msg: "shared with another tier through a YAML anchor or alias; write this tier's expectations out in full, or set " + formatExpectations(set) + " by hand"}}
		case ex.Kind != yaml.MappingNode:
			return nil, Problems{{Pos: Pos{File: name, Line: ex.Line}, Field: tier + ".expectations", Msg: "is not a map of dimension: score"}}
		}
		for _, dim := range slices.Sorted(maps.Keys(set)) {
			val := formatFigure(set[dim])
			field := tier + ".expectations." + dim
			v := mappingValue(ex, dim)
			if v == nil {
				return nil, Problems{{Pos: Pos{File: name, Line: ex.Line}, Field: field, Msg: fmt.Sprintf("the tier has no expectation for %s; add %s: %s by hand", dim, dim, val)}}
			}
			l := lines[v.Line-1]
			col := byteColumn(l, v.Column)
			if v.Kind != yaml.ScalarNode || v.Anchor != "" || v.Style != 0 || !strings.HasPrefix(l[col:], v.Value) {
				return nil, Problems{{Pos: Pos{File: name, Line: v.Line}, Field: field, Msg: fmt.Sprintf("cannot be edited in place; set it to %s by hand", val)}}
			}
			edits = append(edits, lineEdit{line: v.Line, col: col, old: v.Value, text: val})
		}
	}
	// Several values may share a line ({a: 50, b: 60}): replace from the
	// right, so that the columns of the others still hold.
	slices.SortFunc(edits, func(a, b lineEdit) int {
		return cmp.Or(cmp.Compare(a.line, b.line), cmp.Compare(b.col, a.col))
	})
	return applyEdits(lines, edits), nil
}

// formatExpectations writes expectations as a flow map, e.g. {a: 45, b: 60}.
func formatExpectations(set map[string]float64) string {
	parts := make([]string, 0, len(set))
	for _, dim := range slices.Sorted(maps.Keys(set)) {
		parts = append(parts, dim+": "+formatFigure(set[dim]))
	}
	return "{" + strings.Join(parts, ", ") + "}"
}

// WithExpectations returns a copy of the bank whose tiers carry exps
// (tier id → dimension id → score) in place of their own expectations for
// those dimensions; every other expectation, and everything else, is the
// bank's. It lets a proposal be scored before it is written. The copy
// shares the bank's dimensions and questions: read them, never change
// them. Its Digest is the bank's, although its expectations differ.
func (b *Bank) WithExpectations(exps map[string]map[string]float64) *Bank {
	nb := *b
	nb.Tiers = slices.Clone(b.Tiers)
	for i := range nb.Tiers {
		t := &nb.Tiers[i]
		set, ok := exps[t.ID]
		if !ok {
			continue
		}
		e := make(map[string]float64, len(t.Expectations)+len(set))
		maps.Copy(e, t.Expectations)
		maps.Copy(e, set)
		t.Expectations = e
	}
	return &nb
}
