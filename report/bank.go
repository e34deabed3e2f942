package report

import (
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/digilead/digilead/questions"
)

// bankSummary writes what `digilead bank show` prints: the bank's title
// and identity, its size, its tiers and each dimension's expectations, in
// the report's language (localise gives the bank in that language).
func bankSummary(w io.Writer, b *questions.Bank, o Options) error {
	l := o.lang()
	fmt.Fprintf(w, "%s\n", b.Title)
	fmt.Fprintf(w, "%s\n", l.T("bank.identity", "ID", b.ID, "Version", b.Version, "Digest", b.Digest))
	if b.Description != "" {
		fmt.Fprintf(w, "\n%s\n", b.Description)
	}
	fmt.Fprintf(w, "\n%s\n", l.N("bank.size", len(b.Questions), "Dimensions", l.N("bank.dimension_count", len(b.Dimensions)), "Minutes", l.N("form.minutes", b.Minutes()),
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

// Validation is what `digilead bank validate` found valid, a line for
// each bank and translation, in the order they were checked.
type Validation struct {
	Valid []Valid
	// banks are the bank paths checked so far, by bank id: a translation
	// of one of them given after it is checked against it.
	banks map[string]string
	// sources are the paths read so far, each read once (read).
	sources map[string]questions.Source
}

// Valid is a bank (Language empty) or a translation found valid.
type Valid struct {
	// Name is what was checked: a path, "built-in bank", or the file of
	// a translation.
	Name                         string
	Bank, Version                string
	Tiers, Dimensions, Questions int
	// Language and Status are a translation's; it translates Translated
	// of the bank's Texts.
	Language, Status  string
	Translated, Texts int
	// Catalogue marks a catalogue that fits the bank: it names Dimensions
	// and holds Actions.
	Catalogue bool
	Actions   int
}

// AddCatalogue lists catalogue c, checked as name, as fitting bank b.
func (v *Validation) AddCatalogue(name string, c *questions.Catalogue, b *questions.Bank) {
	n := 0
	for _, acts := range c.Actions {
		n += len(acts)
	}
	v.Valid = append(v.Valid, Valid{Name: name, Bank: b.ID, Catalogue: true, Dimensions: len(c.Dimensions), Actions: n})
}

// Add lists what set s holds, checked as name: its bank (unless only a
// translation file was checked, translationOnly) and its translations.
func (v *Validation) Add(name string, s *questions.Set, translationOnly bool) {
	b := s.Bank
	if !translationOnly {
		v.Valid = append(v.Valid, Valid{Name: name, Bank: b.ID, Version: b.Version, Tiers: len(b.Tiers), Dimensions: len(b.Dimensions), Questions: len(b.Questions)})
	}
	total := len(b.Texts())
	for _, t := range s.Translations {
		missing, outdated := t.Missing(b)
		v.Valid = append(v.Valid, Valid{Name: t.File, Bank: b.ID, Language: t.Language, Status: t.Status, Translated: total - len(missing) - len(outdated), Texts: total})
	}
}

// validationText writes an ok line for each bank and translation.
func validationText(w io.Writer, v *Validation, _ Options) error {
	for _, x := range v.Valid {
		var err error
		switch {
		case x.Catalogue:
			_, err = fmt.Fprintf(w, "ok %s: catalogue of %s, %d dimension(s), %d action(s)\n", x.Name, x.Bank, x.Dimensions, x.Actions)
		case x.Language == "":
			_, err = fmt.Fprintf(w, "ok %s: %s %s, %d tiers, %d dimensions, %d questions\n", x.Name, x.Bank, x.Version, x.Tiers, x.Dimensions, x.Questions)
		default:
			_, err = fmt.Fprintf(w, "ok %s: %s translation of %s (%s), %d of %d texts translated\n", x.Name, x.Language, x.Bank, x.Status, x.Translated, x.Texts)
		}
		if err != nil {
			return err
		}
	}
	return nil
}
