// Package cohort sums up the results of a group: per-dimension
// distributions, how levels are spread, how ready the group is for each
// tier and which gaps are common. It is pure and anonymous: it never
// reads or writes names or respondent ids.
package cohort

import (
	"cmp"
	"errors"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/digilead/digilead/assessment"
	"github.com/digilead/digilead/questions"
	"github.com/digilead/digilead/questions/errtext"
)

// Schema is the schema id of a cohort report.
const Schema = "digilead.cohort/v1"

// DefaultMinGroup is the smallest cohort reported unless asked otherwise.
const DefaultMinGroup = 5

// DevelopingName names the level of people who meet no tier.
const DevelopingName = "Developing"

// Report is the digilead.cohort/v1 document.
type Report struct {
	Schema       string                 `json:"schema"`
	Bank         assessment.BankVersion `json:"bank"`
	Participants int                    `json:"participants"`
	// GapTarget is the tier everyone's gaps were measured against, when one
	// was chosen for all; absent, each person's own target was used.
	GapTarget  *assessment.TierName `json:"gap_target,omitempty"`
	Dimensions []Dimension          `json:"dimensions"`
	Levels     []LevelCount         `json:"levels"`
	Tiers      []Tier               `json:"tiers"`
	Gaps       []Gap                `json:"gaps"`
	// By is the respondent field the groups are by; absent without
	// groups.
	By string `json:"by,omitempty"`
	// MinGroup is the fewest people a group shown has, and the fewest
	// scored behind a dimension's figures; set with groups and when some
	// figures are withheld.
	MinGroup int `json:"min_group,omitempty"`
	// Groups sum up each group of people sharing a value of By, in order
	// of that value; groups under the minimum size are merged into one
	// (see Group.Other).
	Groups []Group `json:"groups,omitempty"`
}

// Group is the summary of one group of a cohort, shaped like the report.
type Group struct {
	// Name is the value of the field the group shares ("" when people
	// did not give it).
	Name string `json:"name"`
	// Other marks the "other groups": the groups too small to be shown
	// alone, merged. Its Name is empty and Merged counts them.
	Other        bool         `json:"other,omitempty"`
	Merged       int          `json:"merged,omitempty"`
	Participants int          `json:"participants"`
	Dimensions   []Dimension  `json:"dimensions"`
	Levels       []LevelCount `json:"levels"`
	Tiers        []Tier       `json:"tiers"`
	Gaps         []Gap        `json:"gaps"`
}

// Dimension is the distribution of one dimension's scores. The figures
// are nil when nobody was scored (and SD when fewer than two were), and
// when withheld: too few were scored to show them (see anonymity.go).
type Dimension struct {
	ID   string             `json:"id"`
	Name questions.BankText `json:"name"`
	// N counts the people scored; Insufficient those with too few answers.
	N            int      `json:"n"`
	Insufficient int      `json:"insufficient"`
	Mean         *float64 `json:"mean"`
	SD           *float64 `json:"sd"`
	Min          *float64 `json:"min"`
	P25          *float64 `json:"p25"`
	Median       *float64 `json:"median"`
	P75          *float64 `json:"p75"`
	Max          *float64 `json:"max"`
	// Withheld, when set, says why the figures are nil although people
	// were scored: ReasonTooFew or ReasonDifference.
	Withheld string `json:"withheld,omitempty"`
	// GapWithheld, when set, says why the dimension's gap is left out of
	// the gaps although some people's gaps are known (the same reasons).
	GapWithheld string `json:"gap_withheld,omitempty"`
}

// LevelCount is how many people are at a level; ID is nil for Developing.
type LevelCount struct {
	ID    *string            `json:"id"`
	Name  questions.BankText `json:"name"`
	Count int                `json:"count"`
}

// Tier is how many people meet a tier and how ready the group is for it.
type Tier struct {
	ID            string             `json:"id"`
	Name          questions.BankText `json:"name"`
	Met           int                `json:"met"`
	ReadinessMean float64            `json:"readiness_mean"`
}

