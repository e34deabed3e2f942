package calibrate

import (
	"fmt"
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"

	"github.com/digilead/digilead/assessment/calibrate/calibratetest"
	"github.com/digilead/digilead/questions"
)

// handBank has one question per dimension on a 0..100 scale, so that a
// person's dimension score is their answer.
const handBank = `schema: digilead/v1
id: hand
title: Hand
version: "1"
tiers:
  - {id: low, name: Low, rank: 1, expectations: {x: 10, y: 10}}
  - {id: mid, name: Mid, rank: 2, expectations: {x: 50, y: 50}}
  - {id: top, name: Top, rank: 3, expectations: {x: 80, y: 90}}
dimensions:
  - {id: x, name: X}
  - {id: y, name: Y}
questions:
  - {id: qx, dimension: x, text: QX, scale: {min: 0, max: 100}}
  - {id: qy, dimension: y, text: QY, scale: {min: 0, max: 100}}
`

func parseBank(t testing.TB, yaml string) *questions.Bank {
	t.Helper()
	b, err := questions.Parse(questions.File{Name: "bank.yaml", Data: []byte(yaml)})
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// person is "role x y"; "-" leaves a question unanswered.
func handPilot(t testing.TB, b *questions.Bank, people ...string) *Calibrator {
	t.Helper()
	c := New(b)
	for _, p := range people {
		f := strings.Fields(p)
		raw := questions.RawAnswers{Respondent: questions.Respondent{Role: f[0]}, Answers: map[string]any{}}
		if f[0] == "?" {
			raw.Respondent.Role = ""
		}
		for i, q := range []string{"qx", "qy"} {
			if f[i+1] != "-" {
				var v float64
				fmt.Sscan(f[i+1], &v)
				raw.Answers[q] = v
			}
		}
		a, err := b.CheckAnswers(raw)
		if err != nil {
			t.Fatal(err)
		}
		c.Add(a)
	}
	return c
}

func pairOf(t testing.TB, r *Report, tier, dim string) Pair {
	t.Helper()
	for _, p := range r.Pairs {
		if p.Tier == tier && p.Dimension == dim {
			return p
		}
	}
	t.Fatalf("no pair %s/%s", tier, dim)
	return Pair{}
}

// handPeople are nine people of known tier (role x y), one without a role
// and one who left y unanswered.
var handPeople = []string{
	"low 20 30", "low 35 45", "low 45 20",
	"mid 60 70", "mid 55 40", "mid 75 65",
	"top 90 95", "top 85 80", "top 70 85",
	"? 50 50", "mid 65 -",
}

// TestHandCalibration works every pair and the level rule out by hand.
func TestHandCalibration(t *testing.T) {
	b := parseBank(t, handBank)
	r := handPilot(t, b, handPeople...).Report(Options{MinGroup: 3, Replicates: 200, Seed: 7})
	if r.Pilot.AnswerSets != 11 || r.Pilot.WithoutRole != 1 || r.Pilot.Tiers[1].People != 4 {
		t.Errorf("pilot %+v", r.Pilot)
	}
	tests := []struct {
		tier, dim               string
		upper, lower, insuff    int
		cut, proposed, accuracy float64
		upperBelow, lowerAbove  int
	}{
		// x, mid and above {60 55 75 65 90 85 70} against low {20 35 45}:
		// no error for 45 < c <= 55.
		{"mid", "x", 7, 3, 0, 50, 50, 1, 0, 0},
		// y, {70 40 65 95 80 85} against {30 45 20}: one error for
		// 30 < c <= 40 (45 passes) and for 45 < c <= 65 (40 fails); the
		// tied range (30, 65] has its midpoint at 47.5, which rounds to 48.
		{"mid", "y", 6, 3, 1, 47.5, 48, 0.8889, 1, 0},
		// x, top {90 85 70} against {20 35 45 60 55 75 65}: one error for
		// 65 < c <= 70 and for 75 < c <= 85; the midpoint of the tied range
		// (65, 85] is 75, where 70 fails and 75 passes: two errors.
		{"top", "x", 3, 7, 0, 75, 75, 0.8, 1, 1},
		// y, top {95 80 85} against {30 45 20 70 40 65}: no error for
		// 70 < c <= 80.
		{"top", "y", 3, 6, 1, 75, 75, 1, 0, 0},
	}
	for _, tt := range tests {
		p := pairOf(t, r, tt.tier, tt.dim)
		if p.Status != StatusProposed {
			t.Errorf("%s/%s: %s: %v", tt.tier, tt.dim, p.Status, p.Refusal)
			continue
		}
		got := []any{p.Upper, p.Lower, p.Insufficient, *p.Cut, *p.Proposed, *p.Accuracy, p.UpperBelow, p.LowerAbove}
		want := []any{tt.upper, tt.lower, tt.insuff, tt.cut, tt.proposed, tt.accuracy, tt.upperBelow, tt.lowerAbove}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s/%s: upper, lower, insufficient, cut, proposed, accuracy, upper below, lower above = %v, want %v", tt.tier, tt.dim, got, want)
		}
		if p.Interval.Low > p.Interval.High {
			t.Errorf("%s/%s: interval %+v", tt.tier, tt.dim, p.Interval)
		}
	}
	for _, dim := range []string{"x", "y"} {
		if p := pairOf(t, r, "low", dim); p.Status != StatusRefused || p.Refusal.Kind != RefusedLowestTier || p.Proposed != nil {
			t.Errorf("low/%s: %+v; the lowest tier has nobody below it", dim, p)
		}
	}
	if r.Proposed != 4 {
		t.Errorf("%d proposals, want 4", r.Proposed)
	}

	// The level rule. Proposed: low {10, 10}, mid {50, 48}, top {75, 75}.
	// Low people all meet low and miss mid's x. mid 60 70 and 75 65 are
	// mid; mid 55 40 misses mid's y (low); mid 65 - has no y, so it
	// misses even low (no level: unscored). top
	// 90 95 and 85 80 are top; top 70 85 misses top's x (mid). 7 of 10.
	// Current: mid {50, 50}, top {80, 90}: top 85 80 and 70 85 miss top
	// (mid): 6 of 10.
	want := Levels{People: 10,
		Current: Classification{Correct: 6, Accuracy: 0.6, Confusion: []ConfusionRow{
			{Role: "low", People: 3, Levels: []int{3, 0, 0}},
			{Role: "mid", People: 4, NoLevel: 1, Unscored: 1, Levels: []int{1, 2, 0}},
			{Role: "top", People: 3, Levels: []int{0, 2, 1}},
		}},
		Proposed: Classification{Correct: 7, Accuracy: 0.7, Confusion: []ConfusionRow{
			{Role: "low", People: 3, Levels: []int{3, 0, 0}},
			{Role: "mid", People: 4, NoLevel: 1, Unscored: 1, Levels: []int{1, 2, 0}},
			{Role: "top", People: 3, Levels: []int{0, 1, 2}},
		}},
	}
	if !reflect.DeepEqual(r.Levels, want) {
		t.Errorf("levels\n%+v\nwant\n%+v", r.Levels, want)
	}
	props := r.Proposals()
	if !reflect.DeepEqual(props, map[string]map[string]float64{"mid": {"x": 50, "y": 48}, "top": {"x": 75, "y": 75}}) {
		t.Errorf("proposals %v", props)
	}
}

