package feedback

import (
	"cmp"
	"encoding/json"
	"fmt"
	"math"
	"slices"
	"strings"
	"time"

	"github.com/digilead/digilead/assessment"
	"github.com/digilead/digilead/questions"
	"github.com/digilead/digilead/questions/errtext"
)

// DefaultMinGroup is the fewest raters other than the manager a figure
// is shown for, unless asked otherwise.
const DefaultMinGroup = 3

// DefaultQuestions is how many questions the report lists with the
// largest self-versus-others differences.
const DefaultQuestions = 5

// Flags of a dimension.
const (
	// BlindSpot: the person rates themself higher than others do, by
	// more than measurement error.
	BlindSpot = "blind_spot"
	// HiddenStrength: others rate the person higher than they do
	// themself, by more than measurement error.
	HiddenStrength = "hidden_strength"
)

// Where a dimension's error margin comes from (Dimension.MarginFrom).
const (
	// MarginBank: the bank's recorded reliability and score spread.
	MarginBank = "bank"
	// MarginSelf: the self result's SEM, from the person's own answers.
	MarginSelf = "self"
	// MarginUnjudged: the self result's SEM, which cannot be judged: the
	// person gave the same answer throughout (assessment.SEMUnjudged), so
	// it is as small as it gets whatever their practice. No margin is
	// worked out and no gap is flagged.
	MarginUnjudged = "unjudged"
)

// Report is the digilead.feedback-report/v1 document: the person's own
// view beside others', with only the figures that expose no one.
type Report struct {
	Schema string  `json:"schema"`
	Round  string  `json:"round"`
	Bank   BankRef `json:"bank"`
	// Subject is the name in the self result, when it gives one.
	Subject  string `json:"subject,omitempty"`
	MinGroup int    `json:"min_group"`
	// PoolManager is set when the manager's view was pooled with the
	// others' instead of shown on its own.
	PoolManager bool `json:"pool_manager,omitempty"`
	// Raters is how many feedback documents were counted.
	Raters int `json:"raters"`
	// Groups are the figures shown: the manager's, each role group's,
	// the pool of small groups and everyone else (Kind), each a mean per
	// dimension.
	Groups     []Group     `json:"groups"`
	Dimensions []Dimension `json:"dimensions"`
	// Questions are the questions with the largest self-versus-others
	// differences, largest first, from figures that may be shown.
	Questions []Question `json:"questions"`
	// Withheld are the figures not shown, with why.
	Withheld []Withheld `json:"withheld"`
}

// Group is one figure shown: raters of some roles, their number, and
// their mean score per dimension (dimension id → mean; a dimension is
// missing when its figure is withheld).
type Group struct {
	Roles      []string           `json:"roles"`
	N          int                `json:"n"`
	Dimensions map[string]float64 `json:"dimensions"`
	// Kind is manager, role, pooled or everyone (everyone else: every
	// rater).
	Kind string `json:"kind"`
}

// Dimension is the person's own score on a dimension beside everyone
// else's. Scores are on the 0-100 scale, from the questions observers
// answer (the person's own answers to them for Self).
type Dimension struct {
	ID   string             `json:"id"`
	Name questions.BankText `json:"name"`
	// Self is nil when the person's answers do not score the dimension;
	// Others nil when everyone else's figure is withheld or empty.
	Self    *float64 `json:"self"`
	Others  *float64 `json:"others"`
	OthersN int      `json:"others_n"`
	// Gap is Self - Others.
	Gap *float64 `json:"gap"`
	// Flag is BlindSpot or HiddenStrength when the gap is more than
	// MinGap (both as written, to 2 decimals); "" otherwise.
	Flag string `json:"flag"`
	// MinGap is the margin a gap must exceed not to be measurement or
	// sampling error at the 95% level: 1.96 x sqrt(SEM² + SE²), SEM the
	// bank's recorded one for the dimension (else the self result's),
	// and SE that of the others' mean, max(SEM, Spread) / sqrt(others_n)
	// where Spread is given, else SEM / sqrt(others_n). Absent when no
	// SEM is known, or when the self result's cannot be judged (its
	// answers were given the same way throughout): then no gap is
	// flagged.
	MinGap *float64 `json:"min_gap,omitempty"`
	// MarginFrom is where the SEM of MinGap comes from, or would come
	// from where there is no gap: MarginBank, MarginSelf, MarginUnjudged
	// (the self result's, which cannot be judged), or "" when neither is
	// known. It is not in the document (it is said in the report's
	// words).
	MarginFrom string `json:"-"`
	// Spread is the standard deviation of the raters' scores in
	// everyone else's figure, given when it holds at least three (and
	// MinGroup) raters other than the manager.
	Spread *float64 `json:"spread,omitempty"`
}

