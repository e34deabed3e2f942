package review

import (
	"slices"
	"strings"
	"sync"
	"unicode"

	"github.com/digilead/digilead/questions"
	"github.com/digilead/digilead/questions/lang"
)

// AbsoluteWords sums up the absolute-words test over the bank's choice
// questions: whether absolute or extreme words ("always", "at once",
// "only", "far too") mark the wrong options more often than the keyed
// ones, so that a respondent who avoids them finds the key without
// judging the situation. Nil in a review when digilead has no list of such
// words for the bank's language.
type AbsoluteWords struct {
	// Language is the word list used: the bank's base language (en, fr, cy).
	Language string `json:"language"`
	// ChoiceQuestions counts the choice questions.
	ChoiceQuestions int `json:"choice_questions"`
	// KeyedOptions counts the best-scoring options of every choice
	// question, KeyedWithWords those using an absolute word; WrongOptions
	// and WrongWithWords the same for the other options.
	KeyedOptions   int `json:"keyed_options"`
	KeyedWithWords int `json:"keyed_with_words"`
	WrongOptions   int `json:"wrong_options"`
	WrongWithWords int `json:"wrong_with_words"`
	// Expected is KeyedWithWords' expectation if the words fell on options
	// without regard to the key: within each question, on a random set of
	// as many options as use them.
	Expected float64 `json:"expected"`
	// P is the exact one-sided probability of KeyedWithWords or fewer
	// under that chance model (a sum of independent hypergeometric
	// variables, one per question); 1 when no option uses such words.
	P float64 `json:"p"`
	// CueFindsKey is the share of choice questions in which a respondent
	// who picks at random among the options without such words (among all
	// of them when every option or none uses them) picks a keyed option,
	// as an expectation; Chance is the same share for a random pick.
	CueFindsKey float64 `json:"cue_finds_key"`
	Chance      float64 `json:"chance"`
	// Questions lists, in bank order, the choice questions whose wrong
	// options use such words more than chance allots them: there avoiding
	// the words raises the chance of picking the key. Solved lists those
	// of them where every option without such words is keyed.
	Questions []string `json:"questions"`
	Solved    []string `json:"solved"`
}

// phrase is an absolute or extreme word or phrase of a language: its words
// in lower case, where "_" stands for any one word and "…" for one to
// maxGap words of the same clause (none of them a negation the list's
// stop word names), and the form a finding quotes.
type phrase struct {
	words []string
	say   string
}

// maxGap is the most words "…" stands for.
const maxGap = 6

// absoluteList is what digilead counts as an absolute or extreme word in
// one language.
type absoluteList struct {
	phrases []phrase
	// except are phrases whose words are not counted, however they match
	// (French "tout en", while).
	except [][]string
	// gapStop is a word that may not stand in a gap (French "pas": "ne …
	// pas … que" is not "only").
	gapStop string
}

// absoluteWords are the lists, by base language, built on first use (only
// bank review reads them; no other command pays for them at start-up).
// docs/bank-review.md prints them; keep the two in step.
var absoluteWords = sync.OnceValue(func() map[string]absoluteList {
	return map[string]absoluteList{
		"en": newAbsoluteList([]string{
			// frequency
			"always", "never", "ever", "every time",
			// immediacy
			"immediately", "instantly", "at once", "right away", "straight away", "without delay",
			// totality
			"all", "every", "everyone", "everybody", "everything", "entire", "entirely", "whole",
			"completely", "totally", "fully", "absolutely", "from scratch", "none", "nothing", "nobody", "no one",
			// exclusivity
			"only", "solely", "exclusively",
			// excess and insistence: "too" before a word of its clause ("too
			// risky"), not at its end ("a phone line too")
			"too _", "whatever", "whichever", "at any cost", "at all costs", "no matter", "regardless",
			"as much", "as many", "definitely", "certainly", "undoubtedly", "obviously",
		}, nil, ""),
		"fr": newAbsoluteList([]string{
			"toujours", "jamais",
			"immédiatement", "aussitôt", "tout de suite", "sur-le-champ", "sans délai", "sans attendre",
			"tout", "tous", "toute", "toutes", "entier", "entière", "entièrement", "complètement", "totalement",
			"absolument", "à partir de zéro", "de zéro", "aucun", "aucune", "rien",
			"seulement", "uniquement", "exclusivement", "seul", "seule", "seuls", "seules",
			"ne … que", "n' … que", "ne … qu'", "n' … qu'",
			"trop", "quoi qu'", "qu' en soit", "qu' en soient", "peu importe", "à tout prix", "en aucun cas",
			"à coup sûr", "forcément", "évidemment", "certainement",
		}, []string{"tout en"}, "pas"),
		// Welsh, with the mutated forms a word takes after the words that
		// usually come before it (pob: bob, mhob, phob). A draft: see
		// docs/languages.md.
		"cy": newAbsoluteList([]string{
			"bob amser", "byth", "fyth", "erioed",
			"ar unwaith", "yn syth", "heb oedi",
			"pob", "bob", "mhob", "phob", "pawb", "bawb", "mhawb", "phawb", "holl", "i gyd", "y cyfan", "yn gyfan gwbl",
			"yn llwyr", "yn hollol", "o'r dechrau", "o gwbl", "dim byd", "neb",
			"dim ond", "yn unig", "unig",
			"rhy", "beth bynnag", "doed a ddelo", "costied a gostio", "yn bendant", "yn sicr",
		}, nil, ""),
	}
})

