package questions

import (
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
)

// WriteTranslation writes a ready-to-fill translation of bank b into
// language tag: every text of the bank in bank order, its source above it
// as a comment and its translation (or "") below, then the fingerprints
// of the sources. Given old, an earlier translation of the bank, it keeps
// what old translates and adds what it lacks (the msgmerge workflow): a
// list item follows its source when the list was reordered, and an entry
// whose source text changed since it was translated keeps its translation
// but is marked for review (a comment above it, its path under review:).
// Texts old gives that the bank no longer has are listed at the end, as
// comments. name is the language's name for the heading.
func WriteTranslation(w io.Writer, b *Bank, tag, name string, old *Translation) (TranslationSummary, error) {
	tw := &trWriter{b: b, old: old, texts: map[string]string{}, review: map[string]bool{}}
	tw.resolve()
	sum := TranslationSummary{Texts: len(b.Texts()), Translated: len(tw.texts), Review: len(tw.reviewOrder)}
	status := StatusDraft
	if old != nil {
		status = old.Status
	}
	src := BankLanguage(b)
	tw.printf("# %s (%s) translation of the bank %q, version %s (%s).\n", name, tag, b.ID, b.Version, src)
	tw.printf("#\n# Write each text in %s between the quotes under the %s text it\n", name, src)
	tw.printf("# translates (the comment above it); an entry left \"\" shows the %s.\n", src)
	tw.printf("# Keep the ids and the order and length of lists. Check the file with\n")
	bank := ""
	if b.Source != "" && b.Source != "default" {
		bank = "--bank " + b.Source + " "
	}
	tw.printf("#   digilead bank validate %sTHIS-FILE\n", bank)
	tw.printf("# and try it with: digilead %s--bank THIS-FILE --lang %s\n# See docs/languages.md.\n", bank, tag)
	tw.printf("schema: %s\nbank: %s\nlanguage: %s\nstatus: %s\n", TranslationSchema, b.ID, tag, status)
	tw.text(0, "title", "title", b.Title)
	tw.text(0, "description", "description", b.Description)
	if len(b.Scale.Labels) > 0 {
		tw.printf("\nscale:\n")
		tw.list(1, "labels", "scale.labels", b.Scale.Labels)
	}
	tw.text(0, "not_applicable", "not_applicable", b.NotApplicable)
	tw.printf("\ntiers:\n")
	for _, t := range b.Tiers {
		p := "tiers." + t.ID
		tw.printf("  %s:\n", t.ID)
		tw.text(2, "name", p+".name", t.Name)
		tw.text(2, "description", p+".description", t.Description)
		tw.list(2, "challenges", p+".challenges", t.Challenges)
	}
	tw.printf("\ndimensions:\n")
	for _, d := range b.Dimensions {
		p := "dimensions." + d.ID
		tw.printf("  %s:\n", d.ID)
		tw.text(2, "name", p+".name", d.Name)
		tw.text(2, "description", p+".description", d.Description)
		actions := make([]string, len(d.Actions))
		for i, a := range d.Actions {
			actions[i] = a.Text
		}
		tw.list(2, "actions", p+".actions", actions)
	}
	tw.printf("\nquestions:\n")
	for i := range b.Questions {
		q := &b.Questions[i]
		p := "questions." + q.ID
		tw.printf("  %s:\n", q.ID)
		tw.text(2, "text", p+".text", q.Text)
		tw.text(2, "help", p+".help", q.Help)
		if b.ownLabels(q) {
			tw.list(2, "scale_labels", p+".scale_labels", q.Scale.Labels)
		}
		if len(q.Options) > 0 {
			tw.printf("    options:\n")
			for _, o := range q.Options {
				tw.text(3, o.ID, p+".options."+o.ID, o.Label)
			}
		}
		if q.Observer != nil {
			tw.printf("    observer:\n")
			tw.text(3, "text", p+".observer.text", q.Observer.Text)
			tw.text(3, "help", p+".observer.help", q.Observer.Help)
		}
	}
	if len(tw.reviewOrder) > 0 {
		tw.printf("\n# Entries whose %s text changed since they were translated: check each\n# translation, then take its line out of this list.\nreview:\n", src)
		for _, p := range tw.reviewOrder {
			tw.printf("  - %s\n", p)
		}
	}
	tw.printf("\n# Fingerprints of the %s texts the entries translate, kept by\n# digilead bank translate to notice texts that change. Do not edit.\nsources:\n", src)
	for _, x := range b.Texts() {
		tw.printf("  %s: %q\n", x.Path, Fingerprint(x.Source))
	}
	if gone := tw.obsolete(); len(gone) > 0 {
		tw.printf("\n# No longer in the bank (kept from the earlier translation, for reuse):\n")
		for _, x := range gone {
			tw.comment(0, x.Path+": "+x.Source)
		}
	}
	_, err := io.WriteString(w, tw.sb.String())
	return sum, err
}

