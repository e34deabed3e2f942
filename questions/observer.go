package questions

import (
	"cmp"
	"strings"
	"sync"
	"unicode"

	"github.com/digilead/digilead/questions/lang"
)

// SpeaksToReader reports whether an observer text (Observer.Text), in
// the language tag given, speaks to its reader ("you") or as the person
// ("I") rather than of the person observed, and the word that shows it.
// It is a heuristic (docs/bank-format.md#observer-wording): a text is
// taken to speak to its reader when
//   - "you" or "I" is the subject of its question ("did you", "have
//     you", "I", "avez-vous", "je", "gwnaethoch", "ydych"), unless what
//     follows is a verb of seeing or knowing ("did you see them…"); or
//   - it has a word of the first or second person ("you", "your", "vous",
//     "votre", "chi", "eich", "dy", "my") and none for the person observed
//     ("this person", "they", "their", "cette personne", "elle", "y person
//     hwn", "nhw", "ei").
//
// An observer text may address its reader about the person ("How often
// did they ask you for your view?"), so only texts that never speak of
// the person are caught by the second rule. It knows English, Welsh and
// French; for other languages it reports false.
func SpeaksToReader(text, language string) (word string, ok bool) {
	ws, known := voiceWords()[cmp.Or(lang.Base(language), "en")] // a bank without a language is English
	if !known {
		return "", false
	}
	toks := voiceTokens(text)
	for i := range toks {
		t, ok := ws.match(ws.subject, toks, i)
		if !ok && ws.verbEnd != nil {
			t, ok = toks[i], ws.verbEnd(toks[i])
		}
		if !ok {
			continue
		}
		j := i + 1
		for j < len(toks) && ws.pronoun[toks[j]] {
			j++
		}
		if j < len(toks) && ws.perceive[toks[j]] {
			continue
		}
		return t, true
	}
	first := ""
	for i, t := range toks {
		if _, ok := ws.match(ws.observed, toks, i); ok {
			return "", false
		}
		if first == "" && ws.person[t] {
			first = t
		}
	}
	return first, first != ""
}

// match reports whether the words of toks at i are in set: the word
// itself, or it and the word before it ("did you", "this person").
func (v voice) match(set map[string]bool, toks []string, i int) (string, bool) {
	if i > 0 && set[toks[i-1]+" "+toks[i]] {
		return toks[i-1] + " " + toks[i], true
	}
	return toks[i], set[toks[i]]
}

// voiceTokens splits a text into lower-case words. A word joined by an
// apostrophe gives its parts as they are and marked ("i'ch" gives "i",
// "i'", "ch" and "'ch"; "t'a" gives "t'"), and a word joined by a hyphen
// its parts, those after the first also marked ("avez-vous" gives "avez",
// "vous" and "-vous"), so that the word lists can tell an elided or
// inverted pronoun from a letter.
func voiceTokens(text string) []string {
	text = strings.ToLower(strings.NewReplacer("’", "'", "‘", "'").Replace(text))
	fields := strings.FieldsFunc(text, func(r rune) bool {
		return !unicode.IsLetter(r) && r != '\'' && r != '-'
	})
	var toks []string
	for _, f := range fields {
		for i, part := range strings.Split(f, "-") {
			if part == "" {
				continue
			}
			if i > 0 {
				toks = append(toks, "-"+strings.Trim(part, "'"))
			}
			pieces := strings.Split(part, "'")
			for k, p := range pieces {
				if p == "" {
					continue
				}
				toks = append(toks, p)
				if k > 0 {
					toks = append(toks, "'"+p)
				}
				if k < len(pieces)-1 {
					toks = append(toks, p+"'")
				}
			}
		}
	}
	return toks
}

// voice holds one language's words for SpeaksToReader.
type voice struct {
	// subject marks "you" or "I" as the subject of the question.
	subject map[string]bool
	// pronoun may come between a subject mark and its verb ("did you",
	// "gwnaethoch chi").
	pronoun map[string]bool
	// perceive are verbs of seeing or knowing: after them the question is
	// about what the reader saw of the person.
	perceive map[string]bool
	// person are the words of the first and second person.
	person map[string]bool
	// observed are the words that speak of the person observed: a
	// pronoun, or the person named with a demonstrative ("this person";
	// "a person" is anyone).
	observed map[string]bool
	// verbEnd, when set, tells a verb of the second person by its ending
	// (Welsh: "helpoch", "gwnaethoch").
	verbEnd func(string) bool
}

