// Package resultjson writes digilead.result/v1 documents exactly as
// encoding/json writes an assessment.Result, without reflection: several
// times faster for `score`, and touching far less code when one result is
// written at start-up. Tests hold it to encoding/json byte for byte, in
// both of its escaping modes, compact and indented.
package resultjson

import (
	"errors"
	"io"
	"maps"
	"math"
	"slices"
	"strconv"
	"time"
	"unicode/utf8"

	"github.com/digilead/digilead/assessment"
	"github.com/digilead/digilead/questions"
)

// The encoder appends known fields instead of reflecting.
// TestEncodeMatchesJSON holds it to encoding/json and
// TestEncodeKnowsEveryField fails when a field is added to the result
// without being added here.

var errNotFinite = errors.New("json: unsupported value: NaN or Inf")

// Encoder appends results; it is not safe for concurrent use. Most of a
// result's bytes repeat from one result of a bank to the next (the bank's
// names, the target's texts, each gap's actions): the encoder keeps them
// encoded and reuses them when the same texts come again.
type Encoder struct {
	// plain is the table of bytes copied into strings as they are: with
	// or without <, > and &.
	plain *[256]bool
	// order lists the bank's question ids sorted, for the answers object
	// (encoding/json sorts map keys); sorted lists their positions in the
	// bank, and keys their JSON, `"id":`.
	order  []string
	sorted []int
	keys   [][]byte
	err    error
	// target is the id of the result being written's target tier.
	target string
	// once is set when the encoder writes one result (WriteIndented):
	// it keeps no memos, which would only be copies.
	once bool
	// spill, when set, takes the JSON written so far, between two
	// values, and gives back the buffer to go on with (see flush).
	spill func([]byte) []byte

	head    memo[headKey]
	when    memo[time.Time]
	dims    []memo[nameKey]
	tiers   []memo[tierKey]
	targets map[string]memo[assessment.TierRef]
	gaps    map[gapKey]gapMemo
}

// memo is a value with its JSON.
type memo[T any] struct {
	v    T
	json []byte
}

// headKey is what a result's first bytes, up to its respondent, are
// written from.
type headKey struct {
	schema, tool, version, bank, title, bankVersion, digest string
}

type nameKey struct{ id, name string }

type tierKey struct {
	id, name string
	rank     int
}

type gapKey struct{ dimension, target string }

// gapMemo is a gap's JSON up to its score, and its actions' JSON to its
// end.
type gapMemo struct {
	name          string
	actions       []assessment.Action
	head, actJSON []byte
}

// NewEncoder returns an encoder writing as json.Marshal does (HTML-safe
// escaping) results of bank b, or of any bank if b is nil.
func NewEncoder(b *questions.Bank) *Encoder {
	e := &Encoder{plain: &htmlSafe}
	if b != nil {
		e.order = make([]string, len(b.Questions))
		for i, q := range b.Questions {
			e.order[i] = q.ID
		}
		e.sorted = make([]int, len(b.Questions))
		for i := range e.sorted {
			e.sorted[i] = i
		}
		slices.SortFunc(e.sorted, func(i, j int) int { return cmpString(e.order[i], e.order[j]) })
		slices.Sort(e.order)
	}
	e.reset()
	return e
}

func cmpString(a, b string) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// SetEscapeHTML says whether <, > and & in strings are escaped, as
// json.Encoder's method of the name: on by default, as json.Marshal does.
// As encoding/json, U+2028 and U+2029 are escaped either way, and so are
// the option ids of answers (questions.Value marshals them itself).
func (e *Encoder) SetEscapeHTML(on bool) {
	e.plain = &htmlSafe
	if !on {
		e.plain = &htmlAsIs
	}
	e.reset()
}

// reset forgets what was memoised, which depends on the escaping.
func (e *Encoder) reset() {
	e.head, e.when, e.dims, e.tiers = memo[headKey]{}, memo[time.Time]{}, nil, nil
	e.targets = map[string]memo[assessment.TierRef]{}
	e.gaps = map[gapKey]gapMemo{}
	e.keys = make([][]byte, len(e.order))
	for i, id := range e.order {
		e.keys[i] = append(e.str(nil, id), ':')
	}
}