// Gap is how common a gap is on one dimension.
type Gap struct {
	Dimension string             `json:"dimension"`
	Name      questions.BankText `json:"name"`
	// WithGap counts the people below what their target expects.
	WithGap int `json:"with_gap"`
	// Share is WithGap out of Assessed.
	Share float64 `json:"share"`
	// MeanGap is the mean gap of those with one; nil when nobody has one,
	// and when withheld: it rests on those with a gap only, and too few of
	// them have one to show it (see anonymity.go).
	MeanGap *float64 `json:"mean_gap"`
	// MeanGapWithheld, when set, says why MeanGap is null although some
	// people have a gap: ReasonTooFew or ReasonDifference.
	MeanGapWithheld string `json:"mean_gap_withheld,omitempty"`
	// Assessed counts the people whose gap is known (scored, and with an
	// expectation for the dimension).
	Assessed int `json:"assessed"`
	// Expected is the mean of what the targets of the people assessed
	// expect: the target's expectation when everyone has one target.
	Expected *float64 `json:"expected,omitempty"`
}

// ErrTooSmall is returned for a cohort below the minimum group size.
var ErrTooSmall = errors.New("cohort too small")

// TooSmallError refuses a cohort of N people, fewer than MinGroup; it is
// ErrTooSmall.
type TooSmallError struct{ N, MinGroup int }

func (e *TooSmallError) Error() string {
	return fmt.Sprintf("only %d %s: a cohort report needs at least %d people, so that no one can be recognised from the figures. Add results, or lower the smallest group to %d if everyone in the group agreed to share",
		e.N, errtext.Plural(e.N, "result", "results"), e.MinGroup, max(1, e.N))
}

// Is reports ErrTooSmall and errtext.ErrInvalid.
func (e *TooSmallError) Is(target error) bool {
	return target == ErrTooSmall || target == errtext.ErrInvalid
}

// ErrMixedBanks is returned when the results come from different banks.
var ErrMixedBanks = errors.New("results from different banks")

// Options shape a cohort.
type Options struct {
	// MinGroup is the fewest participants reported, for the whole cohort
	// and for each group; 0 means DefaultMinGroup.
	MinGroup int
	// Bank and Target, when Target is set, measure everyone's gaps against
	// that tier of the bank (results only carry gaps to their own target).
	// The results must come from this bank. AddOutline needs Bank.
	Bank   *questions.Bank
	Target *questions.Tier
	// By, when set, also sums up each group of people sharing a value of
	// that respondent field (ByFields), under the same MinGroup.
	By string
}

// Builder adds up results one at a time, in memory proportional to the
// number of distinct scores (see Tally) and of people counted (their
// identities, to count each once).
type Builder struct {
	o Options
	// scorer works out the gaps to Options.Target of results.
	scorer *assessment.Scorer
	// tierExp are the expectations of each tier of Options.Bank by
	// dimension index, as outlines need them (see expectations).
	tierExp [][]float64
	// targetExp are Options.Target's expectations by bank dimension, for
	// outlines.
	targetExp []expectation

	bank  assessment.BankVersion
	banks []bankGroup // results per bank; only the first is summed

	dims   []dimInfo
	dimIdx map[string]int
	tiers  []tierInfo
	all    tallies
	by     map[string]*tallies

	ids        identities
	duplicates []Duplicate
	fig        figures // scratch
	key        []byte  // scratch
}

type expectation struct {
	dim      int
	expected float64
}

type bankGroup struct {
	bank    assessment.BankVersion
	digest  string // two edits of one version differ here
	count   int
	sources []string // the first few, for messages
}

type dimInfo struct{ id, name string }

type tierInfo struct {
	id, name string
	rank     int
}

// figures are one person's, by dimension and tier index of the Builder.
type figures struct {
	dims  []dimFigure
	tiers []tierFigure
	level int // tier index, -1 for Developing
	gaps  []gapFigure
}

type dimFigure struct {
	i     int
	score float64 // NaN when insufficient
}

type tierFigure struct {
	i         int
	met       bool
	readiness float64
}

type gapFigure struct {
	i             int
	gap, expected float64
}

// tallies are the sums of a group of people.
type tallies struct {
	n          int
	dims       []dimAcc
	tiers      []tierAcc
	developing int
	gaps       []gapAcc
}

type dimAcc struct {
	scores       Tally
	insufficient int
}

type tierAcc struct {
	met, level int
	readiness  float64
}

type gapAcc struct {
	with, assessed int
	sum            float64
	// expected sums the expectations of the people assessed.
	expected float64
}

// ByFields are the respondent fields a cohort can be grouped by.
var ByFields = []string{"group", "role"}

