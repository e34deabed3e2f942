// Package review checks what makes a question bank measure badly, before
// anyone answers it: answer cues in scenario questions, keying, wording,
// tier expectations, and how respondents who answer by a strategy rather
// than by their practice come out when scored by the engine. Every rule
// and threshold is documented in docs/bank-review.md. It is pure: no I/O.
package review

import (
	"cmp"
	"context"
	"slices"

	"github.com/digilead/digilead/assessment"
	"github.com/digilead/digilead/questions"
	"github.com/digilead/digilead/questions/lang"
)

// Schema is the schema id of a review document.
const Schema = "digilead.review/v1"

// Finding kinds: an error is a measurement fault; a check is a wording
// heuristic that a person should look at.
const (
	KindError = "error"
	KindCheck = "check"
)

// Sections group the checks.
const (
	SectionCues       = "cues"
	SectionKeying     = "keying"
	SectionWording    = "wording"
	SectionTiers      = "tiers"
	SectionSimulation = "simulation"
)

// Check ids.
const (
	CheckLongestIsBest     = "longest-is-best"
	CheckOptionContains    = "option-contains"
	CheckOptionLength      = "option-length"
	CheckAbsoluteWords     = "absolute-words"
	CheckNoReverseItem     = "no-reverse-item"
	CheckReverseInShort    = "reverse-in-short-dimension"
	CheckDoubleBarrelled   = "double-barrelled"
	CheckHardToRead        = "hard-to-read"
	CheckOtherPeople       = "other-people"
	CheckSameDimensions    = "same-dimensions"
	CheckFallingExpect     = "falling-expectation"
	CheckUnreachable       = "unreachable-expectation"
	CheckWeakBlocker       = "weak-blocker"
	CheckRandomReachesTier = "random-reaches-tier"
	CheckCueBeatsRandom    = "cue-beats-random"
	CheckStraightLineTop   = "straight-line-top"
	CheckLevelRule         = "level-rule"
	CheckObserverYou       = "observer-you"
	CheckObserverCoverage  = "observer-coverage"
)

// CheckInfo describes one check; docs/bank-review.md gives its exact rule.
type CheckInfo struct {
	ID      string
	Kind    string
	Section string
}

// Checks lists every check, in the order findings are reported.
var Checks = []CheckInfo{
	{CheckLongestIsBest, KindError, SectionCues},
	{CheckOptionContains, KindError, SectionCues},
	{CheckOptionLength, KindError, SectionCues},
	{CheckAbsoluteWords, KindError, SectionCues},
	{CheckNoReverseItem, KindError, SectionKeying},
	{CheckReverseInShort, KindError, SectionKeying},
	{CheckSameDimensions, KindError, SectionTiers},
	{CheckFallingExpect, KindError, SectionTiers},
	{CheckUnreachable, KindError, SectionTiers},
	{CheckWeakBlocker, KindError, SectionTiers},
	{CheckRandomReachesTier, KindError, SectionSimulation},
	{CheckCueBeatsRandom, KindError, SectionSimulation},
	{CheckStraightLineTop, KindError, SectionSimulation},
	{CheckLevelRule, KindError, SectionSimulation},
	{CheckDoubleBarrelled, KindCheck, SectionWording},
	{CheckHardToRead, KindCheck, SectionWording},
	{CheckOtherPeople, KindCheck, SectionWording},
	{CheckObserverYou, KindCheck, SectionWording},
	{CheckObserverCoverage, KindCheck, SectionWording},
}

// Check returns the description of a check id.
func Check(id string) (CheckInfo, bool) {
	for _, c := range Checks {
		if c.ID == id {
			return c, true
		}
	}
	return CheckInfo{}, false
}

// Report is a bank review: the digilead.review/v1 document.
type Report struct {
	Schema string             `json:"schema"`
	Bank   assessment.BankRef `json:"bank"`
	// Questions, Dimensions and Tiers count the bank's elements.
	Questions  int `json:"questions"`
	Dimensions int `json:"dimensions"`
	Tiers      int `json:"tiers"`
	// Errors and Checks count the findings of each kind.
	Errors   int       `json:"errors"`
	Checks   int       `json:"checks"`
	Findings []Finding `json:"findings"`
	Cues     Cues      `json:"cues"`
	// AbsoluteWords is the absolute-words test; nil when digilead has no
	// list of such words for the bank's language.
	AbsoluteWords *AbsoluteWords `json:"absolute_words,omitempty"`
	// Reading is the readability of the bank's text; nil unless the bank's
	// language is English.
	Reading    *Reading   `json:"reading,omitempty"`
	Simulation Simulation `json:"simulation"`
	// LevelRule compares the bank's level rule with the most-probable one
	// on simulated honest respondents.
	LevelRule LevelRule `json:"level_rule"`
	// Observer is how much of the bank has observer wording.
	Observer ObserverCoverage `json:"observer"`
}

