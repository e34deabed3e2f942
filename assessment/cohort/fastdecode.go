package cohort

import (
	"bytes"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"
)

// fastEntry reads what a cohort needs of a result document straight into
// e, skipping the rest (answers, action texts, descriptions) with a
// validating scanner instead of encoding/json's reflection. Like score's
// answers decoder it is an accept-only recogniser: it takes only documents
// that json.Unmarshal takes into an Entry with the same meaning, and gives
// up on anything else (escapes or invalid UTF-8 in a field it keeps, a
// field named in other capitals or twice, null or a number where it would
// have to guess, invalid JSON anywhere), which Decode then reads the
// standard way for its messages.
func fastEntry(data []byte, e *Entry) bool {
	in, _ := interned.Get().(map[string]string)
	if in == nil || len(in) > maxInterned {
		in = make(map[string]string, 64)
	}
	defer interned.Put(in)
	p := &scanner{data: data, interned: in}
	p.ws()
	ok := p.fields(func(k string) bool {
		switch k {
		case "schema":
			return p.istr(&e.Schema)
		case "bank":
			return p.fields(func(k string) bool {
				switch k {
				case "id":
					return p.istr(&e.Bank.ID)
				case "title":
					return p.istr(&e.Bank.Title)
				case "version":
					return p.istr(&e.Bank.Version)
				case "digest":
					return p.istr(&e.Bank.Digest)
				}
				return p.other(k, "id", "title", "version", "digest")
			})
		case "respondent":
			r := &e.Respondent
			return p.fields(func(k string) bool {
				switch k {
				case "id":
					return p.str(&r.ID)
				case "name":
					return p.str(&r.Name)
				case "role":
					return p.istr(&r.Role)
				case "group":
					return p.istr(&r.Group)
				}
				return p.other(k, "id", "name", "role", "group")
			})
		case "completed_at":
			return p.str(&e.CompletedAt)
		case "dimensions":
			e.Dimensions = make([]EntryDimension, 0, 16)
			return p.array(func() bool {
				var d EntryDimension
				ok := p.fields(func(k string) bool {
					switch k {
					case "id":
						return p.istr(&d.ID)
					case "name":
						return p.istr(&d.Name)
					case "score":
						return p.optNumber(&d.Score)
					case "status":
						return p.istr(&d.Status)
					}
					return p.other(k, "id", "name", "score", "status")
				})
				e.Dimensions = append(e.Dimensions, d)
				return ok
			})
		case "tiers":
			e.Tiers = make([]EntryTier, 0, 4)
			return p.array(func() bool {
				var t EntryTier
				ok := p.fields(func(k string) bool {
					switch k {
					case "id":
						return p.istr(&t.ID)
					case "name":
						return p.istr(&t.Name)
					case "rank":
						return p.int(&t.Rank)
					case "met":
						return p.boolean(&t.Met)
					case "readiness":
						return p.number(&t.Readiness)
					}
					return p.other(k, "id", "name", "rank", "met", "readiness")
				})
				e.Tiers = append(e.Tiers, t)
				return ok
			})
		case "level":
			if p.literal("null") {
				return true
			}
			e.Level = &struct {
				ID string `json:"id"`
			}{}
			return p.fields(func(k string) bool {
				if k == "id" {
					return p.istr(&e.Level.ID)
				}
				return p.other(k, "id")
			})
		case "target":
			return p.fields(func(k string) bool {
				if k == "id" {
					return p.istr(&e.Target.ID)
				}
				return p.other(k, "id")
			})
		case "gaps":
			e.Gaps = make([]EntryGap, 0, 16)
			return p.array(func() bool {
				var g EntryGap
				ok := p.fields(func(k string) bool {
					switch k {
					case "dimension":
						return p.istr(&g.Dimension)
					case "name":
						return p.istr(&g.Name)
					case "score":
						return p.optNumber(&g.Score)
					case "gap":
						return p.number(&g.Gap)
					}
					return p.other(k, "dimension", "name", "score", "gap")
				})
				e.Gaps = append(e.Gaps, g)
				return ok
			})
		}
		return p.other(k, "schema", "bank", "respondent", "completed_at", "dimensions", "tiers", "level", "target", "gaps")
	})
	p.ws()
	return ok && p.i == len(p.data)
}

