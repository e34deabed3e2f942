package questions

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"math"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"unicode"

	"gopkg.in/yaml.v3"

	"github.com/digilead/digilead/questions/errtext"
	"github.com/digilead/digilead/questions/lang"
	"github.com/digilead/digilead/questions/safetext"
)

var (
	idRe     = &lazyRegexp{expr: `^[A-Za-z0-9][A-Za-z0-9._-]*$`}
	yamlLine = &lazyRegexp{expr: `^yaml: line (\d+): (.*)$`}
	// yamlAnchor is yaml.v3's one syntax error without a line.
	yamlAnchor = &lazyRegexp{expr: `^yaml: unknown anchor '(.*)' referenced$`}
)

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
	// observerPos is where observer: is (nil when the question has no
	// observer wording).
	observerPos *Pos
}

var (
	// bankFields are a bank file's fields: headerFields, then its parts.
	bankFields      = []string{"schema", "id", "title", "version", "description", "language", "min_coverage", "scale", "not_applicable", "scoring", "tiers", "dimensions", "questions"}
	headerFields    = bankFields[:len(bankFields)-3]
	tierFields      = []string{"id", "name", "rank", "description", "challenges", "expectations"}
	dimensionFields = []string{"id", "name", "description", "weight", "actions", "reliability", "score_sd"}
	actionFields    = []string{"kind", "text", "tiers", "url", "provider", "minutes", "language"}
	questionFields  = []string{"id", "dimension", "text", "help", "type", "weight", "reverse", "allow_na", "scale", "options", "observer"}
	observerFields  = []string{"text", "help"}
	optionFields    = []string{"id", "label", "score"}
	scaleFields     = []string{"min", "max", "labels"}
	scoringFields   = []string{"level_rule"}
)

func decodeFile(f File, probs *Problems) (rb *rawBank) {
	start := len(*probs)
	d := newDecoder(f.Name, probs)
	defer func() {
		// Once the budget is spent the walk stopped half-way: what it found
		// missing is noise, so the file's only problem is the budget's.
		if d.spent {
			*probs = append((*probs)[:start], d.spentAt)
			rb = nil
		}
	}()
	root := d.mappingRoot(f.Data, "a bank needs at least schema, id, title, version, tiers, dimensions and questions", "put each bank part in its own file", "bank fields (schema: …, id: …)")
	if root == nil {
		return nil
	}
	rb = &rawBank{file: f.Name, header: map[string]Pos{}}
	b := &rb.bank
	d.mapping(root, "", bankFields, func(key string, k, v *yaml.Node) {
		if slices.Contains(headerFields, key) {
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
			b.Language = d.tag(v, key)
		case "min_coverage":
			before := len(*d.probs)
			b.MinCoverage = d.float(v, key)
			rb.minCovSet = true
			if len(*d.probs) == before && (b.MinCoverage < 0 || b.MinCoverage > 1) { // not a number: said once
				d.errorf(v, key, "must be between 0 and 1 (a share of a dimension's question weight), got %s", v.Value)
			}
		case "scale":
			b.Scale = d.scale(v, key)
			rb.scaleSet = true
		case "not_applicable":
			b.NotApplicable = d.str(v, key)
		case "scoring":
			d.mapping(v, key, scoringFields, func(key string, k, v *yaml.Node) {
				f := "scoring." + key
				b.LevelRule = d.str(v, f)
				if b.LevelRule != "" && !slices.Contains(LevelRules, b.LevelRule) {
					d.errorf(v, f, "unknown rule %q%s; the rules are %s (see docs/bank-format.md)", b.LevelRule, errtext.Suggest(b.LevelRule, LevelRules), strings.Join(LevelRules, ", "))
					b.LevelRule = ""
				}
			})
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

// mappingRoot reads the one YAML document of a file (see document) and
// returns its top mapping; nil, with the problem recorded, when there is
// none. fields names what the mapping holds, for the message.
func (d *decoder) mappingRoot(data []byte, need, split, fields string) *yaml.Node {
	doc := d.document(data, need, split)
	if doc == nil {
		return nil
	}
	root := d.deref(doc.Content[0])
	if root == nil {
		return nil
	}
	if root.Kind != yaml.MappingNode {
		d.errorf(root, "", "the file must be a mapping of %s, not %s", fields, kindName(root))
		return nil
	}
	return root
}

// document reads the one YAML document of a file: nil, with the problem
// recorded, when it is empty (need says what it needs), not YAML, or holds
// more than one document (split says what to do).
func (d *decoder) document(data []byte, need, split string) *yaml.Node {
	if len(bytes.TrimSpace(data)) == 0 {
		d.problem(Pos{File: d.file}, "", "file is empty; "+need)
		return nil
	}
	var doc yaml.Node
	dec := yaml.NewDecoder(bytes.NewReader(data))
	if err := dec.Decode(&doc); errors.Is(err, io.EOF) {
		d.problem(Pos{File: d.file}, "", "file is empty; "+need)
		return nil
	} else if err != nil {
		d.syntax(err, data)
		return nil
	}
	var extra yaml.Node
	if err := dec.Decode(&extra); err == nil {
		d.problem(Pos{File: d.file, Line: extra.Line}, "", "file holds more than one YAML document (---); "+split)
		return nil
	} else if !errors.Is(err, io.EOF) {
		d.syntax(err, data)
		return nil
	}
	if doc.Kind != yaml.DocumentNode || len(doc.Content) == 0 {
		d.problem(Pos{File: d.file}, "", "file is empty; "+need)
		return nil
	}
	return &doc
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
				a, tiers := d.action(item, fmt.Sprintf("%s[%d]", f, i))
				dm.Actions = append(dm.Actions, a)
				dm.actionTiers = append(dm.actionTiers, tiers)
			})
		}
	})
	return dm
}

