package questions

import (
	"bytes"
	"fmt"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"
)

// Figures are the measured figures of a dimension that `digilead bank
// stats --write` records in a bank: reliability (Cronbach's alpha) and
// score_sd (the SD of the dimension score, 0-100).
type Figures struct {
	Reliability float64
	ScoreSD     float64
}

// SetFigures returns one bank file's data with reliability and score_sd
// set on the dimensions named in figs, keeping every comment and the
// layout: an existing value is replaced where it stands, a missing key is
// added on its own line after the dimension's weight, name or id. It refuses,
// naming the line, a dimension written on one line in {…} style, which
// cannot be edited in place. name is used in messages.
func SetFigures(name string, data []byte, figs map[string]Figures) ([]byte, error) {
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	dims := dimensionNodes(&doc)
	lines := strings.SplitAfter(string(data), "\n")
	var edits []lineEdit
	for _, n := range dims {
		id := mappingValue(n, "id")
		if id == nil {
			continue
		}
		f, ok := figs[id.Value]
		if !ok {
			continue
		}
		if n.Style&yaml.FlowStyle != 0 {
			return nil, Problems{{Pos: Pos{File: name, Line: n.Line}, Field: "dimensions[" + id.Value + "]",
				Msg: fmt.Sprintf("written on one line; add reliability: %s and score_sd: %s to it by hand", formatFigure(f.Reliability), formatFigure(f.ScoreSD))}}
		}
		after := insertAfter(n)
		for _, kv := range []struct {
			key string
			val float64
		}{{"reliability", f.Reliability}, {"score_sd", f.ScoreSD}} {
			e, err := figureEdit(name, lines, n, after, kv.key, formatFigure(kv.val))
			if err != nil {
				return nil, err
			}
			edits = append(edits, e)
		}
	}
	return applyEdits(lines, edits), nil
}

// insertAfter picks the key of a dimension after whose line new keys go:
// weight or name when its value is known to fit on the key's line (a
// number always does; text does when the next key follows on the next
// line), else id.
func insertAfter(n *yaml.Node) *yaml.Node {
	for _, key := range []string{"weight", "name"} {
		for i := 0; i+1 < len(n.Content); i += 2 {
			k, v := n.Content[i], n.Content[i+1]
			if k.Value != key || v.Kind != yaml.ScalarNode || v.Line != k.Line {
				continue
			}
			number := v.Tag == "!!int" || v.Tag == "!!float"
			if number || i+2 < len(n.Content) && n.Content[i+2].Line == v.Line+1 {
				return k
			}
		}
	}
	return mappingKey(n, "id")
}

// lineEdit replaces a value on line (1-based) at byte column col, or, when
// insert is set, adds a new line after line.
type lineEdit struct {
	line, col int
	old, text string
	insert    bool
	order     int
}

// figureEdit is the edit that sets key to val on dimension n.
func figureEdit(name string, lines []string, n, after *yaml.Node, key, val string) (lineEdit, error) {
	if v := mappingValue(n, key); v != nil {
		l := lines[v.Line-1]
		col := byteColumn(l, v.Column)
		if v.Kind != yaml.ScalarNode || !strings.HasPrefix(l[col:], v.Value) {
			return lineEdit{}, Problems{{Pos: Pos{File: name, Line: v.Line}, Field: key, Msg: fmt.Sprintf("cannot be edited in place; set it to %s by hand", val)}}
		}
		return lineEdit{line: v.Line, col: col, old: v.Value, text: val}, nil
	}
	indent := strings.Repeat(" ", mappingKey(n, "id").Column-1)
	order := 0
	if key == "score_sd" {
		order = 1
	}
	return lineEdit{line: after.Line, text: indent + key + ": " + val, insert: true, order: order}, nil
}

// applyEdits applies edits; inserted lines keep the file's line endings.
func applyEdits(lines []string, edits []lineEdit) []byte {
	inserts := map[int][]lineEdit{}
	for _, e := range edits {
		if e.insert {
			inserts[e.line] = append(inserts[e.line], e)
			continue
		}
		l := lines[e.line-1]
		lines[e.line-1] = l[:e.col] + e.text + l[e.col+len(e.old):]
	}
	var out bytes.Buffer
	for i, l := range lines {
		out.WriteString(l)
		ins := inserts[i+1]
		if len(ins) == 0 {
			continue
		}
		eol := "\n"
		if strings.HasSuffix(l, "\r\n") {
			eol = "\r\n"
		}
		if !strings.HasSuffix(l, "\n") {
			out.WriteString(eol)
		}
		for o := 0; o <= 1; o++ {
			for _, e := range ins {
				if e.order == o {
					out.WriteString(e.text + eol)
				}
			}
		}
	}
	return out.Bytes()
}

// byteColumn turns yaml's 1-based character column into a byte offset.
func byteColumn(line string, column int) int {
	n := 0
	for i := range line {
		if n == column-1 {
			return i
		}
		n++
	}
	return len(line)
}

// dimensionNodes returns the mapping nodes of the file's dimensions list.
func dimensionNodes(doc *yaml.Node) []*yaml.Node { return listNodes(doc, "dimensions") }

// listNodes returns the mapping nodes of the file's list under key
// (dimensions, tiers).
func listNodes(doc *yaml.Node, key string) []*yaml.Node {
	if doc.Kind != yaml.DocumentNode || len(doc.Content) == 0 {
		return nil
	}
	list := mappingValue(doc.Content[0], key)
	if list == nil || list.Kind != yaml.SequenceNode {
		return nil
	}
	var out []*yaml.Node
	for _, n := range list.Content {
		if n.Kind == yaml.MappingNode {
			out = append(out, n)
		}
	}
	return out
}

func mappingKey(n *yaml.Node, key string) *yaml.Node {
	for i := 0; n.Kind == yaml.MappingNode && i+1 < len(n.Content); i += 2 {
		if n.Content[i].Value == key {
			return n.Content[i]
		}
	}
	return nil
}

func mappingValue(n *yaml.Node, key string) *yaml.Node {
	for i := 0; n.Kind == yaml.MappingNode && i+1 < len(n.Content); i += 2 {
		if n.Content[i].Value == key {
			return n.Content[i+1]
		}
	}
	return nil
}

// formatFigure writes a figure without needless digits.
func formatFigure(x float64) string { return strconv.FormatFloat(x, 'f', -1, 64) }
