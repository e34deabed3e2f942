package assessment_test

import (
	"slices"
	"testing"
	"time"

	"github.com/digilead/digilead/assessment"
	"github.com/digilead/digilead/questions"
	"github.com/digilead/digilead/questions/questionstest"
)

// TestPersonas scores the four persona answer files of
// docs/examples/personas with the built-in bank. Each was written from a
// description of the person (the comment at its top) before it was
// scored, and must reach the tier that description implies; the tiers
// that stop them from going higher are the ones the description says
// they do not yet work at.
func TestPersonas(t *testing.T) {
	b := questions.Default()
	tests := []struct {
		file  string
		level string
		// blocking: the dimensions keeping the next tier up from being met
		// (nil at the top tier).
		blocking []string
	}{
		{"frontline-caseworker.yaml", "frontline", []string{"collaboration", "agile-delivery", "data-informed-decisions"}},
		// Bank 3.0.0 asks about value and openness at the person's own scope,
		// so Tom now meets resources-value and trust-transparency; his
		// technology buying and AI still keep him from the strategic tier.
		{"team-manager.yaml", "operational", []string{"technology-commercial", "responsible-ai"}},
		{"head-of-digital.yaml", "strategic", nil},
		{"chief-executive-new-to-digital.yaml", "operational", []string{"digital-vision", "technology-commercial", "data-governance", "responsible-ai"}},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			r := assessment.Score(b, questionstest.Answers(t, b, "../docs/examples/personas/"+tt.file), assessment.Options{Now: time.Unix(1700000000, 0)})
			if r.Level == nil || r.Level.ID != tt.level {
				t.Fatalf("level %v, want %s", r.Level, tt.level)
			}
			for _, d := range r.Dimensions {
				if d.Score == nil {
					t.Errorf("%s has no score: every persona answers enough of every dimension", d.ID)
				}
			}
			next := slices.IndexFunc(r.Tiers, func(tr assessment.TierResult) bool { return tr.ID == tt.level }) + 1
			if next == len(r.Tiers) {
				if tt.blocking != nil {
					t.Fatalf("%s is the top tier; nothing can block the next", tt.level)
				}
				return
			}
			if got := r.Tiers[next].Blocking; !slices.Equal(got, tt.blocking) {
				t.Errorf("%s is blocked by %v, want %v", r.Tiers[next].ID, got, tt.blocking)
			}
		})
	}
}
