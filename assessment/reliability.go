package assessment

import (
	"math"

	"github.com/digilead/digilead/questions"
)

// Z95 is the two-sided 95% normal quantile: a gap smaller than Z95 x SEM
// cannot be told from measurement error.
const Z95 = 1.96

// SEM returns the standard error of measurement of a dimension's score on
// the 0-100 scale, ScoreSD x sqrt(1 - Reliability). ok is false when the
// bank does not record both figures for the dimension.
func SEM(d *questions.Dimension) (sem float64, ok bool) {
	if d.Reliability <= 0 || d.Reliability > 1 || d.ScoreSD <= 0 {
		return 0, false
	}
	return d.ScoreSD * math.Sqrt(1-d.Reliability), true
}

// applyReliability sets the SEM of every scored dimension whose bank entry
// records its reliability, and marks the gaps smaller than Z95 x SEM as
// within measurement error. Without reliability figures nothing changes.
func applyReliability(b *questions.Bank, r *Result) {
	sems := map[string]float64{}
	for i := range r.Dimensions {
		ds := &r.Dimensions[i]
		d, ok := b.Dimension(ds.ID)
		if !ok || ds.Score == nil {
			continue
		}
		if sem, ok := SEM(d); ok {
			sems[ds.ID] = sem
			s := round2(sem)
			ds.SEM = &s
		}
	}
	for i := range r.Gaps {
		g := &r.Gaps[i]
		if sem, ok := sems[g.Dimension]; ok && g.Score != nil {
			g.WithinError = clean(g.Gap) > 0 && clean(g.Gap) < clean(Z95*sem)
		}
	}
}
