package batch

import (
	"errors"
	"maps"
	"math"
	"slices"
	"strconv"
	"unicode/utf8"

	"github.com/digilead/digilead/assessment"
	"github.com/digilead/digilead/questions"
)

// The result encoder writes an assessment.Result exactly as json.Marshal
// does (compact, HTML-safe escaping), several times faster: it appends
// known fields instead of reflecting. TestEncodeMatchesJSON holds it to
// json.Marshal and TestEncodeKnowsEveryField fails when a field is added to
// the result without being added here.

var errNotFinite = errors.New("json: unsupported value: NaN or Inf")

// encoder appends results; it is not safe for concurrent use.
type encoder struct {
	// order lists question ids sorted, for the answers object (json.Marshal
	// sorts map keys).
	order []string
	err   error
	// target is the id of the result being written's target tier.
	target string
	// Most of a result's bytes are the bank's texts for its target: the
	// target's description and challenges and each gap's actions. They are
	// kept encoded, and reused when the same texts come again.
	targets map[string]memo[assessment.TierRef]
	actions map[actionsKey]memo[[]assessment.Action]
}

// memo is a value with its JSON.
type memo[T any] struct {
	v    T
	json []byte
}

type actionsKey struct{ dimension, target string }

func newEncoder(b *questions.Bank) *encoder {
	e := &encoder{
		order:   make([]string, len(b.Questions)),
		targets: map[string]memo[assessment.TierRef]{},
		actions: map[actionsKey]memo[[]assessment.Action]{},
	}
	for i, q := range b.Questions {
		e.order[i] = q.ID
	}
	slices.Sort(e.order)
	return e
}

func (e *encoder) result(b []byte, r *assessment.Result) ([]byte, error) {
	e.err = nil
	b = append(b, `{"schema":`...)
	b = appendString(b, r.Schema)
	b = append(b, `,"tool":{"name":`...)
	b = appendString(b, r.Tool.Name)
	b = append(b, `,"version":`...)
	b = appendString(b, r.Tool.Version)
	b = append(b, `},"bank":{"id":`...)
	b = appendString(b, r.Bank.ID)
	b = append(b, `,"title":`...)
	b = appendString(b, string(r.Bank.Title))
	b = append(b, `,"version":`...)
	b = appendString(b, r.Bank.Version)
	b = append(b, `,"digest":`...)
	b = appendString(b, r.Bank.Digest)
	b = append(b, `},"respondent":`...)
	b = appendRespondent(b, r.Respondent)
	b = append(b, `,"completed_at":`...)
	t, err := r.CompletedAt.MarshalJSON()
	if err != nil {
		return b, err
	}
	b = append(b, t...)
	b = append(b, `,"answers":`...)
	b = e.answers(b, r.Answers)
	b = append(b, `,"dimensions":`...)
	b = appendList(b, r.Dimensions, e.dimension)
	b = append(b, `,"tiers":`...)
	b = appendList(b, r.Tiers, e.tier)
	b = append(b, `,"level":`...)
	if r.Level == nil {
		b = append(b, "null"...)
	} else {
		b = appendTierRef(b, *r.Level)
	}
	if r.LevelRule != "" {
		b = append(b, `,"level_rule":`...)
		b = appendString(b, r.LevelRule)
	}
	if r.LevelProbability != nil {
		b = append(b, `,"level_probability":`...)
		b = e.float(b, *r.LevelProbability)
	}
	b = append(b, `,"target":`...)
	e.target = r.Target.ID
	b = e.targetRef(b, r.Target)
	b = append(b, `,"gaps":`...)
	b = appendList(b, r.Gaps, e.gap)
	if len(r.Notes) > 0 {
		b = append(b, `,"notes":`...)
		b = appendList(b, r.Notes, appendNote)
	}
	if r.Language != "" {
		b = append(b, `,"language":`...)
		b = appendString(b, r.Language)
	}
	b = append(b, '}')
	return b, e.err
}

func appendRespondent(b []byte, r questions.Respondent) []byte {
	b = append(b, '{')
	sep := false
	field := func(name, v string) {
		if v == "" {
			return
		}
		if sep {
			b = append(b, ',')
		}
		sep = true
		b = append(b, '"')
		b = append(b, name...)
		b = append(b, `":`...)
		b = appendString(b, v)
	}
	field("id", r.ID)
	field("name", r.Name)
	field("role", r.Role)
	field("group", r.Group)
	return append(b, '}')
}