// action reads one action, and where its tiers are named (checked
// against the bank's tiers once they are all known).
func (d *decoder) action(item *yaml.Node, af string) (Action, []posString) {
	a := Action{Pos: d.pos(item)}
	var tiers []posString
	d.mapping(item, af, actionFields, func(key string, k, v *yaml.Node) {
		f := af + "." + key
		switch key {
		case "kind":
			a.Kind = d.str(v, f)
			if a.Kind != "" && !slices.Contains(ActionKinds, a.Kind) {
				d.errorf(v, f, "unknown action kind %q; use one of %s", a.Kind, strings.Join(ActionKinds, ", "))
			}
		case "text":
			a.Text = d.str(v, f)
		case "tiers":
			d.seq(v, f, func(_ int, t *yaml.Node) {
				s := d.str(t, f)
				a.Tiers = append(a.Tiers, s)
				tiers = append(tiers, posString{s, d.pos(t)})
			})
		case "url":
			a.URL = d.str(v, f)
			if msg := CheckURL(a.URL); msg != "" {
				d.errorf(v, f, "%s", msg)
			}
		case "provider":
			a.Provider = d.str(v, f)
		case "minutes":
			before := len(*d.probs)
			a.Minutes = d.int(v, f)
			if len(*d.probs) == before && (a.Minutes <= 0 || a.Minutes > maxMinutes) { // no whole number: said once
				d.errorf(v, f, "must be a whole number of minutes from 1 to %d, got %s", maxMinutes, v.Value)
			}
		case "language":
			a.Language = d.tag(v, f)
		}
	})
	if a.Kind == "" {
		d.errorf(item, af+".kind", "missing; use one of %s", strings.Join(ActionKinds, ", "))
	}
	if strings.TrimSpace(a.Text) == "" {
		d.errorf(item, af+".text", "missing; say what the person should do")
	}
	return a, tiers
}

// tag reads a language tag (the bank's, an action's): see lang.CheckTag.
func (d *decoder) tag(v *yaml.Node, field string) string {
	before := len(*d.probs)
	s := d.str(v, field)
	if msg := lang.CheckTag(s); msg != "" && len(*d.probs) == before { // not a string: said once
		d.errorf(v, field, "%s", msg)
	}
	return s
}

