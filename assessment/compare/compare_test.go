package compare

import (
	"errors"
	"fmt"
	"math"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/digilead/digilead/assessment"
	"github.com/digilead/digilead/questions"
	"github.com/digilead/digilead/questions/errtext"
	"github.com/digilead/digilead/questions/questionstest"
)

func score(t *testing.T, b *questions.Bank, path string, at time.Time) *assessment.Result {
	t.Helper()
	return assessment.Score(b, questionstest.Answers(t, b, path), assessment.Options{Now: at})
}

func p(x float64) *float64 { return &x }

func numStr(x *float64) string {
	if x == nil {
		return "nil"
	}
	return fmt.Sprint(*x)
}

// TestCompareDefaultBank compares docs/examples/answers.yaml with the same
// answers six months on (testdata/later-answers.yaml). By hand, from the
// default bank:
//   - agile-delivery: before (agile-small 3 -> 0.5, agile-fixed 3 reversed
//     -> 0.5, agile-level 2 -> 0.25, "launch" -> 0.3) = 1.55/4 = 38.75;
//     after (4 -> 0.75, 2 reversed -> 0.75, 4 -> 0.75, "smaller" -> 1) =
//     3.25/4 = 81.25; change +42.5.
//   - leading-change: chg-avoid (reversed) 2 -> 5 takes 0.75 off one of
//     four equally weighted answers: 68.75 -> 50, change -18.75.
//   - every other dimension: unchanged.
//   - level stays Frontline executor (data-informed decisions, 40: no
//     measures agreed 0, data-evidence 3 and data-instinct 3 reversed 0.5
//     each, "analyst" 0.5, data-read 3 0.5, is still short of the
//     operational 55), target stays Operational implementer: the agile gap
//     (16.25) closes, a leading-change gap of 5 (small) opens, and the
//     data gap of 15 stays open.
func TestCompareDefaultBank(t *testing.T) {
	b := questions.Default()
	t0 := time.Date(2024, 3, 1, 9, 0, 0, 0, time.UTC)
	old := score(t, b, questionstest.Path(questionstest.ExampleAnswers), t0)
	new := score(t, b, "testdata/later-answers.yaml", t0.AddDate(0, 6, 0))
	c, err := Compare(old, new)
	if err != nil {
		t.Fatal(err)
	}
	if c.Schema != Schema || c.Bank.ID != b.ID || len(c.Dimensions) != len(b.Dimensions) || len(c.LeftOut) != 0 {
		t.Fatalf("schema %q bank %q, %d dimensions, %d left out", c.Schema, c.Bank.ID, len(c.Dimensions), len(c.LeftOut))
	}
	want := map[string][3]float64{ // old, new, change
		"agile-delivery": {38.75, 81.25, 42.5},
		"leading-change": {68.75, 50, -18.75},
	}
	for _, d := range c.Dimensions {
		w, ok := want[d.ID]
		if !ok {
			if d.Change == nil || *d.Change != 0 {
				t.Errorf("%s: change %v, want 0", d.ID, d.Change)
			}
			continue
		}
		if *d.Old != w[0] || *d.New != w[1] || *d.Change != w[2] {
			t.Errorf("%s: %v -> %v (%v), want %v -> %v (%v)", d.ID, *d.Old, *d.New, *d.Change, w[0], w[1], w[2])
		}
	}
	// The built-in bank decides levels by the most-probable rule, so every
	// scored dimension carries the SEM of each person's own answers: the
	// smallest reliable change is 1.96 x sqrt(SEM_old² + SEM_new²), about
	// 36 points for four questions, which the agile change of +42.5 passes
	// and the leading-change fall of 18.75 does not.
	sems := map[string][2]float64{}
	for _, r := range []*assessment.Result{old, new} {
		for _, d := range r.Dimensions {
			s := sems[d.ID]
			s[0], s[1] = s[1], *d.SEM
			sems[d.ID] = s
		}
	}
	for _, d := range c.Dimensions {
		s := sems[d.ID]
		want := math.Round(196*math.Hypot(s[0], s[1])) / 100
		if d.MinReliableChange == nil || *d.MinReliableChange != want || *d.Reliable != (math.Abs(*d.Change) >= 1.96*math.Hypot(s[0], s[1])) {
			t.Errorf("%s: min reliable change %s, reliable %v; want %v from SEMs %v", d.ID, numStr(d.MinReliableChange), deref(d.Reliable), want, s)
		}
		if reliable := d.ID == "agile-delivery"; *d.Reliable != reliable {
			t.Errorf("%s: change %v reliable %v, want %v", d.ID, *d.Change, *d.Reliable, reliable)
		}
	}
	if c.Level.Direction != Same || c.Level.New.ID != "frontline" || c.Target.Direction != Same || c.Target.New.ID != "operational" {
		t.Errorf("level %+v, target %+v", c.Level, c.Target)
	}
	checkGaps(t, c.Gaps.Closed, "closed", Gap{Dimension: "agile-delivery", Name: "Agile and iterative delivery", OldGap: p(16.25), NewGap: p(0), OldSeverity: "moderate", NewSeverity: "met"})
	// Leading change's gap opened, but its score fell by less than a
	// reliable change: the gap opened within measurement error.
	checkGaps(t, c.Gaps.Opened, "opened", Gap{Dimension: "leading-change", Name: "Leading change", OldGap: p(0), NewGap: p(5), OldSeverity: "met", NewSeverity: "small", WithinError: true})
	checkGaps(t, c.Gaps.StillOpen, "still open", Gap{Dimension: "data-informed-decisions", Name: "Data-informed decisions", OldGap: p(15), NewGap: p(15), OldSeverity: "moderate", NewSeverity: "moderate"})
	if len(c.Notes) != 0 {
		t.Errorf("notes %q, want none", c.Notes)
	}
}

