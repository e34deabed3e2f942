package questions_test

import (
	"regexp"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/digilead/digilead/questions"
)

// The tests in this file hold the design rules of the built-in bank
// (docs/default-bank.md): a cumulative ladder whose tiers differ in what
// they expect, N/A that cannot leave a lower tier's dimension without a
// score, keyed items, and scenarios without answer cues.

// TestDefaultLadder: each tier expects every dimension the tier below it
// expects, at the same bar or higher, plus dimensions of its own; every
// dimension is expected by some tier; a dimension that can block a tier
// has at least 3 questions.
func TestDefaultLadder(t *testing.T) {
	b := questions.Default()
	expected := map[string]bool{}
	for i, tier := range b.Tiers {
		if len(tier.Expectations) == 0 {
			t.Errorf("tier %s expects nothing", tier.ID)
		}
		for d := range tier.Expectations {
			expected[d] = true
			if n := len(b.QuestionsOf(d)); n < 3 {
				t.Errorf("tier %s expects %s, which has only %d questions", tier.ID, d, n)
			}
		}
		if i == 0 {
			continue
		}
		below := b.Tiers[i-1]
		for d, e := range below.Expectations {
			got, ok := tier.Expectations[d]
			switch {
			case !ok:
				t.Errorf("tier %s drops %s, which %s expects", tier.ID, d, below.ID)
			case got < e:
				t.Errorf("%s: the expectation falls from %v at %s to %v at %s", d, e, below.ID, got, tier.ID)
			}
		}
		if len(tier.Expectations) <= len(below.Expectations) {
			t.Errorf("tier %s expects no dimension that %s does not", tier.ID, below.ID)
		}
	}
	for _, d := range b.Dimensions {
		if !expected[d.ID] {
			t.Errorf("no tier expects %s", d.ID)
		}
	}
}

// TestDefaultNotApplicable: N/A cannot leave a dimension the lowest tier
// expects without a score. Such a dimension blocks every tier, so N/A
// that left it insufficient would leave a person with no level at all.
// So the questions of such a dimension that do not offer N/A carry at
// least the bank's min_coverage of its weight, and at most one of them
// offers N/A: a duty that applies only in some places (acc-language, the
// official languages), which a person elsewhere cannot honestly answer.
func TestDefaultNotApplicable(t *testing.T) {
	b := questions.Default()
	for d := range b.Tiers[0].Expectations {
		var all, firm float64
		var na []string
		for _, q := range b.QuestionsOf(d) {
			all += q.Weight
			if q.AllowNA {
				na = append(na, q.ID)
				continue
			}
			firm += q.Weight
		}
		if firm < b.MinCoverage*all {
			t.Errorf("%s: the questions without N/A carry %.2f of its weight, under min_coverage %.2f; N/A could leave it without a score", d, firm/all, b.MinCoverage)
		}
		if len(na) > 1 {
			t.Errorf("%s offers N/A in %v, but %s expects it; keep it to one question about a duty that applies only in some places", d, na, b.Tiers[0].ID)
		}
	}
}

// TestDefaultKeying: every dimension of 4 or more questions has a
// reverse-keyed likert question (so acquiescence shows), and no
// dimension of fewer than 3 has one.
func TestDefaultKeying(t *testing.T) {
	b := questions.Default()
	for _, d := range b.Dimensions {
		qs := b.QuestionsOf(d.ID)
		reverseLikert, reverse := false, false
		for _, q := range qs {
			reverse = reverse || q.Reverse
			reverseLikert = reverseLikert || q.Reverse && q.Type == questions.Likert
		}
		if len(qs) >= 4 && !reverseLikert {
			t.Errorf("%s: %d questions and no reverse-keyed likert question", d.ID, len(qs))
		}
		if len(qs) < 3 && reverse {
			t.Errorf("%s: a reverse-keyed question in a dimension of %d", d.ID, len(qs))
		}
	}
}

var (
	andOr     = regexp.MustCompile(`\b(and|or)\b`)
	period    = regexp.MustCompile(`(?i)\bin the last 12 months\b`)
	scaleStem = regexp.MustCompile(`^Which best describes `)
)

// TestDefaultWording: one idea per question (no "and" or "or" in a
// question's text), and every likert or yes/no question either states
// its period or is a "Which best describes" question with its own
// labelled scale.
func TestDefaultWording(t *testing.T) {
	b := questions.Default()
	for _, q := range b.Questions {
		if andOr.MatchString(q.Text) {
			t.Errorf("%s: %q joins two ideas with and/or", q.ID, q.Text)
		}
		if q.Type == questions.Choice {
			continue
		}
		anchored := scaleStem.MatchString(q.Text) && q.Type == questions.Likert && len(q.Scale.Labels) > 0
		if !period.MatchString(q.Text) && !anchored {
			t.Errorf("%s: %q states no period and has no labelled scale of its own", q.ID, q.Text)
		}
	}
}

// TestDefaultScenarios: scenario options are of similar length (the
// longest at most a third longer than the shortest, in characters and in
// words), no option contains
// another's text, the best option is the longest in no more scenarios
// than chance would give (a quarter, with four options, rounded up),
// and the first option scores no better on average than any option.
func TestDefaultScenarios(t *testing.T) {
	b := questions.Default()
	n, longestBest := 0, 0
	var first, all float64
	for _, q := range b.Questions {
		if q.Type != questions.Choice {
			continue
		}
		n++
		lengths := make([]int, len(q.Options))
		best, sum := 0, 0.0
		for i, o := range q.Options {
			lengths[i] = utf8.RuneCountInString(o.Label)
			if o.Score > q.Options[best].Score {
				best = i
			}
			sum += o.Score
		}
		lo, hi := slices.Min(lengths), slices.Max(lengths)
		if 3*hi > 4*lo {
			t.Errorf("%s: options run from %d to %d characters; keep the longest within a third of the shortest", q.ID, lo, hi)
		}
		words := make([]int, len(q.Options))
		for i, o := range q.Options {
			words[i] = len(strings.Fields(o.Label))
		}
		if lo, hi := slices.Min(words), slices.Max(words); 3*hi > 4*lo {
			t.Errorf("%s: options run from %d to %d words; keep the longest within a third of the shortest", q.ID, lo, hi)
		}
		if lengths[best] == hi {
			longestBest++
		}
		for i, o := range q.Options {
			for j, p := range q.Options {
				if i != j && strings.Contains(strings.ToLower(p.Label), strings.ToLower(strings.TrimSuffix(o.Label, "."))) {
					t.Errorf("%s: option %s contains option %s", q.ID, p.ID, o.ID)
				}
			}
		}
		first += q.Options[0].Score
		all += sum / float64(len(q.Options))
	}
	if n == 0 {
		t.Fatal("no scenarios")
	}
	if chance := (n + 3) / 4; longestBest > chance {
		t.Errorf("the best option is the longest in %d of %d scenarios; chance is about %d", longestBest, n, chance)
	}
	if first > all {
		t.Errorf("first options average %.3f, all options %.3f: picking the first beats picking at random", first/float64(n), all/float64(n))
	}
}
