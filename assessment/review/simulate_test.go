package review

import (
	"context"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/digilead/digilead/questions"
)

// TestStraightAnswers pins what a straight-liner answers on each question
// type at the bottom, the middle and the top of the scale.
func TestStraightAnswers(t *testing.T) {
	b := load(t, v1)
	r := newResponder(b)
	for _, tc := range []struct {
		pos float64
		// likert point (relative), yes/no, choice index, multi ticked
		likert float64
		yes    bool
		choice func(n int) int
		ticked func(n int) int
	}{
		{0, 0, false, func(int) int { return 0 }, func(int) int { return 0 }},
		{0.5, 0.5, true, func(n int) int { return n / 2 }, func(n int) int { return (n + 1) / 2 }}, // halves round up
		{1, 1, true, func(n int) int { return n - 1 }, func(n int) int { return n }},
	} {
		r.straightAnswers(tc.pos)
		for i := range b.Questions {
			q := &b.Questions[i]
			v := r.values[q.ID]
			switch q.Type {
			case questions.Likert:
				if want := q.Scale.Min + int(tc.likert*float64(q.Scale.Max-q.Scale.Min)); v.Kind != questions.Number || v.Num != want {
					t.Errorf("pos %g: %s = %+v, want %d", tc.pos, q.ID, v, want)
				}
			case questions.YesNo:
				if v.Kind != questions.Boolean || v.Bool != tc.yes {
					t.Errorf("pos %g: %s = %+v, want %v", tc.pos, q.ID, v, tc.yes)
				}
			case questions.Choice:
				if want := q.Options[tc.choice(len(q.Options))].ID; v.Kind != questions.Pick || v.Opt != want {
					t.Errorf("pos %g: %s = %+v, want %s", tc.pos, q.ID, v, want)
				}
			case questions.Multi:
				var want []string
				for _, o := range q.Options[:tc.ticked(len(q.Options))] {
					want = append(want, o.ID)
				}
				if v.Kind != questions.Picks || !slices.Equal(v.Opts, want) && len(want)+len(v.Opts) > 0 {
					t.Errorf("pos %g: %s = %+v, want %v", tc.pos, q.ID, v, want)
				}
			}
		}
	}
}

// answerCounts tallies, over n seeded respondents, what each question type
// was answered with: likert points by relative position (0..4 on 1..5),
// yes answers, choice positions and ticked options.
type answerCounts struct {
	likert        map[int]int
	likertN, yesN int
	yes           int
	choice        map[int]int
	ticked, boxes int
}

func count(t *testing.T, b *questions.Bank, answer func(r *responder, rng *rand.Rand)) answerCounts {
	t.Helper()
	r := newResponder(b)
	c := answerCounts{likert: map[int]int{}, choice: map[int]int{}}
	rng := rand.New(rand.NewPCG(1, 2))
	for range 400 {
		answer(r, rng)
		for i := range b.Questions {
			q := &b.Questions[i]
			v := r.values[q.ID]
			if !v.Answered() {
				t.Fatalf("%s left unanswered or N/A: %+v", q.ID, v)
			}
			switch q.Type {
			case questions.Likert:
				c.likert[v.Num-q.Scale.Min]++
				c.likertN++
			case questions.YesNo:
				c.yesN++
				if v.Bool {
					c.yes++
				}
			case questions.Choice:
				c.choice[slices.IndexFunc(q.Options, func(o questions.Option) bool { return o.ID == v.Opt })]++
			case questions.Multi:
				c.ticked += len(v.Opts)
				c.boxes += len(q.Options)
			}
		}
	}
	return c
}

