package review

import (
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/digilead/digilead/questions"
	"github.com/digilead/digilead/questions/lang"
)

// Thresholds of the answer-cue checks.
const (
	// CueAlpha is the significance level of the longest-is-best test.
	CueAlpha = 0.05
	// MaxLengthSpread is the largest share by which the shortest option of
	// a choice question may be shorter than the longest.
	MaxLengthSpread = 1.0 / 3
	// MinContentWords is the fewest content words an option needs before
	// another option holding all of them counts as containing it.
	MinContentWords = 3
)

// Cues sums up the longest-is-best test over the bank's choice questions.
type Cues struct {
	// ChoiceQuestions counts the choice questions; Tested those of them
	// with one longest option (a tie for longest tells nothing).
	ChoiceQuestions int `json:"choice_questions"`
	Tested          int `json:"tested"`
	// LongestIsBest counts the tested questions whose longest option is a
	// best-scoring one; Questions lists them.
	LongestIsBest int      `json:"longest_is_best"`
	Questions     []string `json:"questions"`
	// Expected is LongestIsBest's expectation if length had nothing to do
	// with score: the sum over tested questions of (best options / options).
	Expected float64 `json:"expected"`
	// P is the exact one-sided probability of LongestIsBest or more under
	// that chance model (a Poisson-binomial distribution); 1 when nothing
	// was tested.
	P float64 `json:"p"`
}

// optionLen is the length of an option's label in characters.
func optionLen(o questions.Option) int { return utf8.RuneCountInString(strings.TrimSpace(o.Label)) }

// longest returns the index of the one longest option, or -1 on a tie.
func longest(q *questions.Question) int {
	best, bestLen, tie := -1, -1, false
	for i, o := range q.Options {
		switch n := optionLen(o); {
		case n > bestLen:
			best, bestLen, tie = i, n, false
		case n == bestLen:
			tie = true
		}
	}
	if tie {
		return -1
	}
	return best
}

// longestOrFirst is the option a respondent who picks the longest chooses:
// the longest, the first of them on a tie.
func longestOrFirst(q *questions.Question) int {
	best, bestLen := 0, -1
	for i, o := range q.Options {
		if n := optionLen(o); n > bestLen {
			best, bestLen = i, n
		}
	}
	return best
}

// bestScore is the highest option score of q, and how many options have it.
func bestScore(q *questions.Question) (float64, int) {
	top, n := -1.0, 0
	for _, o := range q.Options {
		switch {
		case o.Score > top:
			top, n = o.Score, 1
		case o.Score == top:
			n++
		}
	}
	return top, n
}

// cues runs the answer-cue checks on the choice questions.
func cues(b *questions.Bank) (Cues, []Finding) {
	c := Cues{Questions: []string{}, P: 1}
	var probs []float64
	var hits []*questions.Question
	var fs []Finding
	for i := range b.Questions {
		q := &b.Questions[i]
		if q.Type != questions.Choice {
			continue
		}
		c.ChoiceQuestions++
		fs = append(fs, contains(q)...)
		if f, ok := lengthSpread(q); ok {
			fs = append(fs, f)
		}
		l := longest(q)
		if l < 0 {
			continue
		}
		c.Tested++
		top, nTop := bestScore(q)
		p := float64(nTop) / float64(len(q.Options))
		probs = append(probs, p)
		c.Expected += p
		if q.Options[l].Score == top {
			c.LongestIsBest++
			c.Questions = append(c.Questions, q.ID)
			hits = append(hits, q)
		}
	}
	if c.Tested > 0 {
		c.P = upperTail(probs, c.LongestIsBest)
	}
	if c.LongestIsBest > 0 && c.P < CueAlpha {
		for _, q := range hits {
			o := q.Options[longest(q)]
			f := finding(CheckLongestIsBest, q.Pos)
			f.Question = q.ID
			f.say(lang.M("review.longest.fix"), lang.M("review.longest.problem", "Option", o.ID, "Length", optionLen(o), "Hits", c.LongestIsBest,
				"Tested", c.Tested, "Expected", lang.Decimal{X: c.Expected, Places: 1}, "P", lang.Pointed(FormatP(c.P))))
			fs = append(fs, f)
		}
	}
	return c, fs
}

