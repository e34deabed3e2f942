// Package assessment scores answers to a question bank against the bank's
// leadership tiers. It is pure: no I/O, no terminal, no clock of its own.
package assessment

import (
	"cmp"
	"crypto/sha1"
	"encoding/hex"
	"math"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/digilead/digilead/questions"
	"github.com/digilead/digilead/questions/lang"
)

// ResultSchema is the schema id of a result document.
const ResultSchema = "digilead.result/v1"

// Dimension statuses.
const (
	StatusScored       = "scored"
	StatusInsufficient = "insufficient"
)

// Gap severities.
const (
	SeverityMet          = "met"
	SeveritySmall        = "small"
	SeverityModerate     = "moderate"
	SeverityLarge        = "large"
	SeverityInsufficient = "insufficient"
)

// Result is a scored assessment: the digilead.result/v1 document.
type Result struct {
	Schema      string                     `json:"schema"`
	Tool        Tool                       `json:"tool"`
	Bank        BankRef                    `json:"bank"`
	Respondent  questions.Respondent       `json:"respondent"`
	CompletedAt time.Time                  `json:"completed_at"`
	Answers     map[string]questions.Value `json:"answers"`
	Dimensions  []DimensionScore           `json:"dimensions"`
	Tiers       []TierResult               `json:"tiers"`
	Level       *TierRef                   `json:"level"`
	// LevelRule is the rule that decided the level (questions.LevelRules;
	// absent in results written before digilead gave it: strict), and
	// LevelProbability the probability, under the bank's measurement
	// model, that the level is the person's true level (absent in results
	// written before digilead gave it).
	LevelRule        string   `json:"level_rule,omitempty"`
	LevelProbability *float64 `json:"level_probability,omitempty"`
	Target           TierRef  `json:"target"`
	Gaps             []Gap    `json:"gaps"`
	Notes            []Note   `json:"notes,omitempty"`
	// Language is the language the questions were asked in (a BCP 47
	// tag), when they were asked on screen; absent for answers from a
	// file. Scores never depend on it.
	Language string `json:"language,omitempty"`
	// MboxSHA1Sum is, when the answers gave the respondent's e-mail
	// address, the SHA-1 of its mailto IRI, as xAPI's mbox_sha1sum (see
	// MboxSHA1Sum). It is never written: neither the address (which
	// Respondent never holds) nor its hash is part of a result file.
	MboxSHA1Sum string `json:"-"`
}

// MboxSHA1Sum is xAPI's mbox_sha1sum of an e-mail address: the SHA-1, in
// hexadecimal, of "mailto:" and the address, trimmed and lower-cased (and
// without a "mailto:" it was given with) so that one person's address
// written two ways is one actor.
func MboxSHA1Sum(email string) string {
	e := strings.ToLower(strings.TrimSpace(email))
	sum := sha1.Sum([]byte("mailto:" + strings.TrimPrefix(e, "mailto:")))
	return hex.EncodeToString(sum[:])
}

// Tool names the program that produced a result.
type Tool struct {
	Name    string `json:"name"`
	Version string `json:"version"`
}

// DimensionScore is one dimension's score. Score is nil when the dimension
// had too few answers (status "insufficient").
type DimensionScore struct {
	ID       string             `json:"id"`
	Name     questions.BankText `json:"name"`
	Score    *float64           `json:"score"`
	Coverage float64            `json:"coverage"`
	Answered int                `json:"answered"`
	Total    int                `json:"total"`
	Status   string             `json:"status"`
	// NA counts the questions answered "not applicable".
	NA int `json:"na"`
	// Weight is the dimension's weight in the bank.
	Weight float64 `json:"weight,omitempty"`
	// SEM is the standard error of measurement of the score (0-100 scale),
	// when the bank records the dimension's reliability, or under the
	// most-probable rule.
	SEM *float64 `json:"sem,omitempty"`
	// Estimate is the estimated true score and SE its standard error
	// under the bank's measurement model (every rule); SEMSource says
	// where the measurement error behind them came from (SourceBank,
	// SourceAnswers).
	Estimate  *float64 `json:"estimate,omitempty"`
	SE        *float64 `json:"se,omitempty"`
	SEMSource string   `json:"sem_source,omitempty"`
}

