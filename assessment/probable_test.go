package assessment_test

import (
	"encoding/json"
	"fmt"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/digilead/digilead/assessment"
	"github.com/digilead/digilead/questions"
	"github.com/digilead/digilead/questions/questionstest"
)

// mostProbable is b deciding levels by the most-probable rule.
func mostProbable(b *questions.Bank) *questions.Bank {
	c := *b
	c.LevelRule = questions.LevelRuleMostProbable
	return &c
}

func num(p *float64) string {
	if p == nil {
		return "-"
	}
	return fmt.Sprint(*p)
}

// TestMostProbableWorkedExample is the worked example of docs/scoring.md:
// the small bank's example answers under the most-probable rule.
func TestMostProbableWorkedExample(t *testing.T) {
	b := mostProbable(questionstest.Load(t, "testdata/small.yaml"))
	r := score(t, b, "", "", basic)
	if r.LevelRule != questions.LevelRuleMostProbable {
		t.Errorf("level_rule %q", r.LevelRule)
	}
	for _, w := range []struct{ id, sem, est, se, source string }{
		{"alpha", "16.86", "80.38", "14.7", "answers"},
		{"beta", "18.39", "72.16", "15.55", "answers"},
		{"gamma", "-", "-", "-", ""},
	} {
		d := dim(t, r, w.id)
		if got := [4]string{num(d.SEM), num(d.Estimate), num(d.SE), d.SEMSource}; got != [4]string{w.sem, w.est, w.se, w.source} {
			t.Errorf("%s: sem, estimate, se, source = %v, want %v", w.id, got, []string{w.sem, w.est, w.se, w.source})
		}
	}
	var got []string
	for _, tr := range r.Tiers {
		got = append(got, fmt.Sprintf("%s %v %s %v", tr.ID, tr.Met, num(tr.Probability), tr.Blocking))
	}
	if want := "[low true 0.96 [] mid false 0 [gamma] top false 0 [beta gamma]]"; fmt.Sprint(got) != want {
		t.Errorf("tiers %v, want %s", got, want)
	}
	if levelID(r.Level) != "low" || num(r.LevelProbability) != "0.96" || r.Target.ID != "mid" {
		t.Errorf("level %s with probability %s, target %s; want low, 0.96, mid", levelID(r.Level), num(r.LevelProbability), r.Target.ID)
	}
}

func levelID(t *assessment.TierRef) string {
	if t == nil {
		return ""
	}
	return t.ID
}

// randomAnswers answers every question of b at random (N/A and
// unanswered sometimes), from rng.
func randomAnswers(b *questions.Bank, rng *rand.Rand) *questions.Answers {
	a := &questions.Answers{Values: map[string]questions.Value{}}
	for _, q := range b.Questions {
		switch r := rng.IntN(20); {
		case r == 0:
			continue
		case r == 1 && q.AllowNA:
			a.Values[q.ID] = questions.NA
			continue
		}
		switch q.Type {
		case questions.Likert:
			a.Values[q.ID] = questions.IntValue(q.Scale.Min + rng.IntN(q.Scale.Max-q.Scale.Min+1))
		case questions.YesNo:
			a.Values[q.ID] = questions.BoolValue(rng.IntN(2) == 0)
		case questions.Choice:
			a.Values[q.ID] = questions.OptionValue(q.Options[rng.IntN(len(q.Options))].ID)
		case questions.Multi:
			var ids []string
			for _, o := range q.Options {
				if rng.IntN(2) == 0 {
					ids = append(ids, o.ID)
				}
			}
			a.Values[q.ID] = questions.OptionsValue(ids...)
		}
	}
	return a
}