// answers writes the answers object with keys sorted.
func (e *encoder) answers(b []byte, m map[string]questions.Value) []byte {
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
		b = appendString(b, k)
		b = append(b, ':')
		b = appendValue(b, v)
	}
	return append(b, '}')
}

// appendValue writes a value as questions.Value.MarshalJSON does.
func appendValue(b []byte, v questions.Value) []byte {
	switch v.Kind {
	case questions.NotApplicable:
		return append(b, `"na"`...)
	case questions.Number:
		return strconv.AppendInt(b, int64(v.Num), 10)
	case questions.Pick:
		return appendString(b, v.Opt)
	case questions.Picks:
		if v.Opts == nil {
			return append(b, "[]"...)
		}
		return appendList(b, v.Opts, appendString)
	case questions.Boolean:
		return strconv.AppendBool(b, v.Bool)
	}
	return append(b, "null"...)
}

func (e *encoder) dimension(b []byte, d assessment.DimensionScore) []byte {
	b = append(b, `{"id":`...)
	b = appendString(b, d.ID)
	b = append(b, `,"name":`...)
	b = appendString(b, string(d.Name))
	b = append(b, `,"score":`...)
	b = e.floatPtr(b, d.Score)
	b = append(b, `,"coverage":`...)
	b = e.float(b, d.Coverage)
	b = append(b, `,"answered":`...)
	b = strconv.AppendInt(b, int64(d.Answered), 10)
	b = append(b, `,"total":`...)
	b = strconv.AppendInt(b, int64(d.Total), 10)
	b = append(b, `,"status":`...)
	b = appendString(b, d.Status)
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
		b = appendString(b, d.SEMSource)
	}
	return append(b, '}')
}

func (e *encoder) tier(b []byte, t assessment.TierResult) []byte {
	b = appendTierHead(b, t.ID, string(t.Name), t.Rank)
	b = append(b, `,"met":`...)
	b = strconv.AppendBool(b, t.Met)
	b = append(b, `,"readiness":`...)
	b = e.float(b, t.Readiness)
	if len(t.Blocking) > 0 {
		b = append(b, `,"blocking":`...)
		b = appendList(b, t.Blocking, appendString)
	}
	if t.Probability != nil {
		b = append(b, `,"probability":`...)
		b = e.float(b, *t.Probability)
	}
	if len(t.WithinError) > 0 {
		b = append(b, `,"within_error":`...)
		b = appendList(b, t.WithinError, appendString)
	}
	return append(b, '}')
}

// appendTierHead opens a tier's object with the id, name and rank that
// results and tier references share.
func appendTierHead(b []byte, id, name string, rank int) []byte {
	b = append(b, `{"id":`...)
	b = appendString(b, id)
	b = append(b, `,"name":`...)
	b = appendString(b, name)
	b = append(b, `,"rank":`...)
	return strconv.AppendInt(b, int64(rank), 10)
}

func appendTierRef(b []byte, t assessment.TierRef) []byte {
	b = appendTierHead(b, t.ID, string(t.Name), t.Rank)
	if t.Description != "" {
		b = append(b, `,"description":`...)
		b = appendString(b, string(t.Description))
	}
	if len(t.Challenges) > 0 {
		b = append(b, `,"challenges":`...)
		b = appendList(b, t.Challenges, appendBankText)
	}
	return append(b, '}')
}

func (e *encoder) gap(b []byte, g assessment.Gap) []byte {
	b = append(b, `{"dimension":`...)
	b = appendString(b, g.Dimension)
	b = append(b, `,"name":`...)
	b = appendString(b, string(g.Name))
	b = append(b, `,"score":`...)
	b = e.floatPtr(b, g.Score)
	b = append(b, `,"expected":`...)
	b = e.float(b, g.Expected)
	b = append(b, `,"gap":`...)
	b = e.float(b, g.Gap)
	b = append(b, `,"severity":`...)
	b = appendString(b, g.Severity)
	if g.WithinError {
		b = append(b, `,"within_error":true`...)
	}
	b = append(b, `,"actions":`...)
	key := actionsKey{g.Dimension, e.target}
	m, ok := e.actions[key]
	if !ok || !slices.Equal(m.v, g.Actions) {
		m = memo[[]assessment.Action]{v: g.Actions, json: appendList(nil, g.Actions, appendAction)}
		e.actions[key] = m
	}
	b = append(b, m.json...)
	return append(b, '}')
}

