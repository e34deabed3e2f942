package review

import (
	"context"
	"slices"
	"strings"
	"sync"

	"github.com/digilead/digilead/questions"
	"github.com/digilead/digilead/questions/lang"
)

// Thresholds of the wording checks.
const (
	// MaxSentenceWords is the longest sentence, in words, that reads
	// easily.
	MaxSentenceWords = 25
	// MinReadingEase is the Flesch reading ease of the whole bank below
	// which an English bank is fairly difficult to read. Flesch needs
	// passages of some length: it is never applied to one question.
	MinReadingEase = 50
	// MaxSyllables is the most syllables an English word may have before
	// it counts as very long.
	MaxSyllables = 6
	// SubjectWindow is how many words into its main clause a statement
	// must name "I".
	SubjectWindow = 6
)

// rated reports whether a question is a statement or question the
// respondent rates or answers yes or no to, which the double-barrelled and
// other-people checks apply to. Scenario and checklist questions are
// built of options, and their stems describe situations.
func rated(q *questions.Question) bool {
	return q.Type == questions.Likert || q.Type == questions.YesNo
}

// english reports whether the bank says it is in English (en, en-GB, ...):
// the heuristics built on English words apply only then.
func english(b *questions.Bank) bool {
	l := strings.ToLower(b.Language)
	return l == "en" || strings.HasPrefix(l, "en-") || strings.HasPrefix(l, "en_")
}

// wording runs the wording checks on every question, and on the bank's
// reading ease r (nil when the bank is not in English); it stops, with
// nothing, as soon as ctx is done.
func wording(ctx context.Context, b *questions.Bank, r *Reading) []Finding {
	var fs []Finding
	en := english(b)
	for i := range b.Questions {
		if ctx.Err() != nil {
			return nil // stopped: ReviewContext returns ctx's error
		}
		q := &b.Questions[i]
		if rated(q) && en { // English heuristics
			if at, ok := doubleBarrelled(q.Text, q.Type != questions.YesNo); ok {
				f := finding(CheckDoubleBarrelled, q.Pos)
				f.Question = q.ID
				f.say(lang.M("review.double.fix"), lang.M("review.double.problem", "At", at))
				fs = append(fs, f)
			}
			if !aboutRespondent(q.Text) {
				f := finding(CheckOtherPeople, q.Pos)
				f.Question = q.ID
				f.say(lang.M("review.other.fix"), lang.M("review.other.problem"))
				fs = append(fs, f)
			}
		}
		if why := hardToRead(q, en); len(why) > 0 {
			f := finding(CheckHardToRead, q.Pos)
			f.Question = q.ID
			f.say(lang.M("review.hard.fix", "Max", MaxSentenceWords), lang.M("review.hard.problem", "Why", lang.Joined{Items: why, Sep: "list.semicolon"}))
			fs = append(fs, f)
		}
	}
	if r != nil && r.FleschReadingEase < MinReadingEase {
		f := finding(CheckHardToRead, questions.Pos{File: b.Questions[0].Pos.File})
		shown, clamped := EaseShown(r.FleschReadingEase)
		problem := []lang.Msg{lang.M("review.flesch.problem", "Ease", lang.Decimal{X: shown, Places: 0},
			"WPS", lang.Decimal{X: r.WordsPerSentence, Places: 1}, "SPW", lang.Decimal{X: r.SyllablesPerWord, Places: 2}, "Min", MinReadingEase)}
		if clamped {
			problem = append(problem, EaseClampedMsg(r.FleschReadingEase, 0))
		}
		f.say(lang.M("review.flesch.fix"), problem...)
		fs = append(fs, f)
	}
	return fs
}

// hardToRead says why a question is hard to read: a message for each
// reason, none when it is not.
func hardToRead(q *questions.Question, en bool) []any {
	texts := []string{q.Text, q.Help}
	for _, o := range q.Options {
		texts = append(texts, o.Label)
	}
	var why []any
	for _, t := range texts {
		for _, s := range sentences(t) {
			if n := len(words(s)); n > MaxSentenceWords {
				why = append(why, lang.M("review.hard.sentence", "N", n, "Text", clip(s, 60)))
			}
		}
	}
	if en {
		for _, w := range words(q.Text) {
			if n := syllables(w); n > MaxSyllables {
				why = append(why, lang.M("review.hard.word", "N", n, "Word", w))
			}
		}
	}
	return why
}

// clip shortens s to at most n characters, marking the cut.
func clip(s string, n int) string {
	rs := []rune(s)
	if len(rs) <= n {
		return s
	}
	return strings.TrimSpace(string(rs[:n-1])) + "…"
}

