// Command gen writes the inputs of bench/run:
//
//	gen answers [-n N] [-seed S]   N answer sets for the default bank, as JSON Lines
//	gen bank [-questions N]        a valid bank of N questions, as YAML
//
// Output is deterministic for a given seed.
package main

import (
	"bufio"
	"encoding/json"
	"flag"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"strings"

	"github.com/digilead/digilead/questions"
)

func main() {
	if len(os.Args) < 2 {
		usage()
	}
	fs := flag.NewFlagSet(os.Args[1], flag.ExitOnError)
	n := fs.Int("n", 100000, "number of answer sets")
	seed := fs.Uint64("seed", 1, "random seed")
	nq := fs.Int("questions", 5000, "number of questions in the bank")
	fs.Parse(os.Args[2:])
	w := bufio.NewWriterSize(os.Stdout, 1<<16)
	var err error
	switch os.Args[1] {
	case "answers":
		err = answers(w, *n, *seed)
	case "bank":
		err = bank(w, *nq)
	default:
		usage()
	}
	if err == nil {
		err = w.Flush()
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
}

func usage() {
	fmt.Fprintln(os.Stderr, "usage: gen answers [-n N] [-seed S] | gen bank [-questions N]")
	os.Exit(2)
}

// answerSet is one line of `digilead score` input.
type answerSet struct {
	Respondent questions.Respondent `json:"respondent"`
	Answers    map[string]any       `json:"answers"`
}

// answers writes n answer sets for the default bank. Each person has an
// overall ability and a leaning per dimension; answers follow them with
// noise, a few are "na" (where offered) or left out.
func answers(w *bufio.Writer, n int, seed uint64) error {
	b, err := questions.Default()
	if err != nil {
		return err
	}
	rng := rand.New(rand.NewPCG(seed, 0x5eed))
	enc := json.NewEncoder(w)
	roles := b.TierIDs()
	for i := 0; i < n; i++ {
		set := answerSet{
			Respondent: questions.Respondent{ID: fmt.Sprintf("p%06d", i+1), Role: roles[rng.IntN(len(roles))]},
			Answers:    make(map[string]any, len(b.Questions)),
		}
		ability := clamp(0.55 + 0.15*rng.NormFloat64())
		lean := map[string]float64{}
		for _, d := range b.Dimensions {
			lean[d.ID] = 0.1 * rng.NormFloat64()
		}
		for qi := range b.Questions {
			q := &b.Questions[qi]
			switch r := rng.Float64(); {
			case r < 0.02:
				continue
			case r < 0.06 && q.AllowNA:
				set.Answers[q.ID] = "na"
				continue
			}
			x := clamp(ability + lean[q.Dimension] + 0.15*rng.NormFloat64())
			set.Answers[q.ID] = value(rng, q, x)
		}
		if err := enc.Encode(set); err != nil {
			return err
		}
	}
	return nil
}

// value is an answer to q from a person at x in [0, 1].
func value(rng *rand.Rand, q *questions.Question, x float64) any {
	switch q.Type {
	case questions.Likert:
		if q.Reverse {
			x = 1 - x
		}
		return q.Scale.Min + int(math.Round(x*float64(q.Scale.Max-q.Scale.Min)))
	case questions.YesNo:
		yes := rng.Float64() < x
		if q.Reverse {
			yes = !yes
		}
		return yes
	case questions.Choice:
		best, bestD := q.Options[0].ID, math.Inf(1)
		for _, o := range q.Options {
			if d := math.Abs(o.Score - x + 0.1*rng.NormFloat64()); d < bestD {
				best, bestD = o.ID, d
			}
		}
		return best
	default: // multi; an option worth nothing ("none of these") only alone
		picks := []string{}
		none := ""
		for _, o := range q.Options {
			switch {
			case o.Score == 0:
				none = o.ID
			case rng.Float64() < x:
				picks = append(picks, o.ID)
			}
		}
		if len(picks) == 0 && none != "" {
			picks = append(picks, none)
		}
		return picks
	}
}

func clamp(x float64) float64 { return math.Max(0, math.Min(1, x)) }

// bank writes a valid bank of nq questions over 25 dimensions, shaped like
// the default bank: mostly likert, some choice, multi and yes/no, with
// help texts, actions and three tiers.
func bank(w *bufio.Writer, nq int) error {
	const dims = 25
	if nq < dims || nq > questions.MaxQuestions {
		return fmt.Errorf("-questions must be from %d (one per dimension) to %d", dims, questions.MaxQuestions)
	}
	words := strings.Fields("how often do you use data from service users to decide what your team changes next and explain the reasons to colleagues in plain language when plans meet resistance")
	text := func(i, n int) string {
		var sb strings.Builder
		for j := 0; j < n; j++ {
			if j > 0 {
				sb.WriteByte(' ')
			}
			sb.WriteString(words[(i*7+j*3)%len(words)])
		}
		return sb.String()
	}
	fmt.Fprintf(w, "schema: %s\nid: bench-%d\ntitle: \"Generated bank of %d questions\"\nversion: \"1.0.0\"\n", questions.Schema, nq, nq)
	fmt.Fprintf(w, "description: %q\nlanguage: en\nmin_coverage: 0.5\n", text(1, 40))
	fmt.Fprintf(w, "scale:\n  min: 1\n  max: 5\n  labels: [\"Never\", \"Rarely\", \"Sometimes\", \"Often\", \"Always\"]\n")
	fmt.Fprintf(w, "not_applicable: \"Not applicable to my role\"\n\ntiers:\n")
	for t, id := range []string{"frontline", "operational", "strategic"} {
		fmt.Fprintf(w, "  - id: %s\n    name: %q\n    rank: %d\n    description: %q\n    challenges:\n      - %q\n      - %q\n    expectations:\n",
			id, strings.ToUpper(id[:1])+id[1:], t+1, text(t, 25), text(t+1, 12), text(t+2, 14))
		for d := 0; d < dims; d++ {
			fmt.Fprintf(w, "      dim-%02d: %d\n", d, 40+10*t+d%5)
		}
	}
	fmt.Fprintf(w, "\ndimensions:\n")
	for d := 0; d < dims; d++ {
		fmt.Fprintf(w, "  - id: dim-%02d\n    name: %q\n    description: %q\n    weight: %g\n    actions:\n", d, "Dimension "+text(d, 3), text(d, 20), 1+float64(d%3)/2)
		fmt.Fprintf(w, "      - kind: training\n        text: %q\n      - kind: practice\n        text: %q\n        tiers: [operational, strategic]\n", text(d+1, 18), text(d+2, 16))
	}
	fmt.Fprintf(w, "\nquestions:\n")
	for i := 0; i < nq; i++ {
		fmt.Fprintf(w, "  - id: q%05d\n    dimension: dim-%02d\n    text: %q\n", i, i%dims, text(i, 14)+"?")
		if i%4 == 0 {
			fmt.Fprintf(w, "    help: %q\n", text(i+3, 12))
		}
		switch i % 10 {
		case 7:
			fmt.Fprintf(w, "    type: choice\n    options:\n")
			for o := 0; o < 4; o++ {
				fmt.Fprintf(w, "      - id: opt-%d\n        label: %q\n        score: %g\n", o, text(i+o, 8), float64(o)/3)
			}
		case 8:
			fmt.Fprintf(w, "    type: multi\n    options:\n")
			for o := 0; o < 4; o++ {
				fmt.Fprintf(w, "      - id: opt-%d\n        label: %q\n        score: 0.25\n", o, text(i+o, 6))
			}
		case 9:
			fmt.Fprintf(w, "    type: yesno\n")
		case 3:
			fmt.Fprintf(w, "    reverse: true\n")
		}
	}
	return nil
}
