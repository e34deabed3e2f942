package questions

import (
	"bytes"
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"

	"github.com/digilead/digilead/questions/errtext"
	"github.com/digilead/digilead/questions/lang"
	"gopkg.in/yaml.v3"
)

var (
	translationFields  = []string{"schema", "bank", "language", "status", "title", "description", "scale", "not_applicable", "tiers", "dimensions", "questions", "sources", "review"}
	tierTextFields     = []string{"name", "description", "challenges"}
	dimTextFields      = []string{"name", "description", "actions"}
	questionTextFields = []string{"text", "help", "scale_labels", "options", "observer"}
)

// IsTranslation reports whether a YAML file is a translation: a line of
// its own says schema: digilead.translation/v1.
func IsTranslation(data []byte) bool { return hasSchema(data, TranslationSchema) }

// IsCatalogue reports whether a YAML file is a catalogue: a line of its
// own says schema: digilead.catalogue/v1.
func IsCatalogue(data []byte) bool { return hasSchema(data, CatalogueSchema) }

// hasSchema reports whether the first line of data that starts with
// "schema:" gives schema.
func hasSchema(data []byte, schema string) bool {
	v, ok := topValue(data, "schema")
	return ok && v == schema
}

// topValue is the plain value of the first line of data that starts
// with key and a colon (a top-level key of a YAML document), without a
// comment or quotes; ok is false when no line does.
func topValue(data []byte, key string) (string, bool) {
	for line := range bytes.Lines(data) {
		rest, ok := bytes.CutPrefix(line, []byte(key+":"))
		if !ok {
			continue
		}
		v, _, _ := bytes.Cut(rest, []byte("#"))
		return string(bytes.Trim(bytes.TrimSpace(v), `"'`)), true
	}
	return "", false
}

// ParseTranslation decodes a translation file and checks it against the
// bank it translates: the bank id, ids the bank does not have, lists of
// another length than the bank's, unknown keys and control characters are
// errors (Problems, with FILE:LINE). The warnings list every text of the
// bank it does not translate, and every entry whose bank text changed since
// it was translated.
func ParseTranslation(f File, b *Bank) (t *Translation, warnings Problems, err error) {
	return parseTranslation(f, b, false)
}

// parseTranslation is ParseTranslation; loose takes what the file
// translates whatever the bank has now (a translation being merged into
// a new file for a bank that has changed since): ids and lists the bank
// no longer has are kept, not refused.
func parseTranslation(f File, b *Bank, loose bool) (t *Translation, warnings Problems, err error) {
	var probs Problems
	d := newDecoder(f.Name, &probs)
	if len(f.Data) > MaxFileSize {
		return nil, nil, Problems{{Pos: Pos{File: f.Name}, Msg: fmt.Sprintf("file is larger than the %d MiB limit", MaxFileSize>>20)}}
	}
	t = &Translation{File: f.Name, Status: StatusDraft, texts: map[string]string{}, at: map[string]Pos{}, sources: map[string]string{}, review: map[string]bool{}}
	tr := &trDecoder{decoder: d, t: t, bank: b, known: map[string]Text{}, lists: map[string]int{}, loose: loose}
	for _, x := range b.Texts() {
		tr.known[x.Path] = x
		if x.List != "" {
			tr.lists[x.List]++
		}
	}
	tr.decode(f.Data)
	if d.spent {
		probs = Problems{d.spentAt}
	}
	if tr.otherBank {
		// Every id the file gives would be "not in the bank": say why once.
		probs = slices.DeleteFunc(probs, func(p Problem) bool { return p.Field != "bank" })
	}
	if len(probs) > 0 {
		sortProblems(probs)
		return nil, nil, probs
	}
	missing, outdated := t.Missing(b)
	for _, x := range missing {
		// At its entry ("" or null) when the file has one.
		at := t.at[x.Path]
		at.File = f.Name
		warnings = append(warnings, Problem{Pos: at, Field: x.Path, Msg: "not translated"})
	}
	for _, x := range outdated {
		msg := "the bank's text changed since this was translated; run digilead bank translate to mark it for review"
		if t.review[x.Path] {
			msg = "marked for review: the bank's text changed since this was translated; check the translation, then take its path out of review"
		}
		warnings = append(warnings, Problem{Pos: t.at[x.Path], Field: x.Path, Msg: msg})
	}
	return t, warnings, nil
}