// New starts a cohort.
func New(o Options) *Builder {
	if o.MinGroup == 0 {
		o.MinGroup = DefaultMinGroup
	}
	b := &Builder{o: o, dimIdx: map[string]int{}}
	if o.By != "" {
		b.by = map[string]*tallies{}
	}
	if o.Bank != nil {
		b.banks = []bankGroup{{bank: assessment.NewBankRef(o.Bank).WithoutDigest(), digest: o.Bank.Digest}}
		if o.Target != nil {
			b.scorer = assessment.NewScorer(o.Bank)
			for d, dim := range o.Bank.Dimensions {
				if e, ok := o.Target.Expectations[dim.ID]; ok {
					b.targetExp = append(b.targetExp, expectation{dim: d, expected: e})
				}
			}
		}
	}
	return b
}

const maxSources = 3

// Add adds one result; source names it in messages only.
func (b *Builder) Add(e *Entry, source string) { b.AddAt(e, source, 0) }

// AddAt adds one result read at line of source (0: source is the
// result), for messages only.
func (b *Builder) AddAt(e *Entry, source string, line int) {
	if key := e.identity(); key != "" && b.duplicate([]byte(key), source, line) {
		return
	}
	ref := e.Bank.WithoutDigest()
	gi := -1
	for i, g := range b.banks {
		if g.bank.ID == ref.ID && g.bank.Version == ref.Version && sameEdit(g.digest, e.Bank.Digest) {
			gi = i
			break
		}
	}
	if gi < 0 {
		b.banks = append(b.banks, bankGroup{bank: ref, digest: e.Bank.Digest})
		gi = len(b.banks) - 1
	}
	if b.counted(gi, source, line) {
		b.add(e)
	}
}

// duplicate reports whether a result of identity key was counted before,
// noting it when it was.
func (b *Builder) duplicate(key []byte, source string, line int) bool {
	first, dup := b.ids.first(key, source, line)
	if dup {
		b.duplicates = append(b.duplicates, Duplicate{Source: place(source, line), First: first})
	}
	return dup
}

// place is FILE:LINE, or FILE for line 0.
func place(source string, line int) string {
	if line == 0 {
		return source
	}
	return source + ":" + strconv.Itoa(line)
}

// counted counts a result of bank group gi and reports whether it is
// summed (only the first group is).
func (b *Builder) counted(gi int, source string, line int) bool {
	g := &b.banks[gi]
	g.count++
	if len(g.sources) < maxSources {
		g.sources = append(g.sources, place(source, line))
	}
	return gi == 0
}

func (b *Builder) add(e *Entry) {
	if b.all.n == 0 {
		b.bank = e.Bank.WithoutDigest()
	}
	f := b.reset()
	for _, d := range e.Dimensions {
		f.dims = append(f.dims, dimFigure{i: b.dimension(d.ID, d.Name), score: orNaN(d.Score)})
	}
	for _, t := range e.Tiers {
		f.tiers = append(f.tiers, tierFigure{i: b.tier(t.ID, t.Name, t.Rank), met: t.Met, readiness: t.Readiness})
	}
	if e.Level != nil {
		f.level = slices.IndexFunc(b.tiers, func(t tierInfo) bool { return t.id == e.Level.ID })
	}
	if b.o.Target == nil {
		for _, g := range e.Gaps {
			b.gap(g.Dimension, g.Score, g.Gap, g.Expected)
		}
	} else {
		// Gaps to the one target asked for, from the result's scores: the
		// only use of them by id, so the map is built here, not per entry.
		scores := make(map[string]*float64, len(e.Dimensions))
		for _, d := range e.Dimensions {
			scores[d.ID] = d.Score
		}
		for _, g := range b.scorer.Gaps(b.o.Target, scores) {
			b.gap(g.Dimension, g.Score, g.Gap, g.Expected)
		}
	}
	b.count(f, groupOf(b.o.By, e.Respondent.Role, e.Respondent.Group))
}