// Append appends r's JSON to dst, compact, as json.Marshal writes it (or
// json.Encoder without indentation, without its newline).
func (e *Encoder) Append(dst []byte, r *assessment.Result) ([]byte, error) {
	return e.result(dst, r, nil)
}

// AppendValues is Append with the answers taken from values, indexed as
// the encoder's bank's questions, in place of r.Answers: the answers
// object holds every value that is not questions.Unanswered, as if they
// were r.Answers. It saves building a map only to write it.
func (e *Encoder) AppendValues(dst []byte, r *assessment.Result, values []questions.Value) ([]byte, error) {
	if len(values) != len(e.sorted) {
		return nil, errors.New("resultjson: values do not match the bank")
	}
	return e.result(dst, r, values)
}

// WriteIndented writes r as json.Encoder does with SetIndent("", "  ") and
// SetEscapeHTML(false): indented by two spaces, <, > and & as they are,
// and a newline after.
//
// It writes one result at start-up, so it is made to touch few fresh
// pages of memory (docs/performance.md): the compact JSON is never whole,
// but indented a piece at a time from a small buffer used again and
// again, once to learn the document's length and once into a buffer of
// that length: w's own when w can grow its buffer and lend it (as
// bytes.Buffer does), so that the document is not copied again.
func WriteIndented(w io.Writer, r *assessment.Result) error {
	e := &Encoder{plain: &htmlAsIs, once: true}
	piece := make([]byte, 0, spillSize+spillSize/2)
	// First the length: the indenter counts the bytes it would write.
	in := indenter{counting: true}
	e.spill = func(b []byte) []byte {
		in.feed(b)
		return b[:0]
	}
	if err := e.indented(piece, r); err != nil {
		return err
	}
	n := in.n + 1 // and the newline
	// Then the document, into a buffer of that length.
	in = indenter{}
	grower, ok := w.(interface {
		Grow(int)
		AvailableBuffer() []byte
	})
	if ok {
		grower.Grow(n)
		in.dst = grower.AvailableBuffer()
	} else {
		in.dst = make([]byte, 0, n)
	}
	// e.spill feeds in, the variable: now the writing indenter.
	if err := e.indented(piece, r); err != nil {
		return err
	}
	_, err := w.Write(append(in.dst, '\n'))
	return err
}

// spillSize is how many bytes of compact JSON WriteIndented's encoder
// gathers before it hands them to be indented (spill).
const spillSize = 1024

// indented writes r through e.spill, its last piece included.
func (e *Encoder) indented(piece []byte, r *assessment.Result) error {
	b, err := e.result(piece, r, nil)
	if err != nil {
		return err
	}
	e.spill(b)
	return nil
}

// flush hands b to e.spill once it holds spillSize bytes, and goes on
// with what spill gives back; without spill, it is b. The encoder calls it
// only between values, never inside a string.
func (e *Encoder) flush(b []byte) []byte {
	if e.spill != nil && len(b) >= spillSize {
		return e.spill(b)
	}
	return b
}

// indent appends src, compact JSON as the encoder writes it, indented as
// json.Indent does with no prefix and two spaces (see indenter).
func indent(dst, src []byte) []byte {
	in := indenter{dst: dst}
	in.feed(src)
	return in.dst
}

// indenter indents compact JSON as json.Indent does with no prefix and
// two spaces: each element of an object or array on a line of its own,
// ": " after keys, and {} and [] for empty ones. It takes the JSON in
// pieces (feed), each ending between two tokens, never inside a string.
// (Not json.Indent itself: its scanner is code that one result written at
// start-up would have to fault in.) A counting indenter writes nothing,
// and counts in n the bytes it would write.
type indenter struct {
	dst      []byte
	counting bool
	n        int
	depth    int
	// open is an opening bracket not yet written, the last byte fed:
	// whether it opens an empty object or array is known only from the
	// next byte.
	open byte
}

// put writes b, or counts it.
func (in *indenter) put(b ...byte) {
	if in.counting {
		in.n += len(b)
		return
	}
	in.dst = append(in.dst, b...)
}

func (in *indenter) newline() {
	in.put('\n')
	if in.counting {
		in.n += 2 * in.depth
		return
	}
	for range in.depth {
		in.dst = append(in.dst, "  "...)
	}
}

