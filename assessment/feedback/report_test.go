package feedback_test

import (
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/digilead/digilead/assessment"
	"github.com/digilead/digilead/assessment/feedback"
	"github.com/digilead/digilead/questions"
	"github.com/digilead/digilead/questions/errtext"
)

func dimension(t *testing.T, r *feedback.Report, id string) feedback.Dimension {
	t.Helper()
	for _, d := range r.Dimensions {
		if d.ID == id {
			return d
		}
	}
	t.Fatalf("no dimension %s in %+v", id, r.Dimensions)
	return feedback.Dimension{}
}

// groupKeys lists the groups shown as "roles:n".
func groupKeys(r *feedback.Report) []string {
	var out []string
	for _, g := range r.Groups {
		out = append(out, g.Kind+":"+strings.Join(g.Roles, "+")+":"+itoa(g.N))
	}
	return out
}

func withheldKeys(r *feedback.Report) []string {
	var out []string
	for _, w := range r.Withheld {
		if w.Dimension == "" && w.Question == "" {
			out = append(out, strings.Join(w.Roles, "+")+":"+itoa(w.N)+":"+w.Reason)
		}
	}
	return out
}

func itoa(n int) string { b, _ := json.Marshal(n); return string(b) }

func TestBlindSpotAndHiddenStrength(t *testing.T) {
	b := testBank(t)
	// alpha's SEM is 20 x sqrt(1 - 0.8) = 8.94. Where the six observers
	// agree, the others' mean has the SE of the SEM over sqrt(6): the
	// margin is 1.96 x 8.94 x sqrt(7/6) = 18.94.
	cases := []struct {
		name                 string
		self, peers, reports int
		flag                 string
		minGap               float64
	}{
		{"rates themself higher", 5, 2, 2, feedback.BlindSpot, 18.94},
		{"others rate higher", 2, 5, 5, feedback.HiddenStrength, 18.94},
		{"the same view", 4, 4, 4, "", 18.94},
		// Self 75, others 62.5 on alpha: 12.5 < 1.96 x 8.94 x sqrt(1+1/6).
		// The observers disagree (75 and 50, spread 13.69), so the
		// margin is 1.96 x sqrt(8.94² + 13.69²/6) = 20.67.
		{"within measurement error", 4, 4, 3, "", 20.67},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			docs := append(many(b, feedback.Peer, 3, c.peers, 0), many(b, feedback.DirectReport, 3, c.reports, 10)...)
			r := build(t, b, feedback.Options{}, selfResult(t, b, c.self), docs...)
			a := dimension(t, r, "alpha")
			if a.Flag != c.flag {
				t.Errorf("alpha flag = %q, want %q (self %v, others %v, min gap %v)", a.Flag, c.flag, *a.Self, *a.Others, *a.MinGap)
			}
			if a.OthersN != 6 || a.MinGap == nil || *a.MinGap != c.minGap {
				got := "none"
				if a.MinGap != nil {
					got = fmt.Sprint(*a.MinGap)
				}
				t.Errorf("alpha others_n %d, min_gap %s; want 6 and %v", a.OthersN, got, c.minGap)
			}
			// beta records no reliability, and the self result (strict
			// rule) no SEM: its gap is never flagged.
			if be := dimension(t, r, "beta"); be.Flag != "" || be.MinGap != nil || be.Gap == nil {
				t.Errorf("beta = %+v, want a gap without a flag", be)
			}
		})
	}
}

