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
	tests := []struct {
		name string
		edit func(r *assessment.Result)
		want string
	}{
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
