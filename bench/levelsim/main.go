// Command levelsim prints the tables of docs/default-bank.md on the level
// rule: for each response model of assessment/levelsim, how often the
// strict and the most-probable rule agree with the true level and how
// often they place people below and above it, and how calibrated
// level_probability is under each rule.
//
//	levelsim [-n N] [-seed S] [-bank FILE] [-noise-free]
//
// Output is deterministic for a given seed.
package main

import (
	"flag"
	"fmt"
	"os"
	"strings"

	"github.com/digilead/digilead/assessment/levelsim"
	"github.com/digilead/digilead/questions"
)

func main() {
	n := flag.Int("n", 10000, "respondents per model")
	seed := flag.Uint64("seed", 1, "random seed")
	bank := flag.String("bank", "", "bank file (default: the built-in bank)")
	noiseFree := flag.Bool("noise-free", false, "define the true level by the noise-free answers' scores")
	flag.Parse()
	b := questions.Default()
	if *bank != "" {
		var err error
		if b, err = questions.Load(*bank); err != nil {
			fmt.Fprintln(os.Stderr, "levelsim:", err)
			os.Exit(1)
		}
	}
	o := levelsim.Options{Respondents: *n, Seed: *seed, NoiseFree: *noiseFree}
	type row struct {
		m                levelsim.Model
		strict, probable levelsim.Outcome
	}
	var rows []row
	for _, m := range levelsim.Models {
		s, p := levelsim.Compare(b, m, o)
		rows = append(rows, row{m, s, p})
	}
	pct := func(x float64) string { return fmt.Sprintf("%.1f%%", 100*x) }
	fmt.Printf("%d respondents per model, seed %d, bank %s %s\n\n", *n, *seed, b.ID, b.Version)
	fmt.Println("| model | strict: agree | below | above | most-probable: agree | below | above |")
	fmt.Println("| --- | --: | --: | --: | --: | --: | --: |")
	for _, r := range rows {
		fmt.Printf("| %s | %s | %s | %s | **%s** | %s | %s |\n", r.m.ID, pct(r.strict.Agree), pct(r.strict.Below), pct(r.strict.Above), pct(r.probable.Agree), pct(r.probable.Below), pct(r.probable.Above))
	}
	fmt.Println()
	for _, rule := range []string{"most-probable", "strict"} {
		fmt.Printf("Calibration of level_probability under the %s rule: per model, for the results stating a probability in each tenth, the mean stated probability / the share right (results).\n\n", rule)
		head := "| model |"
		sep := "| --- |"
		for k := range 10 {
			head += fmt.Sprintf(" %.1f-%.1f |", float64(k)/10, float64(k+1)/10)
			sep += " --: |"
		}
		fmt.Println(head)
		fmt.Println(sep)
		for _, r := range rows {
			o := r.probable
			if rule == "strict" {
				o = r.strict
			}
			cells := []string{r.m.ID}
			for _, bin := range o.Bins {
				if bin.Results == 0 {
					cells = append(cells, "–")
					continue
				}
				cells = append(cells, fmt.Sprintf("%.2f / %.2f (%d)", bin.Stated, bin.Right, bin.Results))
			}
			fmt.Println("| " + strings.Join(cells, " | ") + " |")
		}
		fmt.Println()
		fmt.Println("Worst tenth of 100 results or more, stated - right:")
		for _, r := range rows {
			o := r.probable
			if rule == "strict" {
				o = r.strict
			}
			gap, bin := o.WorstBin(100)
			fmt.Printf("- %s: %.1f-%.1f, %+.1f points (%d results)\n", r.m.ID, bin.Lo, bin.Hi, -100*gap, bin.Results)
		}
		fmt.Println()
	}
	fmt.Println("Models:")
	for _, r := range rows {
		fmt.Printf("- `%s`: %s\n", r.m.ID, r.m.Description)
	}
}
