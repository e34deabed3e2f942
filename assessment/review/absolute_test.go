package review

import (
	"fmt"
	"math"
	"slices"
	"strings"
	"testing"

	"github.com/digilead/digilead/questions"
)

// TestAbsoluteFind: which words of an option count as absolute or extreme,
// in each language with a list, and which look alike and do not.
func TestAbsoluteFind(t *testing.T) {
	for _, tc := range []struct {
		lang, label string
		want        []string
	}{
		{"en", "Share it at once, since the purpose is clearly good.", []string{"at once"}},
		{"en", "Send only anonymised totals, whatever the agency needs.", []string{"only", "whatever"}},
		{"en", "Refuse, because sharing personal data is far too risky.", []string{"too"}},
		{"en", "Nothing; I would turn it down as too risky.", []string{"nothing", "too"}},
		{"en", "Book the next course on it, even if that is too late.", []string{"too"}},
		{"en", "Remind everyone the system is mandatory.", []string{"everyone"}},
		{"en", "Build your own copy of the data from scratch instead.", []string{"from scratch"}},
		{"en", "I ALWAYS check it; I never skip it.", []string{"always", "never"}},
		// "too" at the end of its clause means "also"
		{"en", "Test it with disabled users, and keep an assisted route too.", nil},
		{"en", "Keep a phone line too, for people offline.", nil},
		// look-alikes: whole words only
		{"en", "Call the person whenever it suits them; it is overall fine.", nil},
		{"en", "Watch a few of them try it, then fix the problems.", nil},
		{"en", "Record what they know, and train two others.", nil},
		{"en", "Tell them in plain words what went wrong, and why.", nil},
		{"en", "", nil},

		{"fr", "Ne partager que des totaux anonymisés.", []string{"ne … que"}},
		{"fr", "N'envoyer qu'un résumé, quoi qu'il arrive.", []string{"n' … qu'", "quoi qu'"}},
		{"fr", "Le partager tout de suite, puisque le but est bon.", []string{"tout de suite"}},
		{"fr", "Refuser, car c'est beaucoup trop risqué.", []string{"trop"}},
		{"fr", "Le refaire entièrement, quel qu'en soit le coût.", []string{"entièrement", "qu' en soit"}},
		// a longer phrase is counted, not the word inside it
		{"fr", "Tout arrêter à tout prix.", []string{"tout", "à tout prix"}},
		// "ne … pas … que" is a negation, not "only"; "tout en" is "while"
		{"fr", "Ne partagez pas les données tant que le but est flou.", nil},
		{"fr", "Vérifier le chiffre tout en prévenant l'équipe.", nil},
		{"fr", "Observer quelques personnes, puis corriger les problèmes.", nil},

		{"cy", "Gwrthod bob amser, gan fod rhannu data yn rhy beryglus.", []string{"bob amser", "rhy"}},
		{"cy", "Anfon cyfansymiau dienw yn unig, beth bynnag sydd ei angen.", []string{"yn unig", "beth bynnag"}},
		{"cy", "Ei rannu ar unwaith, gan fod y diben yn dda.", []string{"ar unwaith"}},
		{"cy", "Cytuno ar y diben, y sail gyfreithiol a'r lleiafswm data.", nil},
	} {
		got := absoluteWords()[tc.lang].find(tc.label)
		if !slices.Equal(got, tc.want) {
			t.Errorf("%s %q: found %q, want %q", tc.lang, tc.label, got, tc.want)
		}
	}
}

// TestHypergeometric: the chance distribution is exact: 4 options, 1
// keyed, 2 with absolute words: the key is among them with chance 1/2.
func TestHypergeometric(t *testing.T) {
	for _, tc := range []struct {
		m, b, a int
		want    []float64
	}{
		{4, 1, 2, []float64{0.5, 0.5}},
		{4, 1, 3, []float64{0.25, 0.75}},
		{4, 1, 0, []float64{1}},
		{4, 1, 4, []float64{0, 1}},
		{5, 2, 2, []float64{0.3, 0.6, 0.1}},
	} {
		got := hypergeometric(tc.m, tc.b, tc.a)
		if len(got) != len(tc.want) {
			t.Fatalf("hypergeometric(%d, %d, %d) = %v, want %v", tc.m, tc.b, tc.a, got, tc.want)
		}
		for i := range got {
			if math.Abs(got[i]-tc.want[i]) > 1e-12 {
				t.Errorf("hypergeometric(%d, %d, %d) = %v, want %v", tc.m, tc.b, tc.a, got, tc.want)
			}
		}
	}
}

