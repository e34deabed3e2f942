package cohort

import (
	"errors"
	"math"
	"strconv"
	"strings"
	"testing"

	"github.com/digilead/digilead/questions/errtext"
	"github.com/digilead/digilead/questions/questionstest"
)

// person builds an entry of bank "b" 1.0 with scores for dimensions a, b
// and c (NaN: insufficient), tiers t1 and t2, and gaps to its own target.
func person(level string, a, b, c float64, gaps map[string]float64) *Entry {
	e := &Entry{Schema: "digilead.result/v1"}
	e.Bank.ID, e.Bank.Title, e.Bank.Version = "b", "Bank", "1.0"
	e.Target.ID = "t2"
	for i, s := range []float64{a, b, c} {
		id := string(rune('a' + i))
		d := EntryDimension{ID: id, Name: strings.ToUpper(id)}
		if !math.IsNaN(s) {
			d.Score = new(s)
		}
		e.Dimensions = append(e.Dimensions, d)
		if g, ok := gaps[id]; ok {
			e.Gaps = append(e.Gaps, EntryGap{Dimension: id, Score: d.Score, Gap: g})
		}
	}
	e.Tiers = []EntryTier{{ID: "t2", Name: "Two", Rank: 2, Met: level == "t2", Readiness: 80}, {ID: "t1", Name: "One", Rank: 1, Met: level != "", Readiness: 100}}
	if level != "" {
		e.Level = &struct {
			ID string `json:"id"`
		}{level}
	}
	return e
}

var nan = math.NaN()

