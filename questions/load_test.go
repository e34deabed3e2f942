package questions_test

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"

	"time"

	"gopkg.in/yaml.v3"

	"github.com/digilead/digilead/questions"
	"github.com/digilead/digilead/questions/errtext"
	"github.com/digilead/digilead/questions/questionstest"
)

func TestDefaultBankIsValid(t *testing.T) {
	b := questions.Default()
	if got := strings.Join(b.TierIDs(), ","); got != "frontline,operational,strategic" {
		t.Errorf("tiers = %s", got)
	}
	if n := len(b.Questions); n < 55 || n > 75 {
		t.Errorf("%d questions; the default bank should have 55-75 (about 15 minutes)", n)
	}
	if n := len(b.Dimensions); n < 12 || n > 16 {
		t.Errorf("%d dimensions; want 12-16", n)
	}
	kinds := map[string]int{}
	reversed := 0
	for _, q := range b.Questions {
		kinds[q.Type]++
		if q.Reverse {
			reversed++
		}
		// Scenarios are hypothetical, so everyone can answer them.
		if q.Type == questions.Choice && q.AllowNA {
			t.Errorf("%s: a scenario should not offer N/A", q.ID)
		}
	}
	if kinds[questions.Choice] == 0 || kinds[questions.YesNo] == 0 || reversed == 0 {
		t.Errorf("question mix %v with %d reversed: want scenario choices, yes/no and reverse-keyed items", kinds, reversed)
	}
	for _, d := range b.Dimensions {
		n := len(b.QuestionsOf(d.ID))
		if n < 4 || n > 6 {
			t.Errorf("%s has %d questions, want 4-6", d.ID, n)
		}
		for _, tier := range b.Tiers {
			got := map[string]bool{}
			for _, a := range d.Actions {
				if a.AppliesTo(tier.ID) {
					got[a.Kind] = true
				}
			}
			for _, k := range []string{"training", "mentoring", "networking"} {
				if !got[k] {
					t.Errorf("%s: no %s action for target %s", d.ID, k, tier.ID)
				}
			}
		}
	}
}

// Which YAML files of the repository are banks, for TestShippedBanksLoad:
//   - a directory in splitBanks is one bank over several files: it loads
//     as a whole, and its files are parts, never loaded alone;
//   - a file whose name contains "answers", or whose top-level keys hold
//     "answers" (the personas of docs/examples/personas), is an answers
//     file: it must decode as answers, strictly, so a bank taken for one
//     fails rather than being skipped;
//   - a file whose name starts with "bad-" is a deliberately broken
//     fixture: it must fail to load;
//   - a translation (schema: digilead.translation/v1) must load beside its
//     bank: the bank files of its directory, else the built-in bank;
//   - the message catalogs of questions/lang/catalog are not banks (their
//     own tests load them);
//   - every other *.yaml or *.yml file is a bank and must load.
//
// Directories and files whose names start with "." (.git, .ci, a tool's
// configuration such as .goreleaser.yaml) are not walked.
var splitBanks = []string{"questions/testdata/split"}

// hasTopKey reports whether the YAML file at path is a mapping with key.
func hasTopKey(t *testing.T, path, key string) bool {
	var top map[string]any
	yaml.Unmarshal(questionstest.ReadFile(t, path), &top)
	_, ok := top[key]
	return ok
}

// minShippedBanks is how many banks the walk must find: default.yaml,
// assessment/testdata/small.yaml, cmd/digilead/testdata/stats-bank.yaml,
// report/testdata/tricky-bank.yaml and the split bank. Fewer means the walk
// is broken, not that the banks are fine.
const minShippedBanks = 5