// Clean reports whether the review has no findings.
func (r *Report) Clean() bool { return len(r.Findings) == 0 }

// Finding is one thing that makes the bank measure badly, where it is and
// how to fix it.
type Finding struct {
	Check string `json:"check"`
	Kind  string `json:"kind"`
	// File and Line are where the question, tier or dimension is defined.
	File      string `json:"file,omitempty"`
	Line      int    `json:"line,omitempty"`
	Question  string `json:"question,omitempty"`
	Tier      string `json:"tier,omitempty"`
	Dimension string `json:"dimension,omitempty"`
	// Strategy names the simulated strategy of a simulation finding.
	Strategy string `json:"strategy,omitempty"`
	// Problem and Fix say the finding in English; ProblemMsgs (a sentence
	// each) and FixMsg say it in any language (not kept in the document).
	Problem     string     `json:"problem"`
	Fix         string     `json:"fix"`
	ProblemMsgs []lang.Msg `json:"-"`
	FixMsg      lang.Msg   `json:"-"`
}

// say sets what the finding says: the problem, a sentence a message, and
// the fix.
func (f *Finding) say(fix lang.Msg, problem ...lang.Msg) {
	en := lang.English()
	f.ProblemMsgs, f.FixMsg = problem, fix
	f.Problem, f.Fix = en.Sentences(problem), en.Say(fix)
}

// Pos is where the finding is, FILE:LINE.
func (f Finding) Pos() questions.Pos { return questions.Pos{File: f.File, Line: f.Line} }

// Subject is the id the finding is about: the question, the dimension,
// the tier or the strategy, in that order of preference.
func (f Finding) Subject() string {
	return cmp.Or(f.Question, f.Dimension, f.Tier, f.Strategy)
}

// Options tune a review.
type Options struct {
	// Seed makes the simulated respondents reproducible.
	Seed uint64
	// Respondents is the number of simulated respondents of each random
	// strategy; 0 means DefaultRespondents.
	Respondents int
}

// DefaultRespondents is the number of simulated respondents of each random
// strategy when Options does not say.
const DefaultRespondents = 2000

// Review checks the bank and simulates respondents.
func Review(b *questions.Bank, o Options) *Report {
	r, _ := ReviewContext(context.Background(), b, o)
	return r
}

// ReviewContext is Review, stopping with ctx's error (and no report) as
// soon as ctx is done: the simulations check it before each respondent
// and the wording checks (seconds on a bank of 20,000 questions) before
// each question; a check stopped half-way leaves the rest to the
// simulation's first check.
func ReviewContext(ctx context.Context, b *questions.Bank, o Options) (*Report, error) {
	r := &Report{
		Schema:     Schema,
		Bank:       assessment.BankRef{ID: b.ID, Title: questions.BankText(b.Title), Version: b.Version, Digest: b.Digest},
		Questions:  len(b.Questions),
		Dimensions: len(b.Dimensions),
		Tiers:      len(b.Tiers),
		Findings:   []Finding{},
	}
	var fs []Finding
	var cueFindings []Finding
	r.Cues, cueFindings = cues(b)
	fs = append(fs, cueFindings...)
	var absFindings []Finding
	r.AbsoluteWords, absFindings = absoluteCue(b)
	fs = append(fs, absFindings...)
	fs = append(fs, keying(b)...)
	fs = append(fs, tiers(b)...)
	r.Reading = reading(ctx, b)
	fs = append(fs, wording(ctx, b, r.Reading)...)
	var obsFindings []Finding
	r.Observer, obsFindings = observer(b)
	fs = append(fs, obsFindings...)
	var simFindings []Finding
	var err error
	if r.Simulation, simFindings, err = simulate(ctx, b, o); err != nil {
		return nil, err
	}
	fs = append(fs, simFindings...)
	var ruleFindings []Finding
	if r.LevelRule, ruleFindings, err = levelRule(ctx, b, o); err != nil {
		return nil, err
	}
	fs = append(fs, ruleFindings...)
	r.Findings = append(r.Findings, sortFindings(fs)...)
	for _, f := range r.Findings {
		if f.Kind == KindError {
			r.Errors++
		} else {
			r.Checks++
		}
	}
	return r, nil
}

// sortFindings orders findings by check (in the order of Checks), then by
// file and line; the sort is stable, so findings at one place keep the
// order they were found in.
func sortFindings(fs []Finding) []Finding {
	order := make(map[string]int, len(Checks))
	for i, c := range Checks {
		order[c.ID] = i
	}
	slices.SortStableFunc(fs, func(a, b Finding) int {
		return cmp.Or(cmp.Compare(order[a.Check], order[b.Check]), cmp.Compare(a.File, b.File), cmp.Compare(a.Line, b.Line))
	})
	return fs
}

// finding starts a finding of check at pos.
func finding(check string, pos questions.Pos) Finding {
	c, _ := Check(check)
	return Finding{Check: check, Kind: c.Kind, File: pos.File, Line: pos.Line}
}