// feed indents src, the next piece of the JSON.
func (in *indenter) feed(src []byte) {
	for i := 0; i < len(src); i++ {
		c := src[i]
		if o := in.open; o != 0 {
			in.open = 0
			if c == '}' || c == ']' {
				in.put(o, c)
				continue
			}
			in.put(o)
			in.depth++
			in.newline()
		}
		switch c {
		case '"':
			j := i + 1
			for src[j] != '"' {
				if src[j] == '\\' {
					j++
				}
				j++
			}
			in.put(src[i : j+1]...)
			i = j
		case '{', '[':
			in.open = c
		case '}', ']':
			in.depth--
			in.newline()
			in.put(c)
		case ',':
			in.put(c)
			in.newline()
		case ':':
			in.put(c, ' ')
		default:
			in.put(c)
		}
	}
}

func (e *Encoder) result(b []byte, r *assessment.Result, values []questions.Value) ([]byte, error) {
	e.err = nil
	b = e.header(b, r)
	b = e.respondent(b, r.Respondent)
	b = append(b, `,"completed_at":`...)
	if e.when.json == nil || r.CompletedAt != e.when.v {
		t, err := r.CompletedAt.MarshalJSON()
		if err != nil {
			return b, err
		}
		e.when = memo[time.Time]{v: r.CompletedAt, json: t}
	}
	b = append(b, e.when.json...)
	b = append(b, `,"answers":`...)
	if values != nil {
		b = e.values(b, values)
	} else {
		b = e.answers(b, r.Answers)
	}
	b = e.flush(b)
	b = append(b, `,"dimensions":`...)
	b = e.dimensions(b, r.Dimensions)
	b = append(b, `,"tiers":`...)
	b = e.tierList(b, r.Tiers)
	b = append(b, `,"level":`...)
	if r.Level == nil {
		b = append(b, "null"...)
	} else {
		b = e.tierRef(b, *r.Level)
	}
	if r.LevelRule != "" {
		b = append(b, `,"level_rule":`...)
		b = e.str(b, r.LevelRule)
	}
	if r.LevelProbability != nil {
		b = append(b, `,"level_probability":`...)
		b = e.float(b, *r.LevelProbability)
	}
	b = append(b, `,"target":`...)
	e.target = r.Target.ID
	b = e.flush(e.targetRef(b, r.Target))
	b = append(b, `,"gaps":`...)
	b = e.gapList(b, r.Gaps)
	if len(r.Notes) > 0 {
		b = append(b, `,"notes":`...)
		b = appendList(b, r.Notes, e.note)
	}
	if r.Language != "" {
		b = append(b, `,"language":`...)
		b = e.str(b, r.Language)
	}
	b = append(b, '}')
	return b, e.err
}

// header writes the result's fields up to the respondent's value, the
// same for every result of a bank and tool.
func (e *Encoder) header(b []byte, r *assessment.Result) []byte {
	k := headKey{r.Schema, r.Tool.Name, r.Tool.Version, r.Bank.ID, string(r.Bank.Title), r.Bank.Version, r.Bank.Digest}
	if e.once {
		return e.headJSON(b, k)
	}
	if e.head.json == nil || k != e.head.v {
		e.head = memo[headKey]{v: k, json: e.headJSON(nil, k)}
	}
	return append(b, e.head.json...)
}

func (e *Encoder) headJSON(b []byte, k headKey) []byte {
	b = append(b, `{"schema":`...)
	b = e.str(b, k.schema)
	b = append(b, `,"tool":{"name":`...)
	b = e.str(b, k.tool)
	b = append(b, `,"version":`...)
	b = e.str(b, k.version)
	b = append(b, `},"bank":{"id":`...)
	b = e.str(b, k.bank)
	b = append(b, `,"title":`...)
	b = e.str(b, k.title)
	b = append(b, `,"version":`...)
	b = e.str(b, k.bankVersion)
	b = append(b, `,"digest":`...)
	b = e.str(b, k.digest)
	return append(b, `},"respondent":`...)
}

