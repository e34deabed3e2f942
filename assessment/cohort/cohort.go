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
	"strings"

	"github.com/digilead/digilead/assessment"
	"github.com/digilead/digilead/questions"
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
}

// Dimension is the distribution of one dimension's scores. The figures
// are nil when nobody was scored (and SD when fewer than two were).
type Dimension struct {
	ID   string `json:"id"`
	Name string `json:"name"`
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
}

// LevelCount is how many people are at a level; ID is nil for Developing.
type LevelCount struct {
	ID    *string `json:"id"`
	Name  string  `json:"name"`
	Count int     `json:"count"`
}

// Tier is how many people meet a tier and how ready the group is for it.
type Tier struct {
	ID            string  `json:"id"`
	Name          string  `json:"name"`
	Met           int     `json:"met"`
	ReadinessMean float64 `json:"readiness_mean"`
}

// Gap is how common a gap is on one dimension.
type Gap struct {
	Dimension string `json:"dimension"`
	Name      string `json:"name"`
	// WithGap counts the people below what their target expects.
	WithGap int `json:"with_gap"`
	// Share is WithGap out of Assessed.
	Share float64 `json:"share"`
	// MeanGap is the mean gap of those with one; nil when nobody has one.
	MeanGap *float64 `json:"mean_gap"`
	// Assessed counts the people whose gap is known (scored, and with an
	// expectation for the dimension).
	Assessed int `json:"assessed"`
}

// ErrTooSmall is returned for a cohort below the minimum group size.
var ErrTooSmall = errors.New("cohort too small")

// ErrMixedBanks is returned when the results come from different banks.
var ErrMixedBanks = errors.New("results from different banks")

// Options shape a cohort.
type Options struct {
	// MinGroup is the fewest participants reported; 0 means
	// DefaultMinGroup.
	MinGroup int
	// Bank and Target, when Target is set, measure everyone's gaps against
	// that tier of the bank (results only carry gaps to their own target).
	// The results must come from this bank.
	Bank   *questions.Bank
	Target *questions.Tier
}

// Builder adds up results one at a time, in memory proportional to the
// number of people times dimensions.
type Builder struct {
	o Options
	// scorer works out the gaps to Options.Target.
	scorer *assessment.Scorer

	bank   assessment.BankVersion
	groups []group // results per bank; only the first is summed

	n      int
	dims   []dimAcc
	dimIdx map[string]int
	tiers  []tierAcc
	levels map[string]int // tier id ("" for developing) -> count
	gaps   []gapAcc

	seen       map[string]string // result identity -> where first read
	duplicates []Duplicate
}

type group struct {
	bank    assessment.BankVersion
	digest  string // two edits of one version differ here
	count   int
	sources []string // the first few, for messages
}

type dimAcc struct {
	id, name     string
	scores       []float64
	insufficient int
}

type tierAcc struct {
	id, name  string
	rank      int
	met       int
	readiness float64
}

type gapAcc struct {
	with, assessed int
	sum            float64
}

// New starts a cohort.
func New(o Options) *Builder {
	if o.MinGroup == 0 {
		o.MinGroup = DefaultMinGroup
	}
	b := &Builder{o: o, dimIdx: map[string]int{}, levels: map[string]int{}, seen: map[string]string{}}
	if o.Bank != nil {
		b.groups = []group{{bank: assessment.NewBankRef(o.Bank).WithoutDigest(), digest: o.Bank.Digest}}
		if o.Target != nil {
			b.scorer = assessment.NewScorer(o.Bank)
		}
	}
	return b
}

const maxSources = 3

// Add adds one result; source names it in messages only.
func (b *Builder) Add(e *Entry, source string) {
	if key := e.identity(); key != "" {
		if first, ok := b.seen[key]; ok {
			b.duplicates = append(b.duplicates, Duplicate{Source: source, First: first})
			return
		}
		b.seen[key] = source
	}
	ref := e.Bank.WithoutDigest()
	gi := -1
	for i, g := range b.groups {
		if g.bank.ID == ref.ID && g.bank.Version == ref.Version && sameEdit(g.digest, e.Bank.Digest) {
			gi = i
			break
		}
	}
	if gi < 0 {
		b.groups = append(b.groups, group{bank: ref, digest: e.Bank.Digest})
		gi = len(b.groups) - 1
	}
	g := &b.groups[gi]
	g.count++
	if len(g.sources) < maxSources {
		g.sources = append(g.sources, source)
	}
	if gi == 0 {
		b.add(e)
	}
}

