package report

import (
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/digilead/digilead/questions"
)

// BankSummary writes what `digilead bank show` prints: the bank's title
// and identity, its size, its tiers and each dimension's expectations, in
// the report's language (give the bank in that language too).
func BankSummary(w io.Writer, b *questions.Bank, o Options) error {
	l := o.lang()
	fmt.Fprintf(w, "%s\n", b.Title)
	fmt.Fprintf(w, "%s\n", l.T("bank.identity", "ID", b.ID, "Version", b.Version, "Digest", b.Digest))
	if b.Description != "" {
		fmt.Fprintf(w, "\n%s\n", b.Description)
	}
	fmt.Fprintf(w, "\n%s\n", l.N("bank.size", len(b.Questions), "Dimensions", len(b.Dimensions), "Minutes", b.Minutes(),
		"Coverage", l.Percent(fmt.Sprintf("%.0f", b.MinCoverage*100))))

	fmt.Fprintf(w, "\n%s\n", l.T("bank.tiers"))
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintf(tw, "  %s\t%s\t%s\n", l.T("bank.col.rank"), l.T("bank.col.id"), l.T("bank.col.name"))
	for _, t := range b.Tiers {
		fmt.Fprintf(tw, "  %d\t%s\t%s\n", t.Rank, t.ID, t.Name)
	}
	tw.Flush()

	fmt.Fprintf(w, "\n%s\n", l.T("bank.dimensions"))
	tw = tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintf(tw, "  %s\t%s\t%s\t%s", l.T("bank.col.id"), l.T("bank.col.questions"), l.T("bank.col.weight"), l.T("bank.col.actions"))
	for _, t := range b.Tiers {
		fmt.Fprintf(tw, "\t%s", strings.ToUpper(t.ID))
	}
	fmt.Fprintln(tw)
	for _, d := range b.Dimensions {
		fmt.Fprintf(tw, "  %s\t%d\t%s\t%d", d.ID, len(b.QuestionsOf(d.ID)), l.Point(fmt.Sprintf("%g", d.Weight)), len(d.Actions))
		for _, t := range b.Tiers {
			if e, ok := t.Expectations[d.ID]; ok {
				fmt.Fprintf(tw, "\t%s", l.Point(fmt.Sprintf("%g", e)))
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
	_, err := fmt.Fprintf(w, "\n%s\n", l.T("bank.types", "Likert", counts[questions.Likert], "Choice", counts[questions.Choice], "Multi", counts[questions.Multi], "YesNo", counts[questions.YesNo]))
	return err
}
