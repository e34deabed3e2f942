package assessment

import (
	"encoding/json"
	"math"
	"strings"
	"testing"
	"time"

	"github.com/digilead/digilead/questions"
	"github.com/digilead/digilead/questions/questionstest"
)

func TestSEM(t *testing.T) {
	tests := []struct {
		rel, sd float64
		want    float64
		ok      bool
	}{
		{0.84, 15, 6, true},         // 15 * sqrt(0.16)
		{0.75, 20, 10, true},        // 20 * sqrt(0.25)
		{1, 12, 0, true},            // perfectly reliable
		{0.84, 0, 0, false},         // no score_sd
		{0, 15, 0, false},           // no reliability
		{0.91, 10, 3.0000000, true}, // 10 * sqrt(0.09)
		{0.5, 8, 8 / math.Sqrt2, true},
	}
	for _, tt := range tests {
		got, ok := SEM(&questions.Dimension{Reliability: tt.rel, ScoreSD: tt.sd})
		if ok != tt.ok || math.Abs(got-tt.want) > 1e-9 {
			t.Errorf("SEM(reliability %v, score_sd %v) = %v, %v; want %v, %v", tt.rel, tt.sd, got, ok, tt.want, tt.ok)
		}
	}
}

// Dimension a has reliability 0.84 and score_sd 15: SEM 6, so gaps below
// 11.76 points are within measurement error. The target expects 60.
func TestGapWithinError(t *testing.T) {
	b := questionstest.Parse(t, "quality.yaml", qualityBank)
	tests := []struct {
		answers string
		scoreA  float64
		within  bool
	}{
		{"a1=4 a2=4 a3=4 a4=2", 75, false},    // met: gap 0
		{"a1=3 a2=4 a3=4 a4=2", 68.75, false}, // met
		{"a1=3 a2=3 a3=4 a4=3", 56.25, true},  // gap 3.75 < 11.76
		{"a1=3 a2=3 a3=3 a4=3", 50, true},     // gap 10 < 11.76
		{"a1=3 a2=3 a3=3 a4=4", 43.75, false}, // gap 16.25 >= 11.76
		{"a1=1 a2=1 a3=1 a4=5", 0, false},     // gap 60
	}
	for _, tt := range tests {
		r := Score(b, &questions.Answers{Values: answersOf(t, b, tt.answers+" b1=3 b2=3 b3=3 b4=3")}, Options{Now: time.Unix(0, 0)})
		ga, gb := gapOf(r, "a"), gapOf(r, "b")
		if ga.Score == nil || *ga.Score != tt.scoreA {
			t.Fatalf("%s: score of a = %v, want %v", tt.answers, ga.Score, tt.scoreA)
		}
		if ga.WithinError != tt.within {
			t.Errorf("%s: gap %v within_error = %v, want %v", tt.answers, ga.Gap, ga.WithinError, tt.within)
		}
		if gb.WithinError {
			t.Errorf("%s: dimension b has no reliability but its gap is within_error", tt.answers)
		}
		if d := r.Dimensions[0]; d.SEM == nil || *d.SEM != 6 {
			t.Errorf("%s: sem of a = %v, want 6", tt.answers, d.SEM)
		}
		if d := r.Dimensions[1]; d.SEM != nil {
			t.Errorf("%s: sem of b = %v, want none (no reliability in the bank)", tt.answers, *d.SEM)
		}
	}
}

func TestReliabilityInResultJSON(t *testing.T) {
	b := questionstest.Parse(t, "quality.yaml", qualityBank)
	r := Score(b, &questions.Answers{Values: answersOf(t, b, "a1=3 a2=3 a3=3 a4=3 b1=1 b2=1 b3=5")}, Options{Now: time.Unix(0, 0)})
	data, err := json.Marshal(r)
	if err != nil {
		t.Fatal(err)
	}
	s := string(data)
	for _, want := range []string{`"sem":6`, `"within_error":true`} {
		if !strings.Contains(s, want) {
			t.Errorf("result JSON lacks %s:\n%s", want, s)
		}
	}
	if strings.Count(s, `"sem"`) != 1 || strings.Count(s, `"within_error"`) != 1 {
		t.Errorf("sem and within_error should appear once (only dimension a has reliability):\n%s", s)
	}
	back, err := DecodeResult(data)
	if err != nil {
		t.Fatal(err)
	}
	if g := gapOf(back, "a"); !g.WithinError {
		t.Errorf("within_error lost in a JSON round trip")
	}
}

func TestNoReliabilityNoChange(t *testing.T) {
	b := questionstest.Parse(t, "quality.yaml", qualityBank)
	b.Dimensions[0].Reliability, b.Dimensions[0].ScoreSD = 0, 0
	r := Score(b, &questions.Answers{Values: answersOf(t, b, "a1=3 a2=3 a3=3 a4=3")}, Options{Now: time.Unix(0, 0)})
	if d := r.Dimensions[0]; d.SEM != nil || gapOf(r, "a").WithinError {
		t.Errorf("without reliability: sem %v, within_error %v; want neither", d.SEM, gapOf(r, "a").WithinError)
	}
}

func gapOf(r *Result, dim string) Gap {
	for _, g := range r.Gaps {
		if g.Dimension == dim {
			return g
		}
	}
	return Gap{}
}
