package assessment_test

import (
	"fmt"
	"math"
	"strings"
	"testing"
	"time"

	"github.com/digilead/digilead/assessment"
	"github.com/digilead/digilead/questions"
	"github.com/digilead/digilead/questions/questionstest"
)

var now = time.Date(2026, 11, 23, 10, 0, 0, 0, time.UTC)

// answers checks raw answers against the bank, as the CLI does.
func answers(t *testing.T, b *questions.Bank, role string, raw map[string]any) *questions.Answers {
	t.Helper()
	a, err := b.CheckAnswers(questions.RawAnswers{Respondent: questions.Respondent{Role: role}, Answers: raw})
	if err != nil {
		t.Fatalf("answers rejected: %v", err)
	}
	return a
}

func score(t *testing.T, b *questions.Bank, role, target string, raw map[string]any) *assessment.Result {
	t.Helper()
	return assessment.Score(b, answers(t, b, role, raw), assessment.Options{Target: target, Now: now})
}

func dim(t *testing.T, r *assessment.Result, id string) assessment.DimensionScore {
	t.Helper()
	for _, d := range r.Dimensions {
		if d.ID == id {
			return d
		}
	}
	t.Fatalf("no dimension %s", id)
	return assessment.DimensionScore{}
}

func fmtScore(s *float64) string {
	if s == nil {
		return "null"
	}
	return fmt.Sprint(*s)
}

// basic is worked out by hand in docs/scoring.md.
var basic = map[string]any{
	"a1": 5, "a2": 3, "a3": 2, "a4": "yes",
	"b1": "y", "b2": []any{"p", "q", "r"}, "b3": 5,
	"g1": "na", "g2": 3,
}

func TestDimensionScores(t *testing.T) {
	b := questionstest.Load(t, "testdata/small.yaml")
	tests := []struct {
		name     string
		raw      map[string]any
		dim      string
		want     string // score, or "null"
		coverage float64
		status   string
	}{
		// alpha: a1=5 -> 1, a2=3 -> .5, a3=2 reversed -> .75, a4 yes (w2) -> 1: (1+.5+.75+2)/5
		{"likert, reverse and weighted yes/no", basic, "alpha", "85", 1, "scored"},
		// beta: choice .5, multi capped at 1 (1.2), own scale 5 of 0..10 -> .5
		{"choice, multi cap and own scale", basic, "beta", "66.67", 1, "scored"},
		// gamma: g1 N/A, g2 answered, g3 missing: coverage 1/3 < .5
		{"coverage below minimum is insufficient, not zero", basic, "gamma", "null", 0.33, "insufficient"},
		{"nothing answered is insufficient", map[string]any{}, "alpha", "null", 0, "insufficient"},
		{"all N/A is insufficient", map[string]any{"a1": "na", "a2": "na", "a3": "na", "a4": "na"}, "alpha", "null", 0, "insufficient"},
		// exactly half the weight answered meets min_coverage 0.5: a4 has weight 2 of 5... use a1+a4 = 3/5
		{"coverage at 0.6 is scored", map[string]any{"a1": 1, "a4": "no"}, "alpha", "0", 0.6, "scored"},
		{"a low answer scores 0, not insufficient", map[string]any{"a1": 1, "a2": 1, "a3": 5, "a4": false}, "alpha", "0", 1, "scored"},
		{"reverse of the top is 0", map[string]any{"a3": 5, "a4": true}, "alpha", "66.67", 0.6, "scored"},
		{"yes/no reversed is not applied to non-reversed", map[string]any{"a4": "no", "a1": 5}, "alpha", "33.33", 0.6, "scored"},
		{"multi below the cap sums", map[string]any{"b2": []any{"p"}, "b1": "x"}, "beta", "70", 0.67, "scored"},
		{"empty multi is an answer of 0", map[string]any{"b2": []any{}, "b1": "z"}, "beta", "0", 0.67, "scored"},
		// gamma: exactly half the weight (1.5 of 3) is not reachable; 2 of 3 is
		{"N/A leaves both sums", map[string]any{"g1": "na", "g2": 5, "g3": 1}, "gamma", "50", 0.67, "scored"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			d := dim(t, score(t, b, "", "", tc.raw), tc.dim)
			if got := fmtScore(d.Score); got != tc.want {
				t.Errorf("score = %s, want %s", got, tc.want)
			}
			if d.Coverage != tc.coverage {
				t.Errorf("coverage = %v, want %v", d.Coverage, tc.coverage)
			}
			if d.Status != tc.status {
				t.Errorf("status = %q, want %q", d.Status, tc.status)
			}
		})
	}
}