// trDecoder decodes one translation file against its bank.
type trDecoder struct {
	*decoder
	t    *Translation
	bank *Bank
	// known are the bank's texts by path; lists the length of each list.
	known map[string]Text
	lists map[string]int
	// loose takes texts the bank does not have (see parseTranslation).
	loose bool
	// otherBank is set when the file translates another bank: its ids
	// are then not the bank's, and only that is said.
	otherBank bool
}

func (d *trDecoder) decode(data []byte) {
	root := d.mappingRoot(data, "a translation starts with schema: "+TranslationSchema+", bank and language", "put each translation in its own file", "translation fields (schema: …, bank: …, language: …)")
	if root == nil {
		return
	}
	seen := map[string]bool{}
	d.mapping(root, "", translationFields, func(key string, k, v *yaml.Node) {
		seen[key] = true
		switch key {
		case "schema":
			if s := d.str(v, key); s != "" && s != TranslationSchema {
				d.errorf(v, key, "unsupported schema %q; a translation file says schema: %s", s, TranslationSchema)
			}
		case "bank":
			d.t.Bank = d.str(v, key)
			if d.t.Bank != "" && d.t.Bank != d.bank.ID && !d.loose {
				d.errorf(v, key, "translates bank %q, but it is loaded with bank %q; load it with bank %q, or translate bank %q with digilead bank translate", d.t.Bank, d.bank.ID, d.t.Bank, d.bank.ID)
				d.otherBank = true
			}
		case "language":
			d.t.Language = d.language(v)
			d.t.langPos = d.pos(v)
		case "status":
			d.t.Status = d.str(v, key)
			if d.t.Status != StatusDraft && d.t.Status != StatusReviewed {
				d.errorf(v, key, "unknown status %q; use draft or reviewed", d.t.Status)
			}
		case "title", "description", "not_applicable":
			d.text(v, key)
		case "scale":
			d.mapping(v, key, []string{"labels"}, func(_ string, _, v *yaml.Node) { d.list(v, "scale.labels") })
		case "tiers":
			d.entries(v, key, d.bank.TierIDs(), func(id string, v *yaml.Node) {
				d.fields(v, "tiers."+id, tierTextFields)
			})
		case "dimensions":
			d.entries(v, key, idsOf(d.bank.Dimensions, func(dm Dimension) string { return dm.ID }), func(id string, v *yaml.Node) {
				d.fields(v, "dimensions."+id, dimTextFields)
			})
		case "questions":
			d.entries(v, key, idsOf(d.bank.Questions, func(q Question) string { return q.ID }), func(id string, v *yaml.Node) {
				d.fields(v, "questions."+id, questionTextFields)
			})
		case "sources":
			d.mapping(v, key, nil, func(path string, _, v *yaml.Node) {
				d.t.sources[path] = d.str(v, key+"."+path)
			})
		case "review":
			d.seq(v, key, func(i int, item *yaml.Node) {
				d.t.review[d.str(item, fmt.Sprintf("%s[%d]", key, i))] = true
			})
		}
	})
	for _, f := range []string{"schema", "bank", "language"} {
		if !seen[f] {
			d.problem(Pos{File: d.file, Line: 1}, f, fmt.Sprintf("missing; a translation starts with schema: %s, bank: %s and language", TranslationSchema, d.bank.ID))
		}
	}
}

// idsOf lists the ids of a bank's elements, in bank order.
func idsOf[T any](xs []T, id func(T) string) []string {
	ids := make([]string, len(xs))
	for i, x := range xs {
		ids[i] = id(x)
	}
	return ids
}

