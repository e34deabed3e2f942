package report

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/digilead/digilead/assessment"
	"github.com/digilead/digilead/assessment/compare"
	"github.com/digilead/digilead/assessment/schematest"
	"github.com/digilead/digilead/questions"
	"github.com/digilead/digilead/questions/questionstest"
)

// progress compares the example result with the same answers six months
// on (see assessment/compare/testdata/later-answers.yaml).
func progress(t *testing.T) *compare.Comparison {
	t.Helper()
	b := questions.Default()
	later := scoreFile(t, b, questionstest.Path("assessment/compare/testdata/later-answers.yaml"))
	later.CompletedAt = fixedTime.AddDate(0, 6, 0)
	c, err := compare.Compare(exampleResult(t), later)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// trickyProgress compares the tricky result with a next bank version that
// dropped a dimension and records SEMs: small changes are not reliable.
func trickyProgress(t *testing.T) *compare.Comparison {
	t.Helper()
	old, cur := trickyResult(t), trickyResult(t)
	cur.Bank.Version = "0.2"
	cur.Dimensions, cur.Gaps = cur.Dimensions[:2], nil
	sem := 4.0
	for i := range cur.Dimensions {
		cur.Dimensions[i].SEM, old.Dimensions[i].SEM = &sem, &sem
	}
	s1, s2 := 80.0, 40.0 // pipes 75 -> 80 (+5, within error), script 25 -> 40 (+15)
	cur.Dimensions[0].Score, cur.Dimensions[1].Score = &s1, &s2
	for _, d := range cur.Dimensions {
		gap := max(0, 80-*d.Score)
		cur.Gaps = append(cur.Gaps, assessment.Gap{Dimension: d.ID, Name: d.Name, Score: d.Score, Expected: 80, Gap: gap, Severity: assessment.Severity(gap)})
	}
	cur.Level = &assessment.TierRef{ID: "low", Name: "Low | *tier*", Rank: 1}
	c, err := compare.Compare(old, cur)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// straightProgress compares the example result with a straight-liner's
// six months on (testdata/answers-middle.yaml: every scale at its
// middle), whose measurement error cannot be judged.
func straightProgress(t *testing.T) *compare.Comparison {
	t.Helper()
	later := scoreFile(t, questions.Default(), "testdata/answers-middle.yaml")
	later.CompletedAt = fixedTime.AddDate(0, 6, 0)
	if !assessment.StraightLined(later) {
		t.Fatalf("the fixture is no longer straight-lined: notes %+v", later.Notes)
	}
	c, err := compare.Compare(exampleResult(t), later)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestCompareGolden(t *testing.T) {
	t.Parallel()
	cases := map[string]*compare.Comparison{"progress": progress(t), "tricky-progress": trickyProgress(t), "straight-progress": straightProgress(t)}
	for name, c := range cases {
		for _, format := range Comparisons.Names() {
			for _, acc := range []bool{false, true} {
				if acc && format != "text" {
					continue
				}
				file := name + ".compare." + format
				if acc {
					file = name + ".compare.accessible." + format
				}
				t.Run(file, func(t *testing.T) {
					render, err := Comparisons.Lookup(format)
					if err != nil {
						t.Fatal(err)
					}
					var buf bytes.Buffer
					if err := render(&buf, c, Options{Accessible: acc}); err != nil {
						t.Fatal(err)
					}
					golden(t, file+".golden", buf.Bytes())
				})
			}
		}
	}
}

func TestCompareJSONRoundTrip(t *testing.T) {
	t.Parallel()
	c := trickyProgress(t)
	var buf bytes.Buffer
	if err := compareJSON(&buf, c, Options{}); err != nil {
		t.Fatal(err)
	}
	var back compare.Comparison
	if err := json.Unmarshal(buf.Bytes(), &back); err != nil {
		t.Fatal(err)
	}
	if back.Schema != compare.Schema || len(back.Dimensions) != 2 || len(back.LeftOut) != 1 || back.Dimensions[0].Reliable == nil || *back.Dimensions[0].Reliable {
		t.Errorf("round trip lost data: %+v", back)
	}
}

// TestCompareMarkdownTables renders the comparison as GitHub would.
func TestCompareMarkdownTables(t *testing.T) {
	t.Parallel()
	c := trickyProgress(t)
	var buf bytes.Buffer
	if err := compareMarkdown(&buf, c, Options{}); err != nil {
		t.Fatal(err)
	}
	tables := renderGFM(t, buf.Bytes()).all("table")
	if len(tables) != 2 {
		t.Fatalf("%d tables, want 2", len(tables))
	}
	dims := cells(tables[0])
	want := [][]string{
		{"Dimension", "Old", "New", "Change"},
		{`Pipes | and [links](x), "quotes" & *stars*`, "75", "80", "+5 (no reliable change)"},
		{"<script>alert(1)</script>", "25", "40", "+15"},
	}
	for i := range want {
		if len(dims) <= i || len(dims[i]) != 4 || dims[i][0] != want[i][0] || dims[i][3] != want[i][3] {
			t.Errorf("row %d = %q, want %q", i, dims[min(i, len(dims)-1)], want[i])
		}
	}
}

func TestLookupCompare(t *testing.T) {
	t.Parallel()
	if _, err := Comparisons.Lookup("html"); err == nil {
		t.Error("html is not a comparison format, but Comparisons.Lookup accepted it")
	}
}

// TestCompareJSONSchema validates comparisons against
// docs/schema/compare.schema.json, and checks the schema refuses a broken
// one.
func TestCompareJSONSchema(t *testing.T) {
	t.Parallel()
	for _, c := range []*compare.Comparison{progress(t), trickyProgress(t), straightProgress(t)} {
		var buf bytes.Buffer
		if err := compareJSON(&buf, c, Options{}); err != nil {
			t.Fatal(err)
		}
		schematest.Validate(t, "compare.schema.json", buf.Bytes())
	}
	broken := []byte(`{"schema": "digilead.compare/v1", "bank": {"id": "b", "title": "B"}, "dimensions": [{"id": "a", "name": "A", "old": 1, "new": 2, "change": 1, "reliable": false}]}`)
	if err := schematest.Check(t, "compare.schema.json", broken); err == nil {
		t.Error("the schema accepts a comparison without old, new, level, target, tiers and gaps")
	}
}

// TestCompareGapClosedWithinError: a gap that closes while the score
// changes by less than a reliable change is not listed as plainly closed
// beside a table that says "no reliable change": every format and
// language says it closed within measurement error (QA #8).
func TestCompareGapClosedWithinError(t *testing.T) {
	c := trickyProgress(t)
	if len(c.Gaps.Closed) == 0 || !c.Gaps.Closed[0].WithinError {
		t.Fatalf("closed gaps %+v: want the first closed within error", c.Gaps.Closed)
	}
	for _, tag := range []string{"en", "cy", "fr"} {
		language := in(t, tag)
		l := language.Lang
		g := c.Gaps.Closed[0]
		want := gapLine(l, g)
		if plain := gapLine(l, compare.Gap{Dimension: g.Dimension, Name: g.Name, OldGap: g.OldGap, NewGap: g.NewGap, OldSeverity: g.OldSeverity, NewSeverity: g.NewSeverity}); want == plain {
			t.Fatalf("%s: the gap line %q does not say it closed within error", tag, want)
		}
		for _, f := range []struct {
			name       string
			accessible bool
		}{{"text", false}, {"text", true}, {"markdown", false}} {
			var buf bytes.Buffer
			if err := Comparisons.all()[f.name](&buf, c, Options{Width: 1000, Accessible: f.accessible, Language: language}); err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(words(buf.String()), words(want)) {
				t.Errorf("%s %s (accessible %v): %q is not in the comparison", tag, f.name, f.accessible, want)
			}
		}
	}
}

// TestCompareTextCellsAreOneLine: a name holding line breaks (a
// hand-edited result) stays in its row of the text tables, each break
// shown as an escape (\x0d\x0a), as Terminal shows control characters.
func TestCompareTextCellsAreOneLine(t *testing.T) {
	t.Parallel()
	c := trickyProgress(t)
	c.Dimensions[0].Name = "Pipes\r\nand\u2028more\rhere\nnow"
	c.Tiers[0].Name = "Low\r\ntier"
	var buf bytes.Buffer
	render, _ := Comparisons.Lookup("text")
	if err := render(&buf, c, Options{Width: 120}); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	for _, bad := range []string{"\r", "\u2028"} {
		if strings.Contains(out, bad) {
			t.Errorf("the text report holds %q:\n%s", bad, out)
		}
	}
	var dim, tier string
	for _, l := range strings.Split(out, "\n") {
		if strings.HasPrefix(strings.TrimSpace(l), "Pipes") {
			dim = l
		}
		if strings.HasPrefix(strings.TrimSpace(l), "Low") {
			tier = l
		}
	}
	name := `Pipes\x0d\x0aand\u2028more\x0dhere\x0anow`
	if !strings.HasPrefix(strings.TrimSpace(dim), name+" ") || !strings.Contains(dim, "75") || !strings.Contains(dim, "80") {
		t.Errorf("the dimension's row is %q; want its name %s on one line with its scores", dim, name)
	}
	if !strings.HasPrefix(strings.TrimSpace(tier), `Low\x0d\x0atier `) {
		t.Errorf("the tier's row is %q", tier)
	}
}

// TestCompareStraightLinedSaysSo: where the newer result's answers were
// given the same way throughout, no comparison for people, in any
// language, calls a change reliable or not, or a gap closed within
// measurement error: each change says that cannot be judged, and a note
// says why. The JSON says so too (reliable_unknown), and has no
// min_reliable_change (QA: compare trusted a straight-liner's tiny SEM).
func TestCompareStraightLinedSaysSo(t *testing.T) {
	t.Parallel()
	c := straightProgress(t)
	for _, d := range c.Dimensions {
		if d.Change != nil && !d.ReliableUnknown {
			t.Errorf("%s: reliable_unknown not set", d.ID)
		}
	}
	var buf bytes.Buffer
	if err := compareJSON(&buf, c, Options{}); err != nil {
		t.Fatal(err)
	}
	if js := buf.String(); !strings.Contains(js, `"reliable_unknown": true`) || strings.Contains(js, "min_reliable_change") || strings.Contains(js, "within_error") {
		t.Errorf("the JSON does not say the test was not made:\n%s", js)
	}
	for _, tag := range []string{"en", "cy", "fr"} {
		language := in(t, tag)
		l := language.Lang
		for _, f := range []struct {
			format     string
			accessible bool
		}{{"text", false}, {"text", true}, {"markdown", false}} {
			render, _ := Comparisons.Lookup(f.format)
			var buf bytes.Buffer
			if err := render(&buf, c, Options{Accessible: f.accessible, Language: language, Width: 200}); err != nil {
				t.Fatal(err)
			}
			got := words(buf.String())
			want := []string{l.T("compare.note.straight_lining.new")}
			if f.accessible {
				want = append(want, l.T("compare.reliable_unknown_words", "Change", ""))
			} else {
				want = append(want, l.T("compare.reliable_unknown"))
			}
			for _, w := range want {
				if !strings.Contains(got, words(w)) {
					t.Errorf("%s %s (accessible %v): %q is not in\n%s", tag, f.format, f.accessible, w, got)
				}
			}
			for _, not := range []string{l.T("compare.no_reliable"), strings.SplitN(l.T("compare.gap_line_within"), ",", 2)[1]} {
				if strings.Contains(got, words(not)) {
					t.Errorf("%s %s (accessible %v): says %q", tag, f.format, f.accessible, not)
				}
			}
		}
	}
}
