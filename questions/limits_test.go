package questions

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/digilead/digilead/questions/errtext"
)

// wantProblem checks that err is Problems (wrapping errtext.ErrInvalid) and that
// one of them contains each of want.
func wantProblem(t *testing.T, err error, want ...string) Problems {
	t.Helper()
	var ps Problems
	if !errors.As(err, &ps) || !errors.Is(err, errtext.ErrInvalid) {
		t.Fatalf("want Problems wrapping errtext.ErrInvalid, got %T %v", err, err)
	}
	for _, w := range want {
		if !strings.Contains(err.Error(), w) {
			t.Errorf("error does not say %q:\n%v", w, err)
		}
	}
	return ps
}

// Parse and Load over the limit: see TestFileSizeLimit.

func TestParseAnswersRefusesFileOverSizeLimit(t *testing.T) {
	data := append([]byte("answers: {}\n"), strings.Repeat("# padding\n", MaxFileSize/10)...)
	_, err := ParseAnswers("big.yaml", data, Default())
	if ps := wantProblem(t, err, "big.yaml: larger than the 10 MiB limit"); len(ps) != 1 {
		t.Errorf("want one problem, got %d", len(ps))
	}
}

func TestLoadAcceptsFileJustUnderSizeLimit(t *testing.T) {
	pad := strings.Repeat("#", 99) + "\n"
	data := []byte(tinyBank + strings.Repeat(pad, (MaxFileSize-len(tinyBank))/len(pad)))
	path := filepath.Join(t.TempDir(), "big.yaml")
	if err := os.WriteFile(path, data, 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := Load(path); err != nil {
		t.Fatalf("a %d-byte bank was refused: %v", len(data), err)
	}
}

// questionLines writes n likert questions of dimension d1, ids from first.
func questionLines(first, n int) string {
	var sb strings.Builder
	for i := first; i < first+n; i++ {
		fmt.Fprintf(&sb, "  - {id: q%d, dimension: d1, text: Q}\n", i)
	}
	return sb.String()
}

func TestQuestionLimit(t *testing.T) {
	head := tinyHeader + "dimensions: [{id: d1, name: One}]\nquestions:\n"
	b, err := Parse(File{Name: "max.yaml", Data: []byte(head + questionLines(0, MaxQuestions))})
	if err != nil {
		t.Fatalf("a bank of exactly %d questions was refused: %v", MaxQuestions, err)
	}
	if len(b.Questions) != MaxQuestions {
		t.Fatalf("got %d questions", len(b.Questions))
	}

	_, err = Parse(File{Name: "over.yaml", Data: []byte(head + questionLines(0, MaxQuestions+1))})
	ps := wantProblem(t, err, fmt.Sprintf("over.yaml:%d: questions: more than %d questions in one file; split the bank", MaxQuestions+10, MaxQuestions))
	if len(ps) != 1 {
		t.Errorf("want one problem, got %d:\n%v", len(ps), err)
	}

	// Split over files, the limit holds for the whole bank.
	half := MaxQuestions/2 + 1
	_, err = Parse(
		File{Name: "dir/a.yaml", Data: []byte(head + questionLines(0, half))},
		File{Name: "dir/b.yaml", Data: []byte("questions:\n" + questionLines(half, half))},
	)
	wantProblem(t, err, fmt.Sprintf("%d questions is more than the limit of %d", 2*half, MaxQuestions))
}

// billionLaughs is the classic alias bomb: ten levels of nine aliases,
// 9^9 strings when expanded.
func billionLaughs(key string) string {
	var sb strings.Builder
	sb.WriteString("a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n")
	for i := 1; i < 10; i++ {
		p := fmt.Sprintf("*a%d", i-1)
		fmt.Fprintf(&sb, "a%d: &a%d [%s]\n", i, i, strings.Repeat(p+", ", 8)+p)
	}
	fmt.Fprintf(&sb, "%s: {x: *a9}\n", key)
	return sb.String()
}

// A bomb in a bank's top-level keys: see TestAliasBombIsRefused.

func TestAliasBombInAnswersIsRefused(t *testing.T) {
	// An answers file is decoded by yaml.v3, which refuses the expansion.
	_, err := ParseAnswers("bomb.yaml", []byte(billionLaughs("answers")), Default())
	wantProblem(t, err, "bomb.yaml", "excessive aliasing")
}

func TestAliasBombInBankFieldsIsRefused(t *testing.T) {
	// The bank's own shape cannot nest aliases, but one option list shared
	// by many questions multiplies: 1,000 options x 2,000 questions.
	var sb strings.Builder
	sb.WriteString(tinyHeader + "dimensions: [{id: d1, name: One}]\nquestions:\n  - {id: q0, dimension: d1, text: Q, type: multi, options: &o [")
	for i := 0; i < 1000; i++ {
		fmt.Fprintf(&sb, "{id: o%d, label: L, score: 0}, ", i)
	}
	sb.WriteString("]}\n")
	for i := 1; i < 2000; i++ {
		fmt.Fprintf(&sb, "  - {id: q%d, dimension: d1, text: Q, type: multi, options: *o}\n", i)
	}
	_, err := Parse(File{Name: "bomb.yaml", Data: []byte(sb.String())})
	ps := wantProblem(t, err, "bomb.yaml:", "aliases (*name) expand to more than 100000 YAML nodes")
	if len(ps) != 1 || ps[0].Pos.Line < 10 {
		t.Errorf("want the alias problem alone, at the alias's line:\n%v", err)
	}
}

// textBomb is a bank whose first question's text is a long string
// anchored once (&big) and whose refs more questions take it as text and
// help through aliases: one copy in the file, 2×refs+1 once loaded.
func textBomb(size, refs int) string {
	var sb strings.Builder
	sb.WriteString(tinyHeader + "dimensions: [{id: d1, name: One}]\nquestions:\n  - {id: q0, dimension: d1, text: &big \"" + strings.Repeat("y", size) + "\"}\n")
	for i := 1; i <= refs; i++ {
		fmt.Fprintf(&sb, "  - {id: q%d, dimension: d1, text: *big, help: *big}\n", i)
	}
	return sb.String()
}

// TestAliasTextBombIsRefused: a long text anchored once and referenced
// many times is one node per alias but megabytes each: aliases are
// charged the bytes of the text they expand to, so the file is refused
// at the alias that passes maxAliasBytes, alone, with what to do. Before,
// a 1 MB string referenced 200 times passed bank validate and made bank
// translate write 201 MB (3,000 times: 24 GB, killed).
func TestAliasTextBombIsRefused(t *testing.T) {
	data := textBomb(1<<20, 100)
	_, err := Parse(File{Name: "bomb.yaml", Data: []byte(data)})
	ps := wantProblem(t, err, "bomb.yaml:", "aliases (*name) expand to more than 4 MiB of text")
	// q1 and q2 bring 4 MiB; q3's text passes the limit.
	q3 := strings.Count(data[:strings.Index(data, "{id: q3,")], "\n") + 1
	if len(ps) != 1 || ps[0].Pos.Line != q3 || !strings.Contains(ps[0].Msg, "write the shared text out") {
		t.Errorf("want the alias problem alone, at the alias's line, saying what to do:\n%v", err)
	}
	// The catalogue and translation decoders share the budget.
	cat := "schema: digilead.catalogue/v1\nbank: b\nactions:\n  a: [{kind: reading, text: &big \"" + strings.Repeat("y", 1<<20) + "\"}]\n" +
		strings.Repeat("  b: [{kind: reading, text: *big}, {kind: reading, text: *big}, {kind: reading, text: *big}, {kind: reading, text: *big}, {kind: reading, text: *big}]\n", 1)
	_, err = ParseCatalogue(File{Name: "cat.yaml", Data: []byte(cat)})
	wantProblem(t, err, "cat.yaml:", "MiB of text")
	tr := "schema: digilead.translation/v1\nbank: tiny\nlanguage: cy\ntitle: &big \"" + strings.Repeat("y", 1<<20) + "\"\n" +
		"tiers: {first: {challenges: [*big, *big, *big, *big, *big]}}\n"
	bank, err := os.ReadFile("testdata/translate/bank.yaml")
	if err != nil {
		t.Fatal(err)
	}
	b, err := Parse(File{Name: "bank.yaml", Data: bank})
	if err != nil {
		t.Fatal(err)
	}
	_, _, err = ParseTranslation(File{Name: "tr.yaml", Data: []byte(tr)}, b)
	wantProblem(t, err, "tr.yaml:", "MiB of text")
}

// TestSharedTextsWithinLimitAreAccepted: texts shared through aliases
// within maxAliasBytes load: a 1 KB help text given to 2,000 questions
// (2 MB once loaded) and an option list shared by all of them.
func TestSharedTextsWithinLimitAreAccepted(t *testing.T) {
	var sb strings.Builder
	sb.WriteString(tinyHeader + "dimensions: [{id: d1, name: One}]\nquestions:\n  - {id: q0, dimension: d1, text: Q, help: &help \"" + strings.Repeat("Say how often. ", 70) + "\", type: choice, options: &o [{id: a, label: Never, score: 0}, {id: b, label: Often, score: 1}]}\n")
	for i := 1; i < 2000; i++ {
		fmt.Fprintf(&sb, "  - {id: q%d, dimension: d1, text: Q, help: *help, type: choice, options: *o}\n", i)
	}
	b, err := Parse(File{Name: "shared.yaml", Data: []byte(sb.String())})
	if err != nil {
		t.Fatal(err)
	}
	if q, _ := b.Question("q1999"); len(q.Help) < 1000 || len(q.Options) != 2 {
		t.Errorf("q1999 has help of %d bytes and %d options through the aliases", len(q.Help), len(q.Options))
	}
}

func TestAliasesWithinLimitAreAccepted(t *testing.T) {
	bank := tinyHeader + `dimensions: [{id: d1, name: One}]
questions:
  - {id: q1, dimension: d1, text: Q, type: choice, options: &agree [{id: a, label: A, score: 0}, {id: b, label: B, score: 1}]}
  - {id: q2, dimension: d1, text: Q, type: choice, options: *agree}
  - {id: q3, dimension: d1, text: Q, type: multi, options: *agree}
`
	b, err := Parse(File{Name: "shared.yaml", Data: []byte(bank)})
	if err != nil {
		t.Fatal(err)
	}
	if q, _ := b.Question("q3"); len(q.Options) != 2 {
		t.Errorf("q3 has %d options through the alias, want 2", len(q.Options))
	}
}

func TestNestingDepthIsRefused(t *testing.T) {
	deep := strings.Repeat("[", 20000) + strings.Repeat("]", 20000)
	_, err := Parse(File{Name: "deep.yaml", Data: []byte("tiers: " + deep + "\n")})
	wantProblem(t, err, "deep.yaml", "exceeded max depth")

	b := Default()
	_, err = ParseAnswers("deep.yaml", []byte("answers: {x: "+deep+"}\n"), b)
	wantProblem(t, err, "deep.yaml", "exceeded max depth")
	_, err = ParseAnswers("deep.json", []byte(`{"answers": {"x": `+deep+"}}"), b)
	wantProblem(t, err, "deep.json:1", "exceeded max depth")
}
