// Package plan turns a result into a personal development plan
// (digilead.plan/v1): the priorities to work on first, actions with due
// dates, a review date. Pure: no I/O, no clock of its own.
package plan

import (
	"bytes"
	"cmp"
	"encoding/json"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/digilead/digilead/assessment"
	"github.com/digilead/digilead/questions"
	"github.com/digilead/digilead/questions/errtext"
)

// Schema is the schema id of a plan document.
const Schema = "digilead.plan/v1"

// DateLayout is how a plan writes a day: YYYY-MM-DD.
const DateLayout = "2006-01-02"

// MaxPriorities is the most priorities a plan holds: a plan of more is
// not a plan of what to do first.
const MaxPriorities = 3

// maxReview is the longest review period a plan takes.
const maxReview = 10 * 365 * 24 * time.Hour

// DefaultReview is how long after the plan its review is, unless told.
const DefaultReview = 12 * 7 * 24 * time.Hour

// Plan is the digilead.plan/v1 document.
type Plan struct {
	Schema    string    `json:"schema"`
	CreatedAt time.Time `json:"created_at"`
	Result    ResultRef `json:"result"`
	// ReviewOn is the day to take the assessment again and compare.
	ReviewOn string `json:"review_on"`
	// Supporter is the person who helps (a line manager, a mentor); "" for
	// none.
	Supporter  string     `json:"supporter,omitempty"`
	Priorities []Priority `json:"priorities"`
	// Unscored are the target's dimensions that had too few answers to
	// tell whether they meet it: the plan asks for their answers first.
	// Absent when there are none (and in plans made before it was added).
	Unscored []Unscored `json:"unscored,omitempty"`
}

// Unscored is a dimension the target expects that the result could not
// score.
type Unscored struct {
	Dimension string             `json:"dimension"`
	Name      questions.BankText `json:"name"`
}

// ResultRef names the result a plan was made from.
type ResultRef struct {
	Bank        assessment.BankRef  `json:"bank"`
	CompletedAt time.Time           `json:"completed_at"`
	Level       *assessment.TierRef `json:"level"`
	Target      *assessment.TierRef `json:"target,omitempty"`
}

// Priority is a dimension to work on, with its score when the plan was
// made and what the target expects.
type Priority struct {
	Dimension string             `json:"dimension"`
	Name      questions.BankText `json:"name"`
	Score     float64            `json:"score"`
	Expected  float64            `json:"expected"`
	// SEM is the score's standard error of measurement, when the result
	// gave one: the reliable-change rule of a later check needs it.
	SEM     *float64 `json:"sem,omitempty"`
	Actions []Action `json:"actions"`
}

// Action is one thing to do, of a kind (questions.ActionKinds), by a day
// (Due, YYYY-MM-DD; "" for no date), and, when the bank or a catalogue
// says, where the resource is, who offers it, how long it takes and its
// language (see assessment.Action).
type Action struct {
	Kind     string             `json:"kind"`
	Text     questions.BankText `json:"text"`
	Due      string             `json:"due,omitempty"`
	URL      string             `json:"url,omitempty"`
	Provider string             `json:"provider,omitempty"`
	Minutes  int                `json:"minutes,omitempty"`
	Language string             `json:"language,omitempty"`
}

// ActionOf is a result's action planned for the day due.
func ActionOf(a assessment.Action, due string) Action {
	return Action{Kind: a.Kind, Text: a.Text, Due: due, URL: a.URL, Provider: a.Provider, Minutes: a.Minutes, Language: a.Language}
}

// Resource is the action as a result holds it, without its day.
func (a Action) Resource() assessment.Action {
	return assessment.Action{Kind: a.Kind, Text: a.Text, URL: a.URL, Provider: a.Provider, Minutes: a.Minutes, Language: a.Language}
}

// Ways are the three ways of learning of the 70:20:10 model, in the
// order a plan takes them: practice at work, learning from people,
// courses and reading.
var Ways = []string{"work", "people", "courses"}

// Way is the way of learning an action kind belongs to.
func Way(kind string) string {
	switch kind {
	case "mentoring", "networking":
		return "people"
	case "training", "reading":
		return "courses"
	}
	return "work"
}

// Ranked lists the gaps of a result to work on, first things first:
// real shortfalls before those within measurement error, each by gap
// size times the dimension's weight in the bank, ties in bank order.
// Met and unscored gaps are left out.
func Ranked(r *assessment.Result) []assessment.Gap {
	weight := map[string]float64{}
	for _, d := range r.Dimensions {
		weight[d.ID] = cmp.Or(d.Weight, 1)
	}
	var gs []assessment.Gap
	for _, g := range r.Gaps {
		if g.Severity != assessment.SeverityMet && g.Score != nil && g.Gap > 0 {
			gs = append(gs, g)
		}
	}
	slices.SortStableFunc(gs, func(a, b assessment.Gap) int {
		if a.WithinError != b.WithinError {
			if a.WithinError {
				return 1
			}
			return -1
		}
		return cmp.Compare(b.Gap*weight[b.Dimension], a.Gap*weight[a.Dimension])
	})
	return gs
}