func (b *Builder) add(e *Entry) {
	if b.n == 0 {
		b.bank = e.Bank.WithoutDigest()
	}
	b.n++
	scores := make(map[string]*float64, len(e.Dimensions))
	for _, d := range e.Dimensions {
		i := b.dimension(d.ID, d.Name)
		scores[d.ID] = d.Score
		if d.Score == nil {
			b.dims[i].insufficient++
		} else {
			b.dims[i].scores = append(b.dims[i].scores, *d.Score)
		}
	}
	for _, t := range e.Tiers {
		i := b.tier(t)
		if t.Met {
			b.tiers[i].met++
		}
		b.tiers[i].readiness += t.Readiness
	}
	level := ""
	if e.Level != nil {
		level = e.Level.ID
	}
	b.levels[level]++
	b.addGaps(e, scores)
}

// addGaps counts the entry's gaps: to its own target, or to the common
// target computed from the bank.
func (b *Builder) addGaps(e *Entry, scores map[string]*float64) {
	if b.o.Target == nil {
		for _, g := range e.Gaps {
			b.gap(g.Dimension, g.Score, g.Gap)
		}
		return
	}
	for _, g := range b.scorer.Gaps(b.o.Target, scores) {
		b.gap(g.Dimension, g.Score, g.Gap)
	}
}

func (b *Builder) gap(dim string, score *float64, gap float64) {
	i, ok := b.dimIdx[dim]
	if !ok || score == nil {
		return
	}
	acc := &b.gaps[i]
	acc.assessed++
	if gap > 0 {
		acc.with++
		acc.sum += gap
	}
}

// dimension returns the index of a dimension, adding it when new.
func (b *Builder) dimension(id, name string) int {
	if i, ok := b.dimIdx[id]; ok {
		return i
	}
	b.dimIdx[id] = len(b.dims)
	b.dims = append(b.dims, dimAcc{id: id, name: name})
	b.gaps = append(b.gaps, gapAcc{})
	return len(b.dims) - 1
}

func (b *Builder) tier(t EntryTier) int {
	for i := range b.tiers {
		if b.tiers[i].id == t.ID {
			return i
		}
	}
	b.tiers = append(b.tiers, tierAcc{id: t.ID, name: t.Name, rank: t.Rank})
	return len(b.tiers) - 1
}

// Report checks the cohort (one bank, enough people) and sums it up.
func (b *Builder) Report() (*Report, error) {
	if err := b.mixed(); err != nil {
		return nil, err
	}
	if b.n < b.o.MinGroup {
		return nil, refuse(ErrTooSmall, "only %d %s: a cohort report needs at least %d people, so that no one can be recognised from the figures. Add results, or pass --min-group %d if everyone in the group agreed to share",
			b.n, questions.Plural(b.n, "result", "results"), b.o.MinGroup, max(1, b.n))
	}
	r := &Report{Schema: Schema, Bank: b.bank, Participants: b.n, Dimensions: []Dimension{}, Levels: []LevelCount{}, Tiers: []Tier{}, Gaps: []Gap{}}
	if t := b.o.Target; t != nil {
		r.GapTarget = &assessment.TierName{ID: t.ID, Name: t.Name}
	}
	for _, d := range b.dims {
		r.Dimensions = append(r.Dimensions, describe(d))
	}
	slices.SortStableFunc(b.tiers, func(x, y tierAcc) int { return cmp.Compare(x.rank, y.rank) })
	r.Levels = append(r.Levels, LevelCount{Name: DevelopingName, Count: b.levels[""]})
	for _, t := range b.tiers {
		id := t.id
		r.Levels = append(r.Levels, LevelCount{ID: &id, Name: t.name, Count: b.levels[t.id]})
		r.Tiers = append(r.Tiers, Tier{ID: t.id, Name: t.name, Met: t.met, ReadinessMean: round(t.readiness/float64(b.n), 100)})
	}
	r.Gaps = b.commonGaps()
	return r, nil
}

