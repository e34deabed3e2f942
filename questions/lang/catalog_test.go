package lang

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/nicksnyder/go-i18n/v2/i18n"
	"gopkg.in/yaml.v3"
)

// messages parses a catalog into its messages by id.
func messages(t *testing.T, tag string) map[string]*i18n.Message {
	t.Helper()
	data, err := Catalog(tag)
	if err != nil {
		t.Fatal(err)
	}
	msgs, err := i18n.ParseMessageBytes(data, yaml.Unmarshal)
	if err != nil {
		t.Fatalf("catalog %s: %v", tag, err)
	}
	out := map[string]*i18n.Message{}
	for _, m := range msgs {
		out[m.ID] = m
	}
	return out
}

var placeholder = regexp.MustCompile(`\{\{\s*\.(\w+)\s*\}\}`)

// fields are the data a message uses, over all its forms.
func fields(m *i18n.Message) []string {
	var fs []string
	for _, f := range []string{m.Zero, m.One, m.Two, m.Few, m.Many, m.Other} {
		for _, sub := range placeholder.FindAllStringSubmatch(f, -1) {
			fs = append(fs, sub[1])
		}
	}
	slices.Sort(fs)
	return slices.Compact(fs)
}

func plural(m *i18n.Message) bool {
	return m.One != "" || m.Two != "" || m.Few != "" || m.Many != "" || m.Zero != ""
}

// pluralForms are the CLDR forms each catalog language's plural messages
// must give.
var pluralForms = map[string][]string{
	"en": {"one", "other"},
	"cy": {"zero", "one", "two", "few", "many", "other"},
	"fr": {"one", "many", "other"},
}

func formsByName(m *i18n.Message) map[string]string {
	return map[string]string{"zero": m.Zero, "one": m.One, "two": m.Two, "few": m.Few, "many": m.Many, "other": m.Other}
}

// TestCatalogsAreComplete checks that every catalog has every English
// message, with the same data, plural where English is plural and with
// every plural form its language needs, and nothing English lacks.
func TestCatalogsAreComplete(t *testing.T) {
	en := messages(t, Source)
	for _, tag := range Catalogs {
		msgs := messages(t, tag)
		for id, src := range en {
			m, ok := msgs[id]
			if !ok {
				t.Errorf("%s: no message %s", tag, id)
				continue
			}
			// A date's format may use any of the date's parts (see dateArgs).
			if got, want := fields(m), fields(src); !slices.Equal(got, want) && !strings.HasPrefix(id, "format.") {
				t.Errorf("%s: %s uses %v, English uses %v", tag, id, got, want)
			}
			if plural(m) != plural(src) {
				t.Errorf("%s: %s has plural forms %v, English %v", tag, id, plural(m), plural(src))
			}
			if !plural(m) {
				continue
			}
			fm := formsByName(m)
			for _, f := range pluralForms[tag] {
				if fm[f] == "" {
					t.Errorf("%s: %s lacks the plural form %s", tag, id, f)
				}
			}
		}
		for id := range msgs {
			if _, ok := en[id]; !ok {
				t.Errorf("%s: %s is not an English message (a typo, or left over?)", tag, id)
			}
		}
	}
}

// TestWelshPlurals checks the six Welsh plural forms with the noun's
// mutation: 1 cwestiwn, 2 gwestiwn, 3 chwestiwn.
func TestWelshPlurals(t *testing.T) {
	cy := Get("cy")
	for n, want := range map[int]string{
		0: "0 cwestiwn", 1: "1 cwestiwn", 2: "2 gwestiwn", 3: "3 chwestiwn", 6: "6 chwestiwn", 11: "11 cwestiwn", 4: "4 cwestiwn",
	} {
		if got := cy.N("count.questions", n); got != want {
			t.Errorf("cy %d: %q, want %q", n, got, want)
		}
	}
	for n, want := range map[int]string{1: "1 question", 2: "2 questions", 0: "0 question"} {
		if got := Get("fr").N("count.questions", n); got != want {
			t.Errorf("fr %d: %q, want %q", n, got, want)
		}
	}
}

// TestFrenchSpaces checks the non-breaking spaces French puts before : ;
// ? ! and %.
func TestFrenchSpaces(t *testing.T) {
	fr := Get("fr")
	for _, tt := range []struct{ got, want string }{
		{fr.T("label", "Text", "Niveau"), "Niveau\u00a0:"},
		{fr.Percent(fr.Num(56.25)), "56,25\u00a0%"},
		{fr.T("form.role"), "Quel palier décrit le mieux votre rôle actuel\u00a0?"},
		{fr.List([]string{"a", "b", "c"}), "a, b et c"},
	} {
		if tt.got != tt.want {
			t.Errorf("got %q, want %q", tt.got, tt.want)
		}
	}
	if got := Get("cy").List([]string{"Data", "Arloesi"}); got != "Data ac Arloesi" {
		t.Errorf("Welsh list before a vowel: %q", got)
	}
}

// moduleRoot is the module's root directory.
func moduleRoot() string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Join(filepath.Dir(file), "..", "..")
}

// sayers are the calls whose first argument is a message id.
var sayers = map[string]bool{"T": true, "N": true, "NF": true, "TOr": true, "M": true, "P": true}

// TestEveryMessageUsedExists finds every message id written in the code
// (a string literal passed first to T, N, NF, TOr, lang.M or lang.P, and
// "label", prefix-ids completed at run time being left out) and checks the
// English catalog has it.
func TestEveryMessageUsedExists(t *testing.T) {
	en := messages(t, Source)
	root := moduleRoot()
	seen := 0
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (strings.HasPrefix(d.Name(), ".") && path != root || d.Name() == "testdata") {
			return filepath.SkipDir
		}
		if d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return nil
		}
		f, err := parser.ParseFile(token.NewFileSet(), path, nil, 0)
		if err != nil {
			return err
		}
		ast.Inspect(f, func(n ast.Node) bool {
			call, ok := n.(*ast.CallExpr)
			if !ok || len(call.Args) == 0 {
				return true
			}
			sel, ok := call.Fun.(*ast.SelectorExpr)
			if !ok || !sayers[sel.Sel.Name] {
				return true
			}
			lit, ok := call.Args[0].(*ast.BasicLit)
			if !ok || lit.Kind != token.STRING {
				return true
			}
			id, _ := strconv.Unquote(lit.Value)
			if !strings.Contains(id, ".") && id != "label" || strings.HasSuffix(id, ".") {
				return true // not a message id, or one completed at run time
			}
			seen++
			if _, ok := en[id]; !ok {
				t.Errorf("%s: message %q is not in the English catalog", path, id)
			}
			return true
		})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if seen < 300 {
		t.Errorf("found %d message ids in the code; the walk is broken", seen)
	}

}
