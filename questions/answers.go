package questions

import (
	"bytes"
	"cmp"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"maps"
	"math"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/digilead/digilead/questions/errtext"
	"github.com/digilead/digilead/questions/jsonplace"
	"gopkg.in/yaml.v3"
)

// Respondent is who answered, as far as they chose to say.
type Respondent struct {
	ID   string `json:"id,omitempty" yaml:"id,omitempty"`
	Name string `json:"name,omitempty" yaml:"name,omitempty"`
	Role string `json:"role,omitempty" yaml:"role,omitempty"`
	// Group is the part of the organisation the respondent belongs to
	// (a department, a unit, a region), by which a cohort can be grouped.
	Group string `json:"group,omitempty" yaml:"group,omitempty"`
	// Email, when given, identifies the respondent to a learning record
	// store: an xAPI statement carries its SHA-1 (mbox_sha1sum), never
	// the address. A result never holds it (see assessment.Result).
	Email string `json:"email,omitempty" yaml:"email,omitempty"`
}

// MaxRespondentField is the most characters a respondent's id, name,
// role or group may have in an answers file: with room to spare for any
// real one, and small enough that a result holding them (JSON may write
// a character as 6 bytes) is always one digilead reads back.
const MaxRespondentField = 1000

// TooLong names the fields of r (id, name, role, group) longer than
// MaxRespondentField characters.
func (r Respondent) TooLong() []string {
	var long []string
	for _, f := range []struct{ name, value string }{{"id", r.ID}, {"name", r.Name}, {"role", r.Role}, {"group", r.Group}} {
		if len(f.value) > MaxRespondentField && utf8.RuneCountInString(f.value) > MaxRespondentField {
			long = append(long, f.name)
		}
	}
	return long
}

// maxEmail is the longest address accepted (RFC 5321's path limit).
const maxEmail = 254

// EmailProblem says what is wrong with a respondent's e-mail address, or
// "" when it is one.
func EmailProblem(e string) string {
	at := strings.LastIndexByte(e, '@')
	switch {
	case len(e) > maxEmail:
		return fmt.Sprintf("longer than %d characters", maxEmail)
	case at <= 0 || at == len(e)-1 || strings.ContainsAny(e, " \t\r\n<>,;\"") || strings.Count(e, "@") != 1:
		return "not an e-mail address; give one such as name@example.gov.uk, or leave it out"
	}
	return ""
}

// Kind says what a Value holds.
type Kind uint8

// Value kinds.
const (
	Unanswered Kind = iota
	NotApplicable
	Number  // likert
	Pick    // choice
	Picks   // multi
	Boolean // yesno
)

// Value is one question's answer.
type Value struct {
	Kind Kind
	Num  int
	Opt  string
	Opts []string
	Bool bool
}

// NA is the not-applicable answer.
var NA = Value{Kind: NotApplicable}

// IntValue, OptionValue, OptionsValue and BoolValue build answers of each
// kind.
func IntValue(v int) Value             { return Value{Kind: Number, Num: v} }
func OptionValue(id string) Value      { return Value{Kind: Pick, Opt: id} }
func OptionsValue(ids ...string) Value { return Value{Kind: Picks, Opts: append([]string{}, ids...)} }
func BoolValue(v bool) Value           { return Value{Kind: Boolean, Bool: v} }

// Answered reports whether the value counts towards a score (not N/A, not
// unanswered).
func (v Value) Answered() bool { return v.Kind >= Number }

// MarshalJSON writes the value in the answers-file form.
func (v Value) MarshalJSON() ([]byte, error) {
	switch v.Kind {
	case NotApplicable:
		return []byte(`"na"`), nil
	case Number:
		return []byte(fmt.Sprint(v.Num)), nil
	case Pick:
		return json.Marshal(v.Opt)
	case Picks:
		if v.Opts == nil {
			return []byte("[]"), nil
		}
		return json.Marshal(v.Opts)
	case Boolean:
		if v.Bool {
			return []byte("true"), nil
		}
		return []byte("false"), nil
	}
	return []byte("null"), nil
}

// Answers is one person's answers to a bank.
type Answers struct {
	Bank       string
	Respondent Respondent
	Values     map[string]Value
}

// RawAnswers is the answers-file format before it is checked against a
// bank. Values are as JSON or YAML decoded them.
type RawAnswers struct {
	Bank       string         `json:"bank,omitempty" yaml:"bank,omitempty"`
	Respondent Respondent     `json:"respondent" yaml:"respondent,omitempty"`
	Answers    map[string]any `json:"answers" yaml:"answers"`
}