// TierResult says whether a tier is met and how ready the person is for it.
type TierResult struct {
	ID        string             `json:"id"`
	Name      questions.BankText `json:"name"`
	Rank      int                `json:"rank"`
	Met       bool               `json:"met"`
	Readiness float64            `json:"readiness"`
	// Blocking lists the dimensions (bank order) that keep the tier from
	// being met.
	Blocking []string `json:"blocking,omitempty"`
	// Probability is the probability, under the bank's measurement model,
	// that the person's true level is this tier or higher (every rule).
	Probability *float64 `json:"probability,omitempty"`
	// WithinError lists, under the most-probable rule, the dimensions
	// (bank order) whose scores fall short of a met tier's expectations
	// by less than measurement error: the tier is met all the same.
	WithinError []string `json:"within_error,omitempty"`
}

// Gap is the distance between a dimension's score and the target tier's
// expectation.
type Gap struct {
	Dimension string             `json:"dimension"`
	Name      questions.BankText `json:"name"`
	Score     *float64           `json:"score"`
	Expected  float64            `json:"expected"`
	Gap       float64            `json:"gap"`
	Severity  string             `json:"severity"`
	// WithinError is set when the gap is smaller than 1.96 x SEM: too small
	// to tell from measurement error.
	WithinError bool     `json:"within_error,omitempty"`
	Actions     []Action `json:"actions"`
}

// Action is a development recommendation, with where to find it when
// the bank or a catalogue says: an http(s) URL, a provider, the minutes
// it takes and its language (each absent when not given).
type Action struct {
	Kind     string             `json:"kind"`
	Text     questions.BankText `json:"text"`
	URL      string             `json:"url,omitempty"`
	Provider string             `json:"provider,omitempty"`
	Minutes  int                `json:"minutes,omitempty"`
	Language string             `json:"language,omitempty"`
}

// Note is an observation about the answers that does not change scores.
type Note struct {
	Kind      string `json:"kind"`
	Dimension string `json:"dimension,omitempty"`
	// Text says the note in English; Msg says it in any language (not
	// kept in the document: a decoded result has only Text).
	Text string   `json:"text"`
	Msg  lang.Msg `json:"-"`
}

// Options tune scoring.
type Options struct {
	// Target is a tier id to measure gaps against; empty chooses one (see
	// ChooseTarget).
	Target string
	// Now is the completion time written into the result.
	Now time.Time
	// Tool identifies the program.
	Tool Tool
}

// eps is the precision at which scores are compared: values are rounded to
// 1e-9 so that floating-point noise never decides an outcome.
const eps = 1e9

func clean(x float64) float64 { return math.Round(x*eps) / eps }

// round2 rounds to two decimals for output.
func round2(x float64) float64 { return math.Round(x*100) / 100 }

// Value returns the normalised value x in [0, 1] of an answered question,
// reverse keys applied. ok is false for N/A and unanswered values.
func Value(q *questions.Question, v questions.Value) (x float64, ok bool) {
	return valueOf(q, &v)
}

// valueOf is Value for a value in place: the scorer's inner loop, where
// copying each 64-byte Value showed in profiles.
func valueOf(q *questions.Question, v *questions.Value) (x float64, ok bool) {
	switch v.Kind {
	case questions.Number:
		x = float64(v.Num-q.Scale.Min) / float64(q.Scale.Max-q.Scale.Min)
	case questions.Boolean:
		if v.Bool {
			x = 1
		}
	case questions.Pick:
		o, _ := q.Option(v.Opt)
		return o.Score, true
	case questions.Picks:
		for _, id := range v.Opts {
			o, _ := q.Option(id)
			x += o.Score
		}
		return math.Min(1, x), true
	default:
		return 0, false
	}
	if q.Reverse {
		x = 1 - x
	}
	return x, true
}

// Score scores checked answers against the bank. The answers must have
// been checked with questions.Bank.CheckAnswers (or built from the bank's
// own ids). An Options.Target that is not a tier of the bank is ignored,
// the target chosen as if none were given (see ChooseTarget), so the
// caller refuses an unknown one first (questions.Bank.Tier). To score many
// answer sets against one bank, make a Scorer once.
func Score(b *questions.Bank, a *questions.Answers, opts Options) *Result {
	return NewScorer(b).Score(a, opts)
}