// upperTail is P(X >= k) for X the number of successes of independent
// trials with success probabilities ps (the Poisson-binomial
// distribution), computed exactly by dynamic programming.
func upperTail(ps []float64, k int) float64 {
	dist := make([]float64, len(ps)+1) // dist[j] = P(j successes so far)
	dist[0] = 1
	for n, p := range ps {
		for j := n + 1; j >= 1; j-- {
			dist[j] = dist[j]*(1-p) + dist[j-1]*p
		}
		dist[0] *= 1 - p
	}
	tail := 0.0
	for j := len(ps); j >= k && j >= 0; j-- {
		tail += dist[j]
	}
	return min(1, tail)
}

// FormatP writes a probability for people: 3 decimals, or 2 significant
// digits in exponent form below 0.001.
func FormatP(p float64) string {
	if p < 0.001 {
		return strconv.FormatFloat(p, 'e', 1, 64)
	}
	return strconv.FormatFloat(p, 'f', 3, 64)
}

// maxQuotedLabel is the most characters of an option's label a finding
// quotes.
const maxQuotedLabel = 40

// lengthSpread finds options of very different lengths.
func lengthSpread(q *questions.Question) (Finding, bool) {
	short, long := -1, -1
	for i, o := range q.Options {
		if short < 0 || optionLen(o) < optionLen(q.Options[short]) {
			short = i
		}
		if long < 0 || optionLen(o) > optionLen(q.Options[long]) {
			long = i
		}
	}
	ls, ll := optionLen(q.Options[short]), optionLen(q.Options[long])
	if ll == 0 || float64(ll-ls) <= MaxLengthSpread*float64(ll) {
		return Finding{}, false
	}
	f := finding(CheckOptionLength, q.Pos)
	f.Question = q.ID
	// The labels measured, quoted as they begin.
	label := func(i int) string { return clip(strings.TrimSpace(q.Options[i].Label), maxQuotedLabel) }
	f.say(lang.M("review.length.fix"), lang.M("review.length.problem", "Short", ls, "ShortLabel", label(short), "Long", ll, "LongLabel", label(long),
		"Share", lang.Pct{Share: float64(ll-ls) / float64(ll), Places: 0}))
	return f, true
}

// stopWords are left out when options are compared by their content
// words (built on first use, as the wording lists are).
var stopWords = sync.OnceValue(func() map[string]bool {
	return set("a", "an", "the", "and", "or", "but", "to", "of", "in", "on", "for", "with", "at", "by", "from",
		"as", "it", "its", "is", "are", "be", "that", "this", "so", "your", "you", "their", "them", "they",
		"then", "any", "all", "some", "what", "do")
})

// tokens are a label's words in lower case.
func tokens(s string) []string {
	ws := words(strings.ToLower(s))
	for i, w := range ws {
		ws[i] = strings.Trim(w, "'’-")
	}
	return slices.DeleteFunc(ws, func(w string) bool { return w == "" })
}

// containsRun reports whether the words of inner occur in outer as a run.
func containsRun(outer, inner []string) bool {
	if len(inner) == 0 || len(inner) >= len(outer) {
		return false
	}
	for i := 0; i+len(inner) <= len(outer); i++ {
		if slices.Equal(outer[i:i+len(inner)], inner) {
			return true
		}
	}
	return false
}

// containsContent reports whether outer holds every content word of
// inner, when inner has at least MinContentWords of them.
func containsContent(outer, inner []string) bool {
	have := map[string]bool{}
	for _, w := range outer {
		have[w] = true
	}
	n, stop := 0, stopWords()
	for _, w := range inner {
		if stop[w] {
			continue
		}
		if !have[w] {
			return false
		}
		n++
	}
	return n >= MinContentWords
}

// contains finds options that hold another option's text.
func contains(q *questions.Question) []Finding {
	toks := make([][]string, len(q.Options))
	for i, o := range q.Options {
		toks[i] = tokens(o.Label)
	}
	var fs []Finding
	for i := range q.Options {
		for j := range q.Options {
			if i == j || len(toks[j]) >= len(toks[i]) || !(containsRun(toks[i], toks[j]) || containsContent(toks[i], toks[j])) {
				continue
			}
			f := finding(CheckOptionContains, q.Pos)
			f.Question = q.ID
			f.say(lang.M("review.contains.fix"), lang.M("review.contains.problem", "A", q.Options[i].ID, "B", q.Options[j].ID))
			fs = append(fs, f)
		}
	}
	return fs
}