// scenarios is a bank of choice questions, each given as four labels with
// the keyed option first.
func scenarios(t *testing.T, language string, qs ...[4]string) string {
	var sb strings.Builder
	for i, q := range qs {
		fmt.Fprintf(&sb, "  - id: s%d\n    dimension: d\n    type: choice\n    text: \"What do you do?\"\n    options:\n", i+1)
		for j, l := range q {
			score := "0.2"
			if j == 0 {
				score = "1"
			}
			fmt.Fprintf(&sb, "      - {id: o%d, label: %q, score: %s}\n", j+1, l, score)
		}
	}
	return sb.String()
}

// TestAbsoluteWordsCheck: the check fires when the words mark wrong
// options beyond chance, and only then.
func TestAbsoluteWordsCheck(t *testing.T) {
	plain := "Ask a colleague what they think first."
	cue := [4]string{plain, "Act at once, before anyone asks.", "Refuse, as it is far too risky.", "Do what they ask, whatever it costs."}
	spread := [4]string{"Always ask a colleague what they think.", "Act at once, before anyone asks.", plain, plain}
	oneWrong := [4]string{plain, "Act at once, before anyone asks.", plain, plain}
	keyed := [4]string{"Always ask a colleague what they think.", plain, plain, plain}
	for _, tc := range []struct {
		name     string
		language string
		qs       [][4]string
		want     []string // questions found; nil for none
		p        float64  // the exact p, when > 0
	}{
		// every wrong option of three questions: (1/4)^3
		{"solved three times", "en", [][4]string{cue, cue, cue}, []string{"s1", "s2", "s3"}, 1.0 / 64},
		// and the questions without such words are not named
		{"two cues among plain ones", "en", [][4]string{cue, {plain, plain, plain, plain}, cue, oneWrong}, []string{"s1", "s3", "s4"}, 0.25 * 0.25 * 0.75},
		// must not fire: within chance
		{"one question", "en", [][4]string{cue}, nil, 0.25},
		{"one wrong option in each of four", "en", [][4]string{oneWrong, oneWrong, oneWrong, oneWrong}, nil, math.Pow(0.75, 4)},
		// must not fire: keyed and wrong options use them alike
		{"spread evenly", "en", [][4]string{spread, spread, spread, spread, spread}, nil, 1},
		// must not fire: the words mark the key (a cue that misleads, not one that pays)
		{"keyed options only", "en", [][4]string{keyed, keyed, keyed, keyed}, nil, 1},
		{"no such words", "en", [][4]string{{plain, plain, plain, plain}}, nil, 1},
		// must not fire: no list for the language
		{"German", "de", [][4]string{cue, cue, cue}, nil, -1},
		// a regional tag uses its language's list
		{"en-GB", "en-GB", [][4]string{cue, cue, cue}, []string{"s1", "s2", "s3"}, 1.0 / 64},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := Review(bank(t, tc.language, scenarios(t, tc.language, tc.qs...)), Options{Seed: 1, Respondents: 10})
			var got []string
			for _, f := range r.Findings {
				if f.Check != CheckAbsoluteWords {
					continue
				}
				got = append(got, f.Question)
				if f.Kind != KindError || f.Problem == "" || f.Fix == "" || f.File != "inline.yaml" || f.Line == 0 {
					t.Errorf("incomplete finding %+v", f)
				}
			}
			if !slices.Equal(got, tc.want) {
				t.Errorf("found %v, want %v", got, tc.want)
			}
			a := r.AbsoluteWords
			if tc.p < 0 {
				if a != nil {
					t.Errorf("a bank in %s tested with a list: %+v", tc.language, a)
				}
				return
			}
			if a == nil || math.Abs(a.P-tc.p) > 1e-12 {
				t.Fatalf("absolute words %+v, want p = %v", a, tc.p)
			}
		})
	}
}

// TestAbsoluteWordsSummary: the counts, the expectation and the share of
// questions the cue solves, on the fixture bank (three scenarios of four
// options, one keyed each; 3, 3 and 1 wrong options with such words).
func TestAbsoluteWordsSummary(t *testing.T) {
	r := Review(load(t, "testdata/absolute-words.yaml"), Options{Seed: 1, Respondents: 10})
	a := r.AbsoluteWords
	if a == nil {
		t.Fatal("no absolute-words summary for an English bank")
	}
	want := AbsoluteWords{
		Language: "en", ChoiceQuestions: 3, KeyedOptions: 3, KeyedWithWords: 0, WrongOptions: 9, WrongWithWords: 7,
		Expected: 0.75 + 0.75 + 0.25, P: 3.0 / 64,
		// avoiding the words: 1, 1 and 1/3; chance: 1/4 each
		CueFindsKey: (1 + 1 + 1.0/3) / 3, Chance: 0.25,
		Questions: []string{"un-scenario", "sec-scenario", "chg-scenario"},
		Solved:    []string{"un-scenario", "sec-scenario"},
	}
	for _, d := range []struct {
		name      string
		got, want float64
	}{{"expected", a.Expected, want.Expected}, {"p", a.P, want.P}, {"cue", a.CueFindsKey, want.CueFindsKey}, {"chance", a.Chance, want.Chance}} {
		if math.Abs(d.got-d.want) > 1e-12 {
			t.Errorf("%s = %v, want %v", d.name, d.got, d.want)
		}
	}
	a.Expected, a.P, a.CueFindsKey, a.Chance = want.Expected, want.P, want.CueFindsKey, want.Chance
	if fmt.Sprint(*a) != fmt.Sprint(want) {
		t.Errorf("summary %+v\nwant    %+v", *a, want)
	}
}