func (e *Encoder) respondent(b []byte, r questions.Respondent) []byte {
	b = append(b, '{')
	sep := false
	for _, f := range [...]struct{ name, v string }{{`"id":`, r.ID}, {`"name":`, r.Name}, {`"role":`, r.Role}, {`"group":`, r.Group}} {
		if f.v == "" {
			continue
		}
		if sep {
			b = append(b, ',')
		}
		sep = true
		b = append(b, f.name...)
		b = e.str(b, f.v)
	}
	return append(b, '}')
}

// answers writes the answers object with keys sorted.
func (e *Encoder) answers(b []byte, m map[string]questions.Value) []byte {
	if m == nil {
		return append(b, "null"...)
	}
	keys := e.order
	found := 0
	for _, k := range keys {
		if _, ok := m[k]; ok {
			found++
		}
	}
	if found != len(m) { // ids outside the bank: sort them all
		keys = slices.Sorted(maps.Keys(m))
	}
	b = append(b, '{')
	first := true
	for _, k := range keys {
		v, ok := m[k]
		if !ok {
			continue
		}
		if !first {
			b = append(b, ',')
		}
		first = false
		b = e.str(b, k)
		b = append(b, ':')
		b = appendValue(b, v)
	}
	return append(b, '}')
}

// values writes the answers object from values by bank position.
func (e *Encoder) values(b []byte, values []questions.Value) []byte {
	b = append(b, '{')
	first := true
	for i, q := range e.sorted {
		v := &values[q]
		if v.Kind == questions.Unanswered {
			continue
		}
		if !first {
			b = append(b, ',')
		}
		first = false
		b = append(b, e.keys[i]...)
		b = appendValue(b, *v)
	}
	return append(b, '}')
}

// appendValue writes a value as questions.Value.MarshalJSON does: its
// strings HTML-safe, whatever the encoder's escaping.
func appendValue(b []byte, v questions.Value) []byte {
	switch v.Kind {
	case questions.NotApplicable:
		return append(b, `"na"`...)
	case questions.Number:
		return strconv.AppendInt(b, int64(v.Num), 10)
	case questions.Pick:
		return appendString(b, v.Opt, &htmlSafe)
	case questions.Picks:
		if v.Opts == nil {
			return append(b, "[]"...)
		}
		b = append(b, '[')
		for i, o := range v.Opts {
			if i > 0 {
				b = append(b, ',')
			}
			b = appendString(b, o, &htmlSafe)
		}
		return append(b, ']')
	case questions.Boolean:
		return strconv.AppendBool(b, v.Bool)
	}
	return append(b, "null"...)
}

func (e *Encoder) dimensions(b []byte, ds []assessment.DimensionScore) []byte {
	return memoList(e, b, ds, &e.dims, e.dimension)
}

// memoList writes list as a JSON array (null for nil), each item by item
// with its memo, the one at its position in memos (grown to the list's
// length); nil when the encoder writes once and keeps no memos.
func memoList[T, K any](e *Encoder, b []byte, list []T, memos *[]memo[K], item func([]byte, *T, *memo[K]) []byte) []byte {
	if list == nil {
		return append(b, "null"...)
	}
	if len(*memos) < len(list) && !e.once {
		*memos = append(*memos, make([]memo[K], len(list)-len(*memos))...)
	}
	b = append(b, '[')
	for i := range list {
		if i > 0 {
			b = append(b, ',')
		}
		var m *memo[K]
		if !e.once {
			m = &(*memos)[i]
		}
		b = e.flush(item(b, &list[i], m))
	}
	return append(b, ']')
}

