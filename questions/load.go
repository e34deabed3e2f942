package questions

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"

	"gopkg.in/yaml.v3"
)

// Limits on bank input.
const (
	// MaxFileSize is the largest bank file (or answers file) read.
	MaxFileSize = 10 << 20
	// MaxQuestions is the most questions a bank may hold.
	MaxQuestions = 20000
	// maxNodes bounds the YAML nodes visited per file, aliases expanded, so
	// an alias bomb is refused instead of eating memory and time.
	maxNodes = 2_000_000
	// maxAliasNodes bounds the nodes that aliases (*name) expand to per
	// file: enough to share an option list across thousands of questions,
	// and a bomb is refused after a few milliseconds.
	maxAliasNodes = 100_000
)

// The patterns are compiled on first use, not at start-up: `digilead
// version` and --help never need them.
var (
	bankIDRe = lazyRegexp(`^[a-z0-9]+(-[a-z0-9]+)*$`)
	idRe     = lazyRegexp(`^[A-Za-z0-9][A-Za-z0-9._-]*$`)
	yamlLine = lazyRegexp(`^yaml: line (\d+): (.*)$`)
)

func lazyRegexp(expr string) func() *regexp.Regexp {
	return sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(expr) })
}

// File is one source file of a bank.
type File struct {
	Name string
	Data []byte
}

// Load reads a bank from a YAML file, or from a directory whose *.yaml and
// *.yml files are merged in lexical order.
func Load(path string) (*Bank, error) {
	paths, err := Paths(path)
	if err != nil {
		return nil, err
	}
	files := make([]File, len(paths))
	for i, p := range paths {
		if files[i], err = readFile(p); err != nil {
			return nil, err
		}
	}
	b, err := Parse(files...)
	if b != nil {
		b.Source = path
	}
	return b, err
}

// Paths lists the files a bank at path is made of, in load order: path
// itself, or a directory's *.yaml and *.yml files in lexical order.
func Paths(path string) ([]string, error) {
	info, err := os.Stat(path)
	if err != nil {
		return nil, fmt.Errorf("bank %s: %w", path, cleanPathErr(err))
	}
	if !info.IsDir() {
		return []string{path}, nil
	}
	entries, err := os.ReadDir(path)
	if err != nil {
		return nil, fmt.Errorf("bank %s: %w", path, cleanPathErr(err))
	}
	var paths []string
	for _, e := range entries {
		if ext := strings.ToLower(filepath.Ext(e.Name())); !e.IsDir() && (ext == ".yaml" || ext == ".yml") {
			paths = append(paths, filepath.Join(path, e.Name()))
		}
	}
	if len(paths) == 0 {
		return nil, Problems{{Pos: Pos{File: path}, Msg: "directory holds no *.yaml or *.yml files; pass a bank file or a directory of them"}}
	}
	return paths, nil
}

func readFile(path string) (File, error) {
	f, err := os.Open(path)
	if err != nil {
		return File{}, fmt.Errorf("bank %s: %w", path, cleanPathErr(err))
	}
	defer f.Close()
	data, err := ReadLimited(f, MaxFileSize)
	if errors.Is(err, ErrTooLarge) {
		return File{}, Problems{{Pos: Pos{File: path}, Msg: fmt.Sprintf("file is larger than the %d MiB limit; split the bank into a directory of smaller files", MaxFileSize>>20)}}
	}
	if err != nil {
		return File{}, fmt.Errorf("bank %s: %w", path, err)
	}
	return File{Name: path, Data: data}, nil
}

// ErrTooLarge is returned by ReadLimited for input over the limit.
var ErrTooLarge = errors.New("input too large")

// ReadLimited reads all of r, refusing more than limit bytes.
func ReadLimited(r io.Reader, limit int64) ([]byte, error) {
	data, err := io.ReadAll(io.LimitReader(r, limit+1))
	if err != nil {
		return nil, err
	}
	if int64(len(data)) > limit {
		return nil, ErrTooLarge
	}
	return data, nil
}

// cleanPathErr drops the path from an *os.PathError, which the caller names.
func cleanPathErr(err error) error {
	var pe *os.PathError
	if errors.As(err, &pe) {
		if errors.Is(err, os.ErrNotExist) {
			return errors.New("no such file or directory")
		}
		return pe.Err
	}
	return err
}