func newAbsoluteList(phrases []string, except []string, gapStop string) absoluteList {
	l := absoluteList{gapStop: gapStop}
	for _, p := range phrases {
		l.phrases = append(l.phrases, phrase{words: phraseWords(p), say: strings.Join(slices.DeleteFunc(strings.Fields(p), func(w string) bool { return w == "_" }), " ")})
	}
	for _, e := range except {
		l.except = append(l.except, phraseWords(e))
	}
	return l
}

// phraseWords are a phrase's words as clauses finds them in a label, with
// "_" and "…" kept.
func phraseWords(p string) []string {
	var ws []string
	for _, f := range strings.Fields(p) {
		if f == "_" || f == "…" {
			ws = append(ws, f)
			continue
		}
		for _, c := range clauses(f) {
			ws = append(ws, c...)
		}
	}
	return ws
}

// clauses splits a label into clauses at punctuation, and each clause into
// lower-case words: letters and digits, inner hyphens kept, an apostrophe
// ending the word before it ("qu'il" is "qu'" and "il").
func clauses(s string) [][]string {
	var out [][]string
	var clause []string
	var word strings.Builder
	endWord := func() {
		if w := strings.Trim(word.String(), "-"); w != "" {
			clause = append(clause, w)
		}
		word.Reset()
	}
	endClause := func() {
		endWord()
		if len(clause) > 0 {
			out = append(out, clause)
		}
		clause = nil
	}
	for _, r := range strings.ToLower(s) {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r) || r == '-':
			word.WriteRune(r)
		case r == '\'' || r == '’':
			if word.Len() > 0 {
				word.WriteRune('\'')
			}
			endWord()
		case unicode.IsSpace(r):
			endWord()
		default: // , ; : . ! ? ( ) « » dashes: a clause ends
			endClause()
		}
	}
	endClause()
	return out
}

// matchAt returns where p's words, matched against ws from i on, end, or
// -1 when they do not match. An empty word of ws matches nothing.
func (l absoluteList) matchAt(p []string, ws []string, i int) int {
	if len(p) == 0 {
		return i
	}
	if i >= len(ws) || ws[i] == "" {
		return -1
	}
	switch p[0] {
	case "_":
		return l.matchAt(p[1:], ws, i+1)
	case "…":
		for n := 1; n <= maxGap && i+n <= len(ws); n++ {
			if w := ws[i+n-1]; w == "" || w == l.gapStop && l.gapStop != "" {
				return -1
			}
			if end := l.matchAt(p[1:], ws, i+n); end >= 0 {
				return end
			}
		}
		return -1
	}
	if ws[i] != p[0] {
		return -1
	}
	return l.matchAt(p[1:], ws, i+1)
}

// find returns the absolute words a label uses, each once, in the order of
// the list. Longer phrases are matched first, and the words they match
// are not matched again: "tout de suite" is not also "tout".
func (l absoluteList) find(label string) []string {
	byLength := slices.Clone(l.phrases)
	slices.SortStableFunc(byLength, func(a, b phrase) int { return len(b.words) - len(a.words) })
	seen := map[string]bool{}
	for _, ws := range clauses(label) {
		ws = slices.Clone(ws)
		blank := func(ps [][]string, found func(int)) {
			for k, p := range ps {
				for i := 0; i < len(ws); i++ {
					if end := l.matchAt(p, ws, i); end > i {
						clear(ws[i:end])
						found(k)
					}
				}
			}
		}
		blank(l.except, func(int) {})
		words := make([][]string, len(byLength))
		for i, p := range byLength {
			words[i] = p.words
		}
		blank(words, func(k int) { seen[byLength[k].say] = true })
	}
	var found []string
	for _, p := range l.phrases {
		if seen[p.say] && !slices.Contains(found, p.say) {
			found = append(found, p.say)
		}
	}
	return found
}