// dimension writes d, its head from memo m (nil: none).
func (e *Encoder) dimension(b []byte, d *assessment.DimensionScore, m *memo[nameKey]) []byte {
	k := nameKey{d.ID, string(d.Name)}
	if m == nil {
		b = e.dimensionHead(b, k)
	} else {
		if m.json == nil || k != m.v {
			*m = memo[nameKey]{v: k, json: e.dimensionHead(nil, k)}
		}
		b = append(b, m.json...)
	}
	b = e.floatPtr(b, d.Score)
	b = append(b, `,"coverage":`...)
	b = e.float(b, d.Coverage)
	b = append(b, `,"answered":`...)
	b = strconv.AppendInt(b, int64(d.Answered), 10)
	b = append(b, `,"total":`...)
	b = strconv.AppendInt(b, int64(d.Total), 10)
	b = append(b, `,"status":`...)
	b = e.str(b, d.Status)
	b = append(b, `,"na":`...)
	b = strconv.AppendInt(b, int64(d.NA), 10)
	if d.Weight != 0 {
		b = append(b, `,"weight":`...)
		b = e.float(b, d.Weight)
	}
	if d.SEM != nil {
		b = append(b, `,"sem":`...)
		b = e.float(b, *d.SEM)
	}
	if d.Estimate != nil {
		b = append(b, `,"estimate":`...)
		b = e.float(b, *d.Estimate)
	}
	if d.SE != nil {
		b = append(b, `,"se":`...)
		b = e.float(b, *d.SE)
	}
	switch d.SEMSource {
	case "":
	case assessment.SourceAnswers: // the usual one, written as it is
		b = append(b, `,"sem_source":"answers"`...)
	default:
		b = append(b, `,"sem_source":`...)
		b = e.str(b, d.SEMSource)
	}
	return append(b, '}')
}

func (e *Encoder) dimensionHead(b []byte, k nameKey) []byte {
	b = append(b, `{"id":`...)
	b = e.str(b, k.id)
	b = append(b, `,"name":`...)
	b = e.str(b, k.name)
	return append(b, `,"score":`...)
}

func (e *Encoder) tierList(b []byte, ts []assessment.TierResult) []byte {
	return memoList(e, b, ts, &e.tiers, e.tier)
}

// tier writes t, its head from memo m (nil: none).
func (e *Encoder) tier(b []byte, t *assessment.TierResult, m *memo[tierKey]) []byte {
	k := tierKey{t.ID, string(t.Name), t.Rank}
	if m == nil {
		b = append(e.tierHead(b, k.id, k.name, k.rank), `,"met":`...)
	} else {
		if m.json == nil || k != m.v {
			*m = memo[tierKey]{v: k, json: append(e.tierHead(nil, k.id, k.name, k.rank), `,"met":`...)}
		}
		b = append(b, m.json...)
	}
	b = strconv.AppendBool(b, t.Met)
	b = append(b, `,"readiness":`...)
	b = e.float(b, t.Readiness)
	if len(t.Blocking) > 0 {
		b = append(b, `,"blocking":`...)
		b = appendList(b, t.Blocking, e.str)
	}
	if t.Probability != nil {
		b = append(b, `,"probability":`...)
		b = e.float(b, *t.Probability)
	}
	if len(t.WithinError) > 0 {
		b = append(b, `,"within_error":`...)
		b = appendList(b, t.WithinError, e.str)
	}
	return append(b, '}')
}

// tierHead opens a tier's object with the id, name and rank that results
// and tier references share.
func (e *Encoder) tierHead(b []byte, id, name string, rank int) []byte {
	b = append(b, `{"id":`...)
	b = e.str(b, id)
	b = append(b, `,"name":`...)
	b = e.str(b, name)
	b = append(b, `,"rank":`...)
	return strconv.AppendInt(b, int64(rank), 10)
}

func (e *Encoder) tierRef(b []byte, t assessment.TierRef) []byte {
	b = e.tierHead(b, t.ID, string(t.Name), t.Rank)
	if t.Description != "" {
		b = append(b, `,"description":`...)
		b = e.str(b, string(t.Description))
	}
	if len(t.Challenges) > 0 {
		b = append(b, `,"challenges":`...)
		b = appendList(b, t.Challenges, e.bankText)
	}
	return append(b, '}')
}

// targetRef writes the target tier, reusing its JSON when it is the same
// as before.
func (e *Encoder) targetRef(b []byte, t assessment.TierRef) []byte {
	if e.once {
		return e.tierRef(b, t)
	}
	m, ok := e.targets[t.ID]
	if !ok || !sameTierRef(m.v, t) {
		m = memo[assessment.TierRef]{v: t, json: e.tierRef(nil, t)}
		e.targets[t.ID] = m
	}
	return append(b, m.json...)
}