// ParseAnswers reads an answers file (JSON or YAML) and checks it against
// the bank. name is used in error messages.
func ParseAnswers(name string, data []byte, b *Bank) (*Answers, error) {
	if len(data) > MaxFileSize {
		return nil, Problems{{Pos: Pos{File: name}, Msg: fmt.Sprintf("larger than the %d MiB limit", MaxFileSize>>20)}}
	}
	raw, err := DecodeAnswers(data)
	if err != nil {
		var p Problem
		if errors.As(err, &p) {
			p.Pos.File = name
			return nil, Problems{p}
		}
		return nil, Problems{{Pos: Pos{File: name}, Msg: err.Error()}}
	}
	a, err := b.CheckAnswers(raw)
	var ps Problems
	if errors.As(err, &ps) {
		PlaceAnswerProblems(name, data, ps)
		return nil, ps
	}
	return a, err
}

// PlaceAnswerProblems puts the problems CheckAnswers (or a check like it)
// found in the answers file data at FILE:LINE: each at the line of the
// key it names (a question id, respondent.role, bank), when the file has
// it. The file is read again only here, when there are problems.
func PlaceAnswerProblems(name string, data []byte, ps Problems) {
	var lines map[string]int
	for i := range ps {
		ps[i].Pos.File = name
		if ps[i].Pos.Line != 0 || ps[i].Field == "" {
			continue
		}
		if lines == nil {
			lines = answerLines(data)
		}
		ps[i].Pos.Line = lines[answerPath(ps[i].Field)]
	}
	// In the file's order, as a reader goes through it (problems
	// without a line first, in the order found), but answers for another
	// bank first of all: the other problems follow from it.
	slices.SortStableFunc(ps, func(a, b Problem) int {
		switch {
		case a.Field == "bank" && b.Field != "bank":
			return -1
		case b.Field == "bank" && a.Field != "bank":
			return 1
		}
		return cmp.Compare(a.Pos.Line, b.Pos.Line)
	})
}

// answerPath is the path (as answerLines keys it) of the field a
// problem names: bank and respondent.* as they are, anything else a
// question id under answers (quoted when it is not an id).
func answerPath(field string) string {
	if field == "bank" || strings.HasPrefix(field, "respondent.") {
		return field
	}
	if id, err := strconv.Unquote(field); err == nil {
		field = id
	}
	return "answers." + field
}

// answerLines is the line of each key of an answers file, JSON or YAML,
// by its path: bank, respondent.role, answers.q1. A file that does not
// decode gives what was read of it.
func answerLines(data []byte) map[string]int {
	lines := map[string]int{}
	if trimmed := bytes.TrimSpace(data); len(trimmed) > 0 && trimmed[0] == '{' {
		_ = walkJSONAnswers(data, lines) // its problems were reported before
		return lines
	}
	var doc yaml.Node
	if yaml.Unmarshal(data, &doc) != nil || len(doc.Content) == 0 {
		return lines
	}
	var walk func(path string, n *yaml.Node)
	walk = func(path string, n *yaml.Node) {
		if n.Kind != yaml.MappingNode {
			return
		}
		for i := 0; i+1 < len(n.Content); i += 2 {
			key := joinField(path, n.Content[i].Value)
			if _, seen := lines[key]; !seen {
				lines[key] = n.Content[i].Line
			}
			if path == "" && (key == "respondent" || key == "answers") {
				walk(key, n.Content[i+1])
			}
		}
	}
	walk("", doc.Content[0])
	return lines
}

func (p Problem) Error() string { return p.String() }

// DecodeAnswers decodes an answers document, JSON or YAML, strictly
// (unknown fields are errors). Errors are Problems with a line when known;
// a document that cannot be decoded and is not text (a binary file: bytes
// that are not UTF-8, or control characters) is called that.
func DecodeAnswers(data []byte) (RawAnswers, error) {
	raw, err := decodeAnswers(data)
	if err != nil {
		if p, bad := notText(data); bad {
			return raw, p
		}
	}
	return raw, err
}

// notText finds the first byte of data that text has not: one that is not
// UTF-8, or a control character other than tab and line ends.
func notText(data []byte) (Problem, bool) {
	for i := 0; i < len(data); {
		r, size := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError && size <= 1 || r < 0x20 && r != '\t' && r != '\n' && r != '\r' || r == 0x7f {
			return Problem{Pos: Pos{Line: bytes.Count(data[:i], []byte("\n")) + 1}, Msg: fmt.Sprintf("not a text file (it holds the byte %#02x, not UTF-8 text); give the answers as YAML or JSON text, as 'digilead assess --help' shows", data[i])}, true
		}
		i += size
	}
	return Problem{}, false
}