// TranslationSummary counts the texts of a translation file written:
// those of the bank, those translated, and those of them marked for
// review.
type TranslationSummary struct {
	Texts, Translated, Review int
}

// trWriter builds a translation file.
type trWriter struct {
	sb  strings.Builder
	b   *Bank
	old *Translation
	// texts are the translations kept from old, by path; review the paths
	// whose source changed, in bank order in reviewOrder.
	texts       map[string]string
	review      map[string]bool
	reviewOrder []string
}

func (tw *trWriter) printf(format string, args ...any) { fmt.Fprintf(&tw.sb, format, args...) }

// resolve works out which translations of old each text keeps, and which
// are marked for review.
func (tw *trWriter) resolve() {
	if tw.old == nil {
		return
	}
	texts := tw.b.Texts()
	// A list item keeps the translation of the item that had its source,
	// wherever it stood.
	byHash := map[string]map[string]string{}
	for path, h := range tw.old.sources {
		if s := tw.old.texts[path]; s != "" && !tw.old.review[path] {
			list := path[:max(0, strings.LastIndexByte(path, '.'))]
			if byHash[list] == nil {
				byHash[list] = map[string]string{}
			}
			byHash[list][h] = s
		}
	}
	for _, x := range texts {
		s := tw.old.texts[x.Path]
		if x.List != "" {
			if moved, ok := byHash[x.List][Fingerprint(x.Source)]; ok {
				tw.texts[x.Path] = moved
				continue
			}
		}
		if s == "" {
			continue
		}
		tw.texts[x.Path] = s
		if tw.old.Outdated(x.Path, x.Source) {
			tw.review[x.Path] = true
			tw.reviewOrder = append(tw.reviewOrder, x.Path)
		}
	}
}

// obsolete lists the texts old translates that the bank no longer has.
func (tw *trWriter) obsolete() []Text {
	if tw.old == nil {
		return nil
	}
	have := map[string]bool{}
	for _, x := range tw.b.Texts() {
		have[x.Path] = true
	}
	used := map[string]bool{}
	for _, s := range tw.texts {
		used[s] = true
	}
	var gone []Text
	for path, s := range tw.old.texts {
		if s != "" && !have[path] && !used[s] {
			gone = append(gone, Text{Path: path, Source: s})
		}
	}
	slices.SortFunc(gone, func(a, b Text) int { return strings.Compare(a.Path, b.Path) })
	return gone
}

// text writes one entry: the source as a comment, then key: translation.
func (tw *trWriter) text(depth int, key, path, source string) {
	if source == "" {
		return
	}
	if depth == 0 {
		tw.printf("\n")
	}
	tw.source(depth, path, source)
	tw.printf("%s%s: %s\n", indent(depth), key, quote(tw.texts[path]))
}

// list writes a list of entries, each item with its source above it.
func (tw *trWriter) list(depth int, key, path string, sources []string) {
	if len(sources) == 0 {
		return
	}
	tw.printf("%s%s:\n", indent(depth), key)
	for i, s := range sources {
		p := path + "." + strconv.Itoa(i)
		tw.source(depth+1, p, s)
		tw.printf("%s- %s\n", indent(depth+1), quote(tw.texts[p]))
	}
}

// source writes the text an entry translates as a comment, wrapped, with
// a review mark when it changed since the entry was translated.
func (tw *trWriter) source(depth int, path, s string) {
	if tw.review[path] {
		tw.printf("%s# REVIEW: the text below changed since this entry was translated.\n", indent(depth))
	}
	tw.comment(depth, BankLanguage(tw.b)+": "+s)
}

// comment writes s as comment lines of at most about 80 columns.
func (tw *trWriter) comment(depth int, s string) {
	pre := indent(depth) + "# "
	for _, para := range strings.Split(s, "\n") {
		line := ""
		for _, word := range strings.Fields(para) {
			if line != "" && len(pre)+len(line)+1+len(word) > 80 {
				tw.printf("%s%s\n", pre, line)
				line = "  " // continuation lines are indented
			}
			if strings.TrimSpace(line) != "" {
				line += " "
			}
			line += word
		}
		tw.printf("%s\n", strings.TrimRight(pre+line, " "))
	}
}

func indent(depth int) string { return strings.Repeat("  ", depth) }

// quote writes s as a YAML double-quoted scalar (a JSON string is one).
func quote(s string) string {
	var sb strings.Builder
	enc := json.NewEncoder(&sb)
	enc.SetEscapeHTML(false)
	enc.Encode(s)
	return strings.TrimSuffix(sb.String(), "\n")
}
