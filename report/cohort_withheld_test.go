package report

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"github.com/digilead/digilead/assessment/cohort"
	"github.com/digilead/digilead/questions/lang"
)

// withheldCohort is ten people in two groups of five: everyone scored on
// Data; only the first on Ethics (37.5, with the only gap: 22.5); on
// Voice all of finance and 4 of health, so that health is too few and
// finance would leave them by difference.
func withheldCohort(t *testing.T) *cohort.Report {
	t.Helper()
	b := cohort.New(cohort.Options{By: "group"})
	for i := range 10 {
		e := &cohort.Entry{Schema: "digilead.result/v1"}
		e.Bank.ID, e.Bank.Title, e.Bank.Version = "b", "Bank", "1.0"
		e.Respondent.ID, e.Respondent.Group = fmt.Sprint("p", i), []string{"finance", "health"}[i/5]
		score := func(x float64, ok bool) *float64 {
			if !ok {
				return nil
			}
			return &x
		}
		ethics := score(37.5, i == 0)
		e.Dimensions = []cohort.EntryDimension{
			{ID: "data", Name: "Data", Score: score(float64(50+i), true)},
			{ID: "ethics", Name: "Ethics", Score: ethics},
			{ID: "voice", Name: "Voice", Score: score(float64(60+i), i != 9)},
		}
		if ethics != nil {
			e.Gaps = []cohort.EntryGap{{Dimension: "ethics", Score: ethics, Gap: 22.5, Expected: 60}}
		}
		e.Tiers = []cohort.EntryTier{{ID: "t1", Name: "One", Rank: 1, Readiness: 50}}
		b.Add(e, fmt.Sprint(i))
	}
	r, err := b.Report()
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// TestCohortWithheldFigures: a dimension scored for too few people says
// so in every human format and language, shows none of its figures, and
// the common gaps do not claim that everyone meets their target when
// the only gap is withheld.
func TestCohortWithheldFigures(t *testing.T) {
	c := withheldCohort(t)
	for _, d := range []cohort.Dimension{c.Dimensions[1], c.Groups[0].Dimensions[2], c.Groups[1].Dimensions[2]} {
		if d.Mean != nil || d.Withheld == "" {
			t.Fatalf("%s: %+v: want its figures withheld", d.ID, d)
		}
	}
	for _, tag := range []string{"en", "cy", "fr"} {
		l := lang.Get(tag)
		note := l.T("cohort.withheld", "Min", 5, "Items", "Ethics")
		gapNote := l.T("cohort.gap_withheld", "Min", 5, "Items", "Ethics")
		groupNote := l.T("cohort.group.withheld", "Min", 5)
		for _, c2 := range []struct {
			format     string
			accessible bool
			want       []string
		}{
			{"text", false, []string{l.T("cohort.withheld_short"), gapNote}},
			{"text", true, []string{l.N("cohort.acc.dim_withheld", 1, "Name", "Ethics", "Min", 5), gapNote}},
			{"markdown", false, []string{note, gapNote, groupNote}},
			{"html", false, []string{note, gapNote, groupNote, l.T("cohort.withheld_short")}},
		} {
			f, _ := Cohorts.Lookup(c2.format)
			var buf bytes.Buffer
			if err := f(&buf, c, Options{Width: 400, Accessible: c2.accessible, Language: in(t, tag)}); err != nil {
				t.Fatal(err)
			}
			out := buf.String()
			if c2.format == "html" {
				out = strings.ReplaceAll(out, "&#39;", "'")
			}
			name := fmt.Sprintf("%s %s accessible=%v", tag, c2.format, c2.accessible)
			// Text writes a no-break space as a space.
			spaces := strings.NewReplacer("\u00a0", " ", "\u202f", " ", "&nbsp;", " ")
			out = spaces.Replace(out)
			for _, w := range c2.want {
				if w = spaces.Replace(w); !strings.Contains(out, w) {
					t.Errorf("%s does not say %q:\n%s", name, w, out)
				}
			}
			if no := l.T("cohort.no_gaps"); strings.Contains(out, no) {
				t.Errorf("%s says %q although a gap is withheld", name, no)
			}
			for _, private := range []string{"37", "38", "22.5", "23"} {
				if strings.Contains(out, " "+private) || strings.Contains(out, ">"+private+"<") {
					t.Errorf("%s shows %s, the one person's figure", name, private)
				}
			}
		}
	}
	for _, format := range []string{"csv", "json"} {
		f, _ := Cohorts.Lookup(format)
		var buf bytes.Buffer
		if err := f(&buf, c, Options{}); err != nil {
			t.Fatal(err)
		}
		if s := buf.String(); strings.Contains(s, "37.5") || strings.Contains(s, "22.5") {
			t.Errorf("%s shows the one person's score or gap:\n%s", format, s)
		}
	}
}