// TestMarginCountsObserversDisagreement: a gap that the observers'
// disagreement explains is not flagged, although measurement error alone
// would not explain it; and where the spread is not shown (too few
// observers besides the manager) the margin does not use it, so that it
// cannot be worked out from the margin (QA #2, 360).
func TestMarginCountsObserversDisagreement(t *testing.T) {
	b := testBank(t)
	// Self 75 (answers 4); three peers at 100 and three reports at 0:
	// others 50, gap 25. Measurement error alone gives a margin of 18.94,
	// a blind spot. But the observers' spread is 54.77: the SE of their
	// mean is 22.36, and the margin 1.96 x sqrt(8.94² + 54.77²/6) = 47.2.
	docs := append(many(b, feedback.Peer, 3, 5, 0), many(b, feedback.DirectReport, 3, 1, 10)...)
	r := build(t, b, feedback.Options{}, selfResult(t, b, 4), docs...)
	a := dimension(t, r, "alpha")
	if a.Spread == nil || a.MinGap == nil || *a.Gap != 25 {
		t.Fatalf("alpha = %+v: want a gap of 25, with its spread", a)
	}
	want := math.Round(100*1.96*math.Sqrt(80+*a.Spread**a.Spread/6)) / 100
	if math.Abs(*a.MinGap-want) > 0.011 || a.Flag != "" {
		t.Errorf("alpha min_gap %v, flag %q; want 1.96 x sqrt(SEM² + spread²/n) = %v, and no flag", *a.MinGap, a.Flag, want)
	}
	// Two observers: no spread is shown, and the margin is that of
	// measurement error alone.
	r = build(t, b, feedback.Options{MinGroup: 2}, selfResult(t, b, 5), append(many(b, feedback.Peer, 1, 5, 0), many(b, feedback.DirectReport, 1, 2, 10)...)...)
	if a := dimension(t, r, "alpha"); a.Spread != nil || a.MinGap == nil || *a.MinGap != math.Round(100*1.96*math.Sqrt(80*1.5))/100 {
		t.Errorf("two observers: alpha spread %v, min_gap %v; want no spread and 1.96 x 8.94 x sqrt(3/2)", a.Spread, a.MinGap)
	}
}

func TestSelfAndOthersUseTheObserverQuestionsOnly(t *testing.T) {
	b := testBank(t)
	self := selfResult(t, b, 5)
	self.Answers["a4"] = questions.BoolValue(false) // self-only: left out of self
	r := build(t, b, feedback.Options{}, self, many(b, feedback.Peer, 3, 3, 0)...)
	a := dimension(t, r, "alpha")
	if *a.Self != 100 || *a.Others != 50 || *a.Gap != 50 {
		t.Errorf("alpha self %v others %v gap %v, want 100, 50, 50", *a.Self, *a.Others, *a.Gap)
	}
	for _, d := range r.Dimensions {
		if d.ID == "gamma" {
			t.Errorf("gamma, whose questions are all self-only, is in the report")
		}
	}
	if len(r.Questions) == 0 || r.Questions[0].Self != 100 || r.Questions[0].Others != 50 || r.Questions[0].N != 3 {
		t.Errorf("questions = %+v", r.Questions)
	}
	if r.Subject != "Sam" || r.Round != testRound || r.Raters != 3 {
		t.Errorf("report head = %q %q %d", r.Subject, r.Round, r.Raters)
	}
}

