package assessment_test

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/digilead/digilead/assessment"
	"github.com/digilead/digilead/questions/errtext"
	"github.com/digilead/digilead/questions/questionstest"
)

// TestResultsThatCannotBeAreRefused edits a scored result as someone could
// edit a file, and checks DecodeResult refuses it naming the field.
func TestResultsThatCannotBeAreRefused(t *testing.T) {
	b, answers := questionstest.Example(t)
	good := func() *assessment.Result {
		return assessment.Score(b, answers, assessment.Options{Now: now})
	}
	tests := []editCase{
		{"a score over 100", func(r *assessment.Result) { r.Dimensions[0].Score = new(150.0) }, "].score is 150; a score is 0 to 100"},
		{"a score of 1e308", func(r *assessment.Result) { r.Dimensions[0].Score = new(1e308) }, "a score is 0 to 100"},
		{"a negative readiness", func(r *assessment.Result) { r.Tiers[1].Readiness = -5 }, "tiers[operational].readiness is -5"},
		{"coverage over 1", func(r *assessment.Result) { r.Dimensions[2].Coverage = 2 }, "coverage is 0 to 1"},
		{"a score without its status", func(r *assessment.Result) { r.Dimensions[0].Score = nil }, "score is null but the dimension is not insufficient"},
		{"a score edited without its gap", func(r *assessment.Result) {
			d := r.Gaps[0].Dimension
			for i := range r.Dimensions {
				if r.Dimensions[i].ID == d {
					r.Dimensions[i].Score = new(*r.Dimensions[i].Score + 5)
				}
			}
		}, "but dimensions["},
		{"a gap edited alone", func(r *assessment.Result) {
			r.Gaps[0].Gap += 7
			r.Gaps[0].Severity = assessment.Severity(r.Gaps[0].Gap)
		}, "the result was changed after scoring"},
		{"a severity that does not fit", func(r *assessment.Result) { r.Gaps[0].Severity = "large"; r.Gaps[0].Gap = 0; r.Gaps[0].Expected = 0 }, "severity is \"large\""},
		{"a level above the tiers met", func(r *assessment.Result) { r.Level = &assessment.TierRef{ID: "strategic", Name: "x", Rank: 3} }, "level is \"strategic\" but the tiers met make it"},
		{"a tier met above an unmet one", func(r *assessment.Result) { r.Tiers[2].Met, r.Level = true, &assessment.TierRef{ID: "strategic"} }, "level is \"strategic\""},
	}
	refusedEdits(t, good, tests)
}

// TestProbableResultsThatCannotBeAreRefused: the same for the figures of
// the most-probable rule.
func TestProbableResultsThatCannotBeAreRefused(t *testing.T) {
	b, answers := questionstest.Example(t)
	b = mostProbable(b)
	good := func() *assessment.Result {
		return assessment.Score(b, answers, assessment.Options{Now: now})
	}
	tests := []editCase{
		{"a level probability over 1", func(r *assessment.Result) { r.LevelProbability = new(1.5) }, "level_probability is 1.5; a probability is 0 to 1"},
		{"a negative tier probability", func(r *assessment.Result) { r.Tiers[0].Probability = new(-0.1) }, "tiers[frontline].probability is -0.1"},
		{"an estimate over 100", func(r *assessment.Result) { r.Dimensions[0].Estimate = new(101.0) }, "].estimate is 101"},
		{"a negative standard error", func(r *assessment.Result) { r.Dimensions[0].SE = new(-1.0) }, "].se is -1"},
		{"probabilities rising with rank", func(r *assessment.Result) { r.Tiers[0].Probability, r.Tiers[1].Probability = new(0.2), new(0.9) }, "cannot rise with rank"},
		{"a tier met above the level", func(r *assessment.Result) {
			top := len(r.Tiers) - 1
			r.Tiers[top].Met = true
			r.Tiers[top-1].Met = false
			r.Level = &assessment.TierRef{ID: r.Tiers[top-2].ID}
			for i := range r.Tiers[:top-1] {
				r.Tiers[i].Met = true
			}
		}, "under the most-probable rule the tiers met are the level and those below it"},
		{"a level probability edited alone", func(r *assessment.Result) { r.LevelProbability = new(*r.LevelProbability / 2) }, "the result was changed after scoring"},
		{"a level that is not the most probable", func(r *assessment.Result) {
			// P(frontline) = 0.9 - 0.85, P(operational) = 0.85 - 0.1.
			for i := range r.Tiers {
				r.Tiers[i].Met = i == 0
			}
			r.Tiers[0].Probability, r.Tiers[1].Probability, r.Tiers[2].Probability = new(0.9), new(0.85), new(0.1)
			r.Level, r.LevelProbability = &assessment.TierRef{ID: r.Tiers[0].ID}, new(0.05)
		}, "is more probable"},
	}
	refusedEdits(t, good, tests)
}

// TestVerifyScoresFollowFromAnswers: a score edited together with its gap
// is consistent, but the answers it carries give it away.
func TestVerifyScoresFollowFromAnswers(t *testing.T) {
	b, answers := questionstest.Example(t)
	r := assessment.Score(b, answers, assessment.Options{Now: now})
	if err := assessment.Verify(b, r); err != nil {
		t.Fatalf("a scored result: %v", err)
	}
	d := &r.Dimensions[3]
	*d.Score = 99
	if err := assessment.Verify(b, r); err == nil || !strings.Contains(err.Error(), "dimensions["+d.ID+"].score is 99, but the answers give") {
		t.Errorf("edited score: %v", err)
	}
	other := *b
	other.Digest = "sha256:other"
	if err := assessment.Verify(&other, r); err != nil {
		t.Errorf("another bank cannot tell: %v", err)
	}
}

func encode(t *testing.T, r *assessment.Result) []byte {
	t.Helper()
	data, err := json.Marshal(r)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// editCase is an edit of a scored result and what refusing it must say.
type editCase struct {
	name string
	edit func(r *assessment.Result)
	want string
}

// refusedEdits checks that DecodeResult refuses each edit of a good
// result, naming what is wrong, and accepts the good result.
func refusedEdits(t *testing.T, good func() *assessment.Result, tests []editCase) {
	t.Helper()
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := good()
			tc.edit(r)
			_, err := assessment.DecodeResult(encode(t, r))
			if err == nil || !errors.Is(err, errtext.ErrInvalid) || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("got %v, want %q", err, tc.want)
			}
		})
	}
	if _, err := assessment.DecodeResult(encode(t, good())); err != nil {
		t.Errorf("a scored result is refused: %v", err)
	}
}