// AddOutline adds the outline of an answer set scored with Options.Bank,
// read at line of source (for messages only). An outline is counted as its result
// would be: once for its respondent's id and name (all of one run's
// results share their completion time and bank).
func (b *Builder) AddOutline(o *assessment.Outline, source string, line int) {
	if r := o.Respondent; r.ID != "" || r.Name != "" {
		b.key = append(append(append(b.key[:0], r.ID...), 0), r.Name...)
		if b.duplicate(b.key, source, line) {
			return
		}
	}
	if !b.counted(0, source, line) {
		return
	}
	bank := b.o.Bank
	if b.all.n == 0 {
		b.bank = assessment.NewBankRef(bank).WithoutDigest()
		for _, d := range bank.Dimensions {
			b.dimension(d.ID, d.Name)
		}
		for _, t := range bank.Tiers {
			b.tier(t.ID, t.Name, t.Rank)
		}
	}
	f := b.reset()
	for d, s := range o.Scores {
		f.dims = append(f.dims, dimFigure{i: d, score: s})
	}
	for t, met := range o.Met {
		f.tiers = append(f.tiers, tierFigure{i: t, met: met, readiness: o.Readiness[t]})
	}
	f.level = o.Level
	if b.o.Target == nil {
		exp := b.expectations(o.Target)
		for d, g := range o.Gaps {
			if !math.IsNaN(g) {
				f.gaps = append(f.gaps, gapFigure{i: d, gap: g, expected: exp[d]})
			}
		}
	} else {
		for _, x := range b.targetExp {
			if s := o.Scores[x.dim]; !math.IsNaN(s) {
				f.gaps = append(f.gaps, gapFigure{i: x.dim, gap: assessment.GapTo(x.expected, s), expected: x.expected})
			}
		}
	}
	b.count(f, groupOf(b.o.By, o.Respondent.Role, o.Respondent.Group))
}

// reset empties the scratch figures.
func (b *Builder) reset() *figures {
	f := &b.fig
	f.dims, f.tiers, f.gaps, f.level = f.dims[:0], f.tiers[:0], f.gaps[:0], -1
	return f
}

// count adds a person's figures to everyone's and to their group's.
func (b *Builder) count(f *figures, group string) {
	b.all.add(f, len(b.dims), len(b.tiers))
	if b.by != nil {
		t := b.by[group]
		if t == nil {
			t = &tallies{}
			b.by[group] = t
		}
		t.add(f, len(b.dims), len(b.tiers))
	}
}

func (t *tallies) add(f *figures, dims, tiers int) {
	t.n++
	if len(t.dims) < dims {
		t.dims = append(t.dims, make([]dimAcc, dims-len(t.dims))...)
		t.gaps = append(t.gaps, make([]gapAcc, dims-len(t.gaps))...)
	}
	if len(t.tiers) < tiers {
		t.tiers = append(t.tiers, make([]tierAcc, tiers-len(t.tiers))...)
	}
	for _, d := range f.dims {
		if math.IsNaN(d.score) {
			t.dims[d.i].insufficient++
		} else {
			t.dims[d.i].scores.Add(d.score)
		}
	}
	for _, x := range f.tiers {
		if x.met {
			t.tiers[x.i].met++
		}
		t.tiers[x.i].readiness += x.readiness
	}
	if f.level < 0 {
		t.developing++
	} else {
		t.tiers[f.level].level++
	}
	for _, g := range f.gaps {
		acc := &t.gaps[g.i]
		acc.assessed++
		acc.expected += g.expected
		if g.gap > 0 {
			acc.with++
			acc.sum += g.gap
		}
	}
}

// merge adds o's sums.
func (t *tallies) merge(o *tallies) {
	t.n += o.n
	t.developing += o.developing
	t.dims = append(t.dims, make([]dimAcc, max(0, len(o.dims)-len(t.dims)))...)
	t.gaps = append(t.gaps, make([]gapAcc, max(0, len(o.gaps)-len(t.gaps)))...)
	t.tiers = append(t.tiers, make([]tierAcc, max(0, len(o.tiers)-len(t.tiers)))...)
	for i, d := range o.dims {
		t.dims[i].scores.Merge(&d.scores)
		t.dims[i].insufficient += d.insufficient
	}
	for i, x := range o.tiers {
		t.tiers[i].met += x.met
		t.tiers[i].level += x.level
		t.tiers[i].readiness += x.readiness
	}
	for i, g := range o.gaps {
		t.gaps[i].with += g.with
		t.gaps[i].assessed += g.assessed
		t.gaps[i].sum += g.sum
		t.gaps[i].expected += g.expected
	}
}