// TestMeasuredWithoutErrorIsStrict: a bank that records a reliability of
// 1 for every dimension measures without error, so the most-probable rule
// decides as the strict one does, and is sure of it.
func TestMeasuredWithoutErrorIsStrict(t *testing.T) {
	strict := questionstest.Parse(t, "exact.yaml", `schema: digilead/v1
id: exact
title: t
version: "1"
tiers:
  - {id: t1, name: T1, rank: 1, expectations: {a: 50, b: 40}}
  - {id: t2, name: T2, rank: 2, expectations: {a: 60, b: 60, c: 50}}
  - {id: t3, name: T3, rank: 3, expectations: {c: 70}}
dimensions:
  - {id: a, name: A, reliability: 1, score_sd: 20}
  - {id: b, name: B, reliability: 1, score_sd: 20}
  - {id: c, name: C, reliability: 1, score_sd: 20}
questions:
  - {id: a1, dimension: a, text: a1}
  - {id: a2, dimension: a, text: a2, reverse: true}
  - {id: b1, dimension: b, text: b1}
  - {id: b2, dimension: b, text: b2, type: yesno}
  - {id: c1, dimension: c, text: c1}
  - {id: c2, dimension: c, text: c2}
`)
	exact := mostProbable(strict)
	rng := rand.New(rand.NewPCG(1, 2))
	for i := range 500 {
		a := randomAnswers(strict, rng)
		want := assessment.Score(strict, a, assessment.Options{Now: now})
		got := assessment.Score(exact, a, assessment.Options{Now: now})
		if levelID(got.Level) != levelID(want.Level) || *got.LevelProbability != 1 {
			t.Fatalf("#%d: level %q with probability %v, strict %q", i, levelID(got.Level), *got.LevelProbability, levelID(want.Level))
		}
		// The strict result is as sure of its own level.
		if want.LevelRule != questions.LevelRuleStrict || *want.LevelProbability != 1 {
			t.Fatalf("#%d: the strict result says rule %q, probability %v", i, want.LevelRule, *want.LevelProbability)
		}
		for d := range got.Dimensions {
			g, w := got.Dimensions[d], want.Dimensions[d]
			if w.Score != nil && (g.SEMSource != assessment.SourceBank || *g.SEM != 0 || *g.Estimate != *w.Score || *g.SE != 0) {
				t.Fatalf("#%d: %s sem %v from %s, estimate %v ± %v; want 0 from the bank, %v ± 0", i, g.ID, *g.SEM, g.SEMSource, *g.Estimate, *g.SE, *w.Score)
			}
			if w.Score != nil && (w.SEMSource != assessment.SourceBank || *w.SEM != 0 || *w.Estimate != *w.Score || *w.SE != 0) {
				t.Fatalf("#%d: strict %s sem %v from %s, estimate %v ± %v; want 0 from the bank, %v ± 0", i, w.ID, *w.SEM, w.SEMSource, *w.Estimate, *w.SE, *w.Score)
			}
		}
	}
}

// TestShortfallWithinError is the manager of issue 22: ready for every
// tier but for one dimension of four questions scoring 50 against a bar of
// 55. The strict rule calls them Developing; the most-probable rule says
// which level they most probably are, and that the shortfall is within
// measurement error.
func TestShortfallWithinError(t *testing.T) {
	b := questions.Default()
	raw := map[string]any{}
	for _, q := range b.Questions {
		// Every answer at three quarters of its scale, reverse-keyed ones
		// at a quarter; every scenario's best option.
		switch q.Type {
		case questions.Likert:
			pos := 0.75
			if q.Reverse {
				pos = 0.25
			}
			raw[q.ID] = q.Scale.Min + int(math.Round(pos*float64(q.Scale.Max-q.Scale.Min)))
		case questions.YesNo:
			raw[q.ID] = !q.Reverse
		case questions.Choice:
			best := q.Options[0]
			for _, o := range q.Options {
				if o.Score > best.Score {
					best = o
				}
			}
			raw[q.ID] = best.ID
		}
	}
	// Technology adoption at 50 (three likert questions and a scenario):
	// the first question at the top, the second in the middle, the third
	// at the bottom (reverse-keyed ones turned), the scenario half right.
	likert := 0
	for _, q := range b.QuestionsOf("technology-adoption") {
		if q.Type == questions.Choice {
			for _, o := range q.Options {
				if o.Score == 0.5 {
					raw[q.ID] = o.ID
				}
			}
			continue
		}
		pos := []float64{1, 0.5, 0}[min(likert, 2)]
		if q.Reverse {
			pos = 1 - pos
		}
		raw[q.ID] = q.Scale.Min + int(math.Round(pos*float64(q.Scale.Max-q.Scale.Min)))
		likert++
	}
	strict := *b
	strict.LevelRule = questions.LevelRuleStrict
	rs := score(t, &strict, "", "", raw)
	rp := score(t, mostProbable(b), "", "", raw)
	if s := dim(t, rs, "technology-adoption").Score; s == nil || *s != 50 {
		t.Fatalf("technology adoption %s, want 50", fmtScore(s))
	}
	if rs.Level != nil {
		t.Errorf("strict level %q, want none", levelID(rs.Level))
	}
	if rp.Level == nil || rp.Level.ID != "strategic" || *rp.LevelProbability < 0.5 {
		t.Errorf("most-probable level %q with probability %s, want strategic", levelID(rp.Level), num(rp.LevelProbability))
	}
	for _, tr := range rp.Tiers {
		if fmt.Sprint(tr.WithinError) != "[technology-adoption]" {
			t.Errorf("tier %s met with %v within measurement error, want [technology-adoption]", tr.ID, tr.WithinError)
		}
	}
	rp = score(t, mostProbable(b), "", "frontline", raw)
	for _, g := range rp.Gaps {
		if g.Dimension == "technology-adoption" && (g.Gap != 5 || !g.WithinError) {
			t.Errorf("gap %v, within error %v; want 5 and within error", g.Gap, g.WithinError)
		}
	}
}