// TestShippedBanksLoad loads every bank in the repository, strictly, as
// digilead would: the default bank's source, the test banks and any
// example.
func TestShippedBanksLoad(t *testing.T) {
	root := questionstest.Root()
	split := map[string]bool{}
	for _, d := range splitBanks {
		split[filepath.Join(root, filepath.FromSlash(d))] = true
	}
	banks, answers, translations, catalogues := 0, 0, 0, 0
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, path)
		name := d.Name()
		switch {
		case d.IsDir() && strings.HasPrefix(name, ".") && path != root:
			return filepath.SkipDir
		case strings.HasPrefix(name, "."):
			return nil
		case d.IsDir() && rel == filepath.Join("questions", "lang", "catalog"):
			return filepath.SkipDir
		case d.IsDir() && split[path]:
			delete(split, path)
			banks++
			if _, err := questions.Load(path); err != nil {
				t.Errorf("split bank %s:\n%v", rel, err)
			}
			return filepath.SkipDir
		case d.IsDir():
			return nil
		}
		switch ext := strings.ToLower(filepath.Ext(name)); {
		case ext != ".yaml" && ext != ".yml":
		case strings.Contains(name, "answers") || hasTopKey(t, path, "answers"):
			answers++
			if _, err := questions.DecodeAnswers(questionstest.ReadFile(t, path)); err != nil {
				t.Errorf("%s is named as an answers file but is not one:\n%v", rel, err)
			}
		case questions.IsTranslation(questionstest.ReadFile(t, path)):
			translations++
			if _, err := questions.LoadSet(translationBank(t, path), nil); err != nil {
				t.Errorf("translation %s:\n%v", rel, err)
			}
		case questions.IsCatalogue(questionstest.ReadFile(t, path)):
			catalogues++
			c, err := questions.LoadCatalogue(path)
			if err == nil && c.Bank == questions.Default().ID {
				err = c.Check(questions.Default())
			}
			if err != nil {
				t.Errorf("catalogue %s:\n%v", rel, err)
			}
		case strings.HasPrefix(name, "bad-"):
			if _, err := questions.Load(path); err == nil {
				t.Errorf("%s is named as a broken fixture (bad-*) but loads", rel)
			}
		default:
			banks++
			if _, err := questions.Load(path); err != nil {
				t.Errorf("bank %s:\n%v", rel, err)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatalf("walking %s: %v", root, err)
	}
	for d := range split {
		t.Errorf("split bank %s listed in splitBanks is not there", d)
	}
	if banks < minShippedBanks {
		t.Errorf("found %d banks under %s, want at least %d", banks, root, minShippedBanks)
	}
	if answers == 0 {
		t.Errorf("found no answers files under %s (docs/examples/answers.yaml at least)", root)
	}
	if translations < 2 {
		t.Errorf("found %d translations under %s, want the built-in bank's two at least", translations, root)
	}
	if catalogues == 0 {
		t.Errorf("found no catalogue under %s (questions/testdata/catalogue/dept.yaml at least)", root)
	}
}

// translationBank is what a translation file in the repository loads
// with: its directory's bank files, if any, and itself.
func translationBank(t *testing.T, path string) []string {
	entries, _ := os.ReadDir(filepath.Dir(path))
	for _, e := range entries {
		p := filepath.Join(filepath.Dir(path), e.Name())
		if ext := filepath.Ext(p); p != path && (ext == ".yaml" || ext == ".yml") && !e.IsDir() {
			if data := questionstest.ReadFile(t, p); !questions.IsTranslation(data) && hasTopKey(t, p, "schema") && !strings.HasPrefix(e.Name(), "bad-") {
				return []string{p, path}
			}
		}
	}
	return []string{path}
}

const valid = `schema: digilead/v1
id: t
title: T
version: "1"
tiers:
  - id: a
    name: A
    rank: 1
    expectations: {d: 50}
dimensions:
  - id: d
    name: D
questions:
  - id: q
    dimension: d
    text: Q
`

func problems(t *testing.T, yaml string) string {
	t.Helper()
	_, err := questions.Parse(questions.File{Name: "bank.yaml", Data: []byte(yaml)})
	if err == nil {
		return ""
	}
	var ps questions.Problems
	if !errors.As(err, &ps) {
		t.Fatalf("error is %T, want Problems: %v", err, err)
	}
	if !errors.Is(err, errtext.ErrInvalid) {
		t.Fatal("Problems must wrap errtext.ErrInvalid")
	}
	return err.Error()
}

