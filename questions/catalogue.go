package questions

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"os"
	"slices"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/digilead/digilead/questions/errtext"
)

// CatalogueSchema is the schema id of a catalogue file.
const CatalogueSchema = "digilead.catalogue/v1"

var catalogueFields = []string{"schema", "bank", "actions"}

// Catalogue is a department's own actions for some dimensions of a bank
// (digilead.catalogue/v1): for each dimension it names, its actions
// replace the bank's. It changes no score, level or digest: only what a
// report recommends.
type Catalogue struct {
	File string
	// Bank is the id of the bank the catalogue is for.
	Bank string
	// Dimensions are the dimension ids named, in the file's order, and
	// Actions their actions (none: the dimension recommends nothing).
	Dimensions []string
	Actions    map[string][]Action

	bankPos Pos
	dimPos  map[string]Pos
	tiers   map[string][][]posString
}

// ParseCatalogue decodes a catalogue file strictly: unknown keys, a wrong
// schema, actions without kind or text, and bad URLs, minutes or language
// tags are Problems at FILE:LINE. Check then holds it against the bank.
func ParseCatalogue(f File) (*Catalogue, error) {
	if len(f.Data) > MaxFileSize {
		return nil, Problems{{Pos: Pos{File: f.Name}, Msg: fmt.Sprintf("file is larger than the %d MiB limit", MaxFileSize>>20)}}
	}
	var probs Problems
	d := newDecoder(f.Name, &probs)
	c := &Catalogue{File: f.Name, Actions: map[string][]Action{}, dimPos: map[string]Pos{}, tiers: map[string][][]posString{}}
	c.decode(d, f.Data)
	if d.spent {
		probs = Problems{d.spentAt}
	}
	if len(probs) > 0 {
		sortProblems(probs)
		return nil, probs
	}
	return c, nil
}

func (c *Catalogue) decode(d *decoder, data []byte) {
	root := d.mappingRoot(data, "a catalogue needs schema: "+CatalogueSchema+", bank and actions", "put one catalogue in each file", "catalogue fields (schema: …, bank: …, actions: …)")
	if root == nil {
		return
	}
	seen := map[string]bool{}
	d.mapping(root, "", catalogueFields, func(key string, k, v *yaml.Node) {
		seen[key] = true
		switch key {
		case "schema":
			if s := d.str(v, key); s != CatalogueSchema {
				d.errorf(v, key, "%q is not a catalogue; a catalogue says schema: %s", s, CatalogueSchema)
			}
		case "bank":
			c.Bank, c.bankPos = d.str(v, key), d.pos(v)
		case "actions":
			d.mapping(v, key, nil, func(dim string, k, v *yaml.Node) {
				f := key + "." + dim
				c.Dimensions = append(c.Dimensions, dim)
				c.dimPos[dim] = d.pos(k)
				acts := []Action{}
				var tiers [][]posString
				d.seq(v, f, func(i int, item *yaml.Node) {
					a, ts := d.action(item, fmt.Sprintf("%s[%d]", f, i))
					acts = append(acts, a)
					tiers = append(tiers, ts)
				})
				c.Actions[dim], c.tiers[dim] = acts, tiers
			})
		}
	})
	for _, key := range catalogueFields {
		if !seen[key] {
			d.problem(Pos{File: d.file, Line: root.Line}, key, "missing; a catalogue needs schema: "+CatalogueSchema+", bank (the bank's id) and actions (dimension id: list of actions)")
		}
	}
}

// Check holds the catalogue against the bank it is used with: the bank's
// id, dimension ids the bank has, and tiers it has, each problem at
// FILE:LINE with what to do.
func (c *Catalogue) Check(b *Bank) error {
	dims := make([]string, len(b.Dimensions))
	for i, d := range b.Dimensions {
		dims[i] = d.ID
	}
	return c.CheckFor(b.ID, dims, b.TierIDs())
}