func checkGaps(t *testing.T, got []Gap, what string, want ...Gap) {
	t.Helper()
	if want == nil {
		want = []Gap{}
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("gaps %s:\n got %s\nwant %s", what, gapsStr(got), gapsStr(want))
	}
}

func gapsStr(gs []Gap) string {
	var s []string
	for _, g := range gs {
		w := ""
		if g.WithinError {
			w = " (within error)"
		}
		s = append(s, g.Dimension+" "+numStr(g.OldGap)+"/"+g.OldSeverity+" -> "+numStr(g.NewGap)+"/"+g.NewSeverity+w)
	}
	return "[" + strings.Join(s, "; ") + "]"
}

// dim is a dimension of a hand-made result: a score (nil: not scored) and
// an optional SEM.
type dim struct {
	id         string
	score, sem *float64
}

// tier ids and ranks of the hand-made results.
var (
	low  = &assessment.TierRef{ID: "low", Name: "Low", Rank: 1}
	high = &assessment.TierRef{ID: "high", Name: "High", Rank: 2}
)

var t0 = time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)

// result hand-makes a result of bank "b": the target expects 50 of every
// dimension; readiness of low and high are given.
func result(version string, at time.Time, level *assessment.TierRef, readiness [2]float64, dims ...dim) *assessment.Result {
	r := &assessment.Result{
		Schema: assessment.ResultSchema, CompletedAt: at, Level: level, Target: *high,
		Bank: assessment.BankRef{ID: "b", Title: "Bank", Version: version, Digest: "sha256:" + version},
		Tiers: []assessment.TierResult{
			{ID: "low", Name: "Low", Rank: 1, Readiness: readiness[0], Met: readiness[0] == 100},
			{ID: "high", Name: "High", Rank: 2, Readiness: readiness[1], Met: readiness[1] == 100},
		},
	}
	for _, d := range dims {
		r.Dimensions = append(r.Dimensions, assessment.DimensionScore{ID: d.id, Name: questions.BankText(strings.ToUpper(d.id)), Score: d.score, SEM: d.sem})
		g := assessment.Gap{Dimension: d.id, Name: questions.BankText(strings.ToUpper(d.id)), Expected: 50, Gap: 50, Severity: assessment.SeverityInsufficient, Score: d.score}
		if d.score != nil {
			g.Gap = max(0, 50-*d.score)
			g.Severity = assessment.Severity(g.Gap)
		}
		r.Gaps = append(r.Gaps, g)
	}
	return r
}