// Strengths are up to n of a result's scored dimensions that are not
// gaps (met, or not expected by the target), highest score first.
func Strengths(r *assessment.Result, n int) []assessment.DimensionScore {
	open := map[string]bool{}
	for _, g := range r.Gaps {
		if g.Severity != assessment.SeverityMet {
			open[g.Dimension] = true
		}
	}
	var ds []assessment.DimensionScore
	for _, d := range r.Dimensions {
		if d.Score != nil && !open[d.ID] {
			ds = append(ds, d)
		}
	}
	slices.SortStableFunc(ds, func(a, b assessment.DimensionScore) int { return cmp.Compare(*b.Score, *a.Score) })
	return ds[:min(n, len(ds))]
}

// FirstStep is the one action to start a gap with: practice at work
// when the bank gives one, else learning from people, else a course.
func FirstStep(g assessment.Gap) (assessment.Action, bool) {
	for _, way := range Ways {
		for _, a := range g.Actions {
			if Way(a.Kind) == way {
				return a, true
			}
		}
	}
	return assessment.Action{}, false
}

// Cause is an answer that pulled a dimension's score down.
type Cause struct {
	Question *questions.Question
	Value    questions.Value
	// Score is the answer's value from 0 (lowest) to 1, reverse keys
	// applied.
	Score float64
}

// Causes are up to n answers of dimension dim in r that scored below the
// middle, lowest first (ties in bank order). b must be the bank r was
// scored with.
func Causes(b *questions.Bank, r *assessment.Result, dim string, n int) []Cause {
	var cs []Cause
	for _, q := range b.QuestionsOf(dim) {
		v, ok := r.Answers[q.ID]
		if !ok {
			continue
		}
		if x, ok := assessment.Value(q, v); ok && x < 0.5 {
			cs = append(cs, Cause{Question: q, Value: v, Score: x})
		}
	}
	slices.SortStableFunc(cs, func(a, b Cause) int { return cmp.Compare(a.Score, b.Score) })
	return cs[:min(n, len(cs))]
}

// Choice is what a person chose for one priority: the dimension and the
// actions (with their due days).
type Choice struct {
	Dimension string
	Actions   []Action
}

// Options shape a plan.
type Options struct {
	// Now is when the plan is made; its location is the one of the days.
	Now time.Time
	// Priorities is how many priorities an automatic plan takes (1 to
	// MaxPriorities; 0 means 2).
	Priorities int
	// ReviewOn is the review day; zero means DefaultReview after Now.
	ReviewOn time.Time
	// Supporter is the person who helps, if any.
	Supporter string
	// Chosen are the priorities and actions a person chose; nil has the
	// plan choose them (see Auto).
	Chosen []Choice
}

// New makes the plan of result r: the choices given, or the top
// priorities with an action for each way of learning, due at even
// steps before the review.
func New(r *assessment.Result, o Options) *Plan {
	review := o.ReviewOn
	if review.IsZero() {
		review = o.Now.Add(DefaultReview)
	}
	p := &Plan{
		Schema:    Schema,
		CreatedAt: o.Now.UTC().Truncate(time.Second),
		Result:    ResultRef{Bank: r.Bank, CompletedAt: r.CompletedAt, Level: r.Level, Target: &assessment.TierRef{ID: r.Target.ID, Name: r.Target.Name, Rank: r.Target.Rank}},
		ReviewOn:  review.Format(DateLayout),
		Supporter: strings.TrimSpace(o.Supporter),
	}
	chosen := o.Chosen
	if chosen == nil {
		chosen = Auto(r, o.Now, review, o.Priorities)
	}
	gaps := map[string]assessment.Gap{}
	for _, g := range r.Gaps {
		gaps[g.Dimension] = g
	}
	sem := map[string]*float64{}
	for _, d := range r.Dimensions {
		sem[d.ID] = d.SEM
	}
	p.Priorities = []Priority{}
	for _, g := range UnscoredGaps(r) {
		p.Unscored = append(p.Unscored, Unscored{Dimension: g.Dimension, Name: g.Name})
	}
	for _, c := range chosen {
		g, ok := gaps[c.Dimension]
		if !ok || g.Score == nil {
			continue
		}
		p.Priorities = append(p.Priorities, Priority{
			Dimension: g.Dimension, Name: g.Name, Score: *g.Score, Expected: g.Expected,
			SEM: sem[g.Dimension], Actions: append([]Action{}, c.Actions...),
		})
	}
	return p
}

// Auto chooses n priorities (Ranked; 0 means 2) and, for each, the first
// action of the bank for each way of learning, due at even steps between
// now and the review.
func Auto(r *assessment.Result, now, review time.Time, n int) []Choice {
	if n <= 0 {
		n = 2
	}
	var cs []Choice
	ranked := Ranked(r)
	for _, g := range ranked[:min(n, MaxPriorities, len(ranked))] {
		var picked []assessment.Action
		for _, way := range Ways {
			for _, a := range g.Actions {
				if Way(a.Kind) == way {
					picked = append(picked, a)
					break
				}
			}
		}
		c := Choice{Dimension: g.Dimension}
		for i, a := range picked {
			c.Actions = append(c.Actions, ActionOf(a, Step(now, review, i, len(picked)).Format(DateLayout)))
		}
		cs = append(cs, c)
	}
	return cs
}

