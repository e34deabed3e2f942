package questions

import (
	"cmp"
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/digilead/digilead/questions/errtext"
)

// bankIDRe is the form of a bank id: kebab-case.
var bankIDRe = &lazyRegexp{expr: `^[a-z0-9]+(-[a-z0-9]+)*$`}

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
	} else if !bankIDRe.get().MatchString(b.ID) {
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
					probs.add(pos, f+".expectations."+dim, "unknown dimension %q%s", dim, errtext.Suggest(dim, slices.Sorted(maps.Keys(dimAt))))
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
						probs.add(t.pos, fmt.Sprintf("dimensions[%s].actions[%d].tiers", dm.ID, i), "unknown tier %q%s", t.val, errtext.Suggest(t.val, slices.Sorted(maps.Keys(tierAt))))
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
				probs.add(rq.dimPos, f+".dimension", "unknown dimension %q%s", q.Dimension, errtext.Suggest(q.Dimension, slices.Sorted(maps.Keys(dimAt))))
			default:
				perDim[q.Dimension]++
			}
			if strings.TrimSpace(q.Text) == "" {
				probs.add(q.Pos, f+".text", "missing; write the question")
			}
			if rq.observerPos != nil && strings.TrimSpace(q.Observer.Text) == "" {
				probs.add(*rq.observerPos, f+".observer.text", "missing; write the question about the person observed (\"In the last 12 months, how often did this person …?\"), or remove observer if only the person can answer it")
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
				if len(q.Options) > MaxOptions {
					probs.add(*rq.optionsPos, f+".options", "has %d options; a question can have at most %d (split it)", len(q.Options), MaxOptions)
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

	slices.SortStableFunc(b.Tiers, func(x, y Tier) int { return cmp.Compare(x.Rank, y.Rank) })
}