// Parse decodes and validates a bank from one or more files, merged in the
// order given. Every problem found is reported, as Problems.
func Parse(files ...File) (*Bank, error) {
	var probs Problems
	var parts []*rawBank
	h := sha256.New()
	for _, f := range files {
		if len(files) > 1 {
			io.WriteString(h, filepath.Base(f.Name))
			h.Write([]byte{0})
		}
		h.Write(f.Data)
		if len(files) > 1 {
			h.Write([]byte{0})
		}
		if len(f.Data) > MaxFileSize {
			probs.add(Pos{File: f.Name}, "", "file is larger than the %d MiB limit; split the bank into a directory of smaller files", MaxFileSize>>20)
			continue
		}
		if rb := decodeFile(f, &probs); rb != nil {
			parts = append(parts, rb)
		}
	}
	if len(probs) > 0 && len(parts) == 0 {
		return nil, probs
	}
	b := merge(parts, files, &probs)
	if b == nil {
		return nil, probs.err()
	}
	b.Digest = "sha256:" + hex.EncodeToString(h.Sum(nil))
	if len(files) == 1 {
		b.Source = files[0].Name
	}
	validate(b, parts, &probs)
	if len(probs) > 0 {
		sortProblems(probs)
		return nil, probs
	}
	b.index()
	return b, nil
}

func sortProblems(ps Problems) {
	sort.SliceStable(ps, func(i, j int) bool {
		if ps[i].Pos.File != ps[j].Pos.File {
			return false // keep file order
		}
		return ps[i].Pos.Line < ps[j].Pos.Line
	})
}

// rawBank is one file's content, with the positions validation needs.
type rawBank struct {
	file       string
	header     map[string]Pos
	bank       Bank
	minCovSet  bool
	scaleSet   bool
	tiers      []rawTier
	dims       []rawDim
	questions  []rawQuestion
	schemaLine int
}

type rawTier struct {
	Tier
	expPos   map[string]Pos
	rankSet  bool
	rankLine Pos
}

type rawDim struct {
	Dimension
	actionTiers [][]posString
}

type posString struct {
	val string
	pos Pos
}

type rawQuestion struct {
	Question
	dimPos     Pos
	typeSet    bool
	reversePos *Pos
	scalePos   *Pos
	optionsPos *Pos
	allowNA    *bool
	ownScale   *Scale
}

var (
	headerFields    = []string{"schema", "id", "title", "version", "description", "language", "min_coverage", "scale", "not_applicable"}
	bankFields      = append(append([]string{}, headerFields...), "tiers", "dimensions", "questions")
	tierFields      = []string{"id", "name", "rank", "description", "challenges", "expectations"}
	dimensionFields = []string{"id", "name", "description", "weight", "actions", "reliability", "score_sd"}
	actionFields    = []string{"kind", "text", "tiers"}
	questionFields  = []string{"id", "dimension", "text", "help", "type", "weight", "reverse", "allow_na", "scale", "options"}
	optionFields    = []string{"id", "label", "score"}
	scaleFields     = []string{"min", "max", "labels"}
)

func decodeFile(f File, probs *Problems) (rb *rawBank) {
	start := len(*probs)
	d := &decoder{file: f.Name, probs: probs, budget: maxNodes, aliasBudget: maxAliasNodes}
	defer func() {
		// Once the budget is spent the walk stopped half-way: what it found
		// missing is noise, so the file's only problem is the budget's.
		if d.spent {
			*probs = append((*probs)[:start], d.spentAt)
			rb = nil
		}
	}()
	if len(bytes.TrimSpace(f.Data)) == 0 {
		d.problem(Pos{File: f.Name}, "", "file is empty; a bank needs at least schema, id, title, version, tiers, dimensions and questions")
		return nil
	}
	var doc yaml.Node
	dec := yaml.NewDecoder(bytes.NewReader(f.Data))
	if err := dec.Decode(&doc); errors.Is(err, io.EOF) {
		d.problem(Pos{File: f.Name}, "", "file is empty; a bank needs at least schema, id, title, version, tiers, dimensions and questions")
		return nil
	} else if err != nil {
		d.syntax(err)
		return nil
	}
	var extra yaml.Node
	if err := dec.Decode(&extra); err == nil {
		d.problem(Pos{File: f.Name, Line: extra.Line}, "", "file holds more than one YAML document (---); put each bank part in its own file")
		return nil
	} else if !errors.Is(err, io.EOF) {
		d.syntax(err)
		return nil
	}
	if doc.Kind != yaml.DocumentNode || len(doc.Content) == 0 {
		d.problem(Pos{File: f.Name}, "", "file is empty; a bank needs at least schema, id, title, version, tiers, dimensions and questions")
		return nil
	}
	root := d.deref(doc.Content[0])
	if root == nil {
		return nil
	}
	if root.Kind != yaml.MappingNode {
		d.errorf(root, "", "the file must be a mapping of bank fields (schema: …, id: …), not %s", kindName(root))
		return nil
	}
	rb = &rawBank{file: f.Name, header: map[string]Pos{}}
	b := &rb.bank
	d.mapping(root, "", bankFields, func(key string, k, v *yaml.Node) {
		if contains(headerFields, key) {
			rb.header[key] = d.pos(k)
		}
		switch key {
		case "schema":
			b.Schema = d.str(v, key)
			rb.schemaLine = v.Line
		case "id":
			b.ID = d.str(v, key)
		case "title":
			b.Title = d.str(v, key)
		case "version":
			b.Version = d.strict(v, key)
		case "description":
			b.Description = d.str(v, key)
		case "language":
			b.Language = d.str(v, key)
		case "min_coverage":
			b.MinCoverage = d.float(v, key)
			rb.minCovSet = true
			if b.MinCoverage < 0 || b.MinCoverage > 1 {
				d.errorf(v, key, "must be between 0 and 1 (a share of a dimension's question weight), got %s", v.Value)
			}
		case "scale":
			b.Scale = d.scale(v, key)
			rb.scaleSet = true
		case "not_applicable":
			b.NotApplicable = d.str(v, key)
		case "tiers":
			d.seq(v, key, func(i int, item *yaml.Node) { rb.tiers = append(rb.tiers, d.tier(item, itemField(key, i, item))) })
		case "dimensions":
			d.seq(v, key, func(i int, item *yaml.Node) { rb.dims = append(rb.dims, d.dimension(item, itemField(key, i, item))) })
		case "questions":
			d.seq(v, key, func(i int, item *yaml.Node) {
				if len(rb.questions) == MaxQuestions {
					d.errorf(item, key, "more than %d questions in one file; split the bank", MaxQuestions)
				}
				if len(rb.questions) < MaxQuestions {
					rb.questions = append(rb.questions, d.question(item, itemField(key, i, item)))
				}
			})
		}
	})
	return rb
}

