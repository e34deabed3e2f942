package report

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/digilead/digilead/assessment/review"
	"github.com/digilead/digilead/questions"
	"github.com/digilead/digilead/questions/errtext"
)

// ValidateOptions say how Validation.Check checks a path.
type ValidateOptions struct {
	// Banks are the bank paths translation files are checked against
	// (none: the built-in bank).
	Banks []string
	// Strict makes untranslated or out-of-date texts and actions in
	// another language errors, not warnings.
	Strict bool
	// Catalogue, read from CatalogueName, is checked against each bank
	// when not nil.
	Catalogue     *questions.Catalogue
	CatalogueName string
	// Say writes a problem or warning line (on stderr).
	Say func(format string, args ...any)
	// Max is how many problem and warning lines Check says of one path
	// (0: every one); it then says how many more there are and, when
	// MoreHint is set, how to see them.
	Max      int
	MoreHint string
}

// capped says lines with say, up to max of them (0: every one), and
// counts the rest by what they are (problem, warning, error).
type capped struct {
	say   func(string, ...any)
	max   int
	shown int
	// rest counts the lines not shown of each kind, kinds in the order
	// first met.
	rest  []int
	kinds []string
}

// line says s, a kind of line ("problem", "warning", "error"), or
// counts it when max are shown.
func (c *capped) line(s, kind string) {
	if c.max > 0 && c.shown >= c.max {
		i := slices.Index(c.kinds, kind)
		if i < 0 {
			c.kinds, c.rest = append(c.kinds, kind), append(c.rest, 0)
			i = len(c.kinds) - 1
		}
		c.rest[i]++
		return
	}
	c.shown++
	c.say("%s\n", s)
}

// more says how many lines of name were not shown, if any, by kind: "3
// more warnings not shown", "1 more problem and 2 more warnings not
// shown".
func (c *capped) more(name, hint string) {
	if len(c.rest) == 0 {
		return
	}
	if hint != "" {
		hint = "; " + hint
	}
	counts := make([]string, len(c.rest))
	for i, n := range c.rest {
		counts[i] = fmt.Sprintf("%d more %s", n, errtext.Plural(n, c.kinds[i], c.kinds[i]+"s"))
	}
	c.say("%s: %s not shown%s\n", name, strings.Join(counts, " and "), hint)
}

// LoadCatalogue reads the catalogue named CatalogueName, if any, into
// Catalogue; ok is false when it has problems, which it says. An error
// that is no problem of the catalogue's (no such file) is returned.
func (o *ValidateOptions) LoadCatalogue(ctx context.Context) (ok bool, err error) {
	if o.CatalogueName == "" {
		return true, nil
	}
	o.Catalogue, err = questions.LoadCatalogueContext(ctx, o.CatalogueName)
	var ps questions.Problems
	if errors.As(err, &ps) {
		SayProblems(o.Say, o.CatalogueName, ps)
		return false, nil
	}
	return err == nil, err
}

// SayProblems says each of problems ps and how many there were in name.
func SayProblems(say func(string, ...any), name string, ps questions.Problems) {
	sayProblems(&capped{say: say}, name, ps, "")
}

func sayProblems(c *capped, name string, ps questions.Problems, hint string) {
	for _, pr := range ps {
		c.line(pr.String(), "problem")
	}
	c.say("%s: %d problem(s)\n", name, len(ps))
	c.more(name, hint)
}