// Scorer scores answer sets against one bank. What scoring needs from the
// bank (the questions of each dimension, each tier's expectations, the
// actions of each gap) is worked out once, by NewScorer. A Scorer is never
// changed after NewScorer, so it is safe for concurrent use. The Actions
// of the gaps it returns are shared by every result scored for the same
// target: read them, never change them.
type Scorer struct {
	b *questions.Bank
	// dimQs[d] are the positions of dimension d's questions in bank order.
	dimQs [][]int
	// expect[t] are tier t's expectations, in bank order of dimensions.
	expect [][]expectation
	// actions[t]()[d] are dimension d's actions for target tier t (never
	// nil, so that a gap without actions is written as []), worked out
	// when tier t is first a target.
	actions []func() [][]Action
	// likert are the positions of the likert questions, in bank order.
	likert []int
	// contra are the dimensions with both a reverse-keyed and a plain
	// likert question: the only ones that can hold a contradiction.
	contra []int
	// values is scratch space: an answer set's values in question order.
	values sync.Pool
	// prob is the bank's measurement model, which decides the level
	// under the most-probable rule (mostProbable) and gives the figures
	// of probabilities under every rule; posts is scratch space for its
	// posteriors.
	prob         *probModel
	mostProbable bool
	posts        sync.Pool
}

type expectation struct {
	dim      int
	expected float64
}

// NewScorer prepares scoring against b.
func NewScorer(b *questions.Bank) *Scorer {
	s := &Scorer{
		b:       b,
		dimQs:   make([][]int, len(b.Dimensions)),
		expect:  make([][]expectation, len(b.Tiers)),
		actions: make([]func() [][]Action, len(b.Tiers)),
	}
	for d := range b.Dimensions {
		s.dimQs[d] = b.DimensionQuestions(d)
		plain, reversed := false, false
		for _, i := range s.dimQs[d] {
			if b.Questions[i].Type == questions.Likert {
				reversed = reversed || b.Questions[i].Reverse
				plain = plain || !b.Questions[i].Reverse
			}
		}
		if plain && reversed {
			s.contra = append(s.contra, d)
		}
	}
	s.likert = make([]int, 0, len(b.Questions))
	for i := range b.Questions {
		if b.Questions[i].Type == questions.Likert {
			s.likert = append(s.likert, i)
		}
	}
	for t := range b.Tiers {
		s.expect[t] = make([]expectation, 0, len(b.Tiers[t].Expectations))
		for d, dim := range b.Dimensions {
			if e, ok := b.Tiers[t].Expectations[dim.ID]; ok {
				s.expect[t] = append(s.expect[t], expectation{dim: d, expected: e})
			}
		}
		s.actions[t] = sync.OnceValue(func() [][]Action { return tierActions(b, &b.Tiers[t]) })
	}
	s.prob, s.mostProbable = newProbModel(b), b.MostProbable()
	return s
}

// tierActions lists, per dimension, the actions for target tier t.
func tierActions(b *questions.Bank, t *questions.Tier) [][]Action {
	all := make([][]Action, len(b.Dimensions))
	for d, dim := range b.Dimensions {
		all[d] = ActionsFor(dim.Actions, t.ID)
	}
	return all
}

// ActionsFor lists the actions of list recommended for tier, as a result
// holds them (never nil).
func ActionsFor(list []questions.Action, tier string) []Action {
	acts := []Action{}
	for _, a := range list {
		if a.AppliesTo(tier) {
			acts = append(acts, Action{Kind: a.Kind, Text: questions.BankText(a.Text), URL: a.URL, Provider: a.Provider, Minutes: a.Minutes, Language: a.Language})
		}
	}
	return slices.Clip(acts)
}

// WithCatalogue returns a copy of r whose gaps in the dimensions the
// catalogue names recommend its actions for r's target tier instead of
// the bank's. Scores, level, tiers and bank are r's: a catalogue changes
// what is recommended, nothing measured.
func WithCatalogue(r *Result, c *questions.Catalogue) *Result {
	out := *r
	out.Gaps = slices.Clone(r.Gaps)
	for i, g := range out.Gaps {
		if list, ok := c.Actions[g.Dimension]; ok {
			out.Gaps[i].Actions = ActionsFor(list, r.Target.ID)
		}
	}
	return &out
}

// CheckCatalogue checks that catalogue c fits result r: its bank, and
// the dimensions and tiers r holds (its bank's, as far as a catalogue
// needs them).
func CheckCatalogue(r *Result, c *questions.Catalogue) error {
	dims := make([]string, len(r.Dimensions))
	for i, d := range r.Dimensions {
		dims[i] = d.ID
	}
	tiers := make([]string, len(r.Tiers))
	for i, t := range r.Tiers {
		tiers[i] = t.ID
	}
	return c.CheckFor(r.Bank.ID, dims, tiers)
}