// Question is one question's self-versus-others difference, on the
// 0-100 scale (the answer's place on its scale, reverse keys applied).
type Question struct {
	ID        string             `json:"id"`
	Dimension string             `json:"dimension"`
	Text      questions.BankText `json:"text"`
	Self      float64            `json:"self"`
	Others    float64            `json:"others"`
	N         int                `json:"n"`
	Gap       float64            `json:"gap"`
}

// Withheld is a figure not shown: the roles it covers, its raters, and
// why (ReasonTooFew, ReasonDifference); Dimension or Question when only
// that figure is withheld.
type Withheld struct {
	Roles     []string `json:"roles"`
	N         int      `json:"n"`
	Reason    string   `json:"reason"`
	Dimension string   `json:"dimension,omitempty"`
	Question  string   `json:"question,omitempty"`
	// Kind is the figure's kind, as a group's (role, pooled, everyone).
	Kind string `json:"kind,omitempty"`
}

// Options tune a report.
type Options struct {
	// MinGroup is the fewest raters other than the manager a figure is
	// shown for; 0 means DefaultMinGroup.
	MinGroup int
	// PoolManager counts the manager as one more anonymous rater
	// instead of showing their view on its own.
	PoolManager bool
	// Questions is how many questions to list; 0 means
	// DefaultQuestions.
	Questions int
}

// rater is one counted feedback document, scored.
type rater struct {
	role      string
	completed time.Time
	scores    []*float64 // by dimension position
	answers   map[string]questions.Value
}

// Builder gathers the feedback documents of one round and makes the
// report.
type Builder struct {
	bank, observer *questions.Bank
	scorer         *assessment.Scorer
	o              Options
	round          string
	// known is the round reported on, when it is known (UseRound).
	known      *Round
	raters     []rater
	seen       map[string]seenDoc // by document key
	duplicates []Duplicate
}

// Duplicate is a document left out because the same one was counted.
type Duplicate struct{ Source, First string }

// NewBuilder makes a report on bank b, the round's bank.
func NewBuilder(b *questions.Bank, o Options) *Builder {
	if o.MinGroup <= 0 {
		o.MinGroup = DefaultMinGroup
	}
	if o.Questions <= 0 {
		o.Questions = DefaultQuestions
	}
	obs := b.ForObservers()
	return &Builder{bank: b, observer: obs, scorer: assessment.NewScorer(obs), o: o, seen: map[string]seenDoc{}}
}

// Score scores an observer's answers per dimension with the bank's
// observer questions (bank order; nil: too few answers).
func (bd *Builder) Score(answers map[string]questions.Value) []*float64 {
	r := bd.scorer.Score(&questions.Answers{Values: answers}, assessment.Options{})
	out := make([]*float64, len(r.Dimensions))
	for i := range r.Dimensions {
		out[i] = r.Dimensions[i].Score
	}
	return out
}

