// Package questions holds the digilead question bank model, its YAML
// loading and validation, answers to a bank, and the embedded default bank.
package questions

import (
	"fmt"
	"slices"
	"strings"

	"github.com/digilead/digilead/questions/errtext"
)

// Schema is the only bank schema this version understands.
const Schema = "digilead/v1"

// Question types.
const (
	Likert = "likert"
	Choice = "choice"
	Multi  = "multi"
	YesNo  = "yesno"
)

// Action kinds.
var ActionKinds = []string{"training", "mentoring", "networking", "practice", "reading"}

// DefaultMinCoverage applies when a bank does not set min_coverage.
const DefaultMinCoverage = 0.5

// Level rules: how a bank decides a person's level from their dimension
// scores (the bank's `scoring: {level_rule: …}`). docs/scoring.md gives
// each rule.
const (
	// LevelRuleStrict meets a tier when every dimension it expects scores
	// at least its expectation: the rule of banks that do not say.
	LevelRuleStrict = "strict"
	// LevelRuleMostProbable reports the level most probably the person's
	// true level given the measurement error of each dimension score.
	LevelRuleMostProbable = "most-probable"
)

// LevelRules lists the level rules a bank may name.
var LevelRules = []string{LevelRuleStrict, LevelRuleMostProbable}

// Pos is where an element was defined.
type Pos struct {
	File string
	Line int
}

func (p Pos) String() string {
	switch {
	case p.File == "" && p.Line == 0:
		return ""
	case p.File == "":
		return fmt.Sprintf("line %d", p.Line) // the caller names the file
	case p.Line == 0:
		return p.File
	default:
		return fmt.Sprintf("%s:%d", p.File, p.Line)
	}
}

// Bank is a loaded, validated question bank.
type Bank struct {
	Schema        string
	ID            string
	Title         string
	Version       string
	Description   string
	Language      string
	MinCoverage   float64
	Scale         Scale
	NotApplicable string
	// LevelRule is the bank's level rule (LevelRules); "" is strict.
	LevelRule  string
	Tiers      []Tier
	Dimensions []Dimension
	Questions  []Question

	// Digest is "sha256:<hex>" over the bank's source files.
	Digest string
	// Source names where the bank came from (a path, or "default").
	Source string

	tierIdx map[string]int
	dimIdx  map[string]int
	qIdx    map[string]int
	// dimQs[i] holds the positions in Questions of the questions of
	// Dimensions[i], in bank order.
	dimQs [][]int
}

// Scale is a likert scale: integers from Min to Max, optionally labelled.
type Scale struct {
	Min    int
	Max    int
	Labels []string
}

// Label returns the label of point v, or "" when the scale has no labels.
func (s Scale) Label(v int) string {
	i := v - s.Min
	if i < 0 || i >= len(s.Labels) {
		return ""
	}
	return s.Labels[i]
}

// Tier is a leadership level.
type Tier struct {
	ID           string
	Name         string
	Rank         int
	Description  string
	Challenges   []string
	Expectations map[string]float64
	Pos          Pos
}

// Dimension is a competence area that questions measure.
type Dimension struct {
	ID          string
	Name        string
	Description string
	Weight      float64
	Actions     []Action
	// Reliability is the dimension's measured reliability (Cronbach's
	// alpha), when the bank records one; 0 means unknown.
	Reliability float64
	// ScoreSD is the standard deviation of the dimension score (0-100)
	// where the reliability was measured; 0 means unknown.
	ScoreSD float64
	Pos     Pos
}

// Action is a development recommendation for a dimension. URL, Provider,
// Minutes and Language are optional: where the resource is (an absolute
// http or https URL), who offers it, how long it takes, and the language
// it is in (a BCP 47 tag such as en or cy).
type Action struct {
	Kind     string
	Text     string
	Tiers    []string
	URL      string
	Provider string
	Minutes  int
	Language string
	// Pos is where the action is written (a bank's or a catalogue's).
	Pos Pos
}

// AppliesTo reports whether the action is recommended for the tier.
func (a Action) AppliesTo(tier string) bool {
	return len(a.Tiers) == 0 || slices.Contains(a.Tiers, tier)
}

// Question is one item of the bank.
type Question struct {
	ID        string
	Dimension string
	Text      string
	Help      string
	Type      string
	Weight    float64
	Reverse   bool
	// AllowNA is the resolved N/A choice: the bank offers not_applicable and
	// the question did not say allow_na: false, or the question said
	// allow_na: true.
	AllowNA bool
	// Scale is the resolved scale of a likert question (its own, or the
	// bank's default).
	Scale   Scale
	Options []Option
	// Observer is the same question asked of someone who observes the
	// person (360 feedback), or nil when only the person can answer it.
	Observer *Observer
	Pos      Pos
}

// Observer is a question's wording for an observer: it speaks of "this
// person", not "you".
type Observer struct {
	Text string
	Help string
	// Pos is where the text is defined.
	Pos Pos
}

// Option is one answer of a choice or multi question.
type Option struct {
	ID    string
	Label string
	Score float64
}

// Option returns the option with the given id.
func (q *Question) Option(id string) (Option, bool) {
	for _, o := range q.Options {
		if o.ID == id {
			return o, true
		}
	}
	return Option{}, false
}