// binomial is n choose k, as a float.
func binomial(n, k int) float64 {
	if k < 0 || k > n {
		return 0
	}
	c := 1.0
	for i := 1; i <= min(k, n-k); i++ {
		c = c * float64(n-min(k, n-k)+i) / float64(i)
	}
	return c
}

// hypergeometric is the distribution of the number of keyed options among
// a options drawn at random from m options of which b are keyed.
func hypergeometric(m, b, a int) []float64 {
	d := make([]float64, min(a, b)+1)
	all := binomial(m, a)
	for k := range d {
		d[k] = binomial(b, k) * binomial(m-b, a-k) / all
	}
	return d
}

// convolve is the distribution of the sum of two independent counts.
func convolve(x, y []float64) []float64 {
	out := make([]float64, len(x)+len(y)-1)
	for i, p := range x {
		for j, q := range y {
			out[i+j] += p * q
		}
	}
	return out
}

// absoluteCue runs the absolute-words test on the choice questions; it
// returns nil, and no findings, when there is no list for the bank's
// language.
func absoluteCue(b *questions.Bank) (*AbsoluteWords, []Finding) {
	language := lang.Base(questions.BankLanguage(b))
	list, ok := absoluteWords()[language]
	if !ok {
		return nil, nil
	}
	a := &AbsoluteWords{Language: language, Questions: []string{}, Solved: []string{}, P: 1}
	dist := []float64{1}
	type away struct {
		q     *questions.Question
		wrong []string // the wrong options using such words
		words []string // the words they use
	}
	var aways []away
	for i := range b.Questions {
		q := &b.Questions[i]
		if q.Type != questions.Choice || len(q.Options) == 0 {
			continue
		}
		a.ChoiceQuestions++
		top, nTop := bestScore(q)
		m, with, keyedWith := len(q.Options), 0, 0
		var ow away
		ow.q = q
		for _, o := range q.Options {
			ws := list.find(o.Label)
			if len(ws) == 0 {
				continue
			}
			with++
			if o.Score == top {
				keyedWith++
				continue
			}
			ow.wrong = append(ow.wrong, o.ID)
			for _, w := range ws {
				if !slices.Contains(ow.words, w) {
					ow.words = append(ow.words, w)
				}
			}
		}
		a.KeyedOptions += nTop
		a.KeyedWithWords += keyedWith
		a.WrongOptions += m - nTop
		a.WrongWithWords += with - keyedWith
		a.Expected += float64(nTop*with) / float64(m)
		dist = convolve(dist, hypergeometric(m, nTop, with))
		chance := float64(nTop) / float64(m)
		a.Chance += chance
		without := m - with
		if with == 0 || without == 0 {
			a.CueFindsKey += chance
		} else {
			a.CueFindsKey += float64(nTop-keyedWith) / float64(without)
		}
		if with > 0 && keyedWith*m < nTop*with { // the words fall on wrong options more than their share
			a.Questions = append(a.Questions, q.ID)
			aways = append(aways, ow)
			if without > 0 && nTop-keyedWith == without {
				a.Solved = append(a.Solved, q.ID)
			}
		}
	}
	if a.ChoiceQuestions == 0 {
		return a, nil
	}
	a.CueFindsKey /= float64(a.ChoiceQuestions)
	a.Chance /= float64(a.ChoiceQuestions)
	if a.KeyedWithWords+a.WrongWithWords > 0 {
		a.P = 0
		for k := 0; k <= a.KeyedWithWords && k < len(dist); k++ {
			a.P += dist[k]
		}
		a.P = min(1, a.P)
	}
	if a.P >= CueAlpha {
		return a, nil
	}
	quote := func(ss []string) lang.Joined {
		ms := make([]any, len(ss))
		for i, s := range ss {
			ms[i] = lang.M("review.absolute.quoted", "Text", s)
		}
		return lang.Joined{Items: ms, Sep: "list.separator"}
	}
	var fs []Finding
	for _, ow := range aways {
		f := finding(CheckAbsoluteWords, ow.q.Pos)
		f.Question = ow.q.ID
		f.say(lang.M("review.absolute.fix"), lang.P("review.absolute.problem", len(ow.wrong), "Options", quote(ow.wrong), "Words", quote(ow.words),
			"Wrong", a.WrongWithWords, "WrongN", a.WrongOptions, "Keyed", a.KeyedWithWords, "KeyedN", a.KeyedOptions,
			"Expected", lang.Decimal{X: a.Expected, Places: 1}, "P", lang.Pointed(FormatP(a.P))))
		fs = append(fs, f)
	}
	return a, fs
}