func TestCompareDimensions(t *testing.T) {
	tests := []struct {
		name                string
		old, new            dim
		change, minReliable *float64
		reliable            *bool
	}{
		{"up", dim{"a", p(40), nil}, dim{"a", p(52.5), nil}, p(12.5), nil, nil},
		{"down", dim{"a", p(66.67), nil}, dim{"a", p(60), nil}, p(-6.67), nil, nil},
		{"not scored before", dim{"a", nil, nil}, dim{"a", p(70), nil}, nil, nil, nil},
		{"not scored now", dim{"a", p(70), nil}, dim{"a", nil, nil}, nil, nil, nil},
		// 1.96 x sqrt(2) x 3 = 8.3156: a change of 8 is within error, 9 is not.
		{"within error", dim{"a", p(50), p(2)}, dim{"a", p(58), p(3)}, p(8), p(8.32), ptr(false)},
		{"reliable", dim{"a", p(50), p(2)}, dim{"a", p(59), p(3)}, p(9), p(8.32), ptr(true)},
		{"reliable fall", dim{"a", p(59), p(9)}, dim{"a", p(50), p(3)}, p(-9), p(8.32), ptr(true)},
		{"SEM in the new result only", dim{"a", p(50), nil}, dim{"a", p(51), p(3)}, p(1), nil, nil},
		{"SEM in the old result only", dim{"a", p(50), p(3)}, dim{"a", p(51), nil}, p(1), nil, nil},
		// Most-probable results carry each their own SEM: 1.96 x sqrt(2² +
		// 3²) = 7.067.
		{"most-probable: within error", dim{"a+", p(50), p(2)}, dim{"a+", p(57), p(3)}, p(7), p(7.07), ptr(false)},
		{"most-probable: reliable", dim{"a+", p(50), p(2)}, dim{"a+", p(57.1), p(3)}, p(7.1), p(7.07), ptr(true)},
		{"most-probable: equal SEMs", dim{"a+", p(50), p(3)}, dim{"a+", p(59), p(3)}, p(9), p(8.32), ptr(true)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			old, new := result("1", t0, nil, [2]float64{}, tt.old), result("1", t0.Add(time.Hour), nil, [2]float64{}, tt.new)
			if strings.HasSuffix(tt.old.id, "+") {
				old.LevelRule, new.LevelRule = questions.LevelRuleMostProbable, questions.LevelRuleMostProbable
			}
			c, err := Compare(old, new)
			if err != nil {
				t.Fatal(err)
			}
			d := c.Dimensions[0]
			if numStr(d.Change) != numStr(tt.change) || numStr(d.MinReliableChange) != numStr(tt.minReliable) || fmt.Sprint(deref(d.Reliable)) != fmt.Sprint(deref(tt.reliable)) {
				t.Errorf("change %s, min reliable %s, reliable %v; want %s, %s, %v",
					numStr(d.Change), numStr(d.MinReliableChange), deref(d.Reliable), numStr(tt.change), numStr(tt.minReliable), deref(tt.reliable))
			}
		})
	}
}

func ptr(b bool) *bool { return &b }

func deref(b *bool) any {
	if b == nil {
		return nil
	}
	return *b
}

func TestCompareLevels(t *testing.T) {
	tests := []struct {
		name     string
		old, new *assessment.TierRef
		want     string
	}{
		{"developing to low", nil, low, Up},
		{"low to high", low, high, Up},
		{"high to low", high, low, Down},
		{"low to developing", low, nil, Down},
		{"still developing", nil, nil, Same},
		{"still high", high, high, Same},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := Compare(result("1", t0, tt.old, [2]float64{}, dim{"a", p(1), nil}), result("1", t0, tt.new, [2]float64{}, dim{"a", p(1), nil}))
			if err != nil {
				t.Fatal(err)
			}
			if c.Level.Direction != tt.want || (c.Level.Old == nil) != (tt.old == nil) || (c.Level.New == nil) != (tt.new == nil) {
				t.Errorf("level %+v, want direction %s", c.Level, tt.want)
			}
		})
	}
}

func TestCompareTiers(t *testing.T) {
	c, err := Compare(result("1", t0, nil, [2]float64{80, 60}, dim{"a", p(1), nil}), result("1", t0, low, [2]float64{100, 72.5}, dim{"a", p(1), nil}))
	if err != nil {
		t.Fatal(err)
	}
	want := []Tier{
		{ID: "low", Name: "Low", OldReadiness: 80, NewReadiness: 100, Change: 20, NewMet: true},
		{ID: "high", Name: "High", OldReadiness: 60, NewReadiness: 72.5, Change: 12.5},
	}
	if !reflect.DeepEqual(c.Tiers, want) {
		t.Errorf("tiers\n got %+v\nwant %+v", c.Tiers, want)
	}
}