// Add counts one feedback document, read at place at (FILE or
// FILE:LINE). Feedback of another round than the first one added, of
// another bank or bank version, or whose answers do not fit the bank's
// observer questions is refused with questions.Problems naming the
// field. The same document added twice (the same id, or, without ids,
// the same fields) is counted once (Duplicates); two documents of one id
// that differ are refused (one observer's answers must not count twice,
// nor one replace another unseen).
func (bd *Builder) Add(f *Feedback, at string) error {
	if bd.round == "" {
		bd.round = f.Round
	}
	if f.Round != bd.round {
		first := "like the feedback read first"
		if bd.known != nil {
			first = "the round reported on"
		}
		return questions.Problems{{Field: "round", Msg: fmt.Sprintf("feedback of round %s, not of round %s %s; report on one round at a time", f.Round, bd.round, first)}}
	}
	if bd.known != nil && !bd.known.Allows(f.Role) {
		return questions.Problems{{Field: "role", Msg: fmt.Sprintf("role %q is not one of round %s's (%s): the round's invitation offered observers only those roles and said what the report shows of them, so this document is not counted; have it answered again in one of those roles, or remove it", f.Role, bd.round, strings.Join(bd.known.Roles, ", "))}}
	}
	if own := NewBankRef(bd.bank); !f.Bank.Matches(own) {
		what := "bank " + f.Bank.String()
		if f.Bank.ID == own.ID && f.Bank.Version == own.Version {
			what += " as edited differently (another digest)"
		}
		return questions.Problems{{Field: "bank", Msg: fmt.Sprintf("feedback on %s, not on bank %s in use; report with the bank the round was made with", what, own)}}
	}
	if err := CheckObserved(bd.bank, f.Answers); err != nil {
		return prefixed(err, "answers.")
	}
	raw := questions.RawAnswers{Answers: make(map[string]any, len(f.Answers))}
	for id, v := range f.Answers {
		raw.Answers[id] = v.Raw()
	}
	a, err := bd.observer.CheckAnswers(raw)
	if err != nil {
		return prefixed(err, "answers.")
	}
	key := "id:" + f.ID
	if f.ID == "" {
		whole, _ := json.Marshal(f)
		key = string(whole)
	}
	if first, dup := bd.seen[key]; dup {
		if r := bd.raters[first.rater]; r.role != f.Role || !r.completed.Equal(f.CompletedAt) || !sameAnswers(r.answers, a.Values) {
			return questions.Problems{{Field: "id", Msg: fmt.Sprintf("the id of the feedback at %s, with other contents: two versions of one observer's feedback, of which only one may count; keep the one they meant", first.at)}}
		}
		bd.duplicates = append(bd.duplicates, Duplicate{Source: at, First: first.at})
		return nil
	}
	bd.seen[key] = seenDoc{at: at, rater: len(bd.raters)}
	bd.raters = append(bd.raters, rater{role: f.Role, completed: f.CompletedAt, scores: bd.Score(a.Values), answers: a.Values})
	return nil
}

// UseRound makes r the round reported on, known from its file or from
// where it was made: feedback of another round is then refused, and so
// is feedback in a role r does not offer (a manager's view, shown on its
// own, in a round whose invitation promised observers that every figure
// pools several people). Call it before Add.
func (bd *Builder) UseRound(r *Round) {
	bd.known, bd.round = r, r.Round
}

// Round is the id of the round reported on: the round given to UseRound,
// else that of the first document added ("" before).
func (bd *Builder) Round() string { return bd.round }

// seenDoc is a document counted: where it was read, and its rater.
type seenDoc struct {
	at    string
	rater int
}

// sameAnswers reports whether two observers' answers are the same.
func sameAnswers(a, b map[string]questions.Value) bool {
	x, _ := json.Marshal(a)
	y, _ := json.Marshal(b)
	return string(x) == string(y)
}

// prefixed puts prefix before the fields of err's problems.
func prefixed(err error, prefix string) error {
	ps, ok := err.(questions.Problems)
	if !ok {
		return err
	}
	for i := range ps {
		ps[i].Field = prefix + ps[i].Field
	}
	return ps
}

// Duplicates are the documents left out as counted already.
func (bd *Builder) Duplicates() []Duplicate { return bd.duplicates }

// Raters is how many documents are counted.
func (bd *Builder) Raters() int { return len(bd.raters) }

// SelfBankError refuses a self result of another bank than the
// feedback's. It is invalid input.
type SelfBankError struct{ Self, Feedback BankRef }

func (e *SelfBankError) Error() string {
	return fmt.Sprintf("the self result is from bank %s, the feedback on bank %s; give the person's result of the round's bank", e.Self, e.Feedback)
}

// Is makes the error invalid input.
func (e *SelfBankError) Is(target error) bool { return target == errtext.ErrInvalid }