// mainClause drops an opening subordinate clause from a sentence: the
// words up to the first comma, when the sentence opens with a
// subordinator ("When I lead a change, I explain ..." -> "I explain ...").
func mainClause(sentence string) string {
	wl := wordLists()
	if ws := words(sentence); len(ws) > 0 && wl.subordinators[strings.ToLower(ws[0])] {
		if i := strings.IndexByte(sentence, ','); i >= 0 {
			return sentence[i+1:]
		}
	}
	return sentence
}

// aboutRespondent reports whether a question is about the respondent: a
// statement's main clause has "I" among its first SubjectWindow words; a
// question has "you" as a subject (first, after an auxiliary as in "have
// you", or before a verb as in "how often you check", but not before a
// particle or object as in "ask you for"), or asks what describes "you". A
// text that is not a sentence (it does not end in '.', '?' or '!'), such
// as the stem of a behaviourally anchored scale, is taken to be.
func aboutRespondent(text string) bool {
	wl := wordLists()
	text = strings.TrimSpace(text)
	if text == "" || !strings.ContainsAny(text[len(text)-1:], ".?!") {
		return true
	}
	ws := words(mainClause(text))
	lower := func(i int) string {
		if i < 0 || i >= len(ws) {
			return ""
		}
		return strings.ToLower(ws[i])
	}
	for i, w := range ws {
		if i < SubjectWindow && (w == "I" || strings.HasPrefix(w, "I'") || strings.HasPrefix(w, "I’")) {
			return true
		}
		if lower(i) == "your" && wl.describes[lower(i-1)] && wl.own[lower(i+1)] {
			return true // "which best describes your part in …?"
		}
		if lower(i) != "you" {
			continue
		}
		prev, next := lower(i-1), lower(i+1)
		switch {
		case i == 0, wl.auxiliaries[prev], wl.describes[prev]:
			return true
		case next != "" && !wl.particles[next] && !wl.objects[next]:
			return true
		}
	}
	return false
}

// wordLists are the word lists of the wording checks, built on first use
// (only bank review reads them; no other command pays for them at
// start-up).
var wordLists = sync.OnceValue(func() *wordingLists {
	l := &wordingLists{
		// subordinators open a clause that comes before the main one ("When I
		// lead a change, I ...").
		subordinators: set("when", "whenever", "if", "after", "before", "while", "once", "as", "since", "although",
			"though", "because", "in", "during", "over", "within", "for", "at", "on", "unless", "until", "where", "with"),

		// auxiliaries put "you" as the subject of a question ("have you", "do you").
		auxiliaries: set("have", "has", "had", "do", "does", "did", "could", "would", "can", "will", "are", "were", "is", "was", "should", "might", "may"),

		// describes are the verbs of "which statement best describes you?".
		describes: set("describes", "describe", "suits", "fits", "matches"),

		// own are the nouns of the respondent's own conduct in "which best
		// describes your part in …?", the stem of a behaviourally anchored scale;
		// "your team" or "your manager" is someone else.
		own: set("part", "role", "experience", "practice", "work", "use", "skills", "knowledge", "approach", "involvement", "contribution", "level"),

		// Words that tell a verb phrase from a noun phrase after "and" or "or".
		// objects follow a verb, rarely a noun: pronouns and determiners.
		objects: set("the", "a", "an", "them", "it", "him", "her", "us", "me", "their", "my", "our", "your", "its",
			"this", "that", "these", "those", "whether", "what", "how", "why"),
		// particles follow a verb, but also a noun ("research on"). "of" is
		// left out: "lack of" is a noun.
		particles: set("on", "to", "with", "for", "about", "up", "out", "back", "down", "off", "into", "from", "over", "through"),
		// nouny verbs are as often nouns: after "and" or "or" they count as
		// verbs only before an object ("or point them", not "and research on").
		nouny: set("answer", "audit", "budget", "change", "contact", "cut", "design", "document", "draft", "drop", "form",
			"fund", "help", "interview", "map", "model", "note", "pilot", "plan", "point", "prototype", "question", "record",
			"release", "report", "request", "research", "return", "review", "scale", "schedule", "study", "support",
			"survey", "test", "use", "value", "work"),
		// whWords open a second question ("... and how reliable it is").
		whWords: set("what", "why", "how", "where", "whether"),
		// determiners before a word make it a noun ("my plan and budget").
		determiners: set("a", "an", "the", "my", "our", "your", "their", "its", "his", "her", "this", "that", "these", "those", "each", "every", "any", "some", "no"),
		// prepositions may come between the conjunction and a wh-word ("and
		// about what we do").
		prepositions: set("about", "on", "to", "with", "for", "in", "at", "of", "from", "by"),
		// skippable adverbs after a conjunction ("and then act").
		skippable: set("then", "also", "still", "now", "later", "afterwards"),
	}
	l.verbs, l.pastVerbs = verbForms()
	return l
})