func TestBankProblems(t *testing.T) {
	tests := []struct {
		name string
		yaml string
		want []string // each must appear as a line
	}{
		{"valid", valid, nil},
		{"empty file", "", []string{"bank.yaml: file is empty; a bank needs at least schema, id, title, version, tiers, dimensions and questions"}},
		{"comment only", "# nothing\n", []string{"bank.yaml: file is empty; a bank needs at least schema, id, title, version, tiers, dimensions and questions"}},
		{"not a mapping", "- a\n- b\n", []string{"bank.yaml:1: the file must be a mapping of bank fields (schema: …, id: …), not a list"}},
		{"syntax error", "schema: digilead/v1\nid: [x\n", []string{"bank.yaml:2: YAML syntax: did not find expected ',' or ']'"}},
		{"two documents", valid + "---\nid: x\n", []string{"bank.yaml:17: file holds more than one YAML document (---); put each bank part in its own file"}},
		{"wrong schema", strings.Replace(valid, "digilead/v1", "digilead/v2", 1), []string{`bank.yaml:1: schema: unsupported schema "digilead/v2"; this version of digilead reads digilead/v1`}},
		{"missing header fields", strings.Replace(strings.Replace(valid, "title: T\n", "", 1), `version: "1"`+"\n", "", 1),
			[]string{"bank.yaml:1: title: missing; give the bank a title people will see", `bank.yaml:1: version: missing; give the bank a version string such as "1.0"`}},
		{"version as a number", strings.Replace(valid, `version: "1"`, "version: 1.0", 1), []string{`bank.yaml:4: version: must be a string; quote it: version: "1.0"`}},
		{"id not kebab-case", strings.Replace(valid, "id: t\n", "id: My Bank\n", 1), []string{`bank.yaml:2: id: "My Bank" is not kebab-case; use lower-case letters, digits and single hyphens (e.g. my-team-bank)`}},
		{"unknown key with suggestion", strings.Replace(valid, "    text: Q", "    text: Q\n    wieght: 2", 1),
			[]string{`bank.yaml:17: questions[q].wieght: unknown field (did you mean "weight"?); known fields: id, dimension, text, help, type, weight, reverse, allow_na, scale, options, observer`}},
		{"duplicate key", strings.Replace(valid, "    text: Q", "    text: Q\n    text: R", 1), []string{"bank.yaml:17: questions[q].text: duplicate key (first set at line 16)"}},
		{"escape sequence", strings.Replace(valid, "    text: Q", `    text: "Q\e]52;c;ZXZpbA==\a"`, 1), []string{"bank.yaml:16: questions[q].text: holds the control characters U+001B, U+0007, which could act on a terminal or reverse text; remove them"}},
		{"override in a block, at its line", strings.Replace(valid, "    text: Q", "    text: |\n      fine\n      abc\u202edcba", 1), []string{"bank.yaml:18: questions[q].text: holds the control character U+202E, which could act on a terminal or reverse text; remove it"}},
		{"a scale whose size overflows", strings.Replace(valid, "    text: Q", "    text: Q\n    scale: {min: -9223372036854775808, max: 9223372036854775807}", 1), []string{"bank.yaml:17: questions[q].scale: min and max must be between -10000 and 10000, got -9223372036854775808..9223372036854775807"}},
		{"carriage return", strings.Replace(valid, "    text: Q", `    text: "over\rwritten"`, 1), []string{"bank.yaml:16: questions[q].text: holds the control character U+000D, which could act on a terminal or reverse text; remove it"}},
		{"duplicate question id names both places", valid + "  - id: q\n    dimension: d\n    text: again\n",
			[]string{`bank.yaml:17: questions[q].id: duplicate question id "q" (also defined at bank.yaml:14)`}},
		{"unknown dimension with suggestion", strings.Replace(valid, "dimension: d", "dimension: dd", 1), []string{`bank.yaml:15: questions[q].dimension: unknown dimension "dd" (did you mean "d"?)`, `bank.yaml:11: dimensions[d]: no question measures this dimension; add at least one question with dimension: d`}},
		{"expectation of an unknown dimension", strings.Replace(valid, "{d: 50}", "{d: 50, x: 10}", 1), []string{`bank.yaml:9: tiers[a].expectations.x: unknown dimension "x" (did you mean "d"?)`}},
		{"expectation out of range", strings.Replace(valid, "{d: 50}", "{d: 150}", 1), []string{"bank.yaml:9: tiers[a].expectations.d: expectation must be a score between 0 and 100, got 150"}},
		{"duplicate rank", strings.Replace(valid, "dimensions:", "  - {id: b, name: B, rank: 1}\ndimensions:", 1), []string{"bank.yaml:10: tiers[b].rank: duplicate rank 1 (also used at bank.yaml:8); ranks must be unique"}},
		{"duplicate tier id", strings.Replace(valid, "dimensions:", "  - {id: a, name: B, rank: 2}\ndimensions:", 1), []string{`bank.yaml:10: tiers[a].id: duplicate tier id "a" (also defined at bank.yaml:6)`}},
		{"rank not an integer", strings.Replace(valid, "rank: 1", "rank: first", 1), []string{`bank.yaml:8: tiers[a].rank: must be a whole number, got the value "first"`}},
		{"non-positive weight", strings.Replace(valid, "    name: D", "    name: D\n    weight: 0", 1), []string{"bank.yaml:13: dimensions[d].weight: weight must be a positive number (and at most 1e6), got 0"}},
		{"negative question weight", strings.Replace(valid, "    text: Q", "    text: Q\n    weight: -1", 1), []string{"bank.yaml:17: questions[q].weight: weight must be a positive number (and at most 1e6), got -1"}},
		{"unknown type", strings.Replace(valid, "    text: Q", "    text: Q\n    type: slider", 1), []string{`bank.yaml:17: questions[q].type: unknown question type "slider"; use likert, choice, multi or yesno`}},
		{"reverse on choice", strings.Replace(valid, "    text: Q", "    text: Q\n    type: choice\n    reverse: true\n    options: [{id: x, label: X, score: 1}, {id: y, label: Y, score: 0}]", 1),
			[]string{"bank.yaml:18: questions[q].reverse: only likert and yesno questions can be reversed; for choice questions set the option scores instead"}},
		{"option score out of range and duplicate option", strings.Replace(valid, "    text: Q", "    text: Q\n    type: multi\n    options:\n      - {id: x, label: X, score: 1.5}\n      - {id: x, label: Y, score: 0}", 1),
			[]string{"bank.yaml:19: questions[q].options[x].score: option score must be between 0 and 1, got 1.5", `bank.yaml:20: questions[q].options[x].id: duplicate option id "x" (first at line 19)`}},
		{"too few options", strings.Replace(valid, "    text: Q", "    text: Q\n    type: choice\n    options: [{id: x, label: X, score: 1}]", 1), []string{"bank.yaml:18: questions[q].options: a choice question needs at least 2 options, has 1"}},
		{"options on likert", strings.Replace(valid, "    text: Q", "    text: Q\n    options: [{id: x, label: X, score: 1}, {id: y, label: Y, score: 0}]", 1), []string{"bank.yaml:17: questions[q].options: only choice and multi questions have options; set type: choice or type: multi"}},
		{"label count", strings.Replace(valid, "tiers:", "scale: {min: 1, max: 5, labels: [a, b, c]}\ntiers:", 1), []string{"bank.yaml:5: scale.labels: has 3 labels but the scale 1..5 has 5 points; give one label per point"}},
		{"max not above min", strings.Replace(valid, "    text: Q", "    text: Q\n    scale: {min: 3, max: 3}", 1), []string{"bank.yaml:17: questions[q].scale: max (3) must be greater than min (3)"}},
		{"scale on yes/no", strings.Replace(valid, "    text: Q", "    text: Q\n    type: yesno\n    scale: {min: 1, max: 3}", 1), []string{"bank.yaml:18: questions[q].scale: only likert questions have a scale; this one is yesno"}},
		{"action kind and tier", strings.Replace(valid, "    name: D", "    name: D\n    actions:\n      - {kind: coaching, text: x, tiers: [aa]}", 1),
			[]string{`bank.yaml:14: dimensions[d].actions[0].kind: unknown action kind "coaching"; use one of training, mentoring, networking, practice, reading`, `bank.yaml:14: dimensions[d].actions[0].tiers: unknown tier "aa" (did you mean "a"?)`}},
		{"unknown level rule with suggestion", strings.Replace(valid, "tiers:", "scoring:\n  level_rule: most-probabel\ntiers:", 1),
			[]string{`bank.yaml:6: scoring.level_rule: unknown rule "most-probabel" (did you mean "most-probable"?); the rules are strict, most-probable (see docs/bank-format.md)`}},
		{"unknown scoring key", strings.Replace(valid, "tiers:", "scoring: {rule: strict}\ntiers:", 1),
			[]string{`bank.yaml:5: scoring.rule: unknown field; known fields: level_rule`}},
		{"scoring not a mapping", strings.Replace(valid, "tiers:", "scoring: most-probable\ntiers:", 1),
			[]string{`bank.yaml:5: scoring: must be a mapping (key: value pairs), got the value "most-probable"`}},
		{"level rule empty", strings.Replace(valid, "tiers:", "scoring: {level_rule: }\ntiers:", 1),
			[]string{`bank.yaml:5: scoring.level_rule: is empty; give a value or remove the field`}},
		{"level rules", strings.Replace(valid, "tiers:", "scoring: {level_rule: most-probable}\ntiers:", 1), nil},
		{"min_coverage out of range", strings.Replace(valid, "tiers:", "min_coverage: 2\ntiers:", 1), []string{"bank.yaml:5: min_coverage: must be between 0 and 1 (a share of a dimension's question weight), got 2"}},
		{"no tiers, dimensions or questions", "schema: digilead/v1\nid: t\ntitle: T\nversion: \"1\"\n",
			[]string{"bank.yaml:1: tiers: a bank needs at least one tier", "bank.yaml:1: dimensions: a bank needs at least one dimension", "bank.yaml:1: questions: a bank needs at least one question"}},
		{"list where a mapping belongs", strings.Replace(valid, "{d: 50}", "[d, 50]", 1), []string{"bank.yaml:9: tiers[a].expectations: must be a mapping (key: value pairs), got a list"}},
		{"reserved option id", strings.Replace(valid, "    text: Q", "    text: Q\n    type: choice\n    options: [{id: na, label: X, score: 1}, {id: y, label: Y, score: 0}]", 1),
			[]string{`bank.yaml:18: questions[q].options[na].id: "na" is reserved for "not applicable"; choose another option id`}},
		{"bank language not a tag", strings.Replace(valid, "tiers:", "language: english\ntiers:", 1),
			[]string{`bank.yaml:5: language: "english" is not a BCP 47 language tag; use one such as en, cy, fr or en-GB`}},
		{"bank language punctuation", strings.Replace(valid, "tiers:", "language: \"!!\"\ntiers:", 1),
			[]string{`bank.yaml:5: language: "!!" is not a BCP 47 language tag; use one such as en, cy, fr or en-GB`}},
		{"bank language as a locale", strings.Replace(valid, "tiers:", "language: en_GB\ntiers:", 1),
			[]string{`bank.yaml:5: language: "en_GB" is a locale's form, not a language tag; write en-GB`}},
		{"bank language well formed", strings.Replace(valid, "tiers:", "language: cy-GB\ntiers:", 1), nil},
		{"action language as the bank's", strings.Replace(valid, "    name: D", "    name: D\n    actions:\n      - {kind: reading, text: x, language: english}", 1),
			[]string{`bank.yaml:14: dimensions[d].actions[0].language: "english" is not a BCP 47 language tag; use one such as en, cy, fr or en-GB`}},
		{"every control character of a field in one run", strings.Replace(valid, "title: T", "title: \"a\\u202Eb\\u2066c\\u200Fd\\u061Ce\\u202Ef\"", 1),
			[]string{"bank.yaml:3: title: holds the control characters U+202E, U+2066, U+200F, U+061C, which could act on a terminal or reverse text; remove them"}},
		{"control characters on two lines of a block", strings.Replace(valid, "    text: Q", "    text: |\n      a\u202eb\n      fine\n      c\u2066d\u200fe", 1),
			[]string{"bank.yaml:17: questions[q].text: holds the control character U+202E, which could act on a terminal or reverse text; remove it",
				"bank.yaml:19: questions[q].text: holds the control characters U+2066, U+200F, which could act on a terminal or reverse text; remove them"}},
		{"many control characters named up to eight", strings.Replace(valid, "title: T", "title: \"\\x01\\x02\\x03\\x04\\x05\\x06\\x07\\x08\\x0b\\x0c\\x01\"", 1),
			[]string{"bank.yaml:3: title: holds the control characters U+0001, U+0002, U+0003, U+0004, U+0005, U+0006, U+0007, U+0008 and 2 more, which could act on a terminal or reverse text; remove them"}},
		{"unknown anchor at its alias", strings.Replace(valid, "    text: Q", "    text: \"*a0 in a text\"\n    help: *a0\n    weight: *a0", 1),
			[]string{"bank.yaml:17: YAML syntax: unknown anchor 'a0' referenced; define it (&a0) before the alias (*a0) that uses it"}},
		{"alias before its anchor", strings.Replace(valid, "    text: Q", "    text: [*a, x]\n    help: &a y", 1),
			[]string{"bank.yaml:16: YAML syntax: unknown anchor 'a' referenced; define it (&a) before the alias (*a) that uses it"}},
		{"merge keys", strings.Replace(valid, "    text: Q", "    text: Q\n    <<: {help: x}", 1), []string{"bank.yaml:17: questions[q]: merge keys (<<) are not supported; write the fields out"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := problems(t, tc.yaml)
			if len(tc.want) == 0 {
				if got != "" {
					t.Fatalf("unexpected problems:\n%s", got)
				}
				return
			}
			lines := strings.Split(got, "\n")
			for _, w := range tc.want {
				found := false
				for _, l := range lines {
					if l == w {
						found = true
					}
				}
				if !found {
					t.Errorf("missing problem\n  %s\ngot\n  %s", w, strings.Join(lines, "\n  "))
				}
			}
		})
	}
}