func TestGroupsShownAndWithheld(t *testing.T) {
	b := testBank(t)
	type sizes struct{ manager, peer, report, other int }
	cases := []struct {
		name     string
		n        sizes
		pool     bool
		min      int
		groups   []string
		withheld []string
	}{
		{
			name:     "peers beside everyone but the manager would expose the reports by difference",
			n:        sizes{manager: 1, peer: 4, report: 2},
			groups:   []string{"manager:manager:1", "everyone:manager+peer+report:7"},
			withheld: []string{"report:2:too_few", "peer:4:difference"},
		},
		{
			name:     "large groups all shown",
			n:        sizes{manager: 1, peer: 4, report: 3},
			groups:   []string{"manager:manager:1", "role:peer:4", "role:report:3", "everyone:manager+peer+report:8"},
			withheld: nil,
		},
		{
			name:     "small groups pooled",
			n:        sizes{peer: 5, report: 2, other: 2},
			groups:   []string{"role:peer:5", "pooled:report+other:4", "everyone:peer+report+other:9"},
			withheld: []string{"report:2:too_few", "other:2:too_few"},
		},
		{
			name:     "a pool too small is withheld",
			n:        sizes{peer: 5, report: 1, other: 1},
			groups:   []string{"everyone:peer+report+other:7"},
			withheld: []string{"report:1:too_few", "other:1:too_few", "report+other:2:too_few", "peer:5:difference"},
		},
		{
			name:     "too few raters: only the manager",
			n:        sizes{manager: 1, peer: 2},
			groups:   []string{"manager:manager:1"},
			withheld: []string{"peer:2:too_few", "manager+peer:3:too_few"},
		},
		{
			name:     "pooled manager is one more anonymous rater",
			n:        sizes{manager: 1, peer: 4, report: 2},
			pool:     true,
			groups:   []string{"role:peer:4", "pooled:manager+report:3", "everyone:manager+peer+report:7"},
			withheld: []string{"manager:1:too_few", "report:2:too_few"},
		},
		{
			name:     "min group 2",
			n:        sizes{manager: 1, peer: 2, report: 1},
			min:      2,
			groups:   []string{"manager:manager:1", "everyone:manager+peer+report:4"},
			withheld: []string{"report:1:too_few", "peer:2:difference"},
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var docs []*feedback.Feedback
			docs = append(docs, many(b, feedback.Manager, c.n.manager, 4, 0)...)
			docs = append(docs, many(b, feedback.Peer, c.n.peer, 3, 10)...)
			docs = append(docs, many(b, feedback.DirectReport, c.n.report, 2, 20)...)
			docs = append(docs, many(b, feedback.Other, c.n.other, 5, 30)...)
			r := build(t, b, feedback.Options{MinGroup: c.min, PoolManager: c.pool}, selfResult(t, b, 4), docs...)
			if got := groupKeys(r); !slices.Equal(got, c.groups) {
				t.Errorf("groups = %v\nwant     %v", got, c.groups)
			}
			if got := withheldKeys(r); !sameSet(got, c.withheld) {
				t.Errorf("withheld = %v\nwant       %v", got, c.withheld)
			}
		})
	}
}

func sameSet(a, b []string) bool {
	a, b = slices.Clone(a), slices.Clone(b)
	slices.Sort(a)
	slices.Sort(b)
	return slices.Equal(a, b)
}

func TestTooFewRatersStillGivesTheSelfView(t *testing.T) {
	b := testBank(t)
	r := build(t, b, feedback.Options{}, selfResult(t, b, 4), many(b, feedback.Peer, 2, 3, 0)...)
	if len(r.Groups) != 0 {
		t.Errorf("groups shown: %+v", r.Groups)
	}
	a := dimension(t, r, "alpha")
	if a.Self == nil || a.Others != nil || a.Gap != nil || a.Flag != "" {
		t.Errorf("alpha = %+v, want the self view only", a)
	}
	if len(r.Questions) != 0 {
		t.Errorf("questions shown: %+v", r.Questions)
	}
}

func TestDimensionFiguresShrinkWithAnswers(t *testing.T) {
	b := testBank(t)
	// One of the three reports says "not applicable" to all of beta:
	// the reports' beta figure would hold 2 raters.
	na := map[string]questions.Value{"b1": questions.NA, "b2": questions.NA}
	docs := append(many(b, feedback.Peer, 3, 3, 0), many(b, feedback.DirectReport, 2, 2, 10)...)
	docs = append(docs, doc(b, feedback.DirectReport, 2, 20, na))
	r := build(t, b, feedback.Options{}, selfResult(t, b, 4), docs...)
	for _, g := range r.Groups {
		_, hasBeta := g.Dimensions["beta"]
		if g.Kind == "role" && g.Roles[0] == feedback.DirectReport && hasBeta {
			t.Errorf("reports' beta figure shown with 2 raters: %+v", g)
		}
	}
	found := false
	for _, w := range r.Withheld {
		found = found || (w.Dimension == "beta" && w.N == 2 && w.Reason == feedback.ReasonTooFew)
	}
	if !found {
		t.Errorf("withheld = %+v, want the reports' beta figure as too few", r.Withheld)
	}
}