func (d *decoder) tier(n *yaml.Node, field string) rawTier {
	t := rawTier{expPos: map[string]Pos{}}
	t.Pos = d.pos(n)
	d.mapping(n, field, tierFields, func(key string, k, v *yaml.Node) {
		f := field + "." + key
		switch key {
		case "id":
			t.ID = d.id(v, f)
		case "name":
			t.Name = d.str(v, f)
		case "rank":
			t.Rank = d.int(v, f)
			t.rankSet = true
			t.rankLine = d.pos(v)
		case "description":
			t.Description = d.str(v, f)
		case "challenges":
			t.Challenges = d.strList(v, f)
		case "expectations":
			t.Expectations = map[string]float64{}
			d.mapping(v, f, nil, func(dim string, k, v *yaml.Node) {
				ef := f + "." + dim
				x := d.float(v, ef)
				if x < 0 || x > 100 {
					d.errorf(v, ef, "expectation must be a score between 0 and 100, got %s", v.Value)
				}
				t.Expectations[dim] = x
				t.expPos[dim] = d.pos(k)
			})
		}
	})
	return t
}

func (d *decoder) dimension(n *yaml.Node, field string) rawDim {
	var dm rawDim
	dm.Pos = d.pos(n)
	dm.Weight = 1
	d.mapping(n, field, dimensionFields, func(key string, k, v *yaml.Node) {
		f := field + "." + key
		switch key {
		case "id":
			dm.ID = d.id(v, f)
		case "name":
			dm.Name = d.str(v, f)
		case "description":
			dm.Description = d.str(v, f)
		case "weight":
			dm.Weight = d.weight(v, f)
		case "reliability":
			dm.Reliability = d.float(v, f)
			if dm.Reliability <= 0 || dm.Reliability > 1 {
				d.errorf(v, f, "must be above 0 and at most 1 (Cronbach's alpha), got %s; remove it if unknown", v.Value)
			}
		case "score_sd":
			if dm.ScoreSD = d.float(v, f); dm.ScoreSD <= 0 || dm.ScoreSD > 100 {
				d.errorf(v, f, "must be above 0 and at most 100 (the SD of the dimension score), got %s; remove it if unknown", v.Value)
			}
		case "actions":
			d.seq(v, f, func(i int, item *yaml.Node) {
				af := fmt.Sprintf("%s[%d]", f, i)
				var a Action
				var tiers []posString
				d.mapping(item, af, actionFields, func(key string, k, v *yaml.Node) {
					switch key {
					case "kind":
						a.Kind = d.str(v, af+".kind")
						if a.Kind != "" && !contains(ActionKinds, a.Kind) {
							d.errorf(v, af+".kind", "unknown action kind %q; use one of %s", a.Kind, strings.Join(ActionKinds, ", "))
						}
					case "text":
						a.Text = d.str(v, af+".text")
					case "tiers":
						d.seq(v, af+".tiers", func(_ int, t *yaml.Node) {
							s := d.str(t, af+".tiers")
							a.Tiers = append(a.Tiers, s)
							tiers = append(tiers, posString{s, d.pos(t)})
						})
					}
				})
				if a.Kind == "" {
					d.errorf(item, af+".kind", "missing; use one of %s", strings.Join(ActionKinds, ", "))
				}
				if strings.TrimSpace(a.Text) == "" {
					d.errorf(item, af+".text", "missing; say what the person should do")
				}
				dm.Actions = append(dm.Actions, a)
				dm.actionTiers = append(dm.actionTiers, tiers)
			})
		}
	})
	return dm
}