func decodeAnswers(data []byte) (RawAnswers, error) {
	var raw RawAnswers
	trimmed := bytes.TrimSpace(data)
	if len(trimmed) == 0 {
		return raw, Problem{Msg: "empty; an answers file holds {answers: {question-id: value}}"}
	}
	if trimmed[0] == '{' {
		if err := checkJSONAnswers(data); err != nil {
			return raw, err
		}
		dec := json.NewDecoder(bytes.NewReader(data))
		dec.DisallowUnknownFields()
		dec.UseNumber() // a number as given, for messages (1e+23 was 100000000000000000000000)
		if err := dec.Decode(&raw); err != nil {
			return raw, jsonProblem(data, err)
		}
		if dec.More() {
			return raw, Problem{Pos: Pos{Line: lineAt(data, dec.InputOffset())}, Msg: "unexpected data after the answers object"}
		}
	} else if simple, ok := simpleAnswers(data); ok {
		raw = simple
	} else {
		var err error
		if raw, err = decodeYAMLAnswers(data); err != nil {
			return raw, err
		}
	}
	if raw.Answers == nil {
		return raw, Problem{Field: "answers", Msg: "missing; an answers file holds {answers: {question-id: value}}"}
	}
	return raw, nil
}

// decodeYAMLAnswers decodes a YAML answers document with yaml.v3.
func decodeYAMLAnswers(data []byte) (RawAnswers, error) {
	var raw RawAnswers
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(&raw); err != nil {
		msg := strings.TrimPrefix(err.Error(), "yaml: ")
		msg = strings.TrimPrefix(msg, "unmarshal errors:\n  ")
		if m := yamlLine.get().FindStringSubmatch("yaml: " + msg); m != nil {
			var line int
			fmt.Sscan(m[1], &line)
			if u := yamlUnknown.get().FindStringSubmatch(m[2]); u != nil {
				return raw, unknownAnswersField(line, u[1], u[2])
			}
			return raw, Problem{Pos: Pos{Line: line}, Msg: m[2]}
		}
		return raw, Problem{Msg: msg}
	}
	keepNumbersAsGiven(data, raw.Answers)
	return raw, nil
}

// keepNumbersAsGiven replaces each answer yaml.v3 made a float64 of (a
// number too large for an int, or with decimals) with its text, as a
// json.Number of the same value: a message then echoes it as given
// (100000000000000000000000, not 1e+23). Answers of whole numbers that
// fit, the usual ones, leave the file undecoded a second time.
func keepNumbersAsGiven(data []byte, answers map[string]any) {
	floats := false
	for _, v := range answers {
		_, ok := v.(float64)
		floats = floats || ok
	}
	if !floats {
		return
	}
	var nodes struct {
		Answers map[string]yaml.Node `yaml:"answers"`
	}
	if yaml.Unmarshal(data, &nodes) != nil {
		return
	}
	for id, v := range answers {
		f, isFloat := v.(float64)
		n, ok := nodes.Answers[id]
		if !isFloat || !ok || n.Kind != yaml.ScalarNode {
			continue
		}
		if g, err := strconv.ParseFloat(n.Value, 64); err == nil && g == f {
			answers[id] = json.Number(n.Value)
		}
	}
}

var yamlUnknown = &lazyRegexp{expr: `^field (\S+) not found in type questions\.(\w+)$`}

// unknownAnswersField explains a key an answers file may not have.
func unknownAnswersField(line int, name, typ string) Problem {
	if typ == "Respondent" {
		return Problem{Pos: Pos{Line: line}, Field: "respondent." + name, Msg: "unknown field; a respondent has id, name, role, group and email"}
	}
	return Problem{Pos: Pos{Line: line}, Field: name, Msg: "unknown field; an answers file has bank, respondent and answers"}
}

// jsonProblem turns an encoding/json error into a Problem with a line.
func jsonProblem(data []byte, err error) Problem {
	var se *json.SyntaxError
	var te *json.UnmarshalTypeError
	switch {
	case errors.As(err, &se):
		return Problem{Pos: Pos{Line: lineAt(data, se.Offset)}, Msg: "JSON syntax: " + se.Error()}
	case errors.As(err, &te):
		line, msg := jsonplace.TypeError(data, te)
		return Problem{Pos: Pos{Line: line}, Msg: msg}
	case errors.Is(err, io.ErrUnexpectedEOF):
		return Problem{Msg: "JSON ends too early (truncated?)"}
	}
	if name, ok := strings.CutPrefix(err.Error(), "json: unknown field "); ok {
		return unknownAnswersField(0, strings.Trim(name, `"`), "RawAnswers")
	}
	return Problem{Msg: strings.TrimPrefix(err.Error(), "json: ")}
}