// MostProbable reports whether the bank decides levels by the
// most-probable rule (LevelRuleMostProbable) rather than the strict one.
func (b *Bank) MostProbable() bool { return b.LevelRule == LevelRuleMostProbable }

// Tier returns the tier with the given id.
func (b *Bank) Tier(id string) (*Tier, bool) {
	i, ok := b.tierIdx[id]
	if !ok {
		return nil, false
	}
	return &b.Tiers[i], true
}

// Dimension returns the dimension with the given id.
func (b *Bank) Dimension(id string) (*Dimension, bool) {
	i, ok := b.dimIdx[id]
	if !ok {
		return nil, false
	}
	return &b.Dimensions[i], true
}

// DimensionIndex returns the position of a dimension in bank order, or -1.
func (b *Bank) DimensionIndex(id string) int {
	if i, ok := b.dimIdx[id]; ok {
		return i
	}
	return -1
}

// Question returns the question with the given id.
func (b *Bank) Question(id string) (*Question, bool) {
	i, ok := b.qIdx[id]
	if !ok {
		return nil, false
	}
	return &b.Questions[i], true
}

// QuestionsOf returns the questions of a dimension, in bank order.
func (b *Bank) QuestionsOf(dim string) []*Question {
	i, ok := b.dimIdx[dim]
	if !ok || b.dimQs == nil {
		var qs []*Question
		for i := range b.Questions {
			if b.Questions[i].Dimension == dim {
				qs = append(qs, &b.Questions[i])
			}
		}
		return qs
	}
	var qs []*Question
	if n := len(b.dimQs[i]); n > 0 {
		qs = make([]*Question, n)
		for j, k := range b.dimQs[i] {
			qs[j] = &b.Questions[k]
		}
	}
	return qs
}

// DimensionQuestions returns the positions in b.Questions of the questions
// of the i-th dimension (b.Dimensions[i]), in bank order: nil when it has
// none, or when i is out of range. The slice is the bank's own, shared by
// every caller: read it, never change it.
func (b *Bank) DimensionQuestions(i int) []int {
	if i < 0 || i >= len(b.Dimensions) {
		return nil
	}
	if b.dimQs == nil { // a bank built by hand, never indexed
		var idx []int
		for k := range b.Questions {
			if b.Questions[k].Dimension == b.Dimensions[i].ID {
				idx = append(idx, k)
			}
		}
		return idx
	}
	return b.dimQs[i]
}

// TierIDs lists the tier ids in rank order.
func (b *Bank) TierIDs() []string {
	ids := make([]string, len(b.Tiers))
	for i, t := range b.Tiers {
		ids[i] = t.ID
	}
	return ids
}

// index builds the lookup maps; Tiers must already be in rank order.
func (b *Bank) index() {
	b.tierIdx = make(map[string]int, len(b.Tiers))
	for i, t := range b.Tiers {
		b.tierIdx[t.ID] = i
	}
	b.dimIdx = make(map[string]int, len(b.Dimensions))
	for i, d := range b.Dimensions {
		b.dimIdx[d.ID] = i
	}
	b.qIdx = make(map[string]int, len(b.Questions))
	counts := make([]int, len(b.Dimensions))
	for i, q := range b.Questions {
		b.qIdx[q.ID] = i
		if d, ok := b.dimIdx[q.Dimension]; ok {
			counts[d]++
		}
	}
	// One backing array for every dimension's positions, filled in bank
	// order.
	all := make([]int, len(b.Questions))
	b.dimQs = make([][]int, len(b.Dimensions))
	next := 0
	for d, n := range counts {
		if n > 0 {
			b.dimQs[d] = all[next : next : next+n]
		}
		next += n
	}
	for i, q := range b.Questions {
		if d, ok := b.dimIdx[q.Dimension]; ok {
			b.dimQs[d] = append(b.dimQs[d], i)
		}
	}
}

// Problem is one thing wrong with an input, with where it is.
type Problem struct {
	Pos   Pos
	Field string
	Msg   string
}

func (p Problem) String() string {
	var sb strings.Builder
	if s := p.Pos.String(); s != "" {
		sb.WriteString(s)
		sb.WriteString(": ")
	}
	if p.Field != "" {
		sb.WriteString(p.Field)
		sb.WriteString(": ")
	}
	sb.WriteString(p.Msg)
	return sb.String()
}

// Problems is every problem found in an input. It is an error that wraps
// errtext.ErrInvalid.
type Problems []Problem

func (ps Problems) Error() string {
	lines := make([]string, len(ps))
	for i, p := range ps {
		lines[i] = p.String()
	}
	return strings.Join(lines, "\n")
}

// Is reports errtext.ErrInvalid.
func (ps Problems) Is(target error) bool { return target == errtext.ErrInvalid }

func (ps *Problems) add(pos Pos, field, format string, args ...any) {
	*ps = append(*ps, Problem{Pos: pos, Field: field, Msg: fmt.Sprintf(format, args...)})
}

// err returns ps as an error, or nil when there are none.
func (ps Problems) err() error {
	if len(ps) == 0 {
		return nil
	}
	return ps
}

// Minutes estimates how long the bank takes to answer, at about fifteen
// seconds a question, rounded up.
func (b *Bank) Minutes() int { return (len(b.Questions)*15 + 59) / 60 }
