// Command gen writes the inputs of bench/run:
//
//	gen answers [-n N] [-seed S] [-bank FILE] [-groups G]
//	                               N answer sets for the default bank (or FILE), as JSON Lines;
//	                               with G, each respondent in one of G groups (respondent.group)
//	gen bank [-questions N]        a valid bank of N questions, as YAML
//	gen sql [-bank FILE] [-mode cohort|csv]
//	                               the DuckDB query of bench/run's peer for the bank
//
// Output is deterministic for a given seed.
package main

import (
	"bufio"
	"flag"
	"fmt"
	"os"
	"strings"

	"github.com/digilead/digilead/assessment/batch/batchtest"
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
	bankFile := fs.String("bank", "", "bank of the answer sets (default: the built-in bank)")
	groups := fs.Int("groups", 0, "number of groups (respondent.group) to spread respondents over")
	mode := fs.String("mode", "cohort", "what the SQL does: cohort or csv")
	fs.Parse(os.Args[2:])
	w := bufio.NewWriterSize(os.Stdout, 1<<16)
	var err error
	switch os.Args[1] {
	case "answers":
		err = answers(w, *n, *seed, *bankFile, *groups)
	case "bank":
		err = bank(w, *nq)
	case "sql":
		var b *questions.Bank
		if b, err = loadBank(*bankFile); err == nil {
			err = sqlQuery(w, b, *mode)
		}
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
	fmt.Fprintln(os.Stderr, "usage: gen answers [-n N] [-seed S] [-bank FILE] [-groups G] | gen bank [-questions N] | gen sql [-bank FILE] [-mode cohort|csv]")
	os.Exit(2)
}

// answers writes n answer sets for the default bank, or the bank in file,
// with the generator the score and cohort tests use: a few answers left
// out, a few "na" where the bank allows it.
func answers(w *bufio.Writer, n int, seed uint64, file string, groups int) error {
	b, err := loadBank(file)
	if err != nil {
		return err
	}
	o := batchtest.Options{Seed: seed, SkipRate: 0.02, NARate: 0.04}
	for g := range groups {
		o.Groups = append(o.Groups, fmt.Sprintf("dept-%02d", g+1))
	}
	return batchtest.Write(w, b, n, o)
}

// loadBank loads the bank in file, or the built-in bank for "".
func loadBank(file string) (*questions.Bank, error) {
	if file == "" {
		return questions.Default(), nil
	}
	return questions.Load(file)
}

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