// TestNoLevel: a person who misses the lowest tier has no level.
func TestNoLevel(t *testing.T) {
	b := parseBank(t, handBank)
	r := handPilot(t, b, "low 5 50", "mid 60 60").Report(Options{MinGroup: 1, Replicates: 10})
	if got := r.Levels.Proposed.Confusion[0]; got.NoLevel != 1 || got.People != 1 || got.Unscored != 0 {
		t.Errorf("low row %+v; want the person below low's x in no_level, scored", got)
	}
	// Unanswered y: no score, so no level, and counted as unscored.
	r = handPilot(t, b, "low 5 50", "low 50 -", "mid 60 60").Report(Options{MinGroup: 1, Replicates: 10})
	if got := r.Levels.Current.Confusion[0]; got.NoLevel != 2 || got.Unscored != 1 {
		t.Errorf("low row %+v; want 2 without a level, 1 of them unscored", got)
	}
}

func TestRefusesSmallGroups(t *testing.T) {
	b := parseBank(t, handBank)
	r := handPilot(t, b, handPeople...).Report(Options{})
	if r.Method.MinGroup != DefaultMinGroup || r.Method.Replicates != DefaultReplicates {
		t.Errorf("defaults %+v", r.Method)
	}
	if r.Proposed != 0 {
		t.Errorf("%d proposals from 10 people; want every pair refused", r.Proposed)
	}
	p := pairOf(t, r, "mid", "y")
	if p.Status != StatusRefused || p.Refusal.Kind != RefusedSmallGroup || p.Cut != nil || p.Interval != nil {
		t.Fatalf("mid/y %+v", p)
	}
	want := "6 people of mid and above and 3 below it have a score; each side needs 30, so the expectation stays at 50. Pilot more people on both sides."
	if p.Refusal.Text != want {
		t.Errorf("refusal %q\nwant %q", p.Refusal.Text, want)
	}
	// Refused pairs keep the current expectations: the level rule is the
	// same both ways.
	if !reflect.DeepEqual(r.Levels.Current, r.Levels.Proposed) {
		t.Errorf("levels differ with nothing proposed: %+v", r.Levels)
	}
	// One side short: mid/x has 7 above and 3 below, top/x 3 above and 7
	// below.
	r = handPilot(t, b, handPeople...).Report(Options{MinGroup: 4})
	if p := pairOf(t, r, "mid", "x"); p.Status != StatusRefused || !strings.HasSuffix(p.Refusal.Text, "Pilot more people below mid.") {
		t.Errorf("mid/x, min 4: %+v", p.Refusal)
	}
	if p := pairOf(t, r, "top", "x"); p.Status != StatusRefused || !strings.HasSuffix(p.Refusal.Text, "Pilot more people at top and above.") {
		t.Errorf("top/x, min 4: %+v", p.Refusal)
	}
}