func TestCoverageBoundaryIsInclusive(t *testing.T) {
	b := questionstest.Parse(t, "test.yaml", `schema: digilead/v1
id: cov
title: t
version: "1"
tiers: [{id: t1, name: T1, rank: 1, expectations: {d: 50}}]
dimensions: [{id: d, name: D}]
questions:
  - {id: q1, dimension: d, text: one}
  - {id: q2, dimension: d, text: two}
`)
	d := dim(t, score(t, b, "", "", map[string]any{"q1": 3}), "d")
	if d.Score == nil || *d.Score != 50 || d.Coverage != 0.5 {
		t.Fatalf("half the weight answered with min_coverage 0.5: got score %s coverage %v, want 50 and 0.5", fmtScore(d.Score), d.Coverage)
	}
}

// TestFloatNoiseNeverDecides: four answers averaging exactly one half score
// exactly 50, meet an expectation of 50 and are exactly 10 short of 60.
func TestFloatNoiseNeverDecides(t *testing.T) {
	b := questionstest.Parse(t, "test.yaml", `schema: digilead/v1
id: noise
title: t
version: "1"
scale: {min: 0, max: 10}
tiers:
  - {id: t1, name: T1, rank: 1, expectations: {d: 50}}
  - {id: t2, name: T2, rank: 2, expectations: {d: 60}}
dimensions: [{id: d, name: D}]
questions:
  - {id: q1, dimension: d, text: one}
  - {id: q2, dimension: d, text: two}
  - {id: q3, dimension: d, text: three}
  - {id: q4, dimension: d, text: four}
`)
	// 0 + .6 + .7 + .7 sums to 1.9999999999999998 in float64: naive
	// arithmetic gives 49.99999999999999 and would miss the tier.
	sum := 0.0
	for _, v := range []int{0, 6, 7, 7} {
		sum += float64(v) / 10
	}
	if naive := 100 * sum / 4; naive >= 50 {
		t.Fatalf("the test no longer exercises float noise: naive sum gives %v", naive)
	}
	r := score(t, b, "", "", map[string]any{"q1": 0, "q2": 6, "q3": 7, "q4": 7})
	if s := r.Dimensions[0].Score; s == nil || *s != 50 {
		t.Fatalf("score = %s, want exactly 50", fmtScore(s))
	}
	if !r.Tiers[0].Met || r.Level == nil || r.Level.ID != "t1" {
		t.Fatalf("a score of 50 must meet an expectation of 50: tiers %+v", r.Tiers)
	}
	g := r.Gaps[0]
	if g.Gap != 10 || g.Severity != assessment.SeveritySmall {
		t.Fatalf("gap to 60 = %v (%s), want exactly 10 (small)", g.Gap, g.Severity)
	}
}

func TestSeverity(t *testing.T) {
	tests := []struct {
		gap  float64
		want string
	}{
		{0, "met"}, {-3, "met"}, {0.01, "small"}, {10, "small"}, {10.01, "moderate"},
		{25, "moderate"}, {25.000000000001, "moderate"}, {25.01, "large"}, {100, "large"},
	}
	for _, tc := range tests {
		if got := assessment.Severity(tc.gap); got != tc.want {
			t.Errorf("Severity(%v) = %s, want %s", tc.gap, got, tc.want)
		}
	}
}

func TestTiersReadinessAndLevel(t *testing.T) {
	b := questionstest.Load(t, "testdata/small.yaml")
	r := score(t, b, "", "", basic)
	// low: alpha 85 >= 50, beta 66.67 >= 40: met, readiness 100.
	// mid: gamma has no score, so not met, even though its expectation is 0;
	//      readiness (2*1 + 1*1 + 1*0) / 4 = 75.
	// top: alpha met (1), beta 66.67/70, gamma null (0): (2 + .952381) / 4.
	want := []struct {
		id        string
		met       bool
		readiness float64
		blocking  string
	}{
		{"low", true, 100, ""},
		{"mid", false, 75, "gamma"},
		{"top", false, 73.81, "beta,gamma"},
	}
	for i, w := range want {
		got := r.Tiers[i]
		if got.ID != w.id || got.Met != w.met || got.Readiness != w.readiness || strings.Join(got.Blocking, ",") != w.blocking {
			t.Errorf("tier %d = %+v, want %+v", i, got, w)
		}
	}
	if r.Level == nil || r.Level.ID != "low" {
		t.Errorf("level = %+v, want low", r.Level)
	}
	if r.Target.ID != "mid" {
		t.Errorf("target = %s, want mid (the tier above the level)", r.Target.ID)
	}
}

// ladder has three tiers whose middle one can fail while the top one passes.
const ladder = `schema: digilead/v1
id: ladder
title: t
version: "1"
tiers:
  - {id: one, name: One, rank: 10, expectations: {a: 50}}
  - {id: three, name: Three, rank: 30, expectations: {a: 50}}
  - {id: two, name: Two, rank: 20, expectations: {a: 50, b: 60}}
  - {id: empty, name: Empty, rank: 40}
dimensions:
  - {id: a, name: A}
  - {id: b, name: B}
questions:
  - {id: qa, dimension: a, text: a}
  - {id: qb, dimension: b, text: b}
`