// TestLevelProbabilities: over random answer sets, every probability is
// one, the probabilities of each tier or higher fall with rank, the
// level is the most probable, its probability is the difference of its
// tier's and the next, and the result decodes (its figures are checked).
func TestLevelProbabilities(t *testing.T) {
	for _, b := range []*questions.Bank{mostProbable(questions.Default()), mostProbable(questionstest.Load(t, "testdata/small.yaml")), mostProbable(questionstest.Load(t, "../report/testdata/tricky-bank.yaml"))} {
		rng := rand.New(rand.NewPCG(3, 4))
		s := assessment.NewScorer(b)
		for i := range 400 {
			r := s.Score(randomAnswers(b, rng), assessment.Options{Now: now})
			p := *r.LevelProbability
			if !(p >= 0 && p <= 1) {
				t.Fatalf("%s #%d: level probability %v", b.ID, i, p)
			}
			prev := 1.0
			lvl := -1
			for k, tr := range r.Tiers {
				q := *tr.Probability
				if q < 0 || q > prev {
					t.Fatalf("%s #%d: tier %s probability %v after %v", b.ID, i, tr.ID, q, prev)
				}
				if tr.Met {
					lvl = k
				}
				if !tr.Met && len(tr.Blocking) == 0 && len(b.Tiers[k].Expectations) > 0 {
					t.Fatalf("%s #%d: tier %s not met, blocked by nothing", b.ID, i, tr.ID)
				}
				prev = q
			}
			if levelID(r.Level) != tierAt(b, lvl) {
				t.Fatalf("%s #%d: level %q, tiers met up to %q", b.ID, i, levelID(r.Level), tierAt(b, lvl))
			}
			chances, ok := assessment.LevelChances(r)
			sum := 0.0
			for _, c := range chances {
				sum += c
			}
			if !ok || math.Abs(sum-1) > 1e-9 || math.Abs(chances[lvl+1]-p) > 0.011 {
				t.Fatalf("%s #%d: level chances %v (sum %v) for level %d with probability %v", b.ID, i, chances, sum, lvl, p)
			}
			data, _ := json.Marshal(r)
			if _, err := assessment.DecodeResult(data); err != nil {
				t.Fatalf("%s #%d: %v", b.ID, i, err)
			}
		}
	}
}

func tierAt(b *questions.Bank, i int) string {
	if i < 0 {
		return ""
	}
	return b.Tiers[i].ID
}

// TestInsufficientDimensionBlocks: a dimension without a score cannot
// meet its bar, whatever the others say.
func TestInsufficientDimensionBlocks(t *testing.T) {
	b := mostProbable(questionstest.Load(t, "testdata/small.yaml"))
	raw := map[string]any{"a1": 5, "a2": 5, "a3": 1, "a4": "yes", "b1": "x", "b2": []any{"p", "q", "r"}, "b3": 10, "g1": "na", "g2": 5}
	r := score(t, b, "", "", raw)
	if levelID(r.Level) != "low" || *r.Tiers[1].Probability != 0 || fmt.Sprint(r.Tiers[1].Blocking) != "[gamma]" {
		t.Errorf("level %q, mid probability %s blocked by %v; want low, 0, [gamma]", levelID(r.Level), num(r.Tiers[1].Probability), r.Tiers[1].Blocking)
	}
}