// CheckFor is Check for a bank known by its id, dimension ids and tier
// ids, such as the bank a saved result names.
func (c *Catalogue) CheckFor(bank string, dims, tiers []string) error {
	var probs Problems
	if c.Bank != bank {
		probs.add(c.bankPos, "bank", "the catalogue is for bank %q but the bank in use is %q; give the catalogue of this bank, or the bank it was written for", c.Bank, bank)
	}
	for _, id := range c.Dimensions {
		if !slices.Contains(dims, id) {
			probs.add(c.dimPos[id], "actions."+id, "unknown dimension %q%s; the bank's dimensions are %s", id, errtext.Suggest(id, dims), strings.Join(dims, ", "))
		}
		for i, ts := range c.tiers[id] {
			for _, t := range ts {
				if !slices.Contains(tiers, t.val) {
					probs.add(t.pos, fmt.Sprintf("actions.%s[%d].tiers", id, i), "unknown tier %q%s; the bank's tiers are %s", t.val, errtext.Suggest(t.val, tiers), strings.Join(tiers, ", "))
				}
			}
		}
	}
	return probs.err()
}

// Apply returns a copy of b whose dimensions named by the catalogue have
// its actions instead of their own. Everything else, the digest
// included, is b's.
func (c *Catalogue) Apply(b *Bank) *Bank {
	out := *b
	out.Dimensions = slices.Clone(b.Dimensions)
	for i := range out.Dimensions {
		if acts, ok := c.Actions[out.Dimensions[i].ID]; ok {
			out.Dimensions[i].Actions = slices.Clone(acts)
		}
	}
	return &out
}

// OtherLanguage lists the catalogue's actions whose language is given and
// is not tag (compared by language, so en-GB is en), as problems at
// FILE:LINE for a warning.
func (c *Catalogue) OtherLanguage(tag string) Problems {
	var ps Problems
	for _, id := range slices.Sorted(maps.Keys(c.Actions)) {
		ps = append(ps, otherLanguage(c.Actions[id], "actions."+id, tag)...)
	}
	return ps
}

// ActionsInOtherLanguage lists the bank's actions whose language is given
// and is not tag, as problems at FILE:LINE for a warning.
func (b *Bank) ActionsInOtherLanguage(tag string) Problems {
	var ps Problems
	for _, d := range b.Dimensions {
		ps = append(ps, otherLanguage(d.Actions, "dimensions["+d.ID+"].actions", tag)...)
	}
	return ps
}

func otherLanguage(acts []Action, field, tag string) Problems {
	var ps Problems
	for i, a := range acts {
		if a.Language != "" && !sameLanguage(a.Language, tag) {
			ps.add(a.Pos, fmt.Sprintf("%s[%d].language", field, i), "the action is in %s, the report in %s; readers of %s may not follow it", a.Language, tag, tag)
		}
	}
	return ps
}

// sameLanguage reports whether two tags name one language (en, en-GB).
func sameLanguage(a, b string) bool {
	base := func(t string) string { s, _, _ := strings.Cut(strings.ToLower(t), "-"); return s }
	return base(a) == base(b)
}

// LoadCatalogue reads and parses the catalogue file at path: Problems at
// FILE:LINE when it is not a good catalogue, bad usage (errtext.ErrInvalid)
// when there is no such file.
func LoadCatalogue(path string) (*Catalogue, error) {
	return LoadCatalogueContext(context.Background(), path)
}

// LoadCatalogueContext is LoadCatalogue, stopping with ctx's error as
// soon as ctx is done, even while opening or reading a FIFO (see
// readFile).
func LoadCatalogueContext(ctx context.Context, path string) (*Catalogue, error) {
	f, err := readInterruptibly(ctx, path, readCatalogue)
	if err != nil {
		return nil, err
	}
	return ParseCatalogue(f)
}

// readCatalogue reads the catalogue file at path, waiting as long as it
// takes.
func readCatalogue(path string) (File, error) {
	f, err := os.Open(path)
	if errors.Is(err, os.ErrNotExist) {
		return File{}, errtext.Invalidf("%s: no such file; give a digilead.catalogue/v1 file", path)
	} else if err != nil {
		return File{}, fmt.Errorf("catalogue %s: %w", path, errtext.WithoutPath(err))
	}
	defer f.Close()
	data, err := ReadLimited(f, MaxFileSize)
	if errors.Is(err, ErrTooLarge) {
		return File{}, Problems{{Pos: Pos{File: path}, Msg: fmt.Sprintf("file is larger than the %d MiB limit", MaxFileSize>>20)}}
	} else if err != nil {
		return File{}, fmt.Errorf("catalogue %s: %w", path, errtext.WithoutPath(err))
	}
	return File{Name: path, Data: data}, nil
}