// Check checks one path (the built-in bank for "") as `digilead bank
// validate` does, says its problems and warnings with o.Say, and adds
// what is valid to v; it reports whether the path passed. Each path is
// read once however often it is needed (see read), so a pipe is checked
// as a file is. When ctx is done it stops, says nothing more and reports
// false: the caller returns ctx's error.
func (v *Validation) Check(ctx context.Context, p string, o ValidateOptions) bool {
	name := cmp.Or(p, "built-in bank")
	c := &capped{say: o.Say, max: o.Max}
	s, translation, err := v.load(ctx, p, o)
	var ps questions.Problems
	switch {
	case ctx.Err() != nil || err == errSaid:
		return false
	case errors.As(err, &ps):
		sayProblems(c, name, ps, o.MoreHint)
		return false
	case err != nil:
		o.Say("digilead: %v\n", err)
		return false
	}
	defer c.more(name, o.MoreHint)
	for _, dir := range questions.Unread(p) {
		o.Say("%s\n", questions.UnreadNote(dir))
	}
	if !translation && p != "" {
		if v.banks == nil {
			v.banks = map[string]string{}
		}
		v.banks[s.Bank.ID] = p
	}
	var languages questions.Problems
	kind := "warning"
	if o.Strict {
		kind = "error"
	}
	for _, w := range s.Warnings {
		c.line(w.String()+" ("+kind+")", kind)
	}
	if cat := o.Catalogue; cat != nil {
		if err := cat.Check(s.Bank); err != nil {
			o.Say("%s\n", err)
			o.Say("%s: the catalogue %s does not fit it\n", name, o.CatalogueName)
			return false
		}
		languages = append(languages, cat.OtherLanguage(questions.BankLanguage(s.Bank))...)
	}
	languages = append(s.Bank.ActionsInOtherLanguage(questions.BankLanguage(s.Bank)), languages...)
	for _, w := range languages {
		c.line(w.String()+" ("+kind+")", kind)
	}
	from := len(v.Valid)
	v.Add(name, s, translation)
	if o.Catalogue != nil {
		v.AddCatalogue(o.CatalogueName, o.Catalogue, s.Bank)
	}
	if o.Strict {
		// What fails is not listed as valid: with actions in another
		// language nothing of this path, else the translations warned of.
		kept := slices.DeleteFunc(v.Valid[from:], func(x Valid) bool {
			return len(languages) > 0 || x.Language != "" && slices.ContainsFunc(s.Warnings, func(w questions.Problem) bool { return w.Pos.File == x.Name })
		})
		v.Valid = v.Valid[:from+len(kept)]
	}
	if len(languages) > 0 {
		o.Say("%s: %d action(s) in another language than the bank's, %s (%ss)\n", name, len(languages), questions.BankLanguage(s.Bank), kind)
	}
	if ow := s.ObserverWarnings(); len(ow) > 0 {
		// A heuristic: warnings even with --strict.
		for _, w := range ow {
			c.line(w.String()+" (warning)", "warning")
		}
		o.Say("%s: %d observer text(s) may speak to their reader rather than of the person observed (warnings; digilead bank review lists them too)\n", name, len(ow))
	}
	if !translation {
		// Certain from the bank alone, but the bank loads and scores as
		// written: a warning even with --strict; the review's error.
		uw := review.Unreachable(s.Bank)
		for _, f := range uw {
			w := questions.Problem{Pos: f.Pos(), Field: "tiers[" + f.Tier + "].expectations." + f.Dimension, Msg: f.Problem + " " + f.Fix}
			c.line(w.String()+" (warning)", "warning")
		}
		if len(uw) > 0 {
			o.Say("%s: %d expectation(s) above the most any answers can give, so their tiers cannot be reached (warnings; digilead bank review reports them as errors)\n", name, len(uw))
		}
	}
	if len(s.Warnings) > 0 {
		o.Say("%s: %d text(s) not translated or out of date (%ss; they show in %s)\n", name, len(s.Warnings), kind, questions.BankLanguage(s.Bank))
	}
	return len(s.Warnings)+len(languages) == 0 || !o.Strict
}

// errSaid is load's error when it has said the problem itself.
var errSaid = errors.New("said")

// load reads and loads what Check checks at p: the built-in bank for "";
// a translation file with the banks it is checked against (o.Banks, else
// a bank given before it whose id it names, else the built-in bank).
func (v *Validation) load(ctx context.Context, p string, o ValidateOptions) (*questions.Set, bool, error) {
	if p == "" {
		return questions.LoadToValidate(ctx, nil, nil)
	}
	src, err := v.read(ctx, p)
	if err != nil {
		return nil, false, err
	}
	paths := slices.DeleteFunc(slices.Clone(o.Banks), func(p string) bool { return p == "" })
	if id, ok := src.TranslationBank(); ok && len(paths) == 0 && id != "" {
		// A translation of a bank given before it is checked against
		// that bank; of another than the built-in, it is said once.
		if path, ok := v.banks[id]; ok {
			paths = []string{path}
		} else if builtIn := questions.Default().ID; id != builtIn {
			o.Say("%s: a translation of bank %q, not of the built-in bank (%s): give the bank before it (digilead bank validate BANK %s) or with --bank BANK\n", p, id, builtIn, p)
			return nil, false, errSaid
		}
	}
	banks := make([]questions.Source, len(paths))
	for i, bp := range paths {
		if banks[i], err = v.read(ctx, bp); err != nil {
			return nil, false, err
		}
	}
	return questions.LoadToValidate(ctx, &src, banks)
}

// read reads path once (questions.ReadSource): a bank given as a path and
// again with --bank, or one that translations given after it are checked
// against, is not read again, so a pipe is read whole once.
func (v *Validation) read(ctx context.Context, path string) (questions.Source, error) {
	if src, ok := v.sources[path]; ok {
		return src, nil
	}
	src, err := questions.ReadSource(ctx, path)
	if err != nil {
		return src, err
	}
	if v.sources == nil {
		v.sources = map[string]questions.Source{}
	}
	v.sources[path] = src
	return src, nil
}
