package questions

import (
	"crypto/sha256"
	"encoding/hex"
	"slices"
	"strconv"
)

// TranslationSchema is the schema of a translation file: the texts of a
// bank in another language, by id (docs/languages.md).
const TranslationSchema = "digilead.translation/v1"

// Translation statuses.
const (
	StatusDraft    = "draft"
	StatusReviewed = "reviewed"
)

// Translation is a bank's texts in another language, loaded and checked
// against the bank. Ids, scores and structure stay the bank's: a
// translation only gives texts, each at its path (see Text).
type Translation struct {
	// Bank is the id of the bank it translates; Language its BCP 47 tag.
	Bank     string
	Language string
	// Status is draft or reviewed.
	Status string
	// File is where it was loaded from.
	File string

	// texts are the translated texts by path; "" when not translated.
	texts map[string]string
	// at is where each text (and each list) is in the file.
	at map[string]Pos
	// sources are the fingerprints of the bank texts the entries were
	// translated from (see Fingerprint), by path.
	sources map[string]string
	// review lists the entries whose bank text changed since they were
	// translated (see bank translate), by path.
	review map[string]bool
	// langPos is where the language is given.
	langPos Pos
}

// Text is one text of a bank that a translation gives: where it is, such
// as "questions.vis-horizon.options.a", and what it says in the bank.
type Text struct {
	Path   string
	Source string
	// List is the path of the list the text is an item of ("" for none).
	List string
}

// Fingerprint identifies a bank text for a translation's sources: the
// first 8 hex digits of its SHA-256, so that a changed text is noticed
// without copying it into the translation.
func Fingerprint(s string) string {
	h := sha256.Sum256([]byte(s))
	return hex.EncodeToString(h[:4])
}

// textRef is a text of a bank and the field that holds it.
type textRef struct {
	Text
	p *string
}

// refs lists every text of the bank in bank order: title, description,
// scale labels, "not applicable", each tier, dimension and question (its
// observer wording last). A
// question's own scale labels are texts of their own; one that uses the
// bank's scale is translated with the bank's.
func (b *Bank) refs() []textRef {
	var rs []textRef
	add := func(path string, p *string) {
		if *p != "" {
			rs = append(rs, textRef{Text{Path: path, Source: *p}, p})
		}
	}
	list := func(path string, items []string) {
		for i := range items {
			rs = append(rs, textRef{Text{Path: path + "." + strconv.Itoa(i), Source: items[i], List: path}, &items[i]})
		}
	}
	add("title", &b.Title)
	add("description", &b.Description)
	list("scale.labels", b.Scale.Labels)
	add("not_applicable", &b.NotApplicable)
	for i := range b.Tiers {
		t := &b.Tiers[i]
		p := "tiers." + t.ID
		add(p+".name", &t.Name)
		add(p+".description", &t.Description)
		list(p+".challenges", t.Challenges)
	}
	for i := range b.Dimensions {
		d := &b.Dimensions[i]
		p := "dimensions." + d.ID
		add(p+".name", &d.Name)
		add(p+".description", &d.Description)
		for j := range d.Actions {
			rs = append(rs, textRef{Text{Path: p + ".actions." + strconv.Itoa(j), Source: d.Actions[j].Text, List: p + ".actions"}, &d.Actions[j].Text})
		}
	}
	for i := range b.Questions {
		q := &b.Questions[i]
		p := "questions." + q.ID
		add(p+".text", &q.Text)
		add(p+".help", &q.Help)
		if b.ownLabels(q) {
			list(p+".scale_labels", q.Scale.Labels)
		}
		for j := range q.Options {
			add(p+".options."+q.Options[j].ID, &q.Options[j].Label)
		}
		if q.Observer != nil {
			add(p+".observer.text", &q.Observer.Text)
			add(p+".observer.help", &q.Observer.Help)
		}
	}
	return rs
}