// TestV2 finds in the built-in bank 2.0.0 the cue the absolute-words check
// was built for: absolute or extreme words in 17 of its 48 wrong scenario
// options and in none of its 16 keys, so that avoiding them finds the key
// in 39% of scenarios and solves gov-scenario outright. Its only other
// finding is level-rule: it names no level rule, so it decides by the
// strict one, and the review recommends the most-probable rule.
func TestV2(t *testing.T) {
	r := Review(load(t, "../../questions/testdata/default-v2.yaml"), Options{Seed: 1, Respondents: 200})
	want := []string{
		"absolute-words default-v2.yaml:504 sec-scenario",
		"absolute-words default-v2.yaml:553 acc-scenario",
		"absolute-words default-v2.yaml:601 learn-scenario",
		"absolute-words default-v2.yaml:650 tool-scenario",
		"absolute-words default-v2.yaml:792 col-scenario",
		"absolute-words default-v2.yaml:838 agile-scenario",
		"absolute-words default-v2.yaml:938 wf-scenario",
		"absolute-words default-v2.yaml:1039 res-scenario",
		"absolute-words default-v2.yaml:1100 com-scenario",
		"absolute-words default-v2.yaml:1148 gov-scenario",
		"absolute-words default-v2.yaml:1196 ai-scenario",
		"absolute-words default-v2.yaml:1234 trust-scenario",
		"level-rule default-v2.yaml ",
	}
	if got := found(r); !slices.Equal(got, want) {
		t.Errorf("findings:\n  %s\nwant:\n  %s", strings.Join(got, "\n  "), strings.Join(want, "\n  "))
	}
	a := r.AbsoluteWords
	if a == nil || a.WrongWithWords != 17 || a.WrongOptions != 48 || a.KeyedWithWords != 0 || a.KeyedOptions != 16 ||
		math.Abs(a.CueFindsKey-0.3854) > 1e-4 || a.Chance != 0.25 || a.P > 0.005 || !slices.Equal(a.Solved, []string{"gov-scenario"}) {
		t.Errorf("absolute words %+v", a)
	}
	for _, f := range r.Findings {
		if f.Question == "gov-scenario" && !strings.Contains(f.Problem, `"refuse", "send", "totals"`) {
			t.Errorf("gov-scenario's finding does not name its three wrong options: %s", f.Problem)
		}
	}
}

// TestBuiltinBankHasNoAnswerCues: in English and in its Welsh and French
// translations, the built-in bank's scenarios give no answer cue: no
// option overstates, no option contains another, options are of similar
// length and the key is the longest no more often than chance allows. A
// translation can bring back a cue its English was cleared of ("now"
// translated as "tout de suite"; keys translated more fully than their
// distractors: 2.0.0's French keys were the longest in 9 of 14 scenarios).
func TestBuiltinBankHasNoAnswerCues(t *testing.T) {
	s, err := questions.DefaultSet()
	if err != nil {
		t.Fatal(err)
	}
	for _, tag := range []string{"en", "cy", "fr"} {
		b := s.In(tag)
		_, fs := cues(b)
		a, abs := absoluteCue(b)
		for _, f := range append(fs, abs...) {
			t.Errorf("%s: %s %s: %s", tag, f.Check, f.Question, f.Problem)
		}
		if a == nil || a.Language != tag || a.ChoiceQuestions == 0 {
			t.Fatalf("%s: not tested: %+v", tag, a)
		}
		if a.WrongWithWords+a.KeyedWithWords != 0 {
			list := absoluteWords()[tag]
			for _, q := range b.Questions {
				for _, o := range q.Options {
					if ws := list.find(o.Label); q.Type == questions.Choice && len(ws) > 0 {
						t.Errorf("%s %s.%s uses %q: %s", tag, q.ID, o.ID, ws, o.Label)
					}
				}
			}
		}
	}
}