// lineAt is the line of byte offset off of data, from 1.
func lineAt(data []byte, off int64) int {
	line, _ := jsonplace.Place(data, off)
	return line
}

// CheckAnswers checks raw answers against the bank: the bank id, the
// respondent's role, and every value. All problems are reported, each
// named with its question id.
func (b *Bank) CheckAnswers(raw RawAnswers) (*Answers, error) {
	var probs Problems
	otherBank := raw.Bank != "" && raw.Bank != b.ID
	if otherBank {
		probs.add(Pos{}, "bank", "the answers are for bank %q but the bank in use is %q; score them with the bank they were written for", raw.Bank, b.ID)
	}
	long := raw.Respondent.TooLong()
	for _, f := range long {
		probs.add(Pos{}, "respondent."+f, "longer than %d characters; shorten it", MaxRespondentField)
	}
	if r := raw.Respondent.Role; r != "" && !slices.Contains(long, "role") {
		if _, ok := b.Tier(r); !ok {
			probs.add(Pos{}, "respondent.role", "unknown tier %q%s; use one of %s", r, errtext.Suggest(r, b.TierIDs()), strings.Join(b.TierIDs(), ", "))
		}
	}
	if msg := EmailProblem(raw.Respondent.Email); raw.Respondent.Email != "" && msg != "" {
		probs.add(Pos{}, "respondent.email", "%s", msg)
	}
	a := &Answers{Bank: raw.Bank, Respondent: raw.Respondent, Values: make(map[string]Value, len(raw.Answers))}
	ids := slices.SortedFunc(maps.Keys(raw.Answers), func(x, y string) int {
		if c := cmp.Compare(b.order(x), b.order(y)); c != 0 {
			return c
		}
		return strings.Compare(x, y) // unknown ids, in a stable order
	})
	for _, id := range ids {
		v, err := b.ParseValue(id, raw.Answers[id])
		if err != nil {
			field := id
			if !idRe.get().MatchString(id) {
				field = strconv.Quote(id) // "" or a key with spaces or newlines
			}
			probs.add(Pos{}, field, "%s", err.Error())
			continue
		}
		if v.Kind != Unanswered {
			a.Values[id] = v
		}
	}
	if otherBank && len(probs) > 1 {
		// Unknown questions and tiers are what another bank's answers
		// look like: the cause is said first (see PlaceAnswerProblems).
		n := len(probs) - 1
		probs[0].Msg += fmt.Sprintf("; the %d other %s most likely follow from it", n, errtext.Plural(n, "problem", "problems"))
	}
	if len(probs) > 0 {
		return nil, probs
	}
	return a, nil
}

// order sorts known questions in bank order and unknown ones after them.
func (b *Bank) order(id string) int {
	if i, ok := b.qIdx[id]; ok {
		return i
	}
	return len(b.Questions)
}

// questionIDs lists every question id, for suggestions.
func (b *Bank) questionIDs() []string {
	ids := make([]string, len(b.Questions))
	for i, q := range b.Questions {
		ids[i] = q.ID
	}
	return ids
}

// ParseValue checks one raw answer (as JSON or YAML decoded it) against the
// question and returns it as a Value. nil is Unanswered.
func (b *Bank) ParseValue(qid string, raw any) (Value, error) {
	q, ok := b.Question(qid)
	if !ok {
		return Value{}, fmt.Errorf("unknown question%s; check the bank with 'digilead bank show'", errtext.Suggest(qid, b.questionIDs()))
	}
	return q.ParseValue(raw)
}