// TestCompareGaps: the target expects 50 everywhere. a: 40 -> 55 closes
// (gap 10 small -> met); b: 60 -> 30 opens (met -> 20 moderate); c: 20 ->
// 35 stays open (30 large -> 15 moderate); d: not scored -> 50 closes
// (insufficient -> met); e: 70 -> 80 was never open.
func TestCompareGaps(t *testing.T) {
	old := result("1", t0, nil, [2]float64{}, dim{"a", p(40), nil}, dim{"b", p(60), nil}, dim{"c", p(20), nil}, dim{"d", nil, nil}, dim{"e", p(70), nil})
	new := result("1", t0, nil, [2]float64{}, dim{"a", p(55), nil}, dim{"b", p(30), nil}, dim{"c", p(35), nil}, dim{"d", p(50), nil}, dim{"e", p(80), nil})
	c, err := Compare(old, new)
	if err != nil {
		t.Fatal(err)
	}
	checkGaps(t, c.Gaps.Closed, "closed",
		Gap{Dimension: "a", Name: "A", OldGap: p(10), NewGap: p(0), OldSeverity: "small", NewSeverity: "met"},
		Gap{Dimension: "d", Name: "D", OldGap: p(50), NewGap: p(0), OldSeverity: "insufficient", NewSeverity: "met"})
	checkGaps(t, c.Gaps.Opened, "opened",
		Gap{Dimension: "b", Name: "B", OldGap: p(0), NewGap: p(20), OldSeverity: "met", NewSeverity: "moderate"})
	checkGaps(t, c.Gaps.StillOpen, "still open",
		Gap{Dimension: "c", Name: "C", OldGap: p(30), NewGap: p(15), OldSeverity: "large", NewSeverity: "moderate"})
}

func TestCompareDifferentBanks(t *testing.T) {
	old := result("1", t0, nil, [2]float64{}, dim{"a", p(1), nil})
	new := result("1", t0, nil, [2]float64{}, dim{"a", p(1), nil})
	new.Bank.ID = "other"
	_, err := Compare(old, new)
	var dbe *DifferentBanksError
	if !errors.As(err, &dbe) || !errors.Is(err, errtext.ErrInvalid) {
		t.Fatalf("err = %v, want a DifferentBanksError that is ErrInvalid", err)
	}
	if msg := err.Error(); !strings.Contains(msg, `"b"`) || !strings.Contains(msg, `"other"`) {
		t.Errorf("message %q does not name both banks", msg)
	}
}

// TestCompareVersions: bank version 1 has a, b, c; version 2 has c, a, d.
// a and c are compared (in version 2's order); b and d are left out.
func TestCompareVersions(t *testing.T) {
	old := result("1", t0, nil, [2]float64{}, dim{"a", p(10), nil}, dim{"b", p(20), nil}, dim{"c", p(30), nil})
	new := result("2", t0, nil, [2]float64{}, dim{"c", p(35), nil}, dim{"a", p(10), nil}, dim{"d", p(40), nil})
	c, err := Compare(old, new)
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, d := range c.Dimensions {
		ids = append(ids, d.ID+":"+numStr(d.Change))
	}
	if strings.Join(ids, " ") != "c:5 a:0" {
		t.Errorf("compared %v, want [c:5 a:0]", ids)
	}
	wantLeft := []LeftOut{{ID: "d", Name: "D", Only: OnlyNew}, {ID: "b", Name: "B", Only: OnlyOld}}
	if !reflect.DeepEqual(c.LeftOut, wantLeft) {
		t.Errorf("left out %+v, want %+v", c.LeftOut, wantLeft)
	}
	if c.Old.BankVersion != "1" || c.New.BankVersion != "2" || len(c.Notes) != 1 || !strings.Contains(c.Notes[0], "different versions") {
		t.Errorf("versions %s/%s, notes %q", c.Old.BankVersion, c.New.BankVersion, c.Notes)
	}
}

func TestCompareNotes(t *testing.T) {
	tests := []struct {
		name   string
		modify func(old, new *assessment.Result)
		want   string
	}{
		{"same bank", func(_, _ *assessment.Result) {}, ""},
		{"content changed, version did not", func(_, n *assessment.Result) { n.Bank.Digest = "sha256:x" }, "content changed"},
		{"given in the wrong order", func(o, _ *assessment.Result) { o.CompletedAt = t0.AddDate(1, 0, 0) }, "completed after"},
		{"target changed", func(o, _ *assessment.Result) { o.Target = *low }, "target changed from Low to High"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			old := result("1", t0, nil, [2]float64{}, dim{"a", p(1), nil})
			new := result("1", t0.Add(time.Hour), nil, [2]float64{}, dim{"a", p(1), nil})
			tt.modify(old, new)
			c, err := Compare(old, new)
			if err != nil {
				t.Fatal(err)
			}
			got := strings.Join(c.Notes, " | ")
			if (tt.want == "") != (got == "") || !strings.Contains(got, tt.want) {
				t.Errorf("notes %q, want one containing %q", got, tt.want)
			}
		})
	}
}

