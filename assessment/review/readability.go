package review

import (
	"context"
	"math"
	"strings"
	"unicode"

	"github.com/digilead/digilead/questions"
	"github.com/digilead/digilead/questions/lang"
)

// sentences splits text into sentences at '.', '!' and '?' followed by
// a space or the end.
func sentences(text string) []string {
	var out []string
	start := 0
	rs := []rune(text)
	for i, r := range rs {
		if r != '.' && r != '!' && r != '?' {
			continue
		}
		if i+1 < len(rs) && !unicode.IsSpace(rs[i+1]) {
			continue
		}
		if s := strings.TrimSpace(string(rs[start : i+1])); len(words(s)) > 0 {
			out = append(out, s)
		}
		start = i + 1
	}
	if s := strings.TrimSpace(string(rs[start:])); len(words(s)) > 0 {
		out = append(out, s)
	}
	return out
}

// words splits text into words: runs of letters and digits, with inner
// apostrophes and hyphens kept.
func words(text string) []string {
	return strings.FieldsFunc(text, func(r rune) bool {
		return !(unicode.IsLetter(r) || unicode.IsDigit(r) || r == '\'' || r == '’' || r == '-')
	})
}

// syllables estimates the syllables of an English word.
func syllables(word string) int {
	n := 0
	for _, part := range strings.Split(strings.ToLower(word), "-") {
		n += partSyllables(part)
	}
	return max(1, n)
}

func partSyllables(w string) int {
	w = strings.TrimFunc(w, func(r rune) bool { return !unicode.IsLetter(r) })
	if w == "" {
		return 0
	}
	if i := strings.IndexAny(w, "'’"); i >= 0 {
		w = w[:i]
	}
	if len(w) <= 3 {
		return 1
	}
	isV := func(c byte) bool { return strings.IndexByte("aeiouy", c) >= 0 }
	n, prev := 0, false
	for i := 0; i < len(w); i++ {
		v := isV(w[i])
		if v && !prev {
			n++
		}
		prev = v
	}
	switch {
	case strings.HasSuffix(w, "le") && !isV(w[len(w)-3]):
	case strings.HasSuffix(w, "e"), strings.HasSuffix(w, "es") && !strings.HasSuffix(w, "ses") && !strings.HasSuffix(w, "ces"), strings.HasSuffix(w, "ed") && !strings.HasSuffix(w, "ted") && !strings.HasSuffix(w, "ded"):
		n--
	}
	return max(1, n)
}

// Reading is the readability of the text people read in a bank: every
// question's text, help and options.
type Reading struct {
	Words     int `json:"words"`
	Sentences int `json:"sentences"`
	// WordsPerSentence and SyllablesPerWord are the averages behind
	// FleschReadingEase (Flesch 1948): 206.835 - 1.015 x words per
	// sentence - 84.6 x syllables per word. 60 or more is plain English.
	WordsPerSentence  float64 `json:"words_per_sentence"`
	SyllablesPerWord  float64 `json:"syllables_per_word"`
	FleschReadingEase float64 `json:"flesch_reading_ease"`
}

// reading measures an English bank's text; nil for other languages, and
// when ctx is done (the review then returns ctx's error).
func reading(ctx context.Context, b *questions.Bank) *Reading {
	if !english(b) {
		return nil
	}
	var r Reading
	syl := 0
	add := func(text string) {
		for _, s := range sentences(text) {
			r.Sentences++
			for _, w := range words(s) {
				r.Words++
				syl += syllables(w)
			}
		}
	}
	for _, q := range b.Questions {
		if ctx.Err() != nil {
			return nil
		}
		add(q.Text)
		add(q.Help)
		for _, o := range q.Options {
			add(o.Label)
		}
	}
	if r.Words == 0 {
		return nil
	}
	r.WordsPerSentence = round(float64(r.Words)/float64(r.Sentences), 2)
	r.SyllablesPerWord = round(float64(syl)/float64(r.Words), 2)
	r.FleschReadingEase = round(ease(r.Words, r.Sentences, syl), 1)
	return &r
}

// EaseShown is a Flesch reading ease as it is read and shown: on its
// scale of 0 to 100. The formula leaves it (above 100 for very short
// sentences of one-syllable words, below 0 for very long sentences of long
// words); clamped says it was brought back. The document keeps the
// formula's own value.
func EaseShown(x float64) (shown float64, clamped bool) {
	shown = min(100, max(0, x))
	return shown, shown != x
}

// EaseClampedMsg is the sentence that says a reading ease was shown
// clamped: the formula's value and the one shown.
func EaseClampedMsg(x float64, places int) lang.Msg {
	shown, _ := EaseShown(x)
	return lang.M("review.reading.clamped", "Raw", lang.Decimal{X: x, Places: places}, "Ease", lang.Decimal{X: shown, Places: places})
}

// ease is the Flesch reading ease of a text of so many words, sentences
// and syllables.
func ease(words, sentences, syllables int) float64 {
	return 206.835 - 1.015*float64(words)/float64(sentences) - 84.6*float64(syllables)/float64(words)
}

// round rounds x to the given decimals.
func round(x float64, decimals int) float64 {
	p := math.Pow(10, float64(decimals))
	return math.Round(x*p) / p
}