func TestRefusals(t *testing.T) {
	b := testBank(t)
	other := *doc(b, feedback.Peer, 3, 1, nil)
	other.Round = "bbbbbbbbbbbbbbbbbbbbbbbbbb"
	version := *doc(b, feedback.Peer, 3, 2, nil)
	version.Bank.Version = "2"
	edited := *doc(b, feedback.Peer, 3, 3, nil)
	edited.Bank.Digest = "sha256:0000"
	selfOnly := doc(b, feedback.Peer, 3, 4, map[string]questions.Value{"a4": questions.BoolValue(true)})
	cases := []struct {
		name string
		f    *feedback.Feedback
		want string
	}{
		{"another round", &other, "round: feedback of round bbbb"},
		{"another bank version", &version, "bank: feedback on bank observed-test 2, not on bank observed-test 1"},
		{"another edit", &edited, "as edited differently"},
		{"a self-only question", selfOnly, "answers.a4: a question for the person themself"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			bd := feedback.NewBuilder(b, feedback.Options{})
			if err := bd.Add(doc(b, feedback.Peer, 3, 0, nil), "first.json"); err != nil {
				t.Fatal(err)
			}
			err := bd.Add(c.f, "second.json")
			if err == nil || !strings.Contains(err.Error(), c.want) || !errors.Is(err, errtext.ErrInvalid) {
				t.Errorf("err = %v, want invalid input with %q", err, c.want)
			}
		})
	}
}

func TestTheSameDocumentCountsOnce(t *testing.T) {
	b := testBank(t)
	bd := feedback.NewBuilder(b, feedback.Options{})
	d := doc(b, feedback.Peer, 3, 0, nil)
	for _, at := range []string{"a.json", "b.jsonl:3"} {
		if err := bd.Add(d, at); err != nil {
			t.Fatal(err)
		}
	}
	// The same answers at another moment are another observer's.
	if err := bd.Add(doc(b, feedback.Peer, 3, 1, nil), "c.json"); err != nil {
		t.Fatal(err)
	}
	if bd.Raters() != 2 || len(bd.Duplicates()) != 1 || bd.Duplicates()[0] != (feedback.Duplicate{Source: "b.jsonl:3", First: "a.json"}) {
		t.Errorf("raters %d, duplicates %+v", bd.Raters(), bd.Duplicates())
	}
}

func TestSelfResultOfAnotherBank(t *testing.T) {
	b := testBank(t)
	self := selfResult(t, b, 4)
	self.Bank.ID = "another"
	_, err := feedback.NewBuilder(b, feedback.Options{}).Report(self)
	if !errors.Is(err, errtext.ErrInvalid) || !strings.Contains(err.Error(), "self result is from bank another 1") {
		t.Errorf("err = %v", err)
	}
}

func TestDocumentsWithIDsAreTheSameByID(t *testing.T) {
	b := testBank(t)
	bd := feedback.NewBuilder(b, feedback.Options{})
	one, two := doc(b, feedback.Peer, 3, 0, nil), doc(b, feedback.Peer, 3, 0, nil)
	one.ID, two.ID = "cccccccccccccccccccccccccc", "dddddddddddddddddddddddddd"
	for i, d := range []*feedback.Feedback{one, two, one} {
		if err := bd.Add(d, itoa(i)); err != nil {
			t.Fatal(err)
		}
	}
	// Two observers answering alike at the same moment are two; the
	// same document twice is one.
	if bd.Raters() != 2 || len(bd.Duplicates()) != 1 {
		t.Errorf("raters %d, duplicates %+v", bd.Raters(), bd.Duplicates())
	}
}

func TestNoFlagWithoutAGap(t *testing.T) {
	b := testBank(t)
	self := selfResult(t, b, 3)
	for i := range self.Dimensions {
		self.Dimensions[i].SEM = new(0.0) // no error at all: still no gap
	}
	// Every answer is 3: the result is straight-lined, and its SEM could
	// not be judged (TestStraightLinedSelfFlagsNoGap). The margin of 0 is
	// what this test is about.
	self.Notes = nil
	be, _ := b.Dimension("beta")
	be.Reliability = 0 // beta takes the self result's SEM
	r := build(t, b, feedback.Options{}, self, many(b, feedback.Peer, 3, 3, 0)...)
	if d := dimension(t, r, "beta"); d.Gap == nil || *d.Gap != 0 || d.Flag != "" || d.MinGap == nil {
		t.Errorf("beta = %+v, want a gap of 0, unflagged, with a margin of 0", d)
	}
}