// commonGaps lists the gaps by share, largest first; ties by count, then
// mean gap, then bank order.
func (b *Builder) commonGaps() []Gap {
	gaps := []Gap{}
	for i, acc := range b.gaps {
		if acc.assessed == 0 {
			continue
		}
		g := Gap{Dimension: b.dims[i].id, Name: b.dims[i].name, WithGap: acc.with, Assessed: acc.assessed, Share: round(float64(acc.with)/float64(acc.assessed), 1e4)}
		if acc.with > 0 {
			g.MeanGap = new(round(acc.sum/float64(acc.with), 100))
		}
		gaps = append(gaps, g)
	}
	slices.SortStableFunc(gaps, func(a, c Gap) int {
		return cmp.Or(cmp.Compare(c.Share, a.Share), cmp.Compare(c.WithGap, a.WithGap), cmp.Compare(deref(c.MeanGap), deref(a.MeanGap)))
	})
	return gaps
}

// mixed refuses results from more than one bank, naming the odd ones out.
func (b *Builder) mixed() error {
	if len(b.groups) == 0 {
		return refuse(ErrTooSmall, "no results to report on")
	}
	if len(b.groups) == 1 {
		return nil
	}
	main := 0
	if b.o.Bank == nil { // the largest group sets the bank
		for i, g := range b.groups {
			if g.count > b.groups[main].count {
				main = i
			}
		}
	}
	var odd []string
	for i, g := range b.groups {
		if i == main {
			continue
		}
		names := strings.Join(g.sources, ", ")
		if g.count > len(g.sources) {
			names += fmt.Sprintf(" and %d more", g.count-len(g.sources))
		}
		edit := ""
		if m := b.groups[main]; g.bank.ID == m.bank.ID && g.bank.Version == m.bank.Version {
			edit = fmt.Sprintf(" as edited differently (digest %s, not %s)", short(g.digest), short(m.digest))
		}
		odd = append(odd, fmt.Sprintf("%s %s from bank %s %s%s", names, questions.Plural(g.count, "is", "are"), g.bank.ID, g.bank.Version, edit))
	}
	m := b.groups[main]
	others := fmt.Sprintf("the other %d %s", m.count, questions.Plural(m.count, "result", "results"))
	advice := "A cohort compares like with like: report on each bank separately"
	if b.o.Bank != nil {
		others = "the bank in use"
		advice = "Pass --bank with the bank these results were scored with"
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

// Is reports the refusal's kind and questions.ErrInvalid.
func (r *refusal) Is(target error) bool { return target == r.kind || target == questions.ErrInvalid }

// describe computes a dimension's distribution.
func describe(d dimAcc) Dimension {
	out := Dimension{ID: d.id, Name: d.name, N: len(d.scores), Insufficient: d.insufficient}
	s := d.scores
	if len(s) == 0 {
		return out
	}
	slices.Sort(s)
	out.Mean = new(round(Mean(s), 100))
	if sd, ok := SD(s); ok {
		out.SD = new(round(sd, 100))
	}
	out.Min, out.Max = new(s[0]), new(s[len(s)-1])
	out.P25 = new(round(Quantile(s, 0.25), 100))
	out.Median = new(round(Quantile(s, 0.5), 100))
	out.P75 = new(round(Quantile(s, 0.75), 100))
	return out
}

// Mean is the arithmetic mean of xs (not empty).
func Mean(xs []float64) float64 {
	sum := 0.0
	for _, x := range xs {
		sum += x
	}
	return sum / float64(len(xs))
}

// SD is the sample standard deviation (n-1 in the denominator); ok is
// false for fewer than two values.
func SD(xs []float64) (sd float64, ok bool) {
	if len(xs) < 2 {
		return 0, false
	}
	m := Mean(xs)
	ss := 0.0
	for _, x := range xs {
		ss += (x - m) * (x - m)
	}
	return math.Sqrt(ss / float64(len(xs)-1)), true
}

// Quantile is the p-quantile of sorted xs by linear interpolation between
// order statistics ("type 7": R's and numpy's default, Excel's
// PERCENTILE.INC).
func Quantile(sorted []float64, p float64) float64 {
	h := float64(len(sorted)-1) * p
	lo := math.Floor(h)
	i := int(lo)
	if i+1 >= len(sorted) {
		return sorted[len(sorted)-1]
	}
	return sorted[i] + (h-lo)*(sorted[i+1]-sorted[i])
}

func round(x, scale float64) float64 { return math.Round(x*scale) / scale }

func deref(p *float64) float64 {
	if p == nil {
		return 0
	}
	return *p
}