func (d *decoder) question(n *yaml.Node, field string) rawQuestion {
	var q rawQuestion
	q.Pos = d.pos(n)
	q.Weight = 1
	q.Type = Likert
	d.mapping(n, field, questionFields, func(key string, k, v *yaml.Node) {
		f := field + "." + key
		switch key {
		case "id":
			q.ID = d.id(v, f)
		case "dimension":
			q.Dimension = d.str(v, f)
			q.dimPos = d.pos(v)
		case "text":
			q.Text = d.str(v, f)
		case "help":
			q.Help = d.str(v, f)
		case "type":
			q.Type = d.str(v, f)
			q.typeSet = true
			switch q.Type {
			case Likert, Choice, Multi, YesNo:
			default:
				d.errorf(v, f, "unknown question type %q; use likert, choice, multi or yesno", q.Type)
			}
		case "weight":
			q.Weight = d.weight(v, f)
		case "reverse":
			q.Reverse = d.bool(v, f)
			p := d.pos(k)
			q.reversePos = &p
		case "allow_na":
			b := d.bool(v, f)
			q.allowNA = &b
		case "scale":
			s := d.scale(v, f)
			q.ownScale = &s
			p := d.pos(k)
			q.scalePos = &p
		case "options":
			p := d.pos(k)
			q.optionsPos = &p
			seen := map[string]int{}
			d.seq(v, f, func(i int, item *yaml.Node) {
				of := itemField(f, i, item)
				var o Option
				scoreSet := false
				d.mapping(item, of, optionFields, func(key string, k, v *yaml.Node) {
					switch key {
					case "id":
						o.ID = d.id(v, of+".id")
						if o.ID == "na" {
							d.errorf(v, of+".id", `"na" is reserved for "not applicable"; choose another option id`)
						}
						if line, dup := seen[o.ID]; dup && o.ID != "" {
							d.errorf(v, of+".id", "duplicate option id %q (first at line %d)", o.ID, line)
						}
						seen[o.ID] = v.Line
					case "label":
						o.Label = d.str(v, of+".label")
					case "score":
						o.Score = d.float(v, of+".score")
						scoreSet = true
						if o.Score < 0 || o.Score > 1 {
							d.errorf(v, of+".score", "option score must be between 0 and 1, got %s", v.Value)
						}
					}
				})
				if o.ID == "" {
					d.errorf(item, of+".id", "missing; every option needs an id")
				}
				if o.Label == "" {
					d.errorf(item, of+".label", "missing; every option needs a label")
				}
				if !scoreSet {
					d.errorf(item, of+".score", "missing; give a score between 0 and 1")
				}
				q.Options = append(q.Options, o)
			})
		}
	})
	return q
}

func (d *decoder) scale(n *yaml.Node, field string) Scale {
	var s Scale
	var minSet, maxSet, labelsSet bool
	var labelsNode *yaml.Node
	d.mapping(n, field, scaleFields, func(key string, k, v *yaml.Node) {
		switch key {
		case "min":
			s.Min, minSet = d.int(v, field+".min"), true
		case "max":
			s.Max, maxSet = d.int(v, field+".max"), true
		case "labels":
			s.Labels, labelsSet = d.strList(v, field+".labels"), true
			labelsNode = v
		}
	})
	if n = d.deref(n); n == nil || n.Kind != yaml.MappingNode {
		return Scale{Min: 1, Max: 5}
	}
	if !minSet || !maxSet {
		d.errorf(n, field, "needs both min and max (for example {min: 1, max: 5})")
		return Scale{Min: 1, Max: 5}
	}
	switch {
	case s.Max <= s.Min:
		d.errorf(n, field, "max (%d) must be greater than min (%d)", s.Max, s.Min)
		return Scale{Min: 1, Max: 5}
	case s.Max-s.Min > 100:
		d.errorf(n, field, "a scale of %d points is too long; use at most 101", s.Max-s.Min+1)
		return Scale{Min: 1, Max: 5}
	}
	if labelsSet && len(s.Labels) != s.Max-s.Min+1 {
		d.errorf(labelsNode, field+".labels", "has %d labels but the scale %d..%d has %d points; give one label per point", len(s.Labels), s.Min, s.Max, s.Max-s.Min+1)
	}
	return s
}