// interned are the strings every result repeats (dimension, tier and
// bank ids and names), kept so that each is allocated once, not once per
// result.
var interned sync.Pool // map[string]string

// maxInterned bounds an interned map; a fuller one is dropped.
const maxInterned = 4096

// scanner reads JSON at data[i:].
type scanner struct {
	data     []byte
	i        int
	interned map[string]string
}

// other skips the value of a key the Entry does not keep, giving up when
// encoding/json would take it for one it keeps (it matches keys without
// regard to case).
func (p *scanner) other(key string, known ...string) bool {
	for _, k := range known {
		if strings.EqualFold(key, k) {
			return false
		}
	}
	return p.skip(0)
}

// fields reads an object whose keys each appear once (at most 16 of
// them).
func (p *scanner) fields(member func(key string) bool) bool {
	var seen [16]string
	n := 0
	return p.object(func(key []byte) bool {
		for _, s := range seen[:n] {
			if s == string(key) {
				return false
			}
		}
		if n < len(seen) {
			seen[n] = string(key)
			n++
		} else {
			return false
		}
		return member(string(key))
	})
}

// object reads {"key": value, ...}, calling member with the cursor on
// each value.
func (p *scanner) object(member func(key []byte) bool) bool {
	return p.list('{', '}', func() bool {
		key, ok := p.plain()
		if !ok {
			return false
		}
		p.ws()
		if !p.peek(':') {
			return false
		}
		p.i++
		p.ws()
		return member(key)
	})
}

func (p *scanner) array(item func() bool) bool { return p.list('[', ']', item) }

// list reads open, items separated by commas, and close.
func (p *scanner) list(open, close byte, item func() bool) bool {
	if !p.peek(open) {
		return false
	}
	p.i++
	p.ws()
	if p.peek(close) {
		p.i++
		return true
	}
	for {
		p.ws()
		if !item() {
			return false
		}
		p.ws()
		switch {
		case p.peek(','):
			p.i++
		case p.peek(close):
			p.i++
			return true
		default:
			return false
		}
	}
}

// maxDepth bounds the nesting skip follows, well inside encoding/json's
// limit (10,000), so that nothing it refuses for depth is accepted here.
const maxDepth = 1000

// skip validates and passes over one value of any kind.
func (p *scanner) skip(depth int) bool {
	if p.i >= len(p.data) || depth > maxDepth {
		return false
	}
	switch c := p.data[p.i]; {
	case c == '"':
		return p.skipString()
	case c == '{':
		return p.list('{', '}', func() bool {
			if !p.skipString() {
				return false
			}
			p.ws()
			if !p.peek(':') {
				return false
			}
			p.i++
			p.ws()
			return p.skip(depth + 1)
		})
	case c == '[':
		return p.list('[', ']', func() bool { return p.skip(depth + 1) })
	case c == 't':
		return p.literal("true")
	case c == 'f':
		return p.literal("false")
	case c == 'n':
		return p.literal("null")
	default:
		_, ok := p.numberText()
		return ok
	}
}

// stop marks the bytes a string's scan stops at: the quote, the
// backslash and control characters.
var stop = func() (t [256]bool) {
	for c := 0; c < 0x20; c++ {
		t[c] = true
	}
	t['"'], t['\\'] = true, true
	return t
}()

// skipString validates and passes over a string, escapes included.
func (p *scanner) skipString() bool {
	if !p.peek('"') {
		return false
	}
	d := p.data
	for i := p.i + 1; i < len(d); {
		for i < len(d) && !stop[d[i]] {
			i++
		}
		if i >= len(d) {
			return false
		}
		switch d[i] {
		case '"':
			p.i = i + 1
			return true
		case '\\':
			if i+1 >= len(d) {
				return false
			}
			switch d[i+1] {
			case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
				i += 2
			case 'u':
				if i+6 > len(d) {
					return false
				}
				for _, h := range d[i+2 : i+6] {
					if !isHex(h) {
						return false
					}
				}
				i += 6
			default:
				return false
			}
		default: // a control character
			return false
		}
	}
	return false
}