func TestRandomAndAcquiescentAnswers(t *testing.T) {
	b := load(t, v1) // every likert question is on a 1..5 scale
	random := count(t, b, (*responder).randomAnswers)
	for p := 0; p < 5; p++ {
		if share := float64(random.likert[p]) / float64(random.likertN); share < 0.17 || share > 0.23 {
			t.Errorf("random: likert point %d given %.3f of the time, want about 1/5", p+1, share)
		}
	}
	if share := float64(random.yes) / float64(random.yesN); share < 0.45 || share > 0.55 {
		t.Errorf("random: yes %.3f of the time, want about 1/2", share)
	}
	if share := float64(random.ticked) / float64(random.boxes); share < 0.47 || share > 0.53 {
		t.Errorf("random: %.3f of checklist options ticked, want about 1/2", share)
	}
	if len(random.choice) != 4 {
		t.Errorf("random: choice positions %v, want all four", random.choice)
	}

	acq := count(t, b, (*responder).acquiescentAnswers)
	if acq.likert[3] == 0 || acq.likert[4] == 0 || acq.likert[3]+acq.likert[4] != acq.likertN {
		t.Errorf("acquiescent: likert points %v, want only 4 and 5, both", acq.likert)
	}
	if acq.yes != acq.yesN {
		t.Errorf("acquiescent: yes %d of %d times, want always", acq.yes, acq.yesN)
	}
	if share := float64(acq.ticked) / float64(acq.boxes); share < 0.72 || share > 0.78 {
		t.Errorf("acquiescent: %.3f of checklist options ticked, want about 3/4", share)
	}
	if len(acq.choice) != 4 {
		t.Errorf("acquiescent: choice positions %v, want all four", acq.choice)
	}
}

// TestCueStrategiesDifferOnlyInChoices: without choice questions, picking
// the longest or the first option is answering at random, respondent for
// respondent.
func TestCueStrategiesDifferOnlyInChoices(t *testing.T) {
	b := bank(t, "en", `  - {id: q1, dimension: d, text: "I do one thing."}
  - {id: q2, dimension: d, text: "I do another thing."}
  - {id: q3, dimension: d, text: "I skip a thing.", reverse: true}
  - {id: q4, dimension: d, type: yesno, text: "Have you done it?"}
  - id: q5
    dimension: d
    type: multi
    text: "Which have you done?"
    options:
      - {id: a, label: "A short one", score: 0.5}
      - {id: b, label: "A much longer option than that", score: 0.5}
`)
	sim, fs, _ := simulate(context.Background(), b, Options{Seed: 3, Respondents: 500})
	random := sim.Strategies[0]
	for _, s := range sim.Strategies[1:3] {
		s.ID, s.Description = random.ID, random.Description
		if !slices.EqualFunc([]Strategy{s}, []Strategy{random}, strategyEqual) {
			t.Errorf("%+v differs from random %+v", s, random)
		}
	}
	for _, f := range fs {
		if f.Check == CheckCueBeatsRandom {
			t.Errorf("a cue finding without choice questions: %+v", f)
		}
	}
}

func strategyEqual(a, b Strategy) bool {
	return a.ID == b.ID && a.NoTier == b.NoTier && a.MeanReadiness == b.MeanReadiness && a.ReadinessSD == b.ReadinessSD && slices.Equal(a.Levels, b.Levels)
}

func BenchmarkReview(b *testing.B) {
	bank, err := questions.Load(v1)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		Review(bank, Options{Seed: 1})
	}
}

// BenchmarkChecks is the review without the simulation's scoring: the
// static checks alone.
func BenchmarkChecks(b *testing.B) {
	bank, err := questions.Load(v1)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		cues(bank)
		keying(bank)
		tiers(bank)
		wording(context.Background(), bank, reading(context.Background(), bank))
	}
}

// TestLongChecklists: a checklist of more options than a mask has bits is
// still answered over all its options.
func TestLongChecklists(t *testing.T) {
	var opts strings.Builder
	for k := range 70 {
		fmt.Fprintf(&opts, "      - {id: o%d, label: \"Option %d\", score: 0.1}\n", k, k)
	}
	b := bank(t, "en", "  - {id: q1, dimension: d, text: \"I do one thing.\"}\n  - id: many\n    dimension: d\n    type: multi\n    text: \"Which have you done?\"\n    options:\n"+opts.String())
	r := newResponder(b)
	r.straightAnswers(1)
	if n := len(r.values["many"].Opts); n != 70 {
		t.Errorf("straight at the top ticks %d of 70 options", n)
	}
	r.straightAnswers(0.5)
	if got := r.values["many"].Opts; len(got) != 35 || got[34] != "o34" {
		t.Errorf("straight in the middle ticks %v", got)
	}
	rng := rand.New(rand.NewPCG(1, 1))
	for _, tc := range []struct {
		draws    int
		lo, high int
	}{{1, 25, 45}, {2, 42, 62}} {
		v := r.tickRandom(1, rng, tc.draws)
		if n := len(v.Opts); n < tc.lo || n > tc.high || !slices.ContainsFunc(v.Opts, func(id string) bool { return id >= "o64" && len(id) == 3 }) {
			t.Errorf("%d draw(s): %d of 70 ticked (%v)", tc.draws, n, v.Opts)
		}
	}
}