// voiceWords are the word lists by language, built on first use: only
// bank validate and bank review read them, so no command pays for them
// at start-up.
var voiceWords = sync.OnceValue(func() map[string]voice {
	return map[string]voice{
		"en": {
			subject: wordSet(`i did_you do_you have_you had_you would_you could_you can_you will_you are_you were_you should_you`),
			pronoun: wordSet(`you`),
			perceive: wordSet(`see saw seen notice noticed hear heard observe observed watch watched know knew think
			find found`),
			person: wordSet(`you your yours yourself yourselves i i' me my mine myself`),
			observed: wordSet(`this_person the_person person's they they' them their theirs themselves themself he he'
			him his himself she she' her hers herself`),
		},
		"cy": {
			// 2nd person verbs: gwnaethoch, ydych, oeddech, byddech …; the
			// verbs of seeing (gwelsoch, sylwoch) are left out.
			subject: wordSet(`gwnaethoch wnaethoch ydych rydych ydych' rydych' oeddech roeddech fuoch buoch fyddech
			byddech allech gallech dylech hoffech wnest gwnest wyt rwyt oeddet treuliasoch dechreuoch
			orffennoch gorffennoch arweinioch arweiniasoch dw rwy rydw`),
			pronoun:  wordSet(`chi chi' ti ti' chwi`),
			perceive: wordSet(`weld gweld sylwi clywed wybod gwybod`),
			person: wordSet(`ti ti' di chdi chi chi' chwi dy eich 'ch 'th gennych arnoch atoch amdanoch ohonoch
			ichi iti fy 'm fi fi'`),
			observed: wordSet(`person_hwn unigolyn_hwn person_hon nhw nhw' hwy hwythau nhwythau ef fo hi`),
			verbEnd:  welshSecondPerson,
		},
		"fr": {
			subject:  wordSet(`-vous -tu je j' -je`),
			pronoun:  wordSet(`vous tu`),
			perceive: wordSet(`vu vue remarqué constaté observé entendu su`),
			person:   wordSet(`tu te t' toi ton ta tes vous votre vos vôtre vôtres je j' me m' moi mon ma mes`),
			observed: wordSet(`cette_personne la_personne il -il elle -elle ils -ils elles -elles lui leur leurs son sa ses`),
		},
	}
})

// wordSet makes a set of the space-separated words of s; "did_you" is the
// two words "did you" in a row.
func wordSet(s string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(s) {
		m[strings.ReplaceAll(w, "_", " ")] = true
	}
	return m
}

// ObserverWarnings lists the observer texts of the set's bank, and of its
// translations, that seem to speak to their reader rather than of the
// person observed (SpeaksToReader), at FILE:LINE. They are warnings: the
// rule is a heuristic, and "you" may rightly be the observer.
func (s *Set) ObserverWarnings() Problems {
	var ws Problems
	check := func(pos Pos, path, text, tag string) {
		if word, ok := SpeaksToReader(text, tag); ok {
			ws.add(pos, path, "speaks to its reader (%q), not of the person observed; ask about \"this person\" (\"how often did they …\"); see docs/bank-format.md#observer-wording", word)
		}
	}
	b := s.Bank
	for i := range b.Questions {
		q := &b.Questions[i]
		if q.Observer != nil {
			check(q.Observer.Pos, "questions["+q.ID+"].observer.text", q.Observer.Text, BankLanguage(b))
		}
	}
	for _, t := range s.Translations {
		for i := range b.Questions {
			q := &b.Questions[i]
			path := "questions." + q.ID + ".observer.text"
			if q.Observer == nil {
				continue
			}
			if text, ok := t.Usable(path, q.Observer.Text); ok {
				check(t.at[path], path, text, t.Language)
			}
		}
	}
	return ws
}

// welshSecondPerson tells a Welsh verb of the second person plural by its
// ending: the past in -och ("gwnaethoch", "helpoch") and the imperfect or
// conditional in -ech ("oeddech", "byddech"), but not the verbs of seeing
// and knowing ("gwelsoch", "gwyddoch") nor the prepositions of "you"
// ("arnoch", "gennych"), which do not make "you" the subject.
func welshSecondPerson(w string) bool {
	if len([]rune(w)) < 6 || !(strings.HasSuffix(w, "och") || strings.HasSuffix(w, "ech")) {
		return false
	}
	return !welshNotSubject()[w]
}

var welshNotSubject = sync.OnceValue(func() map[string]bool {
	return wordSet(`gwelsoch welsoch sylwoch clywsoch glywsoch gwyddoch wyddoch arnoch atoch amdanoch ohonoch
	drosoch trwoch drwoch wrthych gennych`)
})