// merge combines the files' parts: exactly one carries the header.
func merge(parts []*rawBank, files []File, probs *Problems) *Bank {
	var head *rawBank
	for _, p := range parts {
		if len(p.header) == 0 {
			continue
		}
		if head != nil {
			field, pos := firstHeader(p)
			probs.add(pos, field, "header fields are also set in %s; exactly one file of a bank carries schema, id, title and version", head.file)
			continue
		}
		head = p
	}
	if head == nil {
		if len(parts) > 0 {
			name := files[0].Name
			if len(files) > 1 {
				name = filepath.Dir(files[0].Name)
			}
			probs.add(Pos{File: name}, "schema", "missing; a bank starts with schema: %s, id, title and version", Schema)
		}
		return nil
	}
	b := head.bank
	if !head.minCovSet {
		b.MinCoverage = DefaultMinCoverage
	}
	if !head.scaleSet {
		b.Scale = Scale{Min: 1, Max: 5}
	}
	b.Tiers, b.Dimensions, b.Questions = nil, nil, nil
	for _, p := range parts {
		for _, t := range p.tiers {
			b.Tiers = append(b.Tiers, t.Tier)
		}
		for _, dm := range p.dims {
			b.Dimensions = append(b.Dimensions, dm.Dimension)
		}
		for _, q := range p.questions {
			b.Questions = append(b.Questions, q.Question)
		}
	}
	return &b
}

func firstHeader(p *rawBank) (string, Pos) {
	for _, f := range headerFields {
		if pos, ok := p.header[f]; ok {
			return f, pos
		}
	}
	return "", Pos{File: p.file}
}