// wordingLists are sets of lower-case words (see wordLists).
type wordingLists struct {
	subordinators, auxiliaries, describes, own                               map[string]bool
	objects, particles, nouny, whWords, determiners, prepositions, skippable map[string]bool
	// verbs holds the base forms of verbBases, pastVerbs their past forms.
	verbs, pastVerbs map[string]bool
}

// verbBases are common actions of behavioural questions, in the base form.
const verbBases = `accept act adapt adopt advise agree allocate analyse analyze answer apply appoint approve
arrange ask assess assign attend audit avoid book brief bring build buy call cancel challenge change check choose
clarify close coach collect commission communicate compare complete consult contact contribute convince coordinate
correct create cut decide declare define delegate deliver demonstrate deploy describe design develop discuss
document draft drop encourage engage ensure escalate establish estimate evaluate examine explain explore find fix
follow form fund gather give guide handle help hire hold identify implement improve include inform interview
introduce invest investigate involve join keep launch lead learn listen maintain make manage map measure meet mentor
model monitor motivate negotiate note notice observe offer organise organize outline pass pause pilot plan point
practise practice prepare present prioritise prioritize procure promote propose protect prototype provide publish
pursue push raise reach read recognise recognize recommend record recruit redesign reduce refer reflect refuse
reject release remove replace report request require research resolve respond restructure retire return review
revise reward run scale schedule scope secure seek select send set share show sign simplify solve speak specify
sponsor start stop study suggest summarise summarize supervise support survey take talk teach tell test think track
train translate try update use validate value verify visit watch welcome work write`

// irregular past forms of the verbs above.
const irregular = `bought brought built chose chosen cut did done drew drawn fed felt found gave given held
kept knew known led left made met paid put ran read said saw seen sent set shown sought spoke spoken spent stood
taken took taught told thought understood won wrote written`

// verbForms are the base forms of verbBases and the past forms (regular
// ones made from the bases, and the irregular ones).
func verbForms() (map[string]bool, map[string]bool) {
	bases := strings.Fields(verbBases)
	base, past := set(bases...), set(strings.Fields(irregular)...)
	for _, v := range bases {
		switch {
		case strings.HasSuffix(v, "e"):
			past[v+"d"] = true
		case strings.HasSuffix(v, "y") && !strings.ContainsAny(v[len(v)-2:len(v)-1], "aeiou"):
			past[v[:len(v)-1]+"ied"] = true
		default:
			past[v+"ed"] = true
			past[v+v[len(v)-1:]+"ed"] = true // planned, stopped
		}
	}
	return base, past
}

func set(ws ...string) map[string]bool {
	m := make(map[string]bool, len(ws))
	for _, w := range ws {
		m[w] = true
	}
	return m
}

// doubleBarrelled looks for "and" or "or" joining two actions in the main
// clause of each sentence (an opening "When I lead or support a change,"
// sets the scene and is left out), and returns the words around the join.
// With orJoins false, "or" is not a join: "have you written or approved a
// business case?" has one true answer. A join counts when
//   - the words on both sides are verbs of the same form ("stop or scale
//     back", "identified or made"), the first not after a determiner;
//   - the word after it is a verb followed by an object or determiner
//     ("or point them"), or by a particle when the verb is rarely a noun
//     ("and act on them", but not "and research on");
//   - a wh-word follows it, perhaps after a preposition ("and how reliable
//     it is", "and about what we do");
//   - "I" follows it when the text has had "I" before ("... and I check").
func doubleBarrelled(text string, orJoins bool) (string, bool) {
	wl := wordLists()
	for _, s := range sentences(text) {
		orig := words(mainClause(s))
		ws := make([]string, len(orig))
		for i, w := range orig {
			ws[i] = strings.ToLower(strings.Trim(w, "'’-"))
		}
		at := func(i int) string {
			if i >= 0 && i < len(ws) {
				return ws[i]
			}
			return ""
		}
		for i, w := range ws {
			if !(w == "and" || w == "or" && orJoins) || i == 0 {
				continue
			}
			j := i + 1
			for wl.skippable[at(j)] {
				j++
			}
			before, after, next := at(i-1), at(j), at(j+1)
			sameForm := (wl.verbs[before] && wl.verbs[after]) || (wl.pastVerbs[before] && wl.pastVerbs[after])
			hit := sameForm && !wl.determiners[at(i-2)]
			hit = hit || (wl.verbs[after] || wl.pastVerbs[after]) && (wl.objects[next] || wl.particles[next] && !wl.nouny[after])
			hit = hit || wl.whWords[after] || wl.prepositions[after] && wl.whWords[next]
			hit = hit || orig[min(j, len(orig)-1)] == "I" && j < len(orig) && slices.Contains(orig[:i], "I")
			if hit {
				lo, hi := max(0, i-2), min(len(orig), j+3)
				return strings.Join(orig[lo:hi], " "), true
			}
		}
	}
	return "", false
}