// TestLevelRule reads the bank's level rule: strict unless it says.
func TestLevelRule(t *testing.T) {
	for _, tc := range []struct{ yaml, want string }{
		{valid, ""},
		{strings.Replace(valid, "tiers:", "scoring: {level_rule: strict}\ntiers:", 1), questions.LevelRuleStrict},
		{strings.Replace(valid, "tiers:", "scoring:\n  level_rule: most-probable\ntiers:", 1), questions.LevelRuleMostProbable},
	} {
		b, err := questions.Parse(questions.File{Name: "bank.yaml", Data: []byte(tc.yaml)})
		if err != nil {
			t.Fatal(err)
		}
		if b.LevelRule != tc.want || b.MostProbable() != (tc.want == questions.LevelRuleMostProbable) {
			t.Errorf("level rule %q (most probable %v), want %q", b.LevelRule, b.MostProbable(), tc.want)
		}
	}
}

func TestAllProblemsAreReported(t *testing.T) {
	bad := strings.NewReplacer("rank: 1", "rank: x", "{d: 50}", "{d: 500}", "text: Q", "text: Q\n    weight: 0").Replace(valid)
	got := problems(t, bad)
	if n := strings.Count(got, "\n") + 1; n != 3 {
		t.Fatalf("want 3 problems, got %d:\n%s", n, got)
	}
}

