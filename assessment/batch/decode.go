package batch

import (
	"slices"
	"strings"

	"github.com/digilead/digilead/assessment/jsonscan"
	"github.com/digilead/digilead/questions"
)

// fastDecoder reads the common shape of an answers line straight into
// answers, without the generic map that encoding/json builds. It is an
// accept-only recogniser: it takes only input that questions.DecodeAnswers
// and Bank.CheckAnswers accept with the same meaning, and gives up on
// anything else (escapes, unknown keys, values off the scale, duplicates
// ...), which the caller then reads the standard way for its messages.
type fastDecoder struct {
	// Scanner reads the line being decoded.
	jsonscan.Scanner
	bank *questions.Bank
	// qidx maps question ids to bank order; ids are the ids in bank order.
	qidx map[string]int
	ids  []string
	// follows[i+1] is the question whose answer followed question i's on
	// the last line (follows[0]: the first answer), or -1: lines of one
	// export list their answers in one order, so the next key is
	// nearly always this guess, checked without the map.
	follows []int
	last    int
	// reuse, when set, keeps the option lists of multi answers in picked,
	// reused from one scan to the next, instead of allocating each: for
	// callers done with a line's answers before they scan the next.
	reuse  bool
	picked []string
	// vals and set are scratch space, indexed like bank.Questions.
	vals []questions.Value
	set  []bool
}

func newFastDecoder(b *questions.Bank) *fastDecoder {
	d := &fastDecoder{bank: b, qidx: make(map[string]int, len(b.Questions)), vals: make([]questions.Value, len(b.Questions)), set: make([]bool, len(b.Questions))}
	d.ids = make([]string, len(b.Questions))
	for i, q := range b.Questions {
		d.qidx[q.ID], d.ids[i] = i, q.ID
	}
	d.follows = make([]int, len(b.Questions)+1)
	for i := range d.follows {
		d.follows[i] = -1
	}
	return d
}

// decode fills a from line and reports whether it could. a.Values must be
// an empty map.
func (d *fastDecoder) decode(line []byte, a *questions.Answers) bool {
	if !d.scan(line, a) {
		return false
	}
	for i, set := range d.set {
		if set && d.vals[i].Kind != questions.Unanswered {
			a.Values[d.bank.Questions[i].ID] = d.vals[i]
		}
	}
	return true
}

// values are the answers of the line last scanned, by question position;
// they are the decoder's own, valid until the next scan.
func (d *fastDecoder) values() []questions.Value {
	for i, set := range d.set {
		if !set {
			d.vals[i] = questions.Value{}
		}
	}
	return d.vals
}

// scan reads line into a's bank and respondent and the decoder's values,
// and reports whether it could.
func (d *fastDecoder) scan(line []byte, a *questions.Answers) bool {
	d.Reset(line)
	d.picked = d.picked[:0]
	clear(d.set)
	var seenBank, seenResp, seenAnswers bool
	d.SkipSpace()
	ok := d.Object(func(key []byte) bool {
		switch string(key) {
		case "bank":
			s, ok := d.Plain()
			if !ok || seenBank || (len(s) > 0 && string(s) != d.bank.ID) {
				return false
			}
			seenBank = true
			if len(s) > 0 {
				a.Bank = d.bank.ID
			}
			return true
		case "respondent":
			if seenResp {
				return false
			}
			seenResp = true
			return d.respondent(&a.Respondent)
		case "answers":
			if seenAnswers {
				return false
			}
			seenAnswers, d.last = true, -1
			return d.Object(d.answer)
		}
		return false
	})
	return ok && seenAnswers && d.End()
}

