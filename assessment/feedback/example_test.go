package feedback_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/digilead/digilead/assessment/feedback"
)

// The peers' figure (4) beside everyone else's (6 besides the manager)
// would give away the two direct reports by difference, so it is
// withheld; the direct reports are too few to show alone.
func ExampleBuilder_Report() {
	t := &testing.T{}
	b := testBank(t)
	bd := feedback.NewBuilder(b, feedback.Options{MinGroup: 3})
	docs := append(many(b, feedback.Manager, 1, 4, 0), many(b, feedback.Peer, 4, 3, 10)...)
	docs = append(docs, many(b, feedback.DirectReport, 2, 2, 20)...)
	for i, d := range docs {
		bd.Add(d, fmt.Sprint(i))
	}
	r, _ := bd.Report(selfResult(t, b, 5))
	for _, g := range r.Groups {
		fmt.Printf("shown: %s (%d), alpha %v\n", strings.Join(g.Roles, "+"), g.N, g.Dimensions["alpha"])
	}
	for _, w := range r.Withheld {
		fmt.Printf("withheld: %s (%d): %s\n", strings.Join(w.Roles, "+"), w.N, w.Reason)
	}
	a := r.Dimensions[0]
	fmt.Printf("alpha: self %v, others %v (%d), gap %v, %s\n", *a.Self, *a.Others, a.OthersN, *a.Gap, a.Flag)
	// Output:
	// shown: manager (1), alpha 75
	// shown: manager+peer+report (7), alpha 46.43
	// withheld: report (2): too_few
	// withheld: peer (4): difference
	// alpha: self 100, others 46.43 (7), gap 53.57, blind_spot
}