func TestAliasBombIsRefused(t *testing.T) {
	var sb strings.Builder
	sb.WriteString("schema: digilead/v1\nid: t\ntitle: T\nversion: \"1\"\n")
	sb.WriteString("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n")
	for i := 1; i < 9; i++ {
		sb.WriteString("a" + string(rune('0'+i)) + ": &a" + string(rune('0'+i)) + " [")
		for j := 0; j < 10; j++ {
			if j > 0 {
				sb.WriteString(", ")
			}
			sb.WriteString("*a" + string(rune('0'+i-1)))
		}
		sb.WriteString("]\n")
	}
	// A bank whose questions are ten copies of the aliased lists: 10^9 nodes if expanded.
	sb.WriteString("questions: [*a8, *a8, *a8, *a8, *a8, *a8, *a8, *a8, *a8, *a8]\n")
	start := time.Now()
	_, err := questions.Parse(questions.File{Name: "bomb.yaml", Data: []byte(sb.String())})
	if err == nil {
		t.Fatal("an alias bomb was accepted")
	}
	if !errors.Is(err, errtext.ErrInvalid) {
		t.Fatalf("want an input error, got %v", err)
	}
	if d := time.Since(start); d > 10*time.Second {
		t.Errorf("took %v to refuse", d) // generous: only a runaway expansion gets near this
	}
}

