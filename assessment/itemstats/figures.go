package itemstats

import (
	"fmt"
	"math"

	"github.com/digilead/digilead/questions"
)

// Figures picks the dimensions whose reliability and score SD are fit to
// record in the bank (`bank stats --write`), rounded as recorded, and
// says why each other dimension is not.
func (r *Report) Figures() (map[string]questions.Figures, []string) {
	figs := map[string]questions.Figures{}
	var skipped []string
	for _, d := range r.Dimensions {
		switch {
		case d.N < MinAnswers:
			skipped = append(skipped, fmt.Sprintf("%s: only %d complete answer sets (%d needed)", d.ID, d.N, MinAnswers))
		case d.Alpha == nil || d.ScoreSD == nil || *d.ScoreSD <= 0:
			skipped = append(skipped, fmt.Sprintf("%s: alpha cannot be computed", d.ID))
		case math.Round(*d.Alpha*1000) <= 0:
			skipped = append(skipped, fmt.Sprintf("%s: alpha %.2f is not a usable reliability; fix the questions first", d.ID, *d.Alpha))
		default:
			figs[d.ID] = questions.Figures{Reliability: math.Round(*d.Alpha*1000) / 1000, ScoreSD: math.Round(*d.ScoreSD*100) / 100}
		}
	}
	return figs, skipped
}