// ParseValue checks one raw answer against the question.
func (q *Question) ParseValue(raw any) (Value, error) {
	if raw == nil {
		return Value{}, nil
	}
	if s, ok := raw.(string); ok && isNA(s) {
		if !q.AllowNA {
			return Value{}, errors.New(`"na" (not applicable) is not offered for this question; give an answer or leave it out`)
		}
		return NA, nil
	}
	switch q.Type {
	case Likert:
		f, ok := number(raw)
		if !ok || f != math.Trunc(f) {
			return Value{}, fmt.Errorf("%s is not a point on the scale; give a whole number from %d to %d%s", show(raw), q.Scale.Min, q.Scale.Max, naHint(q))
		}
		if f < float64(q.Scale.Min) || f > float64(q.Scale.Max) {
			return Value{}, fmt.Errorf("%s is off the scale; give a whole number from %d to %d%s", show(raw), q.Scale.Min, q.Scale.Max, naHint(q))
		}
		return IntValue(int(f)), nil
	case Choice:
		s, ok := raw.(string)
		if !ok {
			return Value{}, fmt.Errorf("%s is not an option id; use one of %s%s", show(raw), q.optionList(), naHint(q))
		}
		if _, ok := q.Option(s); !ok {
			return Value{}, fmt.Errorf("unknown option %q%s; use one of %s%s", s, errtext.Suggest(s, q.optionIDs()), q.optionList(), naHint(q))
		}
		return OptionValue(s), nil
	case Multi:
		list, ok := raw.([]any)
		if !ok {
			return Value{}, fmt.Errorf("%s is not a list of option ids; give a list such as [%s]%s", show(raw), q.Options[0].ID, naHint(q))
		}
		seen := make(map[string]bool, len(list))
		ids := make([]string, 0, len(list))
		for _, item := range list {
			s, ok := item.(string)
			if !ok {
				return Value{}, fmt.Errorf("%s in the list is not an option id; use %s", show(item), q.optionList())
			}
			if _, ok := q.Option(s); !ok {
				return Value{}, fmt.Errorf("unknown option %q%s; use %s", s, errtext.Suggest(s, q.optionIDs()), q.optionList())
			}
			if seen[s] {
				return Value{}, fmt.Errorf("option %q is listed twice", s)
			}
			seen[s] = true
			ids = append(ids, s)
		}
		return Value{Kind: Picks, Opts: ids}, nil
	case YesNo:
		switch v := raw.(type) {
		case bool:
			return BoolValue(v), nil
		case string:
			switch strings.ToLower(v) {
			case "yes":
				return BoolValue(true), nil
			case "no":
				return BoolValue(false), nil
			}
		}
		return Value{}, fmt.Errorf("%s is not yes or no; give true/false or \"yes\"/\"no\"%s", show(raw), naHint(q))
	}
	return Value{}, fmt.Errorf("question type %q cannot be answered", q.Type)
}

func isNA(s string) bool { return strings.EqualFold(s, "na") }

func naHint(q *Question) string {
	if q.AllowNA {
		return `, or "na"`
	}
	return ""
}

func number(raw any) (float64, bool) {
	switch v := raw.(type) {
	case int:
		return float64(v), true
	case int64:
		return float64(v), true
	case uint64:
		return float64(v), true
	case float64:
		return v, true
	case json.Number:
		f, err := v.Float64()
		return f, err == nil
	}
	return 0, false
}

func show(raw any) string {
	switch v := raw.(type) {
	case string:
		return fmt.Sprintf("%q", v)
	case []any, map[string]any:
		b, _ := json.Marshal(v)
		if len(b) > 40 {
			b = append(b[:37], "..."...)
		}
		return string(b)
	}
	return fmt.Sprint(raw)
}

func (q *Question) optionIDs() []string {
	ids := make([]string, len(q.Options))
	for i, o := range q.Options {
		ids[i] = o.ID
	}
	return ids
}

func (q *Question) optionList() string { return strings.Join(q.optionIDs(), ", ") }

// UnmarshalJSON reads a value in the answers-file form without a bank:
// "na" is not applicable, a number is a scale point, a string an option id,
// a list option ids, a boolean yes/no, null unanswered.
func (v *Value) UnmarshalJSON(data []byte) error {
	var raw any
	if err := json.Unmarshal(data, &raw); err != nil {
		return err
	}
	switch x := raw.(type) {
	case nil:
		*v = Value{}
	case bool:
		*v = BoolValue(x)
	case float64:
		if x != math.Trunc(x) || math.Abs(x) > 1e9 {
			return fmt.Errorf("answer %v is not a whole number", x)
		}
		*v = IntValue(int(x))
	case string:
		if isNA(x) {
			*v = NA
		} else {
			*v = OptionValue(x)
		}
	case []any:
		ids := make([]string, 0, len(x))
		for _, item := range x {
			s, ok := item.(string)
			if !ok {
				return fmt.Errorf("answer list holds %s, not an option id", show(item))
			}
			ids = append(ids, s)
		}
		*v = Value{Kind: Picks, Opts: ids}
	default:
		return fmt.Errorf("answer %s is not a value digilead writes", show(raw))
	}
	return nil
}

// Raw returns the value in the form JSON decoding gives, so a value from a
// saved result can be checked against a bank with Bank.ParseValue.
func (v Value) Raw() any {
	switch v.Kind {
	case NotApplicable:
		return "na"
	case Number:
		return float64(v.Num)
	case Pick:
		return v.Opt
	case Picks:
		list := make([]any, len(v.Opts))
		for i, o := range v.Opts {
			list[i] = o
		}
		return list
	case Boolean:
		return v.Bool
	}
	return nil
}