// targetRef writes the target tier, reusing its JSON when it is the same
// as before.
func (e *encoder) targetRef(b []byte, t assessment.TierRef) []byte {
	m, ok := e.targets[t.ID]
	if !ok || !sameTierRef(m.v, t) {
		m = memo[assessment.TierRef]{v: t, json: appendTierRef(nil, t)}
		e.targets[t.ID] = m
	}
	return append(b, m.json...)
}

// sameTierRef compares tier references; the bank's strings are shared, so
// this is cheap.
func sameTierRef(a, b assessment.TierRef) bool {
	return a.ID == b.ID && a.Name == b.Name && a.Rank == b.Rank && a.Description == b.Description && slices.Equal(a.Challenges, b.Challenges)
}

func appendAction(b []byte, a assessment.Action) []byte {
	b = append(b, `{"kind":`...)
	b = appendString(b, a.Kind)
	b = append(b, `,"text":`...)
	b = appendString(b, string(a.Text))
	for _, f := range [...]struct{ name, v string }{{"url", a.URL}, {"provider", a.Provider}} {
		if f.v != "" {
			b = append(b, `,"`+f.name+`":`...)
			b = appendString(b, f.v)
		}
	}
	if a.Minutes != 0 {
		b = append(b, `,"minutes":`...)
		b = strconv.AppendInt(b, int64(a.Minutes), 10)
	}
	if a.Language != "" {
		b = append(b, `,"language":`...)
		b = appendString(b, a.Language)
	}
	return append(b, '}')
}

func appendNote(b []byte, n assessment.Note) []byte {
	b = append(b, `{"kind":`...)
	b = appendString(b, n.Kind)
	if n.Dimension != "" {
		b = append(b, `,"dimension":`...)
		b = appendString(b, n.Dimension)
	}
	b = append(b, `,"text":`...)
	b = appendString(b, n.Text)
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

func (e *encoder) floatPtr(b []byte, f *float64) []byte {
	if f == nil {
		return append(b, "null"...)
	}
	return e.float(b, *f)
}

// float writes f as encoding/json does; NaN and infinities are an error.
func (e *encoder) float(b []byte, f float64) []byte {
	if math.IsNaN(f) || math.IsInf(f, 0) {
		e.err = errNotFinite
		return append(b, '0')
	}
	if b, ok := appendCents(b, f); ok {
		return b
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
// gives. FuzzAppendFloat holds it to encoding/json.
func appendCents(b []byte, f float64) ([]byte, bool) {
	if !(f > -1e12 && f < 1e12) || (f == 0 && math.Signbit(f)) {
		return b, false
	}
	k := math.Round(f * 100)
	if k/100 != f {
		return b, false
	}
	n := int64(k)
	if n < 0 {
		b = append(b, '-')
		n = -n
	}
	b = strconv.AppendInt(b, n/100, 10)
	if c := n % 100; c != 0 {
		b = append(b, '.', byte('0'+c/10))
		if c%10 != 0 {
			b = append(b, byte('0'+c%10))
		}
	}
	return b, true
}

const hexDigits = "0123456789abcdef"

// plain marks the bytes copied into a JSON string as they are.
var plain = func() (t [256]bool) {
	for c := 0x20; c < utf8.RuneSelf; c++ {
		t[c] = c != '"' && c != '\\' && c != '<' && c != '>' && c != '&'
	}
	return t
}()

// appendBankText appends a bank's text as a JSON string.
func appendBankText(b []byte, s questions.BankText) []byte { return appendString(b, string(s)) }

// appendString writes s as a JSON string with encoding/json's escaping:
// HTML-safe, invalid UTF-8 replaced, U+2028 and U+2029 escaped.

func appendString(b []byte, s string) []byte {
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