func build(t *testing.T, o Options, es ...*Entry) *Report {
	t.Helper()
	b := New(o)
	for i, e := range es {
		b.Add(e, "r"+string(rune('0'+i)))
	}
	r, err := b.Report()
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func num(p *float64) string {
	if p == nil {
		return "null"
	}
	return formatFloat(*p)
}

func formatFloat(x float64) string { return strconv.FormatFloat(x, 'f', -1, 64) }

func itoa(n int) string { return strconv.Itoa(n) }

// TestDistribution checks figures computed by hand (type 7 quantiles:
// h = (n-1)p, x[floor h] + (h - floor h)(x[floor h + 1] - x[floor h])).
func TestDistribution(t *testing.T) {
	r := build(t, Options{MinGroup: 1},
		// a: odd n = 5: 10 20 30 40 50
		// b: even n = 4 with ties: 50 60 60 90, one insufficient
		// c: n = 4 of 5 people: 30 66 70 100, one insufficient
		person("", 50, 60, 30, nil),
		person("", 10, 90, nan, nil),
		person("t1", 40, 60, 100, nil),
		person("t2", 20, nan, 66, nil),
		person("t1", 30, 50, 70, nil),
	)
	want := map[string]string{
		// n insufficient mean sd min p25 median p75 max
		"a": "5 0 30 15.81 10 20 30 40 50",
		"b": "4 1 65 17.32 50 57.5 60 67.5 90",
		"c": "4 1 66.5 28.68 30 57 68 77.5 100",
	}
	for _, d := range r.Dimensions {
		got := strings.Join([]string{itoa(d.N), itoa(d.Insufficient), num(d.Mean), num(d.SD), num(d.Min), num(d.P25), num(d.Median), num(d.P75), num(d.Max)}, " ")
		if got != want[d.ID] {
			t.Errorf("%s: got  %s\n      want %s", d.ID, got, want[d.ID])
		}
	}
}

// TestSmallDimensions: with --min-group 1 (everyone agreed to share) one
// person's score is shown as it is; with 2 it is withheld (see also
// anonymity_test.go); nobody scored gives null figures, not withheld.
func TestSmallDimensions(t *testing.T) {
	r := build(t, Options{MinGroup: 1}, person("", 42, nan, nan, nil), person("", nan, nan, nan, nil))
	a, b := r.Dimensions[0], r.Dimensions[1]
	if a.N != 1 || a.SD != nil || *a.Mean != 42 || *a.Min != 42 || *a.P25 != 42 || *a.Median != 42 || *a.P75 != 42 || *a.Max != 42 {
		t.Errorf("n = 1: %+v; want every figure 42 and sd null", a)
	}
	if b.N != 0 || b.Insufficient != 2 || b.Mean != nil || b.SD != nil || b.Min != nil || b.Median != nil || b.Max != nil || b.Withheld != "" {
		t.Errorf("nobody scored: %+v; want null figures, not withheld", b)
	}
	r = build(t, Options{MinGroup: 2}, person("", 42, nan, nan, nil), person("", nan, nan, nan, nil))
	if a := r.Dimensions[0]; a.N != 1 || a.Mean != nil || a.Min != nil || a.Max != nil || a.Withheld != ReasonTooFew || r.MinGroup != 2 {
		t.Errorf("n = 1 under --min-group 2: %+v (min_group %d); want null figures, withheld too_few", a, r.MinGroup)
	}
}

func TestLevelsAndTiers(t *testing.T) {
	r := build(t, Options{MinGroup: 1}, person("", 1, 1, 1, nil), person("t1", 1, 1, 1, nil), person("t1", 1, 1, 1, nil), person("t2", 1, 1, 1, nil))
	var got []string
	for _, l := range r.Levels {
		id := "null"
		if l.ID != nil {
			id = *l.ID
		}
		got = append(got, id+"="+string(l.Name)+":"+itoa(l.Count))
	}
	if s := strings.Join(got, " "); s != "null=Developing:1 t1=One:2 t2=Two:1" {
		t.Errorf("levels %s", s)
	}
	if r.Tiers[0].ID != "t1" || r.Tiers[0].Met != 3 || r.Tiers[0].ReadinessMean != 100 || r.Tiers[1].Met != 1 || r.Tiers[1].ReadinessMean != 80 {
		t.Errorf("tiers %+v", r.Tiers)
	}
}

func TestCommonGaps(t *testing.T) {
	r := build(t, Options{MinGroup: 1},
		person("", 10, 10, 10, map[string]float64{"a": 20, "b": 5, "c": 0}),
		person("", 10, 10, nan, map[string]float64{"a": 10, "b": 0, "c": 30}), // c insufficient: not assessed
		person("", 10, 10, 10, map[string]float64{"a": 0, "b": 0, "c": 0}),
		person("", 10, 10, 10, map[string]float64{"a": 3, "b": 0, "c": 12}),
	)
	var got []string
	for _, g := range r.Gaps {
		got = append(got, g.Dimension+" "+itoa(g.WithGap)+"/"+itoa(g.Assessed)+" "+formatFloat(g.Share)+" "+num(g.MeanGap))
	}
	want := "a 3/4 0.75 11|c 1/3 0.3333 12|b 1/4 0.25 5"
	if s := strings.Join(got, "|"); s != want {
		t.Errorf("gaps\n got %s\nwant %s", s, want)
	}
}

func TestCommonTargetFromBank(t *testing.T) {
	bank := questionstest.Parse(t, "test.yaml", testBankYAML)
	target, _ := bank.Tier("t2") // expects a 50, b 70, c 0
	e := person("", 40, 80, nan, map[string]float64{"a": 99})
	e.Bank.ID, e.Bank.Version = bank.ID, bank.Version
	f := person("", 60, 65, 10, nil)
	f.Bank.ID, f.Bank.Version = bank.ID, bank.Version
	r := build(t, Options{MinGroup: 1, Bank: bank, Target: target}, e, f)
	if r.GapTarget == nil || r.GapTarget.ID != "t2" {
		t.Fatalf("gap_target %+v", r.GapTarget)
	}
	got := map[string]string{}
	for _, g := range r.Gaps {
		got[g.Dimension] = itoa(g.WithGap) + "/" + itoa(g.Assessed) + " " + num(g.MeanGap)
	}
	want := map[string]string{"a": "1/2 10", "b": "1/2 5", "c": "0/1 null"}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("%s: %s, want %s (against the bank's t2, not the results' own gaps)", k, got[k], v)
		}
	}
}