// maxMinutes is the longest an action may take: a year of working days.
const maxMinutes = 250 * 8 * 60

// CheckURL says what is wrong with an action's URL, or "": it must be an
// absolute http or https URL with a host and a port (if any) from 0 to
// 65535, without spaces of any kind, line breaks, control or format
// characters, quotes, angle brackets, backslashes or backticks, and
// without a user or password before the host (https://gov.uk@evil.example
// goes to evil.example). It is the one rule of an action's address: a bank
// or catalogue takes what a report links to, and a report links only to
// what it takes, whatever a result file holds.
func CheckURL(s string) string {
	switch {
	case s == "":
		return "empty; give the resource's address (https://…), or leave url out"
	case len(s) > 2048:
		return "longer than 2048 characters"
	case strings.ContainsFunc(s, urlUnsafe):
		return "has spaces, line breaks, or control or invisible characters; encode them (%20)"
	case strings.ContainsAny(s, "\"'<>\\`"):
		return "has quotes, angle brackets, backslashes or backticks; encode them (%22, %27, %3C, %3E, %5C, %60)"
	}
	u, err := url.Parse(s)
	switch {
	case err != nil:
		return "not a URL: " + strings.TrimPrefix(err.Error(), "parse \""+s+"\": ")
	case u.Scheme != "http" && u.Scheme != "https" || u.Host == "":
		return fmt.Sprintf("%q is not an http or https address; give one such as https://learning.example.gov.uk/course", s)
	case u.User != nil:
		return "names a user or password before the host (…@); give the address without it"
	case u.Port() != "" && !validPort(u.Port()):
		return fmt.Sprintf("port %s is outside 0–65535", u.Port())
	}
	return ""
}

// urlUnsafe reports whether r has no place in an address as written: a
// space of any kind (NBSP too), a line or paragraph separator, a control
// character, or a format character (bidi marks, zero-width spaces), all of
// which would show raw, or not at all, in a text or Markdown report.
func urlUnsafe(r rune) bool {
	return r <= ' ' || r == 0x7f || safetext.Unsafe(r) || unicode.IsSpace(r) ||
		unicode.In(r, unicode.Zl, unicode.Zp, unicode.Zs, unicode.Cc, unicode.Cf)
}