// Score scores checked answers (see the function Score).
func (s *Scorer) Score(a *questions.Answers, opts Options) *Result {
	b := s.b
	// Each answer is looked up once, by question position.
	vp, _ := s.values.Get().(*[]questions.Value)
	if vp == nil {
		vp = new([]questions.Value)
	}
	values := slices.Grow((*vp)[:0], len(b.Questions))[:len(b.Questions)]
	for i := range b.Questions {
		values[i] = a.Values[b.Questions[i].ID]
	}
	r := s.ScoreValues(values, a, opts)
	clear(values) // keep no answer alive in the pool
	*vp = values
	s.values.Put(vp)
	return r
}

// ScoreValues is Score for answers also given by question position:
// values[i] is a.Values[b.Questions[i].ID] (or unanswered), as a decoder
// that reads by position has them. The result's answers are a.Values;
// values is not kept. Only values is scored: a caller that writes the
// answers from values itself (score, with resultjson.AppendValues) may
// leave a.Values empty.
func (s *Scorer) ScoreValues(values []questions.Value, a *questions.Answers, opts Options) *Result {
	b := s.b
	r := &Result{
		Schema:      ResultSchema,
		Tool:        opts.Tool,
		Bank:        NewBankRef(b),
		Respondent:  a.Respondent,
		CompletedAt: opts.Now.UTC().Truncate(time.Second),
		Answers:     a.Values,
	}
	if e := r.Respondent.Email; e != "" {
		r.Respondent.Email, r.MboxSHA1Sum = "", MboxSHA1Sum(e)
	}
	if r.Answers == nil {
		r.Answers = map[string]questions.Value{}
	}
	// One array holds every score the result points to: the dimensions'
	// and then the gaps'.
	nums := make([]float64, len(b.Dimensions)+len(b.Dimensions))
	post, _ := s.posts.Get().(*posterior)
	if post == nil {
		post = &posterior{}
	}
	// scores and sums are scratch space, kept with the posterior's.
	if len(post.scores) != len(b.Dimensions) {
		post.scores, post.sums = make([]*float64, len(b.Dimensions)), make([]dimSums, len(b.Dimensions))
	}
	scores, sums := post.scores, post.sums
	r.Dimensions = make([]DimensionScore, len(b.Dimensions))
	for d := range b.Dimensions {
		r.Dimensions[d] = s.scoreDimension(d, values, &nums[d], sums)
		scores[d] = r.Dimensions[d].Score
	}
	r.Tiers = make([]TierResult, len(b.Tiers))
	for t := range b.Tiers {
		r.Tiers[t] = s.tierResult(t, scores)
	}
	s.prob.solve(scores, sums, post, true)
	if s.mostProbable {
		s.decide(r, post)
	}
	lvl := Level(r.Tiers)
	if lvl >= 0 {
		r.Level = new(NewTierRef(&b.Tiers[lvl]))
	}
	if !s.mostProbable {
		s.probabilities(r, post, lvl, questions.LevelRuleStrict)
	}
	target := ChooseTarget(b, r.Tiers, a.Respondent.Role, opts.Target)
	r.Target = NewTierRef(target)
	r.Target.Description, r.Target.Challenges = questions.BankText(target.Description), questions.BankTexts(target.Challenges)
	r.Gaps = s.gaps(s.tierIndex(target), scores, nums[len(b.Dimensions):])
	if s.mostProbable {
		withinError(r, post, s.b)
	} else {
		applyReliability(b, r)
	}
	clear(scores) // keep no result alive in the pool
	s.posts.Put(post)
	r.Notes = s.notes(values)
	// Round for output only after every decision is made. Each score is
	// the result's own, so it is rounded in place.
	for i := range r.Dimensions {
		ds := &r.Dimensions[i]
		ds.Coverage = round2(ds.Coverage)
		if ds.Score != nil {
			*ds.Score = round2(*ds.Score)
		}
	}
	for i := range r.Tiers {
		r.Tiers[i].Readiness = round2(r.Tiers[i].Readiness)
	}
	for i := range r.Gaps {
		g := &r.Gaps[i]
		g.Gap, g.Expected = round2(g.Gap), round2(g.Expected)
		if g.Score != nil {
			*g.Score = round2(*g.Score)
		}
	}
	return r
}