func TestFileSizeLimit(t *testing.T) {
	big := make([]byte, questions.MaxFileSize+1)
	for i := range big {
		big[i] = '#'
	}
	_, err := questions.Parse(questions.File{Name: "big.yaml", Data: big})
	if err == nil || !strings.Contains(err.Error(), "big.yaml: file is larger than the 10 MiB limit") {
		t.Fatalf("got %v", err)
	}
	path := filepath.Join(t.TempDir(), "big.yaml")
	os.WriteFile(path, big, 0o600)
	if _, err := questions.Load(path); err == nil || !strings.Contains(err.Error(), "larger than the 10 MiB limit") {
		t.Fatalf("Load: got %v", err)
	}
}

func TestDirectoryBankMerges(t *testing.T) {
	b, err := questions.Load("testdata/split")
	if err != nil {
		t.Fatalf("split bank:\n%v", err)
	}
	if b.ID != "split" || len(b.Dimensions) != 2 || len(b.Questions) != 3 {
		t.Fatalf("merged bank: %s, %d dimensions, %d questions", b.ID, len(b.Dimensions), len(b.Questions))
	}
	// Questions concatenate in lexical file order.
	if b.Questions[0].ID != "h1" || b.Questions[2].ID != "p2" {
		t.Errorf("question order %s..%s", b.Questions[0].ID, b.Questions[2].ID)
	}
	_, err = questions.Load("testdata/split/00-header.yaml")
	if err == nil || !strings.Contains(err.Error(), "00-header.yaml:6: tiers[one].expectations.people: unknown dimension \"people\"") {
		t.Errorf("the header file alone refers to a dimension defined elsewhere: %v", err)
	}
}