// sameTierRef compares tier references; the bank's strings are shared, so
// this is cheap.
func sameTierRef(a, b assessment.TierRef) bool {
	return a.ID == b.ID && a.Name == b.Name && a.Rank == b.Rank && a.Description == b.Description && slices.Equal(a.Challenges, b.Challenges)
}

func (e *Encoder) gapList(b []byte, gs []assessment.Gap) []byte {
	if gs == nil {
		return append(b, "null"...)
	}
	b = append(b, '[')
	for i := range gs {
		if i > 0 {
			b = append(b, ',')
		}
		b = e.flush(e.gap(b, &gs[i]))
	}
	return append(b, ']')
}

func (e *Encoder) gap(b []byte, g *assessment.Gap) []byte {
	if e.once {
		b = e.gapHead(b, g)
		b = e.gapScores(b, g)
		return e.gapActions(b, g)
	}
	key := gapKey{g.Dimension, e.target}
	m, ok := e.gaps[key]
	if !ok || m.name != string(g.Name) || !sameActions(m.actions, g.Actions) {
		m = gapMemo{name: string(g.Name), actions: g.Actions}
		m.head = e.gapHead(nil, g)
		m.actJSON = e.gapActions(nil, g)
		e.gaps[key] = m
	}
	b = append(b, m.head...)
	b = e.gapScores(b, g)
	return append(b, m.actJSON...)
}

// gapHead writes a gap's JSON up to its score.
func (e *Encoder) gapHead(b []byte, g *assessment.Gap) []byte {
	b = append(b, `{"dimension":`...)
	b = e.str(b, g.Dimension)
	b = append(b, `,"name":`...)
	b = e.str(b, string(g.Name))
	return append(b, `,"score":`...)
}

// gapActions writes a gap's JSON from its actions to its end.
func (e *Encoder) gapActions(b []byte, g *assessment.Gap) []byte {
	b = append(b, `,"actions":`...)
	return append(appendList(b, g.Actions, e.action), '}')
}

// gapScores writes a gap's fields from its score to its actions.
func (e *Encoder) gapScores(b []byte, g *assessment.Gap) []byte {
	b = e.floatPtr(b, g.Score)
	b = append(b, `,"expected":`...)
	b = e.float(b, g.Expected)
	b = append(b, `,"gap":`...)
	b = e.float(b, g.Gap)
	b = append(b, `,"severity":`...)
	b = e.str(b, g.Severity)
	if g.WithinError {
		b = append(b, `,"within_error":true`...)
	}
	return b
}

// sameActions compares lists of actions: the scorer hands every gap of a
// dimension and target the same list, so most often only the pointers
// need comparing.
func sameActions(a, b []assessment.Action) bool {
	if len(a) != len(b) || (a == nil) != (b == nil) {
		return false
	}
	return len(a) == 0 || &a[0] == &b[0] || slices.Equal(a, b)
}

func (e *Encoder) action(b []byte, a assessment.Action) []byte {
	b = append(b, `{"kind":`...)
	b = e.str(b, a.Kind)
	b = append(b, `,"text":`...)
	b = e.str(b, string(a.Text))
	if a.URL != "" {
		b = append(b, `,"url":`...)
		b = e.str(b, a.URL)
	}
	if a.Provider != "" {
		b = append(b, `,"provider":`...)
		b = e.str(b, a.Provider)
	}
	if a.Minutes != 0 {
		b = append(b, `,"minutes":`...)
		b = strconv.AppendInt(b, int64(a.Minutes), 10)
	}
	if a.Language != "" {
		b = append(b, `,"language":`...)
		b = e.str(b, a.Language)
	}
	return append(b, '}')
}

func (e *Encoder) note(b []byte, n assessment.Note) []byte {
	b = append(b, `{"kind":`...)
	b = e.str(b, n.Kind)
	if n.Dimension != "" {
		b = append(b, `,"dimension":`...)
		b = e.str(b, n.Dimension)
	}
	b = append(b, `,"text":`...)
	b = e.str(b, n.Text)
	return append(b, '}')
}

// appendList writes a JSON array, or null for a nil slice.
func appendList[T any](b []byte, list []T, item func([]byte, T) []byte) []byte {
	if list == nil {
		return append(b, "null"...)
	}
	b = append(b, '[')
	for i, x := range list {
		if i > 0 {
			b = append(b, ',')
		}
		b = item(b, x)
	}
	return append(b, ']')
}