// scoreDimension scores dimension d from the values in question order;
// its score, if any, is written to *score, and, when sums is not nil, the
// sums the most-probable rule needs to sums[d].
func (s *Scorer) scoreDimension(d int, values []questions.Value, score *float64, sums []dimSums) DimensionScore {
	dim := &s.b.Dimensions[d]
	ds := DimensionScore{ID: dim.ID, Name: questions.BankText(dim.Name), Weight: dim.Weight}
	var sumWX, sumW, allW, sumW2, sumWX2 float64
	for _, i := range s.dimQs[d] {
		q := &s.b.Questions[i]
		ds.Total++
		allW += q.Weight
		v := &values[i]
		if v.Kind == questions.NotApplicable {
			ds.NA++
		}
		x, ok := valueOf(q, v)
		if !ok {
			continue
		}
		ds.Answered++
		sumWX += q.Weight * x
		sumW += q.Weight
		if sums != nil {
			sumW2 += q.Weight * q.Weight
			sumWX2 += q.Weight * x * x
		}
	}
	if sums != nil {
		sums[d] = dimSums{w: sumW, w2: sumW2, wx: sumWX, wx2: sumWX2}
	}
	if allW > 0 {
		ds.Coverage = sumW / allW
	}
	if sumW == 0 || clean(ds.Coverage) < clean(s.b.MinCoverage) {
		ds.Status = StatusInsufficient
		return ds
	}
	*score = clean(100 * sumWX / sumW)
	ds.Score = score
	ds.Status = StatusScored
	return ds
}

// tierResult measures tier t against the dimension scores (by position).
func (s *Scorer) tierResult(t int, scores []*float64) TierResult {
	tier := &s.b.Tiers[t]
	tr := TierResult{ID: tier.ID, Name: questions.BankText(tier.Name), Rank: tier.Rank}
	tr.Met, tr.Readiness = s.readiness(t, scores)
	if !tr.Met {
		tr.Blocking = make([]string, 0, len(s.expect[t]))
		for _, x := range s.expect[t] { // bank order, so Blocking is too
			if blocks(scores[x.dim], x.expected) {
				tr.Blocking = append(tr.Blocking, s.b.Dimensions[x.dim].ID)
			}
		}
	}
	return tr
}

// readiness is whether tier t is met by the dimension scores (by
// position) and how ready they make the person for it, before rounding.
func (s *Scorer) readiness(t int, scores []*float64) (met bool, readiness float64) {
	if len(s.b.Tiers[t].Expectations) == 0 {
		return true, 100
	}
	met = true
	var sumVR, sumV float64
	for _, x := range s.expect[t] {
		d, e := &s.b.Dimensions[x.dim], x.expected
		sc := scores[x.dim]
		r := 0.0
		switch {
		case sc == nil:
			r = 0
		case e == 0:
			r = 1
		default:
			r = math.Min(1, clean(*sc/e))
		}
		sumVR += d.Weight * r
		sumV += d.Weight
		if blocks(sc, e) {
			met = false
		}
	}
	return met, clean(100 * sumVR / sumV)
}

// blocks reports whether a score keeps an expectation from being met.
func blocks(score *float64, expected float64) bool {
	return score == nil || clean(*score) < clean(expected)
}

// Level returns the index (in rank order) of the highest tier in the
// unbroken run of met tiers from the lowest rank, or -1 when the lowest
// tier is not met.
func Level(tiers []TierResult) int {
	lvl := -1
	for i, t := range tiers {
		if !t.Met {
			break
		}
		lvl = i
	}
	return lvl
}

// ChooseTarget picks the tier to measure gaps against: the explicit target
// if given; else the declared role when the level is below it (or there is
// no level); else the tier above the level (the lowest when there is no
// level, the top when the level is the top). tiers are in rank order.
func ChooseTarget(b *questions.Bank, tiers []TierResult, role, explicit string) *questions.Tier {
	return &b.Tiers[chooseTarget(b, Level(tiers), role, explicit)]
}

