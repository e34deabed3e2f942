package report

import (
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/digilead/digilead/questions"
)

// BankSummary writes what `digilead bank show` prints: the bank's title
// and identity, its size, its tiers and each dimension's expectations.
func BankSummary(w io.Writer, b *questions.Bank) error {
	fmt.Fprintf(w, "%s\n", b.Title)
	fmt.Fprintf(w, "id %s · version %s · %s\n", b.ID, b.Version, b.Digest)
	if b.Description != "" {
		fmt.Fprintf(w, "\n%s\n", b.Description)
	}
	fmt.Fprintf(w, "\n%d questions in %d dimensions, about %d minutes. Minimum coverage %.0f%%.\n", len(b.Questions), len(b.Dimensions), b.Minutes(), b.MinCoverage*100)

	fmt.Fprintf(w, "\nTiers (by rank)\n")
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintf(tw, "  RANK\tID\tNAME\n")
	for _, t := range b.Tiers {
		fmt.Fprintf(tw, "  %d\t%s\t%s\n", t.Rank, t.ID, t.Name)
	}
	tw.Flush()

	fmt.Fprintf(w, "\nDimensions and expectations\n")
	tw = tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintf(tw, "  ID\tQUESTIONS\tWEIGHT\tACTIONS")
	for _, t := range b.Tiers {
		fmt.Fprintf(tw, "\t%s", strings.ToUpper(t.ID))
	}
	fmt.Fprintln(tw)
	for _, d := range b.Dimensions {
		fmt.Fprintf(tw, "  %s\t%d\t%g\t%d", d.ID, len(b.QuestionsOf(d.ID)), d.Weight, len(d.Actions))
		for _, t := range b.Tiers {
			if e, ok := t.Expectations[d.ID]; ok {
				fmt.Fprintf(tw, "\t%g", e)
			} else {
				fmt.Fprintf(tw, "\t-")
			}
		}
		fmt.Fprintln(tw)
	}
	tw.Flush()

	counts := map[string]int{}
	for _, q := range b.Questions {
		counts[q.Type]++
	}
	_, err := fmt.Fprintf(w, "\nQuestion types: %d likert, %d choice, %d multi, %d yesno\n", counts[questions.Likert], counts[questions.Choice], counts[questions.Multi], counts[questions.YesNo])
	return err
}