// validate checks the merged bank's own rules and cross-references, and
// resolves per-question defaults (scale, N/A).
func validate(b *Bank, parts []*rawBank, probs *Problems) {
	var head *rawBank
	for _, p := range parts {
		if len(p.header) > 0 {
			head = p
			break
		}
	}
	hp := func(field string) Pos {
		if pos, ok := head.header[field]; ok {
			return pos
		}
		return Pos{File: head.file, Line: 1}
	}
	switch {
	case b.Schema == "":
		probs.add(hp("schema"), "schema", "missing; the first line of a bank is schema: %s", Schema)
	case b.Schema != Schema:
		probs.add(hp("schema"), "schema", "unsupported schema %q; this version of digilead reads %s", b.Schema, Schema)
	}
	if b.ID == "" {
		probs.add(hp("id"), "id", "missing; give the bank a kebab-case id such as my-team-bank")
	} else if !bankIDRe().MatchString(b.ID) {
		probs.add(hp("id"), "id", "%q is not kebab-case; use lower-case letters, digits and single hyphens (e.g. my-team-bank)", b.ID)
	}
	if strings.TrimSpace(b.Title) == "" {
		probs.add(hp("title"), "title", "missing; give the bank a title people will see")
	}
	if strings.TrimSpace(b.Version) == "" {
		probs.add(hp("version"), "version", `missing; give the bank a version string such as "1.0"`)
	}

	// Tiers.
	tierAt := map[string]Pos{}
	rankAt := map[int]Pos{}
	dimAt := map[string]Pos{}
	qAt := map[string]Pos{}
	for _, p := range parts {
		for _, dm := range p.dims {
			if dm.ID == "" {
				probs.add(dm.Pos, "dimensions", "a dimension has no id")
				continue
			}
			if prev, dup := dimAt[dm.ID]; dup {
				probs.add(dm.Pos, "dimensions["+dm.ID+"].id", "duplicate dimension id %q (also defined at %s)", dm.ID, prev)
				continue
			}
			dimAt[dm.ID] = dm.Pos
			if strings.TrimSpace(dm.Name) == "" {
				probs.add(dm.Pos, "dimensions["+dm.ID+"].name", "missing; give the dimension a name")
			}
		}
	}
	for _, p := range parts {
		for _, t := range p.tiers {
			f := "tiers[" + t.ID + "]"
			if t.ID == "" {
				probs.add(t.Pos, "tiers", "a tier has no id")
				continue
			}
			if prev, dup := tierAt[t.ID]; dup {
				probs.add(t.Pos, f+".id", "duplicate tier id %q (also defined at %s)", t.ID, prev)
			} else {
				tierAt[t.ID] = t.Pos
			}
			if strings.TrimSpace(t.Name) == "" {
				probs.add(t.Pos, f+".name", "missing; give the tier a name")
			}
			if !t.rankSet {
				probs.add(t.Pos, f+".rank", "missing; give each tier a unique integer rank (higher = more senior)")
			} else if prev, dup := rankAt[t.Rank]; dup {
				probs.add(t.rankLine, f+".rank", "duplicate rank %d (also used at %s); ranks must be unique", t.Rank, prev)
			} else {
				rankAt[t.Rank] = t.rankLine
			}
			for dim, pos := range t.expPos {
				if _, ok := dimAt[dim]; !ok {
					probs.add(pos, f+".expectations."+dim, "unknown dimension %q%s", dim, suggest(dim, keys(dimAt)))
				}
			}
		}
	}
	if len(tierAt) == 0 {
		probs.add(hp("schema"), "tiers", "a bank needs at least one tier")
	}
	if len(dimAt) == 0 {
		probs.add(hp("schema"), "dimensions", "a bank needs at least one dimension")
	}
	for _, p := range parts {
		for _, dm := range p.dims {
			for i, ts := range dm.actionTiers {
				for _, t := range ts {
					if _, ok := tierAt[t.val]; !ok {
						probs.add(t.pos, fmt.Sprintf("dimensions[%s].actions[%d].tiers", dm.ID, i), "unknown tier %q%s", t.val, suggest(t.val, keys(tierAt)))
					}
				}
			}
		}
	}

	// Questions.
	perDim := map[string]int{}
	qi := 0
	for _, p := range parts {
		for _, rq := range p.questions {
			q := &b.Questions[qi]
			qi++
			f := "questions[" + q.ID + "]"
			if q.ID == "" {
				probs.add(q.Pos, "questions", "a question has no id")
			} else if prev, dup := qAt[q.ID]; dup {
				probs.add(q.Pos, f+".id", "duplicate question id %q (also defined at %s)", q.ID, prev)
			} else {
				qAt[q.ID] = q.Pos
			}
			switch {
			case q.Dimension == "":
				probs.add(q.Pos, f+".dimension", "missing; name the dimension this question measures")
			case dimAt[q.Dimension] == (Pos{}):
				probs.add(rq.dimPos, f+".dimension", "unknown dimension %q%s", q.Dimension, suggest(q.Dimension, keys(dimAt)))
			default:
				perDim[q.Dimension]++
			}
			if strings.TrimSpace(q.Text) == "" {
				probs.add(q.Pos, f+".text", "missing; write the question")
			}
			if rq.reversePos != nil && (q.Type == Choice || q.Type == Multi) {
				probs.add(*rq.reversePos, f+".reverse", "only likert and yesno questions can be reversed; for %s questions set the option scores instead", q.Type)
			}
			if rq.scalePos != nil && q.Type != Likert {
				probs.add(*rq.scalePos, f+".scale", "only likert questions have a scale; this one is %s", q.Type)
			}
			switch q.Type {
			case Choice, Multi:
				if len(q.Options) < 2 {
					pos := q.Pos
					if rq.optionsPos != nil {
						pos = *rq.optionsPos
					}
					probs.add(pos, f+".options", "a %s question needs at least 2 options, has %d", q.Type, len(q.Options))
				}
			default:
				if rq.optionsPos != nil {
					probs.add(*rq.optionsPos, f+".options", "only choice and multi questions have options; set type: choice or type: multi")
				}
			}
			if q.Type == Likert {
				q.Scale = b.Scale
				if rq.ownScale != nil {
					q.Scale = *rq.ownScale
				}
			}
			switch {
			case rq.allowNA != nil:
				q.AllowNA = *rq.allowNA
			default:
				q.AllowNA = b.NotApplicable != ""
			}
		}
	}
	if len(qAt) == 0 && len(b.Questions) == 0 {
		probs.add(hp("schema"), "questions", "a bank needs at least one question")
	}
	if len(b.Questions) > MaxQuestions {
		probs.add(hp("schema"), "questions", "%d questions is more than the limit of %d", len(b.Questions), MaxQuestions)
	}
	for _, p := range parts {
		for _, dm := range p.dims {
			if dm.ID != "" && perDim[dm.ID] == 0 && dimAt[dm.ID] == dm.Pos {
				probs.add(dm.Pos, "dimensions["+dm.ID+"]", "no question measures this dimension; add at least one question with dimension: %s", dm.ID)
			}
		}
	}

	sort.SliceStable(b.Tiers, func(i, j int) bool { return b.Tiers[i].Rank < b.Tiers[j].Rank })
}

// decoder walks yaml nodes, recording problems with file:line.
type decoder struct {
	file   string
	probs  *Problems
	budget int
	// aliasBudget is what is left of maxAliasNodes; sizes memoises the
	// node count of alias targets.
	aliasBudget int
	sizes       map[*yaml.Node]int
	spent       bool
	spentAt     Problem
}

func (d *decoder) pos(n *yaml.Node) Pos { return Pos{File: d.file, Line: n.Line} }

func (d *decoder) problem(pos Pos, field, msg string) {
	*d.probs = append(*d.probs, Problem{Pos: pos, Field: field, Msg: msg})
}