func isHex(c byte) bool { return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F' }

// plain reads a string without escapes or control characters, valid
// UTF-8, and returns its contents.
func (p *scanner) plain() ([]byte, bool) {
	if !p.peek('"') {
		return nil, false
	}
	start := p.i + 1
	ascii := true
	for i := start; i < len(p.data); i++ {
		switch c := p.data[i]; {
		case c == '"':
			p.i = i + 1
			s := p.data[start:i]
			return s, ascii || utf8.Valid(s)
		case c == '\\' || c < 0x20:
			return nil, false
		case c >= utf8.RuneSelf:
			ascii = false
		}
	}
	return nil, false
}

// str reads a plain string into dst.
func (p *scanner) str(dst *string) bool {
	s, ok := p.plain()
	*dst = string(s)
	return ok
}

// istr reads a plain string that many results repeat into dst.
func (p *scanner) istr(dst *string) bool {
	b, ok := p.plain()
	if s, found := p.interned[string(b)]; found {
		*dst = s
		return ok
	}
	*dst = string(b)
	p.interned[*dst] = *dst
	return ok
}

// numberText reads a number in JSON's syntax and returns its text.
func (p *scanner) numberText() ([]byte, bool) {
	d, i := p.data, p.i
	start := i
	if i < len(d) && d[i] == '-' {
		i++
	}
	switch {
	case i < len(d) && d[i] == '0':
		i++
	case i < len(d) && d[i] >= '1' && d[i] <= '9':
		for i < len(d) && d[i] >= '0' && d[i] <= '9' {
			i++
		}
	default:
		return nil, false
	}
	if i < len(d) && d[i] == '.' {
		i++
		if i >= len(d) || d[i] < '0' || d[i] > '9' {
			return nil, false
		}
		for i < len(d) && d[i] >= '0' && d[i] <= '9' {
			i++
		}
	}
	if i < len(d) && (d[i] == 'e' || d[i] == 'E') {
		i++
		if i < len(d) && (d[i] == '+' || d[i] == '-') {
			i++
		}
		if i >= len(d) || d[i] < '0' || d[i] > '9' {
			return nil, false
		}
		for i < len(d) && d[i] >= '0' && d[i] <= '9' {
			i++
		}
	}
	p.i = i
	return d[start:i], true
}

// number reads a number into dst, as encoding/json does (a number out of
// float64's range is an error there, so it gives up).
func (p *scanner) number(dst *float64) bool {
	text, ok := p.numberText()
	if !ok {
		return false
	}
	x, err := strconv.ParseFloat(string(text), 64)
	*dst = x
	return err == nil
}

// optNumber reads a number or null into dst.
func (p *scanner) optNumber(dst **float64) bool {
	if p.literal("null") {
		*dst = nil
		return true
	}
	x := new(float64)
	*dst = x
	return p.number(x)
}

// int reads an integer that fits an int.
func (p *scanner) int(dst *int) bool {
	text, ok := p.numberText()
	if !ok || bytes.ContainsAny(text, ".eE") {
		return false
	}
	n, err := strconv.Atoi(string(text))
	*dst = n
	return err == nil
}

func (p *scanner) boolean(dst *bool) bool {
	if p.literal("true") {
		*dst = true
		return true
	}
	*dst = false
	return p.literal("false")
}

func (p *scanner) literal(s string) bool {
	if !bytes.HasPrefix(p.data[p.i:], []byte(s)) {
		return false
	}
	p.i += len(s)
	return true
}

func (p *scanner) peek(c byte) bool { return p.i < len(p.data) && p.data[p.i] == c }

func (p *scanner) ws() {
	for p.i < len(p.data) {
		switch p.data[p.i] {
		case ' ', '\t', '\n', '\r':
			p.i++
		default:
			return
		}
	}
}
