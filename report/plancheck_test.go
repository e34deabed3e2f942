package report

import (
	"bytes"
	"html"
	"strings"
	"testing"
	"time"

	"github.com/digilead/digilead/assessment/compare"
	"github.com/digilead/digilead/assessment/plan"
	"github.com/digilead/digilead/assessment/schematest"
	"github.com/digilead/digilead/questions/lang"
)

// examplePlanCheck checks the example plan against the example result
// with its first priority's score raised beyond measurement error, its
// second lowered within it, and a third priority the result does not
// score.
func examplePlanCheck(t testing.TB) *compare.PlanCheck {
	t.Helper()
	p := examplePlan(t)
	p.Priorities = append(p.Priorities, plan.Priority{Dimension: "gone", Name: "Gone", Score: 20, Expected: 50})
	r := exampleResult(t)
	r.CompletedAt = r.CompletedAt.Add(90 * 24 * time.Hour)
	for i, d := range r.Dimensions {
		switch d.ID {
		case p.Priorities[0].Dimension:
			x := *d.Score + 35 // beyond 1.96 x sqrt(2) x 11.46
			r.Dimensions[i].Score = &x
		case p.Priorities[1].Dimension:
			x := *d.Score - 2
			r.Dimensions[i].Score = &x
		}
	}
	c, err := compare.CheckPlan(p, r)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestPlanCheckGolden(t *testing.T) {
	t.Parallel()
	c := examplePlanCheck(t)
	if c.Priorities[0].Verdict != compare.Improved || c.Priorities[1].Verdict != compare.Unchanged || len(c.LeftOut) != 1 {
		t.Fatalf("verdicts %s %s, left out %v", c.Priorities[0].Verdict, c.Priorities[1].Verdict, c.LeftOut)
	}
	for _, f := range []struct {
		format, ext, tag string
		accessible       bool
	}{
		{"text", "txt", "en", false}, {"markdown", "md", "en", false}, {"json", "json", "en", false},
		{"text", "txt", "cy", false}, {"markdown", "md", "fr", false}, {"text", "txt", "fr", false},
		{"text", "accessible.txt", "en", true}, {"text", "accessible.txt", "cy", true}, {"text", "accessible.txt", "fr", true},
	} {
		name := "plancheck." + f.tag + "." + f.ext
		t.Run(name, func(t *testing.T) {
			render, err := PlanChecks.Lookup(f.format)
			if err != nil {
				t.Fatal(err)
			}
			var buf bytes.Buffer
			if err := render(&buf, c, Options{Width: 80, Accessible: f.accessible, Language: in(t, f.tag)}); err != nil {
				t.Fatal(err)
			}
			if f.format == "json" {
				schematest.Validate(t, "plan-check.schema.json", buf.Bytes())
			}
			golden(t, name+".golden", buf.Bytes())
		})
	}
}

// TestAccessiblePlanCheckInWords: compare --plan --accessible says every
// relation in words, in every language: no arrow, root, square or times
// sign (a screen reader skips them or reads them as symbols), each
// priority's old and new scores in the sentence plain compare
// --accessible uses, and French's no-break space before its colon.
func TestAccessiblePlanCheckInWords(t *testing.T) {
	t.Parallel()
	c := examplePlanCheck(t)
	for _, tag := range []string{"en", "cy", "fr"} {
		l := lang.Get(tag)
		var buf bytes.Buffer
		if err := PlanChecks.all()["text"](&buf, c, Options{Width: 1000, Accessible: true, Language: in(t, tag)}); err != nil {
			t.Fatal(err)
		}
		out := buf.String()
		if i := strings.IndexAny(out, "→√²×"); i >= 0 {
			t.Errorf("%s: a symbol in the accessible check: %q", tag, out[i:min(len(out), i+40)])
		}
		for _, p := range c.Priorities {
			// What follows the name, as compare --accessible says it
			// (French's colon with its no-break space).
			words := l.T("compare.acc.dimension", "Name", "\x01", "Old", whole(l, p.Old), "New", whole(l, p.New), "Change", "\x00")
			if words = words[strings.IndexByte(words, 1)+1 : strings.IndexByte(words, 0)]; !strings.Contains(out, words) {
				t.Errorf("%s: lacks %q:\n%s", tag, words, out)
			}
		}
	}
	// The plain French check also puts a no-break space before its colon.
	var buf bytes.Buffer
	if err := PlanChecks.all()["text"](&buf, c, Options{Width: 1000, Language: in(t, "fr")}); err != nil {
		t.Fatal(err)
	}
	if want := "\u00a0: " + whole(lang.Get("fr"), c.Priorities[0].Old) + " → "; !strings.Contains(buf.String(), want) {
		t.Errorf("fr: lacks %q:\n%s", want, buf.String())
	}
}

// TestPlanCheckRuleSaysWhatWasApplied: the footer says the rule the
// verdicts were given by: the reliable-change formula where the results
// give an SEM, and that any change counts where neither does, not the
// formula.
func TestPlanCheckRuleSaysWhatWasApplied(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name    string
		without []int // the priorities no result gives an SEM for
		formula bool
		keys    []string
	}{
		{"every SEM", nil, true, []string{"plancheck.rule"}},
		{"no SEM", []int{0, 1}, false, []string{"plancheck.rule_none"}},
		{"one without", []int{1}, true, []string{"plancheck.rule", "plancheck.rule_some"}},
	} {
		c := examplePlanCheck(t)
		if len(c.Priorities) != 2 {
			t.Fatalf("%d priorities, want 2", len(c.Priorities))
		}
		for _, i := range tc.without {
			c.Priorities[i].MinReliableChange = nil
		}
		for _, tag := range []string{"en", "cy", "fr"} {
			l := in(t, tag)
			for _, format := range []string{"text", "markdown"} {
				out := flatRender(t, PlanChecks, format, c, Options{Width: 1000, Language: l})
				if strings.Contains(out, "√") != tc.formula {
					t.Errorf("%s, %s %s: the formula shown is %v, want %v:\n%s", tc.name, tag, format, !tc.formula, tc.formula, out)
				}
				for _, k := range tc.keys {
					// What follows the names (in the bank's language).
					want := l.T(k, "Names", "\x00")
					want = strings.Join(strings.Fields(want[strings.IndexByte(want, 0)+1:]), " ")
					if !strings.Contains(out, want) {
						t.Errorf("%s, %s %s: lacks %q:\n%s", tc.name, tag, format, want, out)
					}
				}
			}
		}
	}
}

// flatRender renders doc in format and gives its words, one space
// between them, with Markdown's escapes and HTML's entities undone.
func flatRender[D any](t *testing.T, r Registry[Render[D]], format string, doc D, o Options) string {
	t.Helper()
	render, err := r.Lookup(format)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := render(&buf, doc, o); err != nil {
		t.Fatal(err)
	}
	return strings.Join(strings.Fields(html.UnescapeString(strings.ReplaceAll(buf.String(), `\`, ""))), " ")
}