func (d *fastDecoder) respondent(r *questions.Respondent) bool {
	var seen [5]bool
	ok := d.Object(func(key []byte) bool {
		var dst *string
		var n int
		switch string(key) {
		case "id":
			dst, n = &r.ID, 0
		case "name":
			dst, n = &r.Name, 1
		case "role":
			dst, n = &r.Role, 2
		case "group":
			dst, n = &r.Group, 3
		case "email":
			dst, n = &r.Email, 4
		default:
			return false
		}
		s, ok := d.Plain()
		if !ok || seen[n] {
			return false
		}
		seen[n] = true
		*dst = string(s)
		return true
	})
	if ok && (r.Email != "" && questions.EmailProblem(r.Email) != "" || r.TooLong() != nil) {
		return false // the standard way says what is wrong
	}
	if !ok || r.Role == "" {
		return ok
	}
	t, known := d.bank.Tier(r.Role)
	if known {
		r.Role = t.ID // share the bank's string
	}
	return known
}

// answer reads the value of question key.
func (d *fastDecoder) answer(key []byte) bool {
	qi, ok := d.follows[d.last+1], true
	if qi < 0 || d.ids[qi] != string(key) {
		qi, ok = d.qidx[string(key)]
		if ok {
			d.follows[d.last+1] = qi
		}
	}
	d.last = qi
	if !ok || d.set[qi] {
		return false
	}
	d.set[qi] = true
	return d.value(&d.bank.Questions[qi], &d.vals[qi])
}

// value reads one answer to q into v (written in place: a Value is 64
// bytes, and this runs for every answer of every line), accepting only
// what q.ParseValue accepts unchanged.
func (d *fastDecoder) value(q *questions.Question, v *questions.Value) bool {
	switch c := d.Byte(); {
	case c == '"':
		s, ok := d.Plain()
		if !ok {
			return false
		}
		*v, ok = stringValue(q, s)
		return ok
	case c == '-' || (c >= '0' && c <= '9'):
		n, ok := d.Int()
		if !ok || q.Type != questions.Likert || n < q.Scale.Min || n > q.Scale.Max {
			return false
		}
		*v = questions.IntValue(n)
		return true
	case c == 't' || c == 'f':
		b, ok := d.Bool()
		*v = questions.BoolValue(b)
		return ok && q.Type == questions.YesNo
	case c == 'n':
		*v = questions.Value{}
		return d.Literal("null")
	case c == '[':
		var ok bool
		*v, ok = d.picks(q)
		return ok
	}
	return false
}

// stringValue is a string answer: N/A, an option id or yes/no.
func stringValue(q *questions.Question, s []byte) (questions.Value, bool) {
	if len(s) == 2 && strings.EqualFold(string(s), "na") {
		return questions.NA, q.AllowNA
	}
	switch q.Type {
	case questions.Choice:
		if o, ok := option(q, s); ok {
			return questions.OptionValue(o), true
		}
	case questions.YesNo:
		switch {
		case strings.EqualFold(string(s), "yes"):
			return questions.BoolValue(true), true
		case strings.EqualFold(string(s), "no"):
			return questions.BoolValue(false), true
		}
	}
	return questions.Value{}, false
}

// option returns the bank's own id string of option s.
func option(q *questions.Question, s []byte) (string, bool) {
	for _, o := range q.Options {
		if o.ID == string(s) {
			return o.ID, true
		}
	}
	return "", false
}

// picks reads the option list of a multi question.
func (d *fastDecoder) picks(q *questions.Question) (questions.Value, bool) {
	if q.Type != questions.Multi {
		return questions.Value{}, false
	}
	var ids []string
	if d.reuse {
		if cap(d.picked)-len(d.picked) < len(q.Options) {
			d.picked = make([]string, 0, max(256, 2*cap(d.picked))) // the old array stays with its lists
		}
		n := len(d.picked)
		ids = d.picked[n:n:min(cap(d.picked), n+len(q.Options))]
	} else {
		ids = make([]string, 0, len(q.Options))
	}
	ok := d.Array(func() bool {
		s, ok := d.Plain()
		if !ok {
			return false
		}
		id, ok := option(q, s)
		if !ok || slices.Contains(ids, id) {
			return false
		}
		ids = append(ids, id)
		return true
	})
	if !ok {
		return questions.Value{}, false
	}
	if d.reuse {
		d.picked = d.picked[:len(d.picked)+len(ids)]
	}
	return questions.Value{Kind: questions.Picks, Opts: ids}, true
}