func TestFlags(t *testing.T) {
	b := parseBank(t, strings.Replace(handBank, "{x: 10, y: 10}", "{x: 40, y: 10}", 1))
	// mid/x: {60 62} against {10 12}: 36, below low's kept 40.
	r := handPilot(t, b, "low 10 50", "low 12 50", "mid 60 50", "mid 62 50").Report(Options{MinGroup: 2, Replicates: 50})
	p := pairOf(t, r, "mid", "x")
	if len(p.Flags) != 1 || p.Flags[0].Kind != FlagFallsWithRank || !strings.HasPrefix(p.Flags[0].Text, "36 would be below low's 40 (kept)") {
		t.Errorf("mid/x flags %+v", p.Flags)
	}
	// mid/y: everyone scores 50, two on each side: placing nobody at mid
	// is as good as any cut, so there is none to propose.
	if p := pairOf(t, r, "mid", "y"); p.Refusal == nil || p.Refusal.Kind != RefusedNoCut || len(p.Flags) != 0 {
		t.Errorf("mid/y refusal %+v, flags %+v", p.Refusal, p.Flags)
	}
	// With three mid people, placing everyone at mid is the best cut, and
	// no better than calling everyone mid.
	r = handPilot(t, b, "low 10 50", "low 12 50", "mid 60 50", "mid 62 50", "mid 64 50").Report(Options{MinGroup: 2, Replicates: 50})
	if p := pairOf(t, r, "mid", "y"); len(p.Flags) != 1 || p.Flags[0].Kind != FlagWeakSeparation {
		t.Errorf("mid/y flags %+v", p.Flags)
	}

	// top is refused and keeps 30; mid's proposal 36 is above it.
	b = parseBank(t, strings.Replace(handBank, "{x: 80, y: 90}", "{x: 30, y: 90}", 1))
	r = handPilot(t, b, "low 10 50", "low 12 50", "mid 60 50", "mid 62 50").Report(Options{MinGroup: 2, Replicates: 50})
	if p := pairOf(t, r, "mid", "x"); len(p.Flags) != 1 || !strings.HasPrefix(p.Flags[0].Text, "36 would be above top's 30 (kept)") {
		t.Errorf("mid/x flags %+v", p.Flags)
	}

	// A wide interval: two small overlapping groups.
	r = handPilot(t, b, "low 10 50", "low 40 50", "low 70 50", "mid 30 50", "mid 60 50", "mid 90 50").Report(Options{MinGroup: 3, Replicates: 200})
	if p := pairOf(t, r, "mid", "x"); !hasFlag(p, FlagWideInterval) {
		t.Errorf("mid/x interval %+v, flags %+v", p.Interval, p.Flags)
	}
}

func hasFlag(p Pair, kind string) bool {
	for _, f := range p.Flags {
		if f.Kind == kind {
			return true
		}
	}
	return false
}