// language reads the language tag: BCP 47, and not the bank's own.
func (d *trDecoder) language(v *yaml.Node) string {
	s := d.str(v, "language")
	if s == "" {
		return ""
	}
	if msg := lang.CheckTag(s); msg != "" {
		d.errorf(v, "language", "%s", msg)
		return s
	}
	if BankLanguage(d.bank) == s {
		d.errorf(v, "language", "the bank is already in %s; a translation gives it in another language", s)
	}
	return s
}

// entries reads a mapping of ids (tiers, dimensions or questions) that the
// bank must have.
func (d *trDecoder) entries(n *yaml.Node, field string, ids []string, fn func(id string, v *yaml.Node)) {
	d.mapping(n, field, nil, func(id string, k, v *yaml.Node) {
		if !slices.Contains(ids, id) && !d.loose {
			d.errorf(k, field+"."+id, "the bank has no %s %q%s", strings.TrimSuffix(field, "s"), id, errtext.Suggest(id, ids))
			return
		}
		fn(id, v)
	})
}

// fields reads the texts of one tier, dimension or question.
func (d *trDecoder) fields(n *yaml.Node, path string, known []string) {
	d.mapping(n, path, known, func(key string, k, v *yaml.Node) {
		p := path + "." + key
		switch key {
		case "challenges", "actions", "scale_labels":
			d.list(v, p)
		case "options":
			var ids []string
			for x := range maps.Keys(d.known) {
				if id, ok := strings.CutPrefix(x, p+"."); ok {
					ids = append(ids, id)
				}
			}
			slices.Sort(ids)
			if len(ids) == 0 && !d.loose {
				d.errorf(k, p, "the question has no options; only choice and multi questions do")
				return
			}
			d.mapping(v, p, nil, func(id string, k, v *yaml.Node) {
				if !slices.Contains(ids, id) && !d.loose {
					d.errorf(k, p+"."+id, "the question has no option %q%s", id, errtext.Suggest(id, ids))
					return
				}
				d.text(v, p+"."+id)
			})
		case "observer":
			if _, ok := d.known[p+".text"]; !ok && !d.loose {
				d.errorf(k, p, "the question has no observer wording; only questions with observer: in the bank do")
				return
			}
			d.fields(v, p, observerFields)
		default:
			if _, ok := d.known[p]; !ok && !d.loose {
				d.errorf(k, p, "the bank has no %s here to translate", key)
				return
			}
			d.text(v, p)
		}
	})
}

// list reads a list of texts, which keeps the length of the bank's.
func (d *trDecoder) list(n *yaml.Node, path string) {
	want, ok := d.lists[path]
	if !ok && !d.loose {
		what := "list"
		if strings.HasSuffix(path, ".scale_labels") {
			what = "scale of its own; its labels are the bank's, under scale.labels"
		}
		d.errorf(n, path, "the bank has no %s here to translate", what)
		return
	}
	got := 0
	d.seq(n, path, func(i int, item *yaml.Node) {
		got++
		d.text(item, path+"."+strconv.Itoa(i))
	})
	if m := d.deref(n); m != nil && m.Kind == yaml.SequenceNode && got != want && !d.loose {
		d.errorf(m, path, "has %d items, the bank's list has %d; keep the bank's length and order (an item left \"\" is not translated)", got, want)
	}
	d.t.at[path] = d.pos(n)
}

// text reads one translated text; empty or null means not translated.
func (d *trDecoder) text(n *yaml.Node, path string) {
	s := d.scalar(n, path)
	if s == nil {
		return
	}
	if s.Tag != "!!null" {
		d.t.texts[path] = strings.TrimSpace(s.Value)
	}
	d.t.at[path] = d.pos(s)
}

// BankLanguage is a bank's language: its language field, or English when
// it has none.
func BankLanguage(b *Bank) string {
	if b.Language == "" {
		return "en"
	}
	return b.Language
}