func (d *decoder) errorf(n *yaml.Node, field, format string, args ...any) {
	d.problem(d.pos(n), field, fmt.Sprintf(format, args...))
}

func (d *decoder) syntax(err error) {
	msg := err.Error()
	if m := yamlLine().FindStringSubmatch(msg); m != nil {
		line, _ := strconv.Atoi(m[1])
		if parserError(m[2]) {
			line++ // yaml.v3 counts parser (not scanner) error lines from 0
		}
		d.problem(Pos{File: d.file, Line: line}, "", "YAML syntax: "+m[2])
		return
	}
	d.problem(Pos{File: d.file}, "", "YAML syntax: "+strings.TrimPrefix(msg, "yaml: "))
}

// parserError reports whether a yaml.v3 message comes from its parser,
// whose line numbers are 0-based, rather than its scanner.
func parserError(msg string) bool {
	for _, p := range []string{"expected <document start>", "expected node content", "expected key", "expected ',' or", "expected '-' indicator", "expected <stream-start>"} {
		if strings.Contains(msg, "did not find "+p) {
			return true
		}
	}
	return false
}

// deref follows aliases and charges the node budgets; it returns nil once
// a budget is spent.
func (d *decoder) deref(n *yaml.Node) *yaml.Node {
	if d.spent {
		return nil
	}
	d.budget--
	at := n
	for depth := 0; n != nil && n.Kind == yaml.AliasNode; depth++ {
		if depth > 100 {
			n = nil
			break
		}
		n = n.Alias
		d.aliasBudget -= d.size(n)
	}
	switch {
	case d.aliasBudget < 0:
		d.spend(at, fmt.Sprintf("aliases (*name) expand to more than %d YAML nodes; refusing the file (alias bomb?): write the shared parts out instead", maxAliasNodes))
		return nil
	case d.budget < 0 || n == nil:
		d.spend(at, fmt.Sprintf("more than %d YAML nodes; refusing the file: split the bank into a directory of smaller files", maxNodes))
		return nil
	}
	return n
}

// spend stops the walk; decodeFile reports the problem.
func (d *decoder) spend(at *yaml.Node, msg string) {
	d.spent = true
	d.spentAt = Problem{Pos: Pos{File: d.file}, Msg: msg}
	if at != nil {
		d.spentAt.Pos.Line = at.Line
	}
}

// size counts the nodes under n, an alias counting as one.
func (d *decoder) size(n *yaml.Node) int {
	if n == nil || len(n.Content) == 0 {
		return 1
	}
	if s, ok := d.sizes[n]; ok {
		return s
	}
	s := 1
	for _, c := range n.Content {
		if c.Kind != yaml.AliasNode {
			s += d.size(c)
		} else {
			s++
		}
	}
	if d.sizes == nil {
		d.sizes = map[*yaml.Node]int{}
	}
	d.sizes[n] = s
	return s
}

func kindName(n *yaml.Node) string {
	switch n.Kind {
	case yaml.SequenceNode:
		return "a list"
	case yaml.MappingNode:
		return "a mapping"
	case yaml.ScalarNode:
		if n.Tag == "!!null" {
			return "empty"
		}
		return fmt.Sprintf("the value %q", n.Value)
	}
	return "nothing"
}

// mapping calls fn for each key of a mapping node. known, when not nil,
// lists the accepted keys; others are reported with a suggestion.
func (d *decoder) mapping(n *yaml.Node, field string, known []string, fn func(key string, k, v *yaml.Node)) {
	if n = d.deref(n); n == nil {
		return
	}
	if n.Kind != yaml.MappingNode {
		d.errorf(n, field, "must be a mapping (key: value pairs), got %s", kindName(n))
		return
	}
	seen := map[string]int{}
	for i := 0; i+1 < len(n.Content) && !d.spent; i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if k = d.deref(k); k == nil {
			return
		}
		f := join(field, k.Value)
		if k.Kind != yaml.ScalarNode {
			d.errorf(k, field, "keys must be plain names, got %s", kindName(k))
			continue
		}
		if k.Tag == "!!merge" {
			d.errorf(k, field, "merge keys (<<) are not supported; write the fields out")
			continue
		}
		if line, dup := seen[k.Value]; dup {
			d.errorf(k, f, "duplicate key (first set at line %d)", line)
			continue
		}
		seen[k.Value] = k.Line
		if known != nil && !contains(known, k.Value) {
			d.errorf(k, f, "unknown field%s; known fields: %s", suggest(k.Value, known), strings.Join(known, ", "))
			continue
		}
		fn(k.Value, k, v)
	}
}