// pilotBank is docs/examples/calibration/bank.yaml: each dimension's scores form a
// known lattice (see the file).
func pilotBank(t testing.TB) *questions.Bank {
	t.Helper()
	b, err := questions.Load("../../docs/examples/calibration/bank.yaml")
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// syntheticPilot checks a synthetic pilot with known cuts: perTier people
// per tier with scores spread by SD 6.5 around their tier's mean, 15
// without a role, 2% of dimensions left unanswered.
func syntheticPilot(t testing.TB, b *questions.Bank, seed uint64, perTier int) []*questions.Answers {
	t.Helper()
	raws := calibratetest.Pilot(b, calibratetest.Known(perTier, 15, 6.5, seed))
	out := make([]*questions.Answers, len(raws))
	for i, raw := range raws {
		a, err := b.CheckAnswers(raw)
		if err != nil {
			t.Fatal(err)
		}
		out[i] = a
	}
	return out
}

func calibrate(b *questions.Bank, pilot []*questions.Answers, o Options) *Report {
	c := New(b)
	for _, a := range pilot {
		c.Add(a)
	}
	return c.Report(o)
}

// TestRecoversKnownCuts: on synthetic pilots with known cuts, every
// calibrated pair's 90% interval holds its true cut, and the cut is within
// one step of the dimension's scores of it.
func TestRecoversKnownCuts(t *testing.T) {
	b := pilotBank(t)
	for _, tier := range []string{"operational", "strategic"} {
		for dim, cut := range calibratetest.KnownCuts[tier] {
			lat := calibratetest.Lattice(b, dim)
			i := 0
			for i+1 < len(lat) && lat[i+1].Score < cut {
				i++
			}
			if (lat[i].Score+lat[i+1].Score)/2 != cut {
				t.Fatalf("%s/%s: the true cut %v is not halfway between two achievable scores (%v, %v)", tier, dim, cut, lat[i].Score, lat[i+1].Score)
			}
		}
	}
	for seed := uint64(1); seed <= 5; seed++ {
		r := calibrate(b, syntheticPilot(t, b, seed, 200), Options{Seed: seed})
		if r.Proposed != 7 || r.Pilot.WithoutRole != 15 {
			t.Fatalf("seed %d: %d proposals, %d without role; want 7 and 15", seed, r.Proposed, r.Pilot.WithoutRole)
		}
		for _, p := range r.Pairs {
			truth, ok := calibratetest.KnownCuts[p.Tier][p.Dimension]
			if !ok {
				if p.Status != StatusRefused || p.Tier != "frontline" {
					t.Errorf("seed %d: %s/%s: %s", seed, p.Tier, p.Dimension, p.Status)
				}
				continue
			}
			step := latticeStep(b, p.Dimension, truth)
			if seed == 1 {
				t.Logf("%-11s %-6s true %7.3f  cut %7.3f  proposed %4g  90%% [%7.3f, %7.3f]  accuracy %.3f  n %d/%d, %d insufficient",
					p.Tier, p.Dimension, truth, *p.Cut, *p.Proposed, p.Interval.Low, p.Interval.High, *p.Accuracy, p.Upper, p.Lower, p.Insufficient)
			}
			if p.Interval.Low > truth || truth > p.Interval.High {
				t.Errorf("seed %d: %s/%s: the interval [%v, %v] misses the true cut %v", seed, p.Tier, p.Dimension, p.Interval.Low, p.Interval.High, truth)
			}
			if d := *p.Cut - truth; d < -step || d > step {
				t.Errorf("seed %d: %s/%s: cut %v is more than a step (%v) from the true cut %v", seed, p.Tier, p.Dimension, *p.Cut, step, truth)
			}
			if *p.Accuracy < 0.9 {
				t.Errorf("seed %d: %s/%s: accuracy %v at the cut; the groups are 3 SD apart", seed, p.Tier, p.Dimension, *p.Accuracy)
			}
		}
		if r.Levels.Proposed.Accuracy <= r.Levels.Current.Accuracy {
			t.Errorf("seed %d: the level rule places %v with the proposals, %v without", seed, r.Levels.Proposed.Accuracy, r.Levels.Current.Accuracy)
		}
	}
}

// latticeStep is the gap between the achievable scores of dim on either
// side of x.
func latticeStep(b *questions.Bank, dim string, x float64) float64 {
	lat := calibratetest.Lattice(b, dim)
	for i := 1; i < len(lat); i++ {
		if lat[i].Score > x {
			return lat[i].Score - lat[i-1].Score
		}
	}
	return 0
}

// TestDeterministic: a seed gives the same report, whatever the order of
// the answer sets; another seed other intervals.
func TestDeterministic(t *testing.T) {
	b := pilotBank(t)
	pilot := syntheticPilot(t, b, 3, 60)
	first := calibrate(b, pilot, Options{Seed: 42})
	shuffled := append([]*questions.Answers(nil), pilot...)
	rand.New(rand.NewPCG(9, 9)).Shuffle(len(shuffled), func(i, j int) { shuffled[i], shuffled[j] = shuffled[j], shuffled[i] })
	if again := calibrate(b, shuffled, Options{Seed: 42}); !reflect.DeepEqual(first, again) {
		t.Error("the same pilot in another order gives another report")
	}
	other := calibrate(b, pilot, Options{Seed: 43})
	same := true
	for i := range first.Pairs {
		if first.Pairs[i].Interval != nil && *first.Pairs[i].Interval != *other.Pairs[i].Interval {
			same = false
		}
		if !reflect.DeepEqual(first.Pairs[i].Cut, other.Pairs[i].Cut) {
			t.Errorf("%s/%s: the cut depends on the seed", first.Pairs[i].Tier, first.Pairs[i].Dimension)
		}
	}
	if same {
		t.Error("seeds 42 and 43 give the same intervals everywhere; the seed is not used")
	}
}

// TestIntervalCoverage: over 20 synthetic pilots of 50 and of 100 people
// per tier, the 90% intervals miss the known cut in at most 10% of pairs.
func TestIntervalCoverage(t *testing.T) {
	b := pilotBank(t)
	for _, perTier := range []int{50, 100} {
		miss, pairs := 0, 0
		for seed := uint64(1); seed <= 20; seed++ {
			r := calibrate(b, syntheticPilot(t, b, 1000+seed, perTier), Options{Seed: seed})
			for _, p := range r.Pairs {
				truth, ok := calibratetest.KnownCuts[p.Tier][p.Dimension]
				if !ok || p.Proposed == nil {
					continue
				}
				pairs++
				if p.Interval.Low > truth || truth > p.Interval.High {
					miss++
				}
			}
		}
		t.Logf("%d per tier: %d of %d intervals miss the known cut", perTier, miss, pairs)
		if pairs != 140 || float64(miss) > 0.1*float64(pairs) {
			t.Errorf("%d per tier: %d of %d intervals miss the known cut; a 90%% interval should miss at most 10%%", perTier, miss, pairs)
		}
	}
}

// cappedBank is handBank without its top tier, mid expecting 95 of y,
// and y's question a choice whose best option scores 0.5: y can give at
// most 50.
var cappedBank = strings.NewReplacer(
	"  - {id: top, name: Top, rank: 3, expectations: {x: 80, y: 90}}\n", "",
	"{x: 10, y: 10}", "{x: 10}",
	"{x: 50, y: 50}", "{x: 50, y: 95}",
	"{id: qy, dimension: y, text: QY, scale: {min: 0, max: 100}}",
	"{id: qy, dimension: y, type: choice, text: QY, options: [{id: a, label: A, score: 0}, {id: b, label: B, score: 0.2}, {id: c, label: C, score: 0.4}, {id: d, label: D, score: 0.5}]}",
).Replace(handBank)

// TestNoCutAboveTheTop: when placing nobody at the tier misclassifies
// fewest, the pair is refused and keeps its expectation, instead of a
// cut halfway to 100 that nobody can reach (QA #4: 67 where the most is
// 36.7).
func TestNoCutAboveTheTop(t *testing.T) {
	b := parseBank(t, cappedBank)
	c := New(b)
	add := func(role string, n int, x float64, y string) {
		for range n {
			a, err := b.CheckAnswers(questions.RawAnswers{Respondent: questions.Respondent{Role: role}, Answers: map[string]any{"qx": x, "qy": y}})
			if err != nil {
				t.Fatal(err)
			}
			c.Add(a)
		}
	}
	// y does not tell mid from low, and there are fewer mid people: the
	// fewest errors (30) come from placing nobody at mid.
	add("low", 20, 20, "b")
	add("low", 20, 20, "c")
	add("mid", 15, 80, "b")
	add("mid", 15, 80, "c")
	r := c.Report(Options{Replicates: 50})
	p := pairOf(t, r, "mid", "y")
	if p.Status != StatusRefused || p.Refusal == nil || p.Refusal.Kind != RefusedNoCut || p.Proposed != nil {
		t.Fatalf("mid/y: %s %+v proposed %v; want refused, %s", p.Status, p.Refusal, p.Proposed, RefusedNoCut)
	}
	if !strings.Contains(p.Refusal.Text, "at most 50") || !strings.Contains(p.Refusal.Text, "stays at 95") {
		t.Errorf("refusal says %q", p.Refusal.Text)
	}
	if _, ok := r.Proposals()["mid"]["y"]; ok {
		t.Error("a refused pair is among the proposals --write records")
	}
	if x := pairOf(t, r, "mid", "x"); x.Proposed == nil || *x.Proposed > 100 {
		t.Errorf("mid/x: %v, want a proposal", x.Proposed)
	}
}