// Report sets the person's own result beside the feedback counted.
func (bd *Builder) Report(self *assessment.Result) (*Report, error) {
	sb := BankRef{ID: self.Bank.ID, Version: self.Bank.Version, Digest: self.Bank.Digest}
	if own := NewBankRef(bd.bank); !sb.Matches(own) {
		return nil, &SelfBankError{Self: sb, Feedback: own}
	}
	minGroup := bd.o.MinGroup
	rep := &Report{
		Schema: ReportSchema, Round: bd.round, Bank: NewBankRef(bd.bank), Subject: self.Respondent.Name,
		MinGroup: minGroup, PoolManager: bd.o.PoolManager, Raters: len(bd.raters),
		Groups: []Group{}, Dimensions: []Dimension{}, Questions: []Question{}, Withheld: []Withheld{},
	}
	roles := make([]string, len(bd.raters))
	exempt := make([]bool, len(bd.raters))
	for i, r := range bd.raters {
		roles[i] = r.role
		exempt[i] = r.role == Manager && !bd.o.PoolManager
	}
	manager, rest, small := candidates(roles, exempt, minGroup, bd.o.PoolManager)
	for _, c := range small {
		rep.Withheld = append(rep.Withheld, Withheld{Roles: c.roles, N: len(c.members), Reason: ReasonTooFew, Kind: c.kind})
	}
	// The groups: which figures may be shown at all.
	d := &disclosure{min: minGroup, exempt: exempt}
	var shown []candidate
	if manager != nil {
		d.show(manager.members)
		shown = append(shown, *manager)
	}
	for _, c := range rest {
		if ok, why, _ := d.try(c.members); !ok {
			rep.Withheld = append(rep.Withheld, Withheld{Roles: c.roles, N: len(c.members), Reason: why, Kind: c.kind})
			continue
		}
		shown = append(shown, c)
	}
	var showable []int // every rater of a shown figure
	for _, c := range shown {
		showable = append(showable, c.members...)
	}
	slices.Sort(showable)
	showable = slices.Compact(showable)

	selfScores := bd.Score(self.Answers)
	groups := make([]Group, len(shown))
	for i, c := range shown {
		groups[i] = Group{Roles: c.roles, N: len(c.members), Dimensions: map[string]float64{}, Kind: c.kind}
	}
	var qs []Question
	for di := range bd.bank.Dimensions {
		dim := &bd.bank.Dimensions[di]
		obsQs := bd.observer.DimensionQuestions(di)
		if len(obsQs) == 0 {
			continue // nothing observers answer
		}
		scored := func(i int) bool { return bd.raters[i].scores[di] != nil }
		dd := &disclosure{min: minGroup, exempt: exempt}
		var everyone []int
		for gi, c := range shown {
			s := filter(c.members, scored)
			if len(s) == 0 {
				continue
			}
			if c.kind == kindManager {
				dd.show(s)
			} else if ok, why, _ := dd.try(s); !ok {
				rep.Withheld = append(rep.Withheld, Withheld{Roles: c.roles, N: len(s), Reason: why, Dimension: dim.ID, Kind: c.kind})
				continue
			}
			groups[gi].Dimensions[dim.ID] = round2(bd.mean(s, di))
			if c.kind == kindEveryone {
				everyone = s
			}
		}
		rep.Dimensions = append(rep.Dimensions, bd.dimension(dim, di, selfScores[di], self, everyone, exempt))
		if everyone == nil {
			continue // no one else's view of the dimension to set a question's against
		}
		// The questions, in the dimension's family.
		for _, qi := range obsQs {
			q := &bd.observer.Questions[qi]
			sv, ok := self.Answers[q.ID]
			selfX, answered := assessment.Value(q, sv)
			if !ok || !answered {
				continue
			}
			s := filter(showable, func(i int) bool { return bd.raters[i].answers[q.ID].Answered() })
			if len(s) == 0 {
				continue
			}
			if ok, why, _ := dd.try(s); !ok {
				rep.Withheld = append(rep.Withheld, Withheld{Roles: rolesOf(roles, s), N: len(s), Reason: why, Question: q.ID, Kind: kindEveryone})
				continue
			}
			var sum float64
			for _, i := range s {
				x, _ := assessment.Value(q, bd.raters[i].answers[q.ID])
				sum += x
			}
			self, others := 100*selfX, 100*sum/float64(len(s))
			own, _ := bd.bank.Question(q.ID)
			qs = append(qs, Question{ID: q.ID, Dimension: dim.ID, Text: questions.BankText(own.Text), Self: round2(self), Others: round2(others), N: len(s), Gap: round2(self - others)})
		}
	}
	slices.SortStableFunc(qs, func(a, b Question) int { return cmp.Compare(math.Abs(b.Gap), math.Abs(a.Gap)) })
	rep.Questions = append(rep.Questions, qs[:min(len(qs), bd.o.Questions)]...)
	rep.Groups = append(rep.Groups, groups...)
	slices.SortStableFunc(rep.Groups, func(a, b Group) int { return cmp.Compare(groupOrder(a), groupOrder(b)) })
	return rep, nil
}