// validPort reports whether p, the digits after a host's colon, is a TCP
// port: 0 to 65535.
func validPort(p string) bool {
	n, err := strconv.ParseUint(p, 10, 16)
	return err == nil && n <= 65535
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
		case "observer":
			p := d.pos(k)
			q.observerPos = &p
			q.Observer = &Observer{Pos: p}
			d.mapping(v, f, observerFields, func(key string, k, v *yaml.Node) {
				switch key {
				case "text":
					q.Observer.Text = d.str(v, f+".text")
					q.Observer.Pos = d.pos(v)
				case "help":
					q.Observer.Help = d.str(v, f+".help")
				}
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
	case s.Min < -maxScaleEnd || s.Min > maxScaleEnd || s.Max < -maxScaleEnd || s.Max > maxScaleEnd:
		// Bounded first, so that max-min below cannot overflow.
		d.errorf(n, field, "min and max must be between %d and %d, got %d..%d", -maxScaleEnd, maxScaleEnd, s.Min, s.Max)
		return Scale{Min: 1, Max: 5}
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

// MaxOptions bounds the options of one question: the questionnaire, the
// simulated respondents of bank review and every report list them all.
const MaxOptions = 100

// maxScaleEnd bounds a scale's min and max, so that its size is computed
// without overflow; at most 101 points are then allowed.
const maxScaleEnd = 10000

// newDecoder is a decoder of file with full budgets.
func newDecoder(file string, probs *Problems) *decoder {
	return &decoder{file: file, probs: probs, budget: maxNodes, aliasBudget: maxAliasNodes, aliasBytes: maxAliasBytes}
}

// decoder walks yaml nodes, recording problems with file:line.
type decoder struct {
	file   string
	probs  *Problems
	budget int
	// aliasBudget is what is left of maxAliasNodes, aliasBytes what is
	// left of maxAliasBytes; sizes memoises the size of alias targets.
	aliasBudget int
	aliasBytes  int
	sizes       map[*yaml.Node]nodeSize
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

func (d *decoder) syntax(err error, data []byte) {
	msg := err.Error()
	if m := yamlLine.get().FindStringSubmatch(msg); m != nil {
		line, _ := strconv.Atoi(m[1])
		if parserError(m[2]) {
			line++ // yaml.v3 counts parser (not scanner) error lines from 0
		}
		hint := ""
		if strings.Contains(m[2], "expected ',' or '}'") {
			// A URL's colon ends a plain value in a flow mapping.
			hint = `; inside {…} quote a value that holds ': ' or ',' or a URL (url: "https://…")`
		}
		d.problem(Pos{File: d.file, Line: line}, "", "YAML syntax: "+m[2]+hint)
		return
	}
	if m := yamlAnchor.get().FindStringSubmatch(msg); m != nil {
		// yaml.v3 does not say where; the first alias of that name that
		// comes before its anchor is.
		if line := aliasLine(data, m[1]); line > 0 {
			d.problem(Pos{File: d.file, Line: line}, "", "YAML syntax: "+strings.TrimPrefix(msg, "yaml: ")+"; define it (&"+m[1]+") before the alias (*"+m[1]+") that uses it")
			return
		}
	}
	d.problem(Pos{File: d.file}, "", "YAML syntax: "+strings.TrimPrefix(msg, "yaml: "))
}

// aliasLine is the line of the first alias *name in data that stands where
// a value starts (after a colon, a dash, a bracket, a brace, a comma or at
// a line's start) and comes before any anchor &name, or 0.
func aliasLine(data []byte, name string) int {
	for i := 0; i < len(data); i++ {
		if data[i] != '*' && data[i] != '&' || !bytes.HasPrefix(data[i+1:], []byte(name)) {
			continue
		}
		if end := i + 1 + len(name); end < len(data) && !bytes.ContainsRune([]byte(" \t\r\n,]}"), rune(data[end])) {
			continue // a longer name
		}
		j := i - 1
		for j >= 0 && (data[j] == ' ' || data[j] == '\t') {
			j--
		}
		if j >= 0 && !bytes.ContainsRune([]byte(":-[{,?\n"), rune(data[j])) {
			continue // inside a plain or quoted text
		}
		if data[i] == '&' {
			return 0
		}
		return 1 + bytes.Count(data[:i], []byte("\n"))
	}
	return 0
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
		size := d.size(n)
		d.aliasBudget -= size.nodes
		d.aliasBytes -= size.bytes
	}
	switch {
	case d.aliasBudget < 0:
		d.spend(at, fmt.Sprintf("aliases (*name) expand to more than %d YAML nodes; refusing the file (alias bomb?): write the shared parts out instead", maxAliasNodes))
		return nil
	case d.aliasBytes < 0:
		d.spend(at, fmt.Sprintf("aliases (*name) expand to more than %d MiB of text; refusing the file (alias bomb?): write the shared text out instead, or share only short texts and lists through aliases", maxAliasBytes>>20))
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

// nodeSize is what a node expands to: its nodes and the bytes of its
// scalars (keys and values).
type nodeSize struct{ nodes, bytes int }

// size measures the nodes under n, an alias counting as one node of no
// text (it is charged where the walk follows it).
func (d *decoder) size(n *yaml.Node) nodeSize {
	if n == nil {
		return nodeSize{1, 0}
	}
	if len(n.Content) == 0 {
		return nodeSize{1, len(n.Value)}
	}
	if s, ok := d.sizes[n]; ok {
		return s
	}
	s := nodeSize{nodes: 1}
	for _, c := range n.Content {
		if c.Kind != yaml.AliasNode {
			cs := d.size(c)
			s.nodes += cs.nodes
			s.bytes += cs.bytes
		} else {
			s.nodes++
		}
	}
	if d.sizes == nil {
		d.sizes = map[*yaml.Node]nodeSize{}
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
		if known != nil && !slices.Contains(known, k.Value) {
			d.errorf(k, f, "unknown field%s; known fields: %s", errtext.Suggest(k.Value, known), strings.Join(known, ", "))
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
	d.controls(n, field)
	return n
}

// maxControlsNamed is how many different control characters one problem
// names; the rest are counted.
const maxControlsNamed = 8

// controls reports the control and bidi characters of a scalar, which
// would reach a terminal or report as control sequences: all of them in
// one run, one problem for each line that holds any, naming each
// different character once.
func (d *decoder) controls(n *yaml.Node, field string) {
	line := n.Line
	if n.Style&(yaml.LiteralStyle|yaml.FoldedStyle) != 0 {
		line++ // a block's text starts below its | or >
	}
	var found []rune
	say := func() {
		if len(found) == 0 {
			return
		}
		names := make([]string, 0, maxControlsNamed)
		for _, r := range found[:min(len(found), maxControlsNamed)] {
			names = append(names, fmt.Sprintf("%U", r))
		}
		list := strings.Join(names, ", ")
		if more := len(found) - maxControlsNamed; more > 0 {
			list += fmt.Sprintf(" and %d more", more)
		}
		msg := "holds the control character " + list + ", which could act on a terminal or reverse text; remove it"
		if len(found) > 1 {
			msg = "holds the control characters " + list + ", which could act on a terminal or reverse text; remove them"
		}
		d.problem(Pos{File: d.file, Line: line}, field, msg)
		found = found[:0]
	}
	from := 0
	for i, r := range safetext.All(n.Value) {
		if lines := strings.Count(n.Value[from:i], "\n"); lines > 0 {
			say()
			line += lines
		}
		from = i
		if !slices.Contains(found, r) {
			found = append(found, r)
		}
	}
	say()
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
	if s != "" && !idRe.get().MatchString(s) {
		d.errorf(n, field, "%q is not a valid id; use letters, digits, '.', '_' and '-' (no spaces)", s)
	}
	return s
}

// decodeScalar decodes a scalar whose YAML tag is one of tags into a T. Any
// other value (a different tag, one that does not fit T, or NaN) is
// reported as not being what, and gives T's zero value.
func decodeScalar[T int | float64 | bool](d *decoder, n *yaml.Node, field, what string, tags ...string) T {
	var zero T
	s := d.scalar(n, field)
	if s == nil {
		return zero
	}
	var v T
	if !slices.Contains(tags, s.Tag) || s.Decode(&v) != nil || isNaN(v) {
		d.errorf(s, field, "must be %s, got %s", what, kindName(s))
		return zero
	}
	return v
}

func isNaN(v any) bool {
	f, ok := v.(float64)
	return ok && math.IsNaN(f)
}

func (d *decoder) int(n *yaml.Node, field string) int {
	return decodeScalar[int](d, n, field, "a whole number", "!!int")
}

func (d *decoder) float(n *yaml.Node, field string) float64 {
	return decodeScalar[float64](d, n, field, "a number", "!!int", "!!float")
}

func (d *decoder) weight(n *yaml.Node, field string) float64 {
	before := len(*d.probs)
	w := d.float(n, field)
	if len(*d.probs) > before { // not a number: said once
		return 1
	}
	if w <= 0 || w > 1e6 {
		d.errorf(n, field, "weight must be a positive number (and at most 1e6), got %s", d.deref(n).Value)
		return 1
	}
	return w
}

func (d *decoder) bool(n *yaml.Node, field string) bool {
	return decodeScalar[bool](d, n, field, "true or false", "!!bool")
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
