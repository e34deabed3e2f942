package calibratetest

import (
	"reflect"
	"slices"
	"testing"

	"github.com/digilead/digilead/assessment"
	"github.com/digilead/digilead/questions"
)

func TestLattice(t *testing.T) {
	b, err := questions.Load("../../../docs/examples/calibration/bank.yaml")
	if err != nil {
		t.Fatal(err)
	}
	steps := func(from, to, step float64, skip ...float64) []float64 {
		var out []float64
		for x := from; x <= to; x += step {
			if !slices.Contains(skip, x) {
				out = append(out, x)
			}
		}
		return out
	}
	for dim, want := range map[string][]float64{
		"plan":   steps(0, 100, 2),
		"data":   steps(0, 100, 5),
		"people": steps(0, 100, 6.25),
		// 4 x (0..5)/5 and a multi worth 0, 0.5 or 1, over weight 5:
		// 4k + 10j, k = 0..20, j = 0..2.
		"risk": steps(0, 100, 2, 2, 6, 94, 98),
	} {
		lat := Lattice(b, dim)
		got := make([]float64, len(lat))
		scorer := assessment.NewScorer(b)
		for i, p := range lat {
			got[i] = p.Score
			a, err := b.CheckAnswers(questions.RawAnswers{Answers: p.Answers})
			if err != nil {
				t.Fatal(err)
			}
			if s := scorer.Score(a, assessment.Options{}).Dimensions[b.DimensionIndex(dim)].Score; s == nil || *s != p.Score {
				t.Errorf("%s: the answers of %v score %v", dim, p.Score, s)
			}
		}
		if !slices.Equal(got, want) {
			t.Errorf("%s: lattice %v\nwant %v", dim, got, want)
		}
	}
}

func TestPilot(t *testing.T) {
	b, err := questions.Load("../../../docs/examples/calibration/bank.yaml")
	if err != nil {
		t.Fatal(err)
	}
	spec := Spec{People: map[string]int{"frontline": 3, "strategic": 2}, WithoutRole: 1, SD: 5, Seed: 4}
	pilot := Pilot(b, spec)
	var roles []string
	for _, raw := range pilot {
		roles = append(roles, raw.Respondent.Role)
		if _, err := b.CheckAnswers(raw); err != nil {
			t.Errorf("%s: %v", raw.Respondent.ID, err)
		}
		if len(raw.Answers) != len(b.Questions) {
			t.Errorf("%s answers %d of %d questions", raw.Respondent.ID, len(raw.Answers), len(b.Questions))
		}
	}
	if want := []string{"frontline", "frontline", "frontline", "strategic", "strategic", ""}; !slices.Equal(roles, want) {
		t.Errorf("roles %q, want %q", roles, want)
	}
	if again := Pilot(b, spec); !reflect.DeepEqual(pilot, again) {
		t.Error("the same seed gives another pilot")
	}
}