func TestLevelAndTarget(t *testing.T) {
	b := questionstest.Parse(t, "test.yaml", ladder)
	if got := strings.Join(b.TierIDs(), ","); got != "one,two,three,empty" {
		t.Fatalf("tiers are not in rank order: %s", got)
	}
	tests := []struct {
		name        string
		role        string
		target      string
		raw         map[string]any
		level       string
		wantTarget  string
		wantMet     string
		wantReadies string
	}{
		{"gap in the middle stops the ladder", "", "", map[string]any{"qa": 5, "qb": 1},
			"one", "two", "one,three,empty", "100,50,100,100"},
		{"nothing met: developing, target the lowest", "", "", map[string]any{"qa": 1, "qb": 1},
			"", "one", "empty", "0,0,0,100"},
		{"no level, declared role is the target", "three", "", map[string]any{"qa": 1, "qb": 1},
			"", "three", "empty", "0,0,0,100"},
		{"all met: the top is the target", "", "", map[string]any{"qa": 5, "qb": 5},
			"empty", "empty", "one,two,three,empty", "100,100,100,100"},
		{"role above the level is the target", "three", "", map[string]any{"qa": 5, "qb": 1},
			"one", "three", "one,three,empty", "100,50,100,100"},
		{"role at the level: the tier above", "one", "", map[string]any{"qa": 5, "qb": 1},
			"one", "two", "one,three,empty", "100,50,100,100"},
		{"role below the level: the tier above the level", "one", "", map[string]any{"qa": 5, "qb": 5},
			"empty", "empty", "one,two,three,empty", "100,100,100,100"},
		{"explicit target wins over role", "three", "one", map[string]any{"qa": 1, "qb": 1},
			"", "one", "empty", "0,0,0,100"},
		{"insufficient dimension blocks its tiers", "", "", map[string]any{"qb": 5},
			"", "one", "empty", "0,50,0,100"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := score(t, b, tc.role, tc.target, tc.raw)
			level := ""
			if r.Level != nil {
				level = r.Level.ID
			}
			var met, ready []string
			for _, tr := range r.Tiers {
				if tr.Met {
					met = append(met, tr.ID)
				}
				ready = append(ready, fmt.Sprint(tr.Readiness))
			}
			if level != tc.level || r.Target.ID != tc.wantTarget || strings.Join(met, ",") != tc.wantMet || strings.Join(ready, ",") != tc.wantReadies {
				t.Errorf("level %q target %q met %v readiness %v; want level %q target %q met %s readiness %s",
					level, r.Target.ID, met, ready, tc.level, tc.wantTarget, tc.wantMet, tc.wantReadies)
			}
		})
	}
}

func TestReadinessWithZeroExpectation(t *testing.T) {
	b := questionstest.Parse(t, "test.yaml", `schema: digilead/v1
id: zero
title: t
version: "1"
tiers: [{id: t, name: T, rank: 1, expectations: {a: 0, b: 80}}]
dimensions: [{id: a, name: A, weight: 3}, {id: b, name: B}]
questions:
  - {id: qa, dimension: a, text: a}
  - {id: qb, dimension: b, text: b}
`)
	// a scores 0 against 0: r = 1 (weight 3); b 50/80: r = .625 -> (3 + .625) / 4
	r := score(t, b, "", "", map[string]any{"qa": 1, "qb": 3})
	if r.Tiers[0].Readiness != 90.63 {
		t.Fatalf("readiness = %v, want 90.63 (90.625 rounded)", r.Tiers[0].Readiness)
	}
	if r.Tiers[0].Met {
		t.Fatal("b is below its expectation; the tier must not be met")
	}
}

