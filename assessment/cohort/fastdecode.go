package cohort

import (
	"bytes"
	"strconv"
	"strings"
	"sync"

	"github.com/digilead/digilead/assessment/jsonscan"
	"github.com/digilead/digilead/questions"
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
	p := &scanner{interned: in}
	p.Reset(data)
	p.SkipSpace()
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
					var title string
					ok := p.istr(&title)
					e.Bank.Title = questions.BankText(title)
					return ok
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
			return records(p, &e.Dimensions, 16, p.dimension)
		case "tiers":
			return records(p, &e.Tiers, 4, p.tier)
		case "level":
			if p.Literal("null") {
				return true
			}
			e.Level = &struct {
				ID string `json:"id"`
			}{}
			return p.id(&e.Level.ID)
		case "target":
			return p.id(&e.Target.ID)
		case "gaps":
			return records(p, &e.Gaps, 16, p.gap)
		}
		return p.other(k, "schema", "bank", "respondent", "completed_at", "dimensions", "tiers", "level", "target", "gaps")
	})
	return ok && p.End()
}

// records reads an array of objects into *dst, made with room for n:
// each object is appended and then read in place, its fields by field.
func records[T any](p *scanner, dst *[]T, n int, field func(x *T, key string) bool) bool {
	*dst = make([]T, 0, n)
	return p.Array(func() bool {
		var zero T
		*dst = append(*dst, zero)
		x := &(*dst)[len(*dst)-1]
		return p.fields(func(k string) bool { return field(x, k) })
	})
}

// dimension reads the field k of a result's dimension into d.
func (p *scanner) dimension(d *EntryDimension, k string) bool {
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
}

// tier reads the field k of a result's tier into t.
func (p *scanner) tier(t *EntryTier, k string) bool {
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
}

// gap reads the field k of a result's gap into g.
func (p *scanner) gap(g *EntryGap, k string) bool {
	switch k {
	case "dimension":
		return p.istr(&g.Dimension)
	case "name":
		return p.istr(&g.Name)
	case "score":
		return p.optNumber(&g.Score)
	case "gap":
		return p.number(&g.Gap)
	case "expected":
		return p.number(&g.Expected)
	}
	return p.other(k, "dimension", "name", "score", "gap", "expected")
}

// id reads an object of which an Entry keeps only the id, into dst.
func (p *scanner) id(dst *string) bool {
	return p.fields(func(k string) bool {
		if k == "id" {
			return p.istr(dst)
		}
		return p.other(k, "id")
	})
}

// interned are the strings every result repeats (dimension, tier and
// bank ids and names), kept so that each is allocated once, not once per
// result.
var interned sync.Pool // map[string]string

// maxInterned bounds an interned map; a fuller one is dropped.
const maxInterned = 4096

// scanner reads a result into an Entry.
type scanner struct {
	// Scanner reads the result being decoded.
	jsonscan.Scanner
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
	return p.Skip()
}

// fields reads an object whose keys each appear once (at most 16 of
// them).
func (p *scanner) fields(member func(key string) bool) bool {
	var seen [16]string
	n := 0
	return p.Object(func(key []byte) bool {
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

// str reads a plain string into dst.
func (p *scanner) str(dst *string) bool {
	s, ok := p.Plain()
	*dst = string(s)
	return ok
}

// istr reads a plain string that many results repeat into dst.
func (p *scanner) istr(dst *string) bool {
	b, ok := p.Plain()
	if s, found := p.interned[string(b)]; found {
		*dst = s
		return ok
	}
	*dst = string(b)
	p.interned[*dst] = *dst
	return ok
}

// number reads a number into dst, as encoding/json does (a number out of
// float64's range is an error there, so it gives up).
func (p *scanner) number(dst *float64) bool {
	text, ok := p.Number()
	if !ok {
		return false
	}
	x, err := strconv.ParseFloat(string(text), 64)
	*dst = x
	return err == nil
}

// optNumber reads a number or null into dst.
func (p *scanner) optNumber(dst **float64) bool {
	if p.Literal("null") {
		*dst = nil
		return true
	}
	x := new(float64)
	*dst = x
	return p.number(x)
}

// int reads an integer that fits an int (any that encoding/json reads
// into one, where Scanner.Int takes at most 10 digits).
func (p *scanner) int(dst *int) bool {
	text, ok := p.Number()
	if !ok || bytes.ContainsAny(text, ".eE") {
		return false
	}
	n, err := strconv.Atoi(string(text))
	*dst = n
	return err == nil
}

// boolean reads true or false into dst.
func (p *scanner) boolean(dst *bool) bool {
	v, ok := p.Bool()
	*dst = v
	return ok
}
