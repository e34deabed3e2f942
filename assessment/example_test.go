package assessment_test

import (
	"fmt"
	"os"

	"github.com/digilead/digilead/assessment"
	"github.com/digilead/digilead/questions"
)

// The worked example of docs/scoring.md.
func Example() {
	data, _ := os.ReadFile("testdata/small.yaml")
	b, _ := questions.Parse(questions.File{Name: "small.yaml", Data: data})
	a, _ := b.CheckAnswers(questions.RawAnswers{Answers: map[string]any{
		"a1": 5, "a2": 3, "a3": 2, "a4": "yes",
		"b1": "y", "b2": []any{"p", "q", "r"}, "b3": 5,
		"g1": "na", "g2": 3,
	}})
	r := assessment.Score(b, a, assessment.Options{})
	for _, d := range r.Dimensions {
		if d.Score == nil {
			fmt.Printf("%s: %s (coverage %v)\n", d.ID, d.Status, d.Coverage)
			continue
		}
		fmt.Printf("%s: %v\n", d.ID, *d.Score)
	}
	for _, t := range r.Tiers {
		fmt.Printf("%s: met=%v readiness=%v\n", t.ID, t.Met, t.Readiness)
	}
	fmt.Println("level:", r.Level.ID, "target:", r.Target.ID)
	// Output:
	// alpha: 85
	// beta: 66.67
	// gamma: insufficient (coverage 0.33)
	// low: met=true readiness=100
	// mid: met=false readiness=75
	// top: met=false readiness=73.81
	// level: low target: mid
}