func TestDirectoryProblems(t *testing.T) {
	dir := t.TempDir()
	if _, err := questions.Load(dir); err == nil || !strings.Contains(err.Error(), "directory holds no *.yaml or *.yml files") {
		t.Errorf("empty dir: %v", err)
	}
	os.WriteFile(filepath.Join(dir, "a.yaml"), []byte(valid), 0o600)
	os.WriteFile(filepath.Join(dir, "b.yml"), []byte("schema: digilead/v1\nquestions:\n  - {id: q2, dimension: d, text: x}\n"), 0o600)
	_, err := questions.Load(dir)
	want := filepath.Join(dir, "b.yml") + ":1: schema: header fields are also set in " + filepath.Join(dir, "a.yaml")
	if err == nil || !strings.Contains(err.Error(), want) {
		t.Errorf("two headers: got %v\nwant %s", err, want)
	}
	if _, err := questions.Load(filepath.Join(dir, "missing.yaml")); err == nil || !strings.Contains(err.Error(), "no such file or directory") {
		t.Errorf("missing: %v", err)
	}
	// A FIFO among the files would hang bank validate for ever.
	fifo := filepath.Join(dir, "c.yaml")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Skip("no FIFOs here:", err)
	}
	if _, err := questions.Load(dir); err == nil || !strings.Contains(err.Error(), fifo+": not a regular file; a bank is made of regular files") {
		t.Errorf("a FIFO in a bank directory: %v", err)
	}
}

