package report

import (
	"bytes"
	"encoding/xml"
	"io"
	"strings"
	"testing"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/renderer/html"
)

// node is an element of rendered HTML read as XML, or a text node (empty
// name).
type node struct {
	name  string
	data  string
	nodes []*node
}

// parseXML reads a well-formed document into a tree.
func parseXML(src string) (*node, error) {
	root := &node{name: "root"}
	stack := []*node{root}
	dec := xml.NewDecoder(strings.NewReader("<root>" + src + "</root>"))
	dec.Strict = true
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			return root, nil
		}
		if err != nil {
			return nil, err
		}
		top := stack[len(stack)-1]
		switch tok := tok.(type) {
		case xml.StartElement:
			n := &node{name: tok.Name.Local}
			top.nodes = append(top.nodes, n)
			stack = append(stack, n)
		case xml.EndElement:
			stack = stack[:len(stack)-1]
		case xml.CharData:
			top.nodes = append(top.nodes, &node{data: string(tok)})
		}
	}
}

// text is the node's text content.
func (n *node) text() string {
	s := n.data
	for _, c := range n.nodes {
		s += c.text()
	}
	return s
}

// all lists the descendants named name, in document order.
func (n *node) all(name string) []*node {
	var out []*node
	for _, c := range n.nodes {
		if c.name == name {
			out = append(out, c)
		}
		out = append(out, c.all(name)...)
	}
	return out
}

// renderGFM renders Markdown as GitHub does (CommonMark with GFM tables)
// and parses the HTML.
func renderGFM(t *testing.T, src []byte) *node {
	t.Helper()
	var out bytes.Buffer
	md := goldmark.New(goldmark.WithExtensions(extension.GFM), goldmark.WithRendererOptions(html.WithXHTML()))
	if err := md.Convert(src, &out); err != nil {
		t.Fatal(err)
	}
	root, err := parseXML(out.String())
	if err != nil {
		t.Fatalf("rendered markdown is not well-formed: %v\n%s", err, out.String())
	}
	return root
}

// cells returns a table's rows of cell texts, header first.
func cells(table *node) [][]string {
	var rows [][]string
	for _, tr := range table.all("tr") {
		var row []string
		for _, c := range tr.nodes {
			if c.name != "" { // th or td, not the white space between
				row = append(row, c.text())
			}
		}
		rows = append(rows, row)
	}
	return rows
}

// TestMarkdownRendersTables renders the report with a GFM renderer and
// checks the tables are tables, with every row as wide as the header and
// awkward names shown literally.
func TestMarkdownRendersTables(t *testing.T) {
	t.Parallel()
	r := trickyResult(t)
	var buf bytes.Buffer
	if err := resultMarkdown(&buf, r, Options{}); err != nil {
		t.Fatal(err)
	}
	root := renderGFM(t, buf.Bytes())
	tables := root.all("table")
	if len(tables) != 2 {
		t.Fatalf("rendered %d tables, want 2 (readiness, dimensions):\n%s", len(tables), buf.String())
	}
	readiness, dims := cells(tables[0]), cells(tables[1])
	for _, tb := range [][][]string{readiness, dims} {
		for i, row := range tb {
			if len(row) != len(tb[0]) {
				t.Errorf("row %d has %d cells, header has %d: %q", i, len(row), len(tb[0]), row)
			}
		}
	}
	if len(readiness) != 1+len(r.Tiers) || len(dims) != 1+len(r.Dimensions) {
		t.Fatalf("rows: readiness %d, dimensions %d; want %d, %d", len(readiness), len(dims), 1+len(r.Tiers), 1+len(r.Dimensions))
	}
	want := [][]string{
		{"Dimension", "Score", "Expected", "Gap", "Severity"},
		{`Pipes | and [links](x), "quotes" & *stars*`, "75", "80", "5", "small"},
		{"<script>alert(1)</script>", "25", "80", "55", "large"},
		{"=1+1 never answered", "not scored (0 of 1 answered)", "80", "80", "insufficient"},
	}
	for i := range want {
		if strings.Join(dims[i], "\t") != strings.Join(want[i], "\t") {
			t.Errorf("dimension row %d = %q, want %q", i, dims[i], want[i])
		}
	}
	if got := readiness[1][0]; got != "Low | *tier*" {
		t.Errorf("tier cell = %q, want the name literally", got)
	}
	for _, tag := range []string{"script", "b", "a", "em", "strong"} {
		for _, n := range root.all(tag) {
			if tag == "strong" && strings.HasSuffix(n.text(), ":") || tag == "strong" && strings.HasPrefix(n.text(), "Why") {
				continue // the report's own labels
			}
			if tag == "a" && (n.text() == "Read something." || n.text() == "Data essentials [module 2](x) *now*") {
				continue // the actions' links, text escaped
			}
			t.Errorf("markup from the bank leaked through as <%s>%s</%s>", tag, n.text(), tag)
		}
	}
	if items := root.all("li"); !contains(items, "Training: Read <b>this</b> | then \\ that, with a \"quote\".") {
		t.Errorf("action text not shown literally in a list item")
	}
}

func contains(ns []*node, text string) bool {
	for _, n := range ns {
		if n.text() == text {
			return true
		}
	}
	return false
}

func TestMdEscape(t *testing.T) {
	t.Parallel()
	root := func(s string) string {
		t.Helper()
		n := renderGFM(t, []byte(s+"\n"))
		return strings.TrimSpace(n.text())
	}
	for _, in := range []string{
		"plain text", "a | b", "*em* _em_ **strong**", "`code`", "[link](http://x)", "<b>html</b>",
		"&amp; &#35; stays", "back\\slash", "# not a heading", "1. not a list", "2) nor this", "- nor this",
		"+ nor this", "===", "---", "~~strike~~", "x > y", "line\nbreak",
	} {
		want := strings.ReplaceAll(in, "\n", " ")
		if got := root(mdEscape(in)); got != want {
			t.Errorf("mdEscape(%q) renders as %q, want it literally", in, got)
		}
		if got := root("- " + mdEscape(in)); got != want {
			t.Errorf("in a list item, mdEscape(%q) renders as %q", in, got)
		}
	}
}