// Step is the day of the i-th of n steps at even intervals between now
// and the review (both left out).
func Step(now, review time.Time, i, n int) time.Time {
	days := int(math.Round(review.Sub(now).Hours() / 24))
	d := days * (i + 1) / (n + 1)
	return now.AddDate(0, 0, max(1, d))
}

// ParseDuration reads a review period: weeks ("12w"), days ("84d") or a
// Go duration ("2016h"); at least a day.
func ParseDuration(s string) (time.Duration, error) {
	s = strings.TrimSpace(s)
	var d time.Duration
	switch {
	case strings.HasSuffix(s, "w") || strings.HasSuffix(s, "d"):
		n, err := strconv.Atoi(s[:len(s)-1])
		if err != nil {
			return 0, errtext.Invalidf("%q is not a period; write weeks (12w), days (84d) or hours (2016h)", s)
		}
		n = min(n, 10000) // more than ten years either way, without overflow
		d = time.Duration(n) * 24 * time.Hour
		if strings.HasSuffix(s, "w") {
			d *= 7
		}
	default:
		var err error
		if d, err = time.ParseDuration(s); err != nil {
			return 0, errtext.Invalidf("%q is not a period; write weeks (12w), days (84d) or hours (2016h)", s)
		}
	}
	switch {
	case d < 24*time.Hour:
		return 0, errtext.Invalidf("%q is less than a day; give at least 1d", s)
	case d > maxReview:
		return 0, errtext.Invalidf("%q is more than ten years; a plan is reviewed sooner", s)
	}
	return d, nil
}

// ParseDate reads a day, YYYY-MM-DD, in loc.
func ParseDate(s string, loc *time.Location) (time.Time, error) {
	t, err := time.ParseInLocation(DateLayout, strings.TrimSpace(s), loc)
	if err != nil {
		return time.Time{}, errtext.Invalidf("%q is not a date; write it as YYYY-MM-DD, e.g. 2025-06-30", s)
	}
	return t, nil
}

// ParseReviewDay reads a review day, YYYY-MM-DD in now's location: a
// day from now's day on.
func ParseReviewDay(s string, now time.Time) (time.Time, error) {
	day, err := ParseDate(s, now.Location())
	if err != nil {
		return day, err
	}
	if y, m, d := now.Date(); day.Before(time.Date(y, m, d, 0, 0, 0, 0, now.Location())) {
		return day, errtext.Invalidf("%s is in the past; give a day from today on", s)
	}
	return day, nil
}

// Decode reads a digilead.plan/v1 document. It refuses what is not a
// plan, a newer schema, and days that are not YYYY-MM-DD, with an error
// wrapping errtext.ErrInvalid that names the field. Unknown fields are
// accepted: later v1 tools may add optional ones.
func Decode(data []byte) (*Plan, error) {
	trimmed := bytes.TrimSpace(data)
	if len(trimmed) == 0 || trimmed[0] != '{' {
		return nil, errtext.Invalidf("not a digilead plan: expected a JSON object")
	}
	var p Plan
	if err := json.Unmarshal(trimmed, &p); err != nil {
		return nil, assessment.JSONError(trimmed, err)
	}
	switch {
	case p.Schema == "":
		return nil, errtext.Invalidf("not a digilead plan: no schema field")
	case p.Schema != Schema:
		if strings.HasPrefix(p.Schema, "digilead.plan/") {
			return nil, errtext.Invalidf("schema %q is newer than this digilead reads (%s); update digilead", p.Schema, Schema)
		}
		return nil, errtext.Invalidf("not a digilead plan: schema is %q, expected %s", p.Schema, Schema)
	case p.Result.Bank.ID == "":
		return nil, errtext.Invalidf("result.bank.id: missing")
	}
	if _, err := time.Parse(DateLayout, p.ReviewOn); err != nil {
		return nil, errtext.Invalidf("review_on: %q is not a date (YYYY-MM-DD)", p.ReviewOn)
	}
	for i, pr := range p.Priorities {
		if pr.Dimension == "" {
			return nil, errtext.Invalidf("priorities[%d].dimension: missing", i)
		}
		for j, a := range pr.Actions {
			if a.Due == "" {
				continue
			}
			if _, err := time.Parse(DateLayout, a.Due); err != nil {
				return nil, errtext.Invalidf("priorities[%d].actions[%d].due: %q is not a date (YYYY-MM-DD)", i, j, a.Due)
			}
		}
	}
	return &p, nil
}

// UnscoredGaps are the target's expectations whose dimension had too few
// answers to score: whether they are met is not known, so nothing may be
// said to stand out while they are there.
func UnscoredGaps(r *assessment.Result) []assessment.Gap {
	var out []assessment.Gap
	for _, g := range r.Gaps {
		if g.Score == nil && g.Severity != assessment.SeverityMet {
			out = append(out, g)
		}
	}
	return out
}