func (d *decoder) seq(n *yaml.Node, field string, fn func(i int, item *yaml.Node)) {
	if n = d.deref(n); n == nil {
		return
	}
	if n.Kind == yaml.ScalarNode && n.Tag == "!!null" {
		return
	}
	if n.Kind != yaml.SequenceNode {
		d.errorf(n, field, "must be a list (lines starting with -), got %s", kindName(n))
		return
	}
	for i, item := range n.Content {
		if d.spent {
			return
		}
		fn(i, item)
	}
}

func (d *decoder) scalar(n *yaml.Node, field string) *yaml.Node {
	if n = d.deref(n); n == nil {
		return nil
	}
	if n.Kind != yaml.ScalarNode {
		d.errorf(n, field, "must be a single value, got %s", kindName(n))
		return nil
	}
	return n
}

func (d *decoder) str(n *yaml.Node, field string) string {
	s := d.scalar(n, field)
	if s == nil {
		return ""
	}
	if s.Tag == "!!null" {
		d.errorf(s, field, "is empty; give a value or remove the field")
		return ""
	}
	return s.Value
}

// strict is str for fields that must be YAML strings (version: 1.0 is a
// float and would lose its form).
func (d *decoder) strict(n *yaml.Node, field string) string {
	s := d.scalar(n, field)
	if s == nil {
		return ""
	}
	if s.Tag != "!!str" {
		d.errorf(s, field, "must be a string; quote it: %s: %q", field, s.Value)
		return s.Value
	}
	return s.Value
}

func (d *decoder) id(n *yaml.Node, field string) string {
	s := d.str(n, field)
	if s != "" && !idRe().MatchString(s) {
		d.errorf(n, field, "%q is not a valid id; use letters, digits, '.', '_' and '-' (no spaces)", s)
	}
	return s
}

func (d *decoder) int(n *yaml.Node, field string) int {
	s := d.scalar(n, field)
	if s == nil {
		return 0
	}
	var v int
	if s.Tag != "!!int" || s.Decode(&v) != nil {
		d.errorf(s, field, "must be a whole number, got %s", kindName(s))
		return 0
	}
	return v
}

func (d *decoder) float(n *yaml.Node, field string) float64 {
	s := d.scalar(n, field)
	if s == nil {
		return 0
	}
	var v float64
	if (s.Tag != "!!int" && s.Tag != "!!float") || s.Decode(&v) != nil || v != v {
		d.errorf(s, field, "must be a number, got %s", kindName(s))
		return 0
	}
	return v
}

func (d *decoder) weight(n *yaml.Node, field string) float64 {
	w := d.float(n, field)
	if w <= 0 || w > 1e6 {
		d.errorf(n, field, "weight must be a positive number (and at most 1e6), got %s", d.deref(n).Value)
		return 1
	}
	return w
}

func (d *decoder) bool(n *yaml.Node, field string) bool {
	s := d.scalar(n, field)
	if s == nil {
		return false
	}
	var v bool
	if s.Tag != "!!bool" || s.Decode(&v) != nil {
		d.errorf(s, field, "must be true or false, got %s", kindName(s))
		return false
	}
	return v
}

func (d *decoder) strList(n *yaml.Node, field string) []string {
	var out []string
	d.seq(n, field, func(i int, item *yaml.Node) {
		out = append(out, d.str(item, fmt.Sprintf("%s[%d]", field, i)))
	})
	return out
}

// itemField names a list item by its id when it has one, else its index.
func itemField(list string, i int, item *yaml.Node) string {
	for item != nil && item.Kind == yaml.AliasNode {
		item = item.Alias
	}
	if item != nil && item.Kind == yaml.MappingNode {
		for j := 0; j+1 < len(item.Content); j += 2 {
			k, v := item.Content[j], item.Content[j+1]
			if k.Value == "id" && v.Kind == yaml.ScalarNode && v.Value != "" && len(v.Value) <= 64 {
				return list + "[" + v.Value + "]"
			}
		}
	}
	return fmt.Sprintf("%s[%d]", list, i)
}

func join(field, key string) string {
	if field == "" {
		return key
	}
	return field + "." + key
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func keys(m map[string]Pos) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// suggest returns ` (did you mean "x"?)` for the closest candidate within
// two edits, or "".
func suggest(s string, candidates []string) string {
	best, bestD := "", 3
	for _, c := range candidates {
		if d := editDistance(s, c); d < bestD {
			best, bestD = c, d
		}
	}
	if best == "" {
		return ""
	}
	return fmt.Sprintf(" (did you mean %q?)", best)
}

// Suggest is suggest for other packages: a did-you-mean hint or "".
func Suggest(s string, candidates []string) string { return suggest(s, candidates) }

func editDistance(a, b string) int {
	if len(a) > 64 || len(b) > 64 {
		return 99
	}
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}