// gap adds a result's gap on a dimension it lists, when it has a score.
func (b *Builder) gap(dim string, score *float64, gap, expected float64) {
	if i, ok := b.dimIdx[dim]; ok && score != nil {
		b.fig.gaps = append(b.fig.gaps, gapFigure{i: i, gap: gap, expected: expected})
	}
}

// expectations are the expectations of Options.Bank's tier t by
// dimension index (0 where it expects nothing), worked out once a tier.
func (b *Builder) expectations(t int) []float64 {
	if b.tierExp == nil {
		b.tierExp = make([][]float64, len(b.o.Bank.Tiers))
	}
	if b.tierExp[t] == nil {
		b.tierExp[t] = make([]float64, len(b.o.Bank.Dimensions))
		for d, dim := range b.o.Bank.Dimensions {
			b.tierExp[t][d] = b.o.Bank.Tiers[t].Expectations[dim.ID]
		}
	}
	return b.tierExp[t]
}

// dimension returns the index of a dimension, adding it when new.
func (b *Builder) dimension(id, name string) int {
	if i, ok := b.dimIdx[id]; ok {
		return i
	}
	b.dimIdx[id] = len(b.dims)
	b.dims = append(b.dims, dimInfo{id: id, name: name})
	return len(b.dims) - 1
}

// tier returns the index of a tier, adding it when new.
func (b *Builder) tier(id, name string, rank int) int {
	for i := range b.tiers {
		if b.tiers[i].id == id {
			return i
		}
	}
	b.tiers = append(b.tiers, tierInfo{id: id, name: name, rank: rank})
	return len(b.tiers) - 1
}

// Report checks the cohort (one bank, enough people) and sums it up.
func (b *Builder) Report() (*Report, error) {
	if err := b.mixed(); err != nil {
		return nil, err
	}
	n := b.all.n
	if n < b.o.MinGroup {
		return nil, &TooSmallError{N: n, MinGroup: b.o.MinGroup}
	}
	r := &Report{Schema: Schema, Bank: b.bank}
	if t := b.o.Target; t != nil {
		r.GapTarget = &assessment.TierName{ID: t.ID, Name: questions.BankText(t.Name)}
	}
	r.Participants, r.Dimensions, r.Levels, r.Tiers, r.Gaps = b.summary(&b.all)
	if b.by != nil {
		r.By, r.MinGroup = b.o.By, b.o.MinGroup
		r.Groups = b.groups()
	}
	if r.withhold(b.o.MinGroup) {
		r.MinGroup = b.o.MinGroup
	}
	return r, nil
}

// summary sums up a group of people.
func (b *Builder) summary(t *tallies) (int, []Dimension, []LevelCount, []Tier, []Gap) {
	dims, levels, tiers := []Dimension{}, []LevelCount{}, []Tier{}
	for i, d := range b.dims {
		var acc dimAcc
		if i < len(t.dims) {
			acc = t.dims[i]
		}
		dims = append(dims, describe(d, &acc))
	}
	order := make([]int, len(b.tiers))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(x, y int) int { return cmp.Compare(b.tiers[x].rank, b.tiers[y].rank) })
	levels = append(levels, LevelCount{Name: DevelopingName, Count: t.developing})
	for _, i := range order {
		ti := b.tiers[i]
		var acc tierAcc
		if i < len(t.tiers) {
			acc = t.tiers[i]
		}
		id := ti.id
		levels = append(levels, LevelCount{ID: &id, Name: questions.BankText(ti.name), Count: acc.level})
		tiers = append(tiers, Tier{ID: ti.id, Name: questions.BankText(ti.name), Met: acc.met, ReadinessMean: round(acc.readiness/float64(t.n), 100)})
	}
	return t.n, dims, levels, tiers, b.commonGaps(t)
}

// commonGaps lists the gaps by share, largest first; ties by count, then
// mean gap, then bank order.
func (b *Builder) commonGaps(t *tallies) []Gap {
	gaps := []Gap{}
	for i, acc := range t.gaps {
		if acc.assessed == 0 {
			continue
		}
		g := Gap{Dimension: b.dims[i].id, Name: questions.BankText(b.dims[i].name), WithGap: acc.with, Assessed: acc.assessed, Share: round(float64(acc.with)/float64(acc.assessed), 1e4)}
		if acc.with > 0 {
			g.MeanGap = new(round(acc.sum/float64(acc.with), 100))
		}
		g.Expected = new(round(acc.expected/float64(acc.assessed), 100))
		gaps = append(gaps, g)
	}
	sortGaps(gaps)
	return gaps
}