func (e *Encoder) floatPtr(b []byte, f *float64) []byte {
	if f == nil {
		return append(b, "null"...)
	}
	return e.float(b, *f)
}

// float writes f as encoding/json does; NaN and infinities are an error.
func (e *Encoder) float(b []byte, f float64) []byte {
	if b, ok := appendCents(b, f); ok {
		return b
	}
	if math.IsNaN(f) || math.IsInf(f, 0) {
		e.err = errNotFinite
		return append(b, '0')
	}
	format := byte('f')
	if abs := math.Abs(f); abs != 0 && (abs < 1e-6 || abs >= 1e21) {
		format = 'e'
	}
	b = strconv.AppendFloat(b, f, format, -1, 64)
	if format == 'e' { // e-09 to e-9, as encoding/json
		if n := len(b); n >= 4 && b[n-4] == 'e' && b[n-3] == '-' && b[n-2] == '0' {
			b[n-2] = b[n-1]
			b = b[:n-1]
		}
	}
	return b
}

// appendCents writes f quickly when it is a whole number of hundredths,
// as the engine rounds every score: the nearest double to k/100 prints as
// k/100, trailing zeros dropped, which is what strconv's shortest form
// gives. (For |f| < 1e12 at most one k/100 rounds to f, so any k that
// passes the check is that one.) FuzzAppendFloat holds it to
// encoding/json.
func appendCents(b []byte, f float64) ([]byte, bool) {
	a := f
	if f < 0 {
		a = -f
	}
	if !(a < 1e12) || (f == 0 && math.Signbit(f)) {
		return b, false
	}
	n := int64(a*100 + 0.5)
	if float64(n)/100 != a {
		return b, false
	}
	if f < 0 {
		b = append(b, '-')
	}
	if n < 100 {
		b = append(b, '0')
	} else {
		b = strconv.AppendInt(b, n/100, 10)
	}
	if c := n % 100; c != 0 {
		b = append(b, '.', byte('0'+c/10))
		if c%10 != 0 {
			b = append(b, byte('0'+c%10))
		}
	}
	return b, true
}

const hexDigits = "0123456789abcdef"

// htmlSafe marks the bytes copied into a JSON string as they are, as
// json.Marshal does; htmlAsIs the same with <, > and & as they are too,
// as json.Encoder with SetEscapeHTML(false).
var htmlSafe, htmlAsIs = func() (safe, asIs [256]bool) {
	for c := 0x20; c < utf8.RuneSelf; c++ {
		asIs[c] = c != '"' && c != '\\'
		safe[c] = asIs[c] && c != '<' && c != '>' && c != '&'
	}
	return safe, asIs
}()

// bankText appends a bank's text as a JSON string.
func (e *Encoder) bankText(b []byte, s questions.BankText) []byte {
	return appendString(b, string(s), e.plain)
}

// str appends s as a JSON string with the encoder's escaping.
func (e *Encoder) str(b []byte, s string) []byte { return appendString(b, s, e.plain) }

// appendString writes s as a JSON string with encoding/json's escaping:
// the bytes plain marks as they are, invalid UTF-8 replaced, U+2028 and
// U+2029 escaped.
func appendString(b []byte, s string, plain *[256]bool) []byte {
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if plain[c] {
			i++
			continue
		}
		if c < utf8.RuneSelf {
			b = append(b, s[start:i]...)
			switch c {
			case '"', '\\':
				b = append(b, '\\', c)
			case '\b':
				b = append(b, '\\', 'b')
			case '\f':
				b = append(b, '\\', 'f')
			case '\n':
				b = append(b, '\\', 'n')
			case '\r':
				b = append(b, '\\', 'r')
			case '\t':
				b = append(b, '\\', 't')
			default:
				b = append(b, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xF])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			b = append(b, s[start:i]...)
			b = append(b, `\ufffd`...)
			i += size
			start = i
			continue
		}
		if r == '\u2028' || r == '\u2029' {
			b = append(b, s[start:i]...)
			b = append(b, '\\', 'u', '2', '0', '2', hexDigits[r&0xF])
			i += size
			start = i
			continue
		}
		i += size
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}