// ownLabels reports whether q is a likert question with labels of its own,
// not the bank's scale.
func (b *Bank) ownLabels(q *Question) bool {
	if q.Type != Likert || len(q.Scale.Labels) == 0 {
		return false
	}
	return q.Scale.Min != b.Scale.Min || q.Scale.Max != b.Scale.Max || !slices.Equal(q.Scale.Labels, b.Scale.Labels)
}

// Texts lists every text of the bank that a translation gives, in bank
// order.
func (b *Bank) Texts() []Text {
	rs := b.refs()
	ts := make([]Text, len(rs))
	for i, r := range rs {
		ts[i] = r.Text
	}
	return ts
}

// Translated returns a copy of the bank with the texts of t in place of
// its own, and t's language as its language. Texts t does not give, or
// gives for a bank text that has changed since (see Outdated), stay the
// bank's. Ids, scores, structure and the digest are the bank's, so that
// answers in any language score the same.
func (b *Bank) Translated(t *Translation) *Bank {
	c := b.clone()
	for _, r := range c.refs() {
		if s, ok := t.Usable(r.Path, r.Source); ok {
			*r.p = s
		}
	}
	// Questions on the bank's scale show its translated labels.
	for i := range c.Questions {
		q := &c.Questions[i]
		if q.Type == Likert && len(q.Scale.Labels) > 0 && !b.ownLabels(&b.Questions[i]) {
			q.Scale.Labels = c.Scale.Labels
		}
	}
	c.Language = t.Language
	return c
}

// clone copies the bank deeply enough that its texts can be changed.
func (b *Bank) clone() *Bank {
	c := *b
	c.Scale.Labels = slices.Clone(b.Scale.Labels)
	c.Tiers = slices.Clone(b.Tiers)
	for i := range c.Tiers {
		c.Tiers[i].Challenges = slices.Clone(c.Tiers[i].Challenges)
	}
	c.Dimensions = slices.Clone(b.Dimensions)
	for i := range c.Dimensions {
		c.Dimensions[i].Actions = slices.Clone(c.Dimensions[i].Actions)
	}
	c.Questions = slices.Clone(b.Questions)
	for i := range c.Questions {
		q := &c.Questions[i]
		q.Options = slices.Clone(q.Options)
		q.Scale.Labels = slices.Clone(q.Scale.Labels)
		if q.Observer != nil {
			o := *q.Observer
			q.Observer = &o
		}
	}
	c.index()
	return &c
}

// Glossary maps each text of bank b to its text in translated, a copy of b
// made by Translated; texts that are the same in both are left out.
func Glossary(b, translated *Bank) map[string]string {
	src, dst := b.refs(), translated.refs()
	g := make(map[string]string, len(src))
	for i := range min(len(src), len(dst)) {
		if src[i].Path == dst[i].Path && src[i].Source != dst[i].Source {
			g[src[i].Source] = dst[i].Source
		}
	}
	return g
}

// Text returns the translation of the text at path, "" when it has none.
func (t *Translation) Text(path string) string { return t.texts[path] }

// Usable returns the translation of the text at path, when it has one
// that was made from source: not marked for review, and not made from an
// earlier text (its fingerprint, when recorded, is source's).
func (t *Translation) Usable(path, source string) (string, bool) {
	s := t.texts[path]
	if s == "" || t.Outdated(path, source) {
		return "", false
	}
	return s, true
}

// Outdated reports whether the entry at path was translated from a text
// other than source: it is marked for review, or its recorded fingerprint
// is another text's.
func (t *Translation) Outdated(path, source string) bool {
	if t.review[path] {
		return true
	}
	h, ok := t.sources[path]
	return ok && h != Fingerprint(source)
}

// Missing lists the bank's texts that t does not translate, or translates
// from an earlier text (outdated), in bank order.
func (t *Translation) Missing(b *Bank) (missing, outdated []Text) {
	for _, x := range b.Texts() {
		switch {
		case t.texts[x.Path] == "":
			missing = append(missing, x)
		case t.Outdated(x.Path, x.Source):
			outdated = append(outdated, x)
		}
	}
	return missing, outdated
}