func TestGapsOrderAndActions(t *testing.T) {
	b := questionstest.Parse(t, "test.yaml", `schema: digilead/v1
id: gaps
title: t
version: "1"
tiers:
  - {id: lo, name: Lo, rank: 1, expectations: {}}
  - {id: hi, name: Hi, rank: 2, expectations: {a: 60, b: 80, c: 60, d: 60, e: 50}}
dimensions:
  - {id: a, name: A, weight: 2, actions: [{kind: training, text: for all}, {kind: mentoring, text: for hi, tiers: [hi]}, {kind: networking, text: for lo, tiers: [lo]}]}
  - {id: b, name: B}
  - {id: c, name: C}
  - {id: d, name: D}
  - {id: e, name: E}
questions:
  - {id: qa, dimension: a, text: a}
  - {id: qb, dimension: b, text: b}
  - {id: qc, dimension: c, text: c}
  - {id: qd, dimension: d, text: d}
  - {id: qe, dimension: e, text: e}
`)
	// a: 50 vs 60 -> gap 10, key 20; b: 50 vs 80 -> gap 30, key 30;
	// c: 25 vs 60 -> gap 35, key 35; d: 50 vs 60 -> gap 10, key 10 (tie with
	// nothing); e: 75 vs 50 -> met.
	r := score(t, b, "", "hi", map[string]any{"qa": 3, "qb": 3, "qc": 2, "qd": 3, "qe": 4})
	var got []string
	for _, g := range r.Gaps {
		got = append(got, fmt.Sprintf("%s:%v:%s", g.Dimension, g.Gap, g.Severity))
	}
	want := "c:35:large b:30:large a:10:small d:10:small e:0:met"
	if strings.Join(got, " ") != want {
		t.Errorf("gaps = %s\nwant   %s", strings.Join(got, " "), want)
	}
	for _, g := range r.Gaps {
		if g.Dimension != "a" {
			continue
		}
		var texts []string
		for _, a := range g.Actions {
			texts = append(texts, string(a.Text))
		}
		if strings.Join(texts, "|") != "for all|for hi" {
			t.Errorf("actions for target hi = %v, want the unrestricted one and the one for hi", texts)
		}
	}
	// Ties keep bank order: all gaps equal.
	r = score(t, b, "", "hi", map[string]any{"qa": 1, "qb": 1, "qc": 1, "qd": 1, "qe": 1})
	got = got[:0]
	for _, g := range r.Gaps {
		got = append(got, g.Dimension)
	}
	// keys: a 2*60=120, b 80, c 60, d 60, e 50
	if strings.Join(got, "") != "abcde" {
		t.Errorf("order = %v, want a b c d e (weight*gap, ties in bank order)", got)
	}
}

func TestInsufficientGapIsTheWholeExpectation(t *testing.T) {
	b := questionstest.Load(t, "testdata/small.yaml")
	r := score(t, b, "", "top", basic)
	for _, g := range r.Gaps {
		if g.Dimension == "gamma" {
			if g.Score != nil || g.Gap != 50 || g.Severity != "insufficient" {
				t.Fatalf("gamma gap = %+v, want null score, gap 50, insufficient", g)
			}
			return
		}
	}
	t.Fatal("no gamma gap")
}

func TestValueNormalisation(t *testing.T) {
	b := questionstest.Load(t, "testdata/small.yaml")
	q := func(id string) *questions.Question { x, _ := b.Question(id); return x }
	tests := []struct {
		q    string
		v    questions.Value
		want float64
		ok   bool
	}{
		{"a1", questions.IntValue(1), 0, true},
		{"a1", questions.IntValue(4), 0.75, true},
		{"a3", questions.IntValue(4), 0.25, true},
		{"a4", questions.BoolValue(true), 1, true},
		{"a4", questions.BoolValue(false), 0, true},
		{"b1", questions.OptionValue("y"), 0.5, true},
		{"b2", questions.OptionsValue("p", "q"), 0.8, true},
		{"b2", questions.OptionsValue("p", "q", "r"), 1, true},
		{"b3", questions.IntValue(10), 1, true},
		{"a1", questions.NA, 0, false},
		{"a1", questions.Value{}, 0, false},
	}
	for _, tc := range tests {
		got, ok := assessment.Value(q(tc.q), tc.v)
		if ok != tc.ok || math.Abs(got-tc.want) > 1e-12 {
			t.Errorf("Value(%s, %+v) = %v, %v; want %v, %v", tc.q, tc.v, got, ok, tc.want, tc.ok)
		}
	}
}

func TestResultCarriesAnswersAndMetadata(t *testing.T) {
	b := questionstest.Load(t, "testdata/small.yaml")
	r := assessment.Score(b, answers(t, b, "mid", basic), assessment.Options{Now: now.Add(500 * time.Millisecond), Tool: assessment.Tool{Name: "digilead", Version: "9"}})
	if r.Schema != "digilead.result/v1" || r.Tool.Version != "9" || r.Bank.ID != "small-test" || !strings.HasPrefix(r.Bank.Digest, "sha256:") {
		t.Errorf("metadata wrong: %+v %+v %+v", r.Schema, r.Tool, r.Bank)
	}
	if !r.CompletedAt.Equal(now) {
		t.Errorf("completed_at = %v, want %v (whole seconds, UTC)", r.CompletedAt, now)
	}
	if len(r.Answers) != 9 || r.Answers["g1"].Kind != questions.NotApplicable {
		t.Errorf("answers not carried: %v", r.Answers)
	}
	if r.Respondent.Role != "mid" || r.Target.ID != "mid" || len(r.Target.Challenges) != 0 {
		t.Errorf("role mid above level low must be the target: %+v", r.Target)
	}
}