// TestCompareStraightLined: an SEM worked out from answers given the same
// way throughout is as small as it gets whatever the practice, so the
// reliable-change test is not made on it: the dimension says that whether
// its change is reliable cannot be judged (reliable_unknown, no
// min_reliable_change or reliable), its gap is not marked within error,
// and a note says which result it was (QA: compare trusted a
// straight-liner's tiny SEM). An SEM the test does not use, or one the
// bank records, is no reason not to make it.
func TestCompareStraightLined(t *testing.T) {
	const (
		answers = assessment.SourceAnswers
		bank    = assessment.SourceBank
	)
	type side struct {
		rule     string
		straight bool
		source   string
	}
	mp, strict := questions.LevelRuleMostProbable, questions.LevelRuleStrict
	tests := []struct {
		name     string
		old, new side
		unknown  bool
		note     string // the straight_lining note's key, or ""
	}{
		{"neither straight-lined", side{mp, false, answers}, side{mp, false, answers}, false, ""},
		{"the old one", side{mp, true, answers}, side{mp, false, answers}, true, "compare.note.straight_lining.old"},
		{"the new one", side{mp, false, answers}, side{mp, true, answers}, true, "compare.note.straight_lining.new"},
		{"both", side{mp, true, answers}, side{mp, true, answers}, true, "compare.note.straight_lining.both"},
		{"a result without sem_source, most-probable", side{mp, true, ""}, side{mp, false, ""}, true, "compare.note.straight_lining.old"},
		// The bank's SEM does not depend on the answers.
		{"the SEM is the bank's", side{mp, true, bank}, side{mp, true, bank}, false, ""},
		{"strict rule, the bank's SEM", side{strict, true, bank}, side{strict, false, bank}, false, ""},
		// Under mixed rules the test uses the newer result's SEM only.
		{"mixed rules, the old one, whose SEM is not used", side{strict, true, bank}, side{mp, false, answers}, false, ""},
		{"mixed rules, the new one", side{strict, false, bank}, side{mp, true, answers}, true, "compare.note.straight_lining.new"},
	}
	mk := func(s side, at time.Time, score float64) *assessment.Result {
		r := result("1", at, nil, [2]float64{}, dim{"a", p(score), p(5)})
		r.LevelRule = s.rule
		r.Dimensions[0].SEMSource = s.source
		if s.straight {
			r.Notes = []assessment.Note{{Kind: assessment.NoteStraightLining, Text: "the same answer throughout"}}
		}
		return r
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			// 45 -> 53 closes the gap to 50; 1.96 x sqrt(5² + 5²) = 13.86
			// (1.96 x sqrt(2) x 5 too), so a change of 8 is within error.
			c, err := Compare(mk(tt.old, t0, 45), mk(tt.new, t0.Add(time.Hour), 53))
			if err != nil {
				t.Fatal(err)
			}
			d := c.Dimensions[0]
			if d.ReliableUnknown != tt.unknown {
				t.Errorf("reliable_unknown %v, want %v", d.ReliableUnknown, tt.unknown)
			}
			if tt.unknown {
				if d.MinReliableChange != nil || d.Reliable != nil {
					t.Errorf("min reliable %s, reliable %v: want neither, the test not made", numStr(d.MinReliableChange), deref(d.Reliable))
				}
			} else if numStr(d.MinReliableChange) != "13.86" || fmt.Sprint(deref(d.Reliable)) != "false" {
				t.Errorf("min reliable %s, reliable %v; want 13.86, false", numStr(d.MinReliableChange), deref(d.Reliable))
			}
			if len(c.Gaps.Closed) != 1 || c.Gaps.Closed[0].WithinError == tt.unknown {
				t.Errorf("closed gaps %s; want a, within error %v", gapsStr(c.Gaps.Closed), !tt.unknown)
			}
			var keys []string
			for _, m := range c.NoteMsgs {
				if strings.HasPrefix(m.ID, "compare.note.straight_lining") {
					keys = append(keys, m.ID)
				}
			}
			var want []string
			if tt.note != "" {
				want = []string{tt.note}
			}
			if !slices.Equal(keys, want) {
				t.Errorf("notes %v, want %v", keys, want)
			}
			if len(c.Notes) != len(c.NoteMsgs) {
				t.Errorf("%d notes in English for %d messages", len(c.Notes), len(c.NoteMsgs))
			}
		})
	}
}