// TestOneIDWithOtherContentsIsRefused: a document whose id is already
// counted but whose answers differ is not the same document: it is
// refused, rather than silently dropped (or counted as another rater).
func TestOneIDWithOtherContentsIsRefused(t *testing.T) {
	b := testBank(t)
	bd := feedback.NewBuilder(b, feedback.Options{})
	one, other := doc(b, feedback.Peer, 3, 0, nil), doc(b, feedback.Peer, 5, 0, nil)
	one.ID, other.ID = "cccccccccccccccccccccccccc", "cccccccccccccccccccccccccc"
	if err := bd.Add(one, "a.json"); err != nil {
		t.Fatal(err)
	}
	err := bd.Add(other, "b.json")
	if !strings.Contains(fmt.Sprint(err), "id: the id of the feedback at a.json, with other contents") || bd.Raters() != 1 || len(bd.Duplicates()) != 0 {
		t.Errorf("err %v, raters %d, duplicates %v", err, bd.Raters(), bd.Duplicates())
	}
}

func TestAKnownRoundRefusesRolesItDoesNotOffer(t *testing.T) {
	b := testBank(t)
	peersAndReports := &feedback.Round{Schema: feedback.RoundSchema, Round: testRound, Bank: feedback.NewBankRef(b), Roles: []string{feedback.Peer, feedback.DirectReport}}
	other := doc(b, feedback.Peer, 3, 9, nil)
	other.Round = "bbbbbbbbbbbbbbbbbbbbbbbbbb"
	cases := []struct {
		name  string
		round *feedback.Round // nil: not known
		f     *feedback.Feedback
		want  string // "": counted
	}{
		{"a manager in a round without one", peersAndReports, doc(b, feedback.Manager, 1, 9, nil), `role: role "manager" is not one of round aaaaaaaaaaaaaaaaaaaaaaaaaa's (peer, report)`},
		{"another role not offered", peersAndReports, doc(b, feedback.Other, 1, 9, nil), `role "other" is not one of round`},
		{"a role offered", peersAndReports, doc(b, feedback.DirectReport, 1, 9, nil), ""},
		{"another round than the one known", peersAndReports, other, "not of round aaaaaaaaaaaaaaaaaaaaaaaaaa the round reported on"},
		{"a manager when the round is not known", nil, doc(b, feedback.Manager, 1, 9, nil), ""},
		{"every role when the round offers every role", feedback.RoundFor(testRound, b), doc(b, feedback.Manager, 1, 9, nil), ""},
	}
	self := selfResult(t, b, 4)
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			bd := feedback.NewBuilder(b, feedback.Options{})
			if c.round != nil {
				bd.UseRound(c.round)
			}
			peers := many(b, feedback.Peer, 3, 3, 0)
			for i, d := range peers {
				if err := bd.Add(d, itoa(i)); err != nil {
					t.Fatal(err)
				}
			}
			err := bd.Add(c.f, "refused.json")
			if c.want == "" {
				if err != nil {
					t.Fatalf("err = %v, want it counted", err)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), c.want) || !errors.Is(err, errtext.ErrInvalid) {
				t.Fatalf("err = %v, want invalid input with %q", err, c.want)
			}
			// A document refused changes no figure: the report is the
			// one of the documents counted.
			got, err := bd.Report(self)
			if err != nil {
				t.Fatal(err)
			}
			want := build(t, b, feedback.Options{}, self, peers...)
			if !reflect.DeepEqual(got, want) {
				t.Errorf("report with the refused document\n%+v\nwant the one without it\n%+v", got, want)
			}
		})
	}
}