// chooseTarget is ChooseTarget for the level lvl (an index in rank order,
// -1 for none); it returns the target's index.
func chooseTarget(b *questions.Bank, lvl int, role, explicit string) int {
	if t, ok := b.Tier(explicit); ok {
		return tierPos(b, t)
	}
	if t, ok := b.Tier(role); ok {
		lvlRank := 0
		if lvl >= 0 {
			lvlRank = b.Tiers[lvl].Rank
		}
		if lvl < 0 || lvlRank < t.Rank {
			return tierPos(b, t)
		}
	}
	switch {
	case lvl < 0:
		return 0
	case lvl == len(b.Tiers)-1:
		return lvl
	default:
		return lvl + 1
	}
}

// tierPos is the position of one of b's own tiers.
func tierPos(b *questions.Bank, t *questions.Tier) int {
	for i := range b.Tiers {
		if &b.Tiers[i] == t {
			return i
		}
	}
	return -1
}

// Severity classifies a gap: met (0), small (0-10], moderate (10-25],
// large (>25).
func Severity(gap float64) string {
	switch g := clean(gap); {
	case g <= 0:
		return SeverityMet
	case g <= 10:
		return SeveritySmall
	case g <= 25:
		return SeverityModerate
	default:
		return SeverityLarge
	}
}

// Gaps lists the target tier's expectations against scores given by
// dimension id, as Score does for a result: sorted by weight*gap
// descending, ties in bank order, with the Scorer's actions for the
// target. Unlike Score's, the gaps are not rounded. target must be a tier
// of the Scorer's bank; another has no gaps.
func (s *Scorer) Gaps(target *questions.Tier, scores map[string]*float64) []Gap {
	t := s.tierIndex(target)
	if t < 0 {
		return nil
	}
	byPos := make([]*float64, len(s.b.Dimensions))
	for d := range s.b.Dimensions {
		byPos[d] = scores[s.b.Dimensions[d].ID]
	}
	return s.gaps(t, byPos, make([]float64, len(s.expect[t])))
}

// tierIndex is the position in the bank of tier t (one of the bank's own,
// else the one with its id), or -1.
func (s *Scorer) tierIndex(t *questions.Tier) int {
	for i := range s.b.Tiers {
		if &s.b.Tiers[i] == t {
			return i
		}
	}
	return slices.IndexFunc(s.b.Tiers, func(bt questions.Tier) bool { return bt.ID == t.ID })
}

// gaps lists tier t's expectations against the scores (by position);
// the gaps' scores are written to nums, one per expectation.
func (s *Scorer) gaps(t int, scores []*float64, nums []float64) []Gap {
	xs := s.expect[t]
	// Sort first, by each gap's key, and then write each gap once, in
	// its place.
	var buf [32]gapRank
	keys := buf[:0]
	for i, x := range xs {
		keys = append(keys, gapRank{clean(s.b.Dimensions[x.dim].Weight * gapSize(x.expected, scores[x.dim])), i})
	}
	sortGaps(keys)
	actions := s.actions[t]()
	gaps := make([]Gap, len(keys))
	for j, k := range keys {
		x := xs[k.i]
		gaps[j] = newGap(&s.b.Dimensions[x.dim], x.expected, scores[x.dim], &nums[k.i], actions[x.dim])
	}
	return gaps
}

// gapRank is a gap's sort key, weight*gap, and its position in bank
// order of dimensions.
type gapRank struct {
	key float64
	i   int
}

// sortGaps sorts gaps given in bank order of dimensions by weight*gap
// descending, keeping bank order among ties.
func sortGaps(keys []gapRank) {
	slices.SortStableFunc(keys, func(a, b gapRank) int { return cmp.Compare(b.key, a.key) })
}

// GapTo is the gap between a score and an expectation, before rounding:
// how far the score falls short, 0 when it meets it.
func GapTo(expected, score float64) float64 { return clean(math.Max(0, expected-score)) }

// newGap is dimension d's gap to expectation e; score is nil when the
// dimension has too few answers, else copied to *own, the gap's own.
func newGap(d *questions.Dimension, e float64, score, own *float64, actions []Action) Gap {
	g := Gap{Dimension: d.ID, Name: questions.BankText(d.Name), Expected: e, Gap: gapSize(e, score), Actions: actions}
	if score == nil {
		g.Severity = SeverityInsufficient
	} else {
		*own = *score
		g.Score = own
		g.Severity = Severity(g.Gap)
	}
	return g
}

// gapSize is the gap to expectation e of a score, or e when there is no
// score.
func gapSize(e float64, score *float64) float64 {
	if score == nil {
		return e
	}
	return GapTo(e, *score)
}