// groupOrder places the groups for reading: the manager, the roles in
// order, the pool, everyone else.
func groupOrder(g Group) int {
	switch g.Kind {
	case kindManager:
		return 0
	case kindPooled:
		return 10
	case kindEveryone:
		return 11
	}
	return 1 + slices.Index(Roles, g.Roles[0])
}

// rolesOf lists the roles of raters s in Roles order.
func rolesOf(roles []string, s []int) []string {
	var out []string
	for _, r := range Roles {
		if slices.ContainsFunc(s, func(i int) bool { return roles[i] == r }) {
			out = append(out, r)
		}
	}
	return out
}

// mean is the mean score of dimension di among raters s.
func (bd *Builder) mean(s []int, di int) float64 {
	var sum float64
	for _, i := range s {
		sum += *bd.raters[i].scores[di]
	}
	return sum / float64(len(s))
}

// dimension sets the person's score on dimension di beside everyone
// else's (the raters of everyone, nil when that figure is withheld).
func (bd *Builder) dimension(dim *questions.Dimension, di int, self *float64, r *assessment.Result, everyone []int, exempt []bool) Dimension {
	out := Dimension{ID: dim.ID, Name: questions.BankText(dim.Name), Self: self}
	sem, ok := assessment.SEM(dim)
	if ok {
		out.MarginFrom = MarginBank
	} else {
		for i := range r.Dimensions {
			ds := &r.Dimensions[i]
			switch {
			case ds.ID != dim.ID || ds.SEM == nil:
			case assessment.SEMUnjudged(r, ds):
				out.MarginFrom = MarginUnjudged
			default:
				sem, out.MarginFrom = *ds.SEM, MarginSelf
			}
		}
	}
	if len(everyone) == 0 {
		return out
	}
	others := round2(bd.mean(everyone, di))
	out.Others, out.OthersN = &others, len(everyone)
	// The others' mean varies with who was asked as well as with
	// measurement error: its standard error is their spread over
	// sqrt(n), where the spread may be shown (else the margin would
	// reveal it), and never less than the SEM over sqrt(n).
	seOthers := sem
	if n := countAnon(everyone, exempt); n >= max(3, bd.o.MinGroup) {
		sd := bd.sd(everyone, di)
		out.Spread = new(round2(sd))
		seOthers = math.Max(sem, sd)
	}
	if self == nil {
		return out
	}
	gap := round2(*self - others)
	out.Gap = &gap
	if out.MarginFrom == "" || out.MarginFrom == MarginUnjudged {
		return out
	}
	// The standard error of a difference of two independent figures.
	threshold := assessment.Z95 * math.Sqrt(sem*sem+seOthers*seOthers/float64(len(everyone)))
	out.MinGap = new(round2(threshold))
	// Compared as shown (both to 2 decimals), so that no report says a
	// gap exceeds a margin it equals.
	switch t := clean(*out.MinGap); {
	case clean(gap) > 0 && clean(gap) > t:
		out.Flag = BlindSpot
	case clean(gap) < 0 && clean(-gap) > t:
		out.Flag = HiddenStrength
	}
	return out
}

// sd is the standard deviation (n-1) of dimension di among raters s.
func (bd *Builder) sd(s []int, di int) float64 {
	m := bd.mean(s, di)
	var ss float64
	for _, i := range s {
		x := *bd.raters[i].scores[di] - m
		ss += x * x
	}
	return math.Sqrt(ss / float64(len(s)-1))
}

func round2(x float64) float64 { return math.Round(x*100) / 100 }

// clean rounds away floating-point noise before a comparison.
func clean(x float64) float64 { return math.Round(x*1e9) / 1e9 }

// TooFew is what to tell whoever asked for r when too few raters answered
// to show others' view without exposing someone: what the report shows
// instead, with setting, how the caller names the smallest group (the
// command's "--min-group 3"). It is "" when the report shows others' view.
func (r *Report) TooFew(setting string) string {
	if slices.ContainsFunc(r.Groups, func(g Group) bool { return g.Kind != "manager" }) {
		return ""
	}
	shows := "the person's own view"
	if len(r.Groups) > 0 {
		shows += " and the manager's, which is not anonymous"
	}
	return fmt.Sprintf("too few raters (%d) to show others' view without exposing someone (%s); the report shows %s", r.Raters, setting, shows)
}
