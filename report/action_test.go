package report

import (
	"bytes"
	"regexp"
	"strings"
	"testing"

	"github.com/digilead/digilead/assessment"
	"github.com/digilead/digilead/questions"
)

// linkedResult is textTrickyResult whose vision gap recommends actions
// with addresses: good ones, and ones no report may link to.
func linkedResult() *assessment.Result {
	r := textTrickyResult()
	r.Gaps[0].Actions = []assessment.Action{
		{Kind: "training", Text: "Data essentials, module 2", URL: "https://learning.example.gov/data-2", Provider: "Civil Service College", Minutes: 90, Language: "en"},
		{Kind: "training", Text: "A [link](x) in *text*", URL: "https://example.org/a_(b)?c=1&d=2"},
		{Kind: "reading", Text: "Script", URL: "javascript:alert(1)"},
		{Kind: "reading", Text: "Data", URL: "data:text/html,<script>alert(1)</script>"},
		{Kind: "reading", Text: "Relative", URL: "/etc/passwd", Minutes: 5},
		{Kind: "reading", Text: "Quote", URL: `https://x.example/"onmouseover="alert(1)`},
		{Kind: "reading", Text: "Escape", URL: "https://x.example/\x1b]8;;https://evil\x07"},
		{Kind: "reading", Text: "Credentials", URL: "https://user:pw@x.example/"},
	}
	return r
}

// TestActionLinks renders actions with addresses in every format for
// people (golden files): an anchor with rel=noopener in HTML, a Markdown
// link with its text escaped, the address in text; never a link to what
// is not an absolute http(s) address.
func TestActionLinks(t *testing.T) {
	t.Parallel()
	r := linkedResult()
	for _, c := range []struct {
		format, golden string
		o              Options
	}{
		{"text", "links.txt.golden", Options{Width: 80}},
		{"text", "links.accessible.golden", Options{Width: 80, Accessible: true}},
		{"markdown", "links.md.golden", Options{}},
		{"html", "links.html.golden", Options{}},
	} {
		render, _ := Results.Lookup(c.format)
		var buf bytes.Buffer
		if err := render(&buf, r, c.o); err != nil {
			t.Fatal(err)
		}
		out := buf.String()
		golden(t, c.golden, buf.Bytes())
		for _, bad := range []string{"javascript:", "data:text", "/etc/passwd", "onmouseover=\"", "evil", "user:pw"} {
			if strings.Contains(out, "href=\""+bad) || strings.Contains(out, "(<"+bad) || strings.Contains(out, "<"+bad) && c.format == "text" {
				t.Errorf("%s links to %q", c.golden, bad)
			}
		}
		if c.format == "html" {
			// The two http(s) actions are linked, the first step's again
			// in the priorities; every anchor has rel=noopener.
			hrefs := map[string]bool{}
			for _, m := range regexp.MustCompile(`<a href="([^"]*)" rel="noopener">`).FindAllStringSubmatch(out, -1) {
				hrefs[m[1]] = true
			}
			if n := strings.Count(out, "<a "); n != 3 || strings.Count(out, `rel="noopener"`) != n || len(hrefs) != 2 {
				t.Errorf("html has %d anchors to %v, want the 2 http(s) actions (one of them also the first step), each with rel=noopener:\n%s", n, hrefs, out)
			}
			if strings.Contains(out, "javascript") && strings.Contains(out, "href=\"javascript") {
				t.Error("a javascript: link")
			}
		}
		if !strings.Contains(out, "https://learning.example.gov/data-2") {
			t.Errorf("%s does not give the address", c.golden)
		}
	}
}

func TestLinkURL(t *testing.T) {
	for in, want := range map[string]string{
		"https://a.example/x?y=1": "https://a.example/x?y=1", "http://a.example": "http://a.example",
		"javascript:alert(1)": "", "JAVASCRIPT:x": "", "data:x": "", "//a.example": "", "/x": "", "ftp://a.example/": "",
		"https://a.example/ x": "", "https://a.example/<x>": "", "https://a.example/\"": "", "https://a.example\\@b": "",
		"https://u:p@a.example/": "", "https:///x": "", "": "", "https://a.example/\u0085": "",
		"https://a.example/\u00a0x\u2028y": "", "https://a.example/x\u200by": "", "https://a.example:99999/": "", "https://a.example:8443/x": "https://a.example:8443/x",
	} {
		if got := linkURL(in); got != want {
			t.Errorf("linkURL(%q) = %q, want %q", in, got, want)
		}
		// A bank or catalogue takes the URLs a report links to, and no
		// other: none is taken at FILE:LINE to vanish from the report.
		if ok := questions.CheckURL(in) == ""; ok != (want != "") {
			t.Errorf("a bank takes url %q: %v, a report links to it: %v", in, ok, want != "")
		}
	}
}