func TestMinGroup(t *testing.T) {
	b := New(Options{})
	for i := 0; i < 4; i++ {
		b.Add(person("", 1, 1, 1, nil), "x")
	}
	_, err := b.Report()
	if !errors.Is(err, ErrTooSmall) || !errors.Is(err, errtext.ErrInvalid) {
		t.Fatalf("err = %v, want ErrTooSmall", err)
	}
	for _, want := range []string{"only 4 results", "at least 5", "lower the smallest group to 4"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("%q does not say %q", err, want)
		}
	}
	b.Add(person("", 1, 1, 1, nil), "x")
	if _, err := b.Report(); err != nil {
		t.Errorf("5 results: %v", err)
	}
	if _, err := New(Options{}).Report(); !errors.Is(err, ErrTooSmall) {
		t.Errorf("no results: %v", err)
	}
}

func TestMixedBanks(t *testing.T) {
	b := New(Options{MinGroup: 1})
	odd := person("", 1, 1, 1, nil)
	odd.Bank.Version = "2.0"
	b.Add(odd, "first-but-odd.json")
	for i := 0; i < 3; i++ {
		b.Add(person("", 1, 1, 1, nil), "ok.json")
	}
	_, err := b.Report()
	if !errors.Is(err, ErrMixedBanks) || !errors.Is(err, errtext.ErrInvalid) {
		t.Fatalf("err = %v", err)
	}
	if msg := err.Error(); !strings.Contains(msg, "first-but-odd.json is from bank b 2.0") || !strings.Contains(msg, "not b 1.0 like the other 3 results") {
		t.Errorf("message does not name the odd one out: %s", msg)
	}
}

func TestQuantile(t *testing.T) {
	for _, c := range []struct {
		xs   []float64
		p    float64
		want float64
	}{
		{[]float64{7}, 0.25, 7},
		{[]float64{1, 2}, 0.5, 1.5},
		{[]float64{1, 2, 3, 4}, 0.25, 1.75},
		{[]float64{1, 2, 3, 4}, 0.75, 3.25},
		{[]float64{1, 2, 3, 4}, 1, 4},
		{[]float64{1, 2, 3, 4}, 0, 1},
		{[]float64{5, 5, 5, 9}, 0.5, 5},
	} {
		if got := Quantile(c.xs, c.p); math.Abs(got-c.want) > 1e-12 {
			t.Errorf("Quantile(%v, %v) = %v, want %v", c.xs, c.p, got, c.want)
		}
	}
}

const testBankYAML = `schema: digilead/v1
id: b
title: Bank
version: "1.0"
tiers:
  - id: t1
    name: One
    rank: 1
    expectations: {a: 30, b: 30, c: 0}
  - id: t2
    name: Two
    rank: 2
    expectations: {a: 50, b: 70, c: 0}
dimensions:
  - {id: a, name: A}
  - {id: b, name: B}
  - {id: c, name: C}
questions:
  - {id: qa, dimension: a, text: QA}
  - {id: qb, dimension: b, text: QB}
  - {id: qc, dimension: c, text: QC}
`

// TestGapsRankedByPeople: a gap 9 of 12 people have comes before one all
// 4 people assessed on it have (issue 23), and each gap says what the
// targets expect on average.
func TestGapsRankedByPeople(t *testing.T) {
	var es []*Entry
	for i := range 12 {
		gaps := map[string]float64{"a": 0}
		if i < 9 {
			gaps["a"] = 10
		}
		if i < 4 {
			gaps["b"] = 20
		}
		e := person("t1", 40, 30, 50, gaps)
		for j := range e.Gaps {
			e.Gaps[j].Expected = 50 + float64(j%2)*10
		}
		es = append(es, e)
	}
	r := build(t, Options{MinGroup: 1}, es...)
	if len(r.Gaps) != 2 || r.Gaps[0].Dimension != "a" || r.Gaps[0].WithGap != 9 || r.Gaps[1].Dimension != "b" || r.Gaps[1].Share != 1 {
		t.Fatalf("gaps %+v: want a (9 of 12) before b (4 of 4)", r.Gaps)
	}
	if r.Gaps[0].Expected == nil || *r.Gaps[0].Expected != 50 || *r.Gaps[1].Expected != 60 {
		t.Errorf("expected %v %v, want the mean expectations 50 and 60", r.Gaps[0].Expected, r.Gaps[1].Expected)
	}
}
