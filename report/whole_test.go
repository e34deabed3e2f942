package report

import (
	"bytes"
	"regexp"
	"testing"
)

// decimalRe finds a figure with decimals, in any language's form (56.25,
// 56,25), not part of a version (3.1.0) or a date.
var decimalRe = regexp.MustCompile(`(^|[^\d.,])\d+[.,]\d+([^\d.,]|$)`)

// tagRe and styleRe strip an HTML page to its words.
var (
	styleRe = regexp.MustCompile(`(?s)<style.*?</style>|<svg.*?</svg>`)
	tagRe   = regexp.MustCompile(`<[^>]*>`)
)

// TestPeopleSeeWholeNumbers checks that the comparison, cohort and
// feedback reports for people (text, accessible text, markdown, the handout) show
// whole numbers in every language, as the personal report does; JSON and
// CSV keep the exact figures. The reliable-change rule's 1.96 is a
// constant of the explanation, not a figure of the person's.
func TestPeopleSeeWholeNumbers(t *testing.T) {
	t.Parallel()
	prog, coh, fb := progress(t), room(t, 12), feedbackFixture(t, roundDocs)
	for _, tag := range []string{"en", "cy", "fr"} {
		for _, f := range []struct {
			name string
			acc  bool
		}{{"text", false}, {"text", true}, {"markdown", false}, {"html", false}} {
			o := Options{Language: in(t, tag), Accessible: f.acc, Width: 100}
			var docs []struct {
				what string
				out  []byte
			}
			add := func(what string, render func(*bytes.Buffer) error) {
				var buf bytes.Buffer
				if err := render(&buf); err != nil {
					t.Fatal(err)
				}
				docs = append(docs, struct {
					what string
					out  []byte
				}{what, buf.Bytes()})
			}
			if r, err := Comparisons.Lookup(f.name); err == nil {
				add("comparison", func(b *bytes.Buffer) error { return r(b, prog, o) })
			}
			if r, err := Cohorts.Lookup(f.name); err == nil {
				add("cohort", func(b *bytes.Buffer) error { return r(b, coh, o) })
			}
			if r, err := FeedbackReports.Lookup(f.name); err == nil {
				add("feedback", func(b *bytes.Buffer) error { return r(b, fb, o) })
			}
			for _, d := range docs {
				s := string(d.out)
				if f.name == "html" {
					s = tagRe.ReplaceAllString(styleRe.ReplaceAllString(s, ""), " ")
				}
				s = regexp.MustCompile(`1[.,]96`).ReplaceAllString(s, "")
				if m := decimalRe.FindAllString(s, 5); m != nil {
					t.Errorf("%s %s (%s, accessible %v) shows decimals: %q", d.what, f.name, tag, f.acc, m)
				}
			}
		}
	}
}