// sortGaps sorts gaps listed in bank order: the gaps most people have
// first, 9 of 12 before 4 of 4; ties by share, then mean gap (a withheld
// one last), then bank order.
func sortGaps(gaps []Gap) {
	slices.SortStableFunc(gaps, func(a, c Gap) int {
		return cmp.Or(cmp.Compare(c.WithGap, a.WithGap), cmp.Compare(c.Share, a.Share), cmp.Compare(deref(c.MeanGap), deref(a.MeanGap)))
	})
}

// mixed refuses results from more than one bank, naming the odd ones out.
func (b *Builder) mixed() error {
	if len(b.banks) == 0 {
		return refuse(ErrTooSmall, "no results to report on")
	}
	if len(b.banks) == 1 {
		return nil
	}
	main := 0
	if b.o.Bank == nil { // the largest group sets the bank
		for i, g := range b.banks {
			if g.count > b.banks[main].count {
				main = i
			}
		}
	}
	var odd []string
	for i, g := range b.banks {
		if i == main {
			continue
		}
		names := strings.Join(g.sources, ", ")
		if g.count > len(g.sources) {
			names += fmt.Sprintf(" and %d more", g.count-len(g.sources))
		}
		edit := ""
		if m := b.banks[main]; g.bank.ID == m.bank.ID && g.bank.Version == m.bank.Version {
			edit = fmt.Sprintf(" as edited differently (digest %s, not %s)", short(g.digest), short(m.digest))
		}
		odd = append(odd, fmt.Sprintf("%s %s from bank %s %s%s", names, errtext.Plural(g.count, "is", "are"), g.bank.ID, g.bank.Version, edit))
	}
	m := b.banks[main]
	others := fmt.Sprintf("the other %d %s", m.count, errtext.Plural(m.count, "result", "results"))
	advice := "A cohort compares like with like: report on each bank separately"
	if b.o.Bank != nil {
		others = "the bank in use"
		advice = "Give the bank these results were scored with"
	}
	return refuse(ErrMixedBanks, "%s, not %s %s like %s. %s",
		strings.Join(odd, "; "), m.bank.ID, m.bank.Version, others, advice)
}

// sameEdit reports whether two digests can be of one bank file: equal, or
// one unknown.
func sameEdit(a, b string) bool { return a == b || a == "" || b == "" }

// short abbreviates a bank digest for messages.
func short(digest string) string {
	if len(digest) > len("sha256:")+12 {
		return digest[:len("sha256:")+12] + "…"
	}
	return digest
}

// Duplicate is a result left out because it was already counted.
type Duplicate struct {
	Source, First string
}

// Duplicates are the results left out because the same respondent's
// result of the same moment was already counted (see Entry).
func (b *Builder) Duplicates() []Duplicate { return b.duplicates }

// refusal is an error about the cohort as a whole; it counts as invalid
// input (exit 2).
type refusal struct {
	kind error
	msg  string
}

func refuse(kind error, format string, args ...any) error {
	return &refusal{kind: kind, msg: fmt.Sprintf(format, args...)}
}

func (r *refusal) Error() string { return r.msg }

// Is reports the refusal's kind and errtext.ErrInvalid.
func (r *refusal) Is(target error) bool { return target == r.kind || target == errtext.ErrInvalid }

// describe computes a dimension's distribution.
func describe(d dimInfo, acc *dimAcc) Dimension {
	out := Dimension{ID: d.id, Name: questions.BankText(d.name), N: acc.scores.N(), Insufficient: acc.insufficient}
	s := acc.scores.Summary()
	if !s.OK {
		return out
	}
	out.Mean = new(round(s.Mean, 100))
	if s.SDOK {
		out.SD = new(round(s.SD, 100))
	}
	out.Min, out.Max = new(s.Min), new(s.Max)
	out.P25 = new(round(s.P25, 100))
	out.Median = new(round(s.Median, 100))
	out.P75 = new(round(s.P75, 100))
	return out
}

func round(x, scale float64) float64 { return math.Round(x*scale) / scale }

func orNaN(p *float64) float64 {
	if p == nil {
		return math.NaN()
	}
	return *p
}

func deref(p *float64) float64 {
	if p == nil {
		return 0
	}
	return *p
}