func TestMarginFromSaysWhereTheErrorMarginComesFrom(t *testing.T) {
	b := testBank(t)
	withSelfSEM := func(r *assessment.Result) *assessment.Result {
		for i := range r.Dimensions {
			if r.Dimensions[i].ID == "beta" {
				r.Dimensions[i].SEM = new(10.0)
			}
		}
		return r
	}
	cases := []struct {
		name        string
		self        *assessment.Result
		raters      int
		alpha, beta string
		betaGap     bool // beta has a min_gap
	}{
		// alpha records its reliability; beta does not, and the self
		// result (strict rule) gives it no SEM.
		{"the bank's, else none", selfResult(t, b, 4), 6, feedback.MarginBank, "", false},
		{"the bank's, else the self result's", withSelfSEM(selfResult(t, b, 4)), 6, feedback.MarginBank, feedback.MarginSelf, true},
		{"said with too few raters too", withSelfSEM(selfResult(t, b, 4)), 0, feedback.MarginBank, feedback.MarginSelf, false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := build(t, b, feedback.Options{}, c.self, many(b, feedback.Peer, c.raters, 3, 0)...)
			a, be := dimension(t, r, "alpha"), dimension(t, r, "beta")
			if a.MarginFrom != c.alpha || be.MarginFrom != c.beta || (be.MinGap != nil) != c.betaGap {
				t.Errorf("margin from: alpha %q, beta %q (min gap %v); want %q, %q (min gap %v)", a.MarginFrom, be.MarginFrom, be.MinGap, c.alpha, c.beta, c.betaGap)
			}
		})
	}
}

// TestStraightLinedSelfFlagsNoGap: the self result's SEM is worked out
// from the person's own answers; given the same way throughout, they make
// it as small as it gets, so it is no basis for a margin: the dimension
// that takes it has no min_gap and no flag, however large its gap, while
// one whose margin comes from the bank's reliability keeps both (QA:
// a straight-lined self-assessment's margin was too small).
func TestStraightLinedSelfFlagsNoGap(t *testing.T) {
	b := testBank(t)
	// Every likert question answered 5 as written (a3, reverse-keyed,
	// too): the same answer throughout. beta scores 100, alpha less.
	straight := func(noted bool) *assessment.Result {
		a := &questions.Answers{Values: map[string]questions.Value{}}
		for _, q := range b.Questions {
			a.Values[q.ID] = questions.IntValue(5)
			if q.Type == questions.YesNo {
				a.Values[q.ID] = questions.BoolValue(true)
			}
		}
		r := assessment.Score(b, a, assessment.Options{Now: day0})
		if !assessment.StraightLined(r) {
			t.Fatalf("the fixture is not straight-lined: notes %+v", r.Notes)
		}
		for i := range r.Dimensions {
			if r.Dimensions[i].ID == "beta" {
				r.Dimensions[i].SEM = new(5.0) // as the most-probable rule gives a straight-liner
			}
		}
		if !noted {
			r.Notes = nil
		}
		return r
	}
	cases := []struct {
		name       string
		self       *assessment.Result
		beta       string
		betaMargin bool
		betaFlag   string
	}{
		{"straight-lined: beta's margin cannot be judged", straight(true), feedback.MarginUnjudged, false, ""},
		{"the same answers without the note: beta's margin is its own SEM's", straight(false), feedback.MarginSelf, true, feedback.BlindSpot},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := build(t, b, feedback.Options{}, c.self, many(b, feedback.Peer, 4, 1, 0)...)
			a, be := dimension(t, r, "alpha"), dimension(t, r, "beta")
			if be.Gap == nil || *be.Gap < 50 {
				t.Fatalf("beta's gap is %v, want a large one", be.Gap)
			}
			if be.MarginFrom != c.beta || (be.MinGap != nil) != c.betaMargin || be.Flag != c.betaFlag {
				t.Errorf("beta: margin from %q, min gap %v, flag %q; want %q, min gap %v, flag %q", be.MarginFrom, be.MinGap, be.Flag, c.beta, c.betaMargin, c.betaFlag)
			}
			if a.MarginFrom != feedback.MarginBank || a.MinGap == nil {
				t.Errorf("alpha: margin from %q, min gap %v; want the bank's, worked out", a.MarginFrom, a.MinGap)
			}
		})
	}
}