func TestDigest(t *testing.T) {
	b1, _ := questions.Parse(questions.File{Name: "x.yaml", Data: []byte(valid)})
	b2, _ := questions.Parse(questions.File{Name: "y.yaml", Data: []byte(valid)})
	b3, _ := questions.Parse(questions.File{Name: "x.yaml", Data: []byte(valid + "# changed\n")})
	if b1.Digest != b2.Digest || b1.Digest == b3.Digest || !strings.HasPrefix(b1.Digest, "sha256:") {
		t.Errorf("digests %s %s %s: want content-only and sensitive to any change", b1.Digest, b2.Digest, b3.Digest)
	}
}

// TestWrongTypeSaidOnce: a value of the wrong type is one problem, not a
// second one about its range.
func TestWrongTypeSaidOnce(t *testing.T) {
	for name, tc := range map[string]struct{ yaml, want string }{
		"dimension weight":               {strings.Replace(valid, "    name: D", "    name: D\n    weight: \"two\"", 1), `bank.yaml:13: dimensions[d].weight: must be a number, got the value "two"`},
		"question weight":                {strings.Replace(valid, "    text: Q", "    text: Q\n    weight: two", 1), `bank.yaml:17: questions[q].weight: must be a number, got the value "two"`},
		"empty language":                 {strings.Replace(valid, "tiers:", "language:\ntiers:", 1), "bank.yaml:5: language: is empty; give a value or remove the field"},
		"language a list":                {strings.Replace(valid, "tiers:", "language: [en]\ntiers:", 1), "bank.yaml:5: language: must be a single value, got a list"},
		"min_coverage":                   {strings.Replace(valid, "tiers:", "min_coverage: half\ntiers:", 1), `bank.yaml:5: min_coverage: must be a number, got the value "half"`},
		"weight out of range still said": {strings.Replace(valid, "    text: Q", "    text: Q\n    weight: 0", 1), "bank.yaml:17: questions[q].weight: weight must be a positive number (and at most 1e6), got 0"},
	} {
		if got := problems(t, tc.yaml); got != tc.want {
			t.Errorf("%s:\n got %q\nwant %q", name, got, tc.want)
		}
	}
}

// TestUnread names the subdirectories of a bank directory whose YAML files
// are not read: those holding *.yaml or *.yml, not hidden ones (.git), not
// those without YAML.
func TestUnread(t *testing.T) {
	dir := t.TempDir()
	for _, f := range []string{"a.yaml", "sub/30-questions.yaml", "more/x.YML", ".git/config.yaml", "images/logo.png"} {
		p := filepath.Join(dir, f)
		os.MkdirAll(filepath.Dir(p), 0o700)
		os.WriteFile(p, []byte(valid), 0o600)
	}
	want := []string{filepath.Join(dir, "more"), filepath.Join(dir, "sub")}
	if got := questions.Unread(dir); !slices.Equal(got, want) {
		t.Errorf("Unread = %q, want %q", got, want)
	}
	if got := questions.Unread(filepath.Join(dir, "a.yaml")); got != nil {
		t.Errorf("a file: %q", got)
	}
	if note := questions.UnreadNote(want[1]); !strings.HasPrefix(note, want[1]+": not read: a bank directory is its own *.yaml and *.yml files") {
		t.Errorf("note %q", note)
	}
}
