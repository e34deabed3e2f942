package lang

import (
	"bytes"
	"os"
	"regexp"
	"testing"

	"github.com/digilead/digilead/questions/lang/internal/englishgen"
)

// TestEnglishIsCompiledFromItsCatalog: english.go is what genenglish makes
// of catalog/en.yaml (go generate ./questions/lang after editing it).
func TestEnglishIsCompiledFromItsCatalog(t *testing.T) {
	data, err := Catalog(Source)
	if err != nil {
		t.Fatal(err)
	}
	want, err := englishgen.Generate(data)
	if err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile("english.go")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Fatal("english.go is not catalog/en.yaml compiled: run go generate ./questions/lang")
	}
}

// TestCompiledEnglishSaysWhatGoI18nSays: every English message, with its
// data and in every plural form, is word for word what go-i18n makes of
// the catalog; so are messages that do not exist, and missing data.
func TestCompiledEnglishSaysWhatGoI18nSays(t *testing.T) {
	compiled := English()
	if !compiled.compiled {
		t.Fatal("English is not spoken from the compiled catalog")
	}
	bundle, err := Rewritten(Source, func(_, msg string) string { return msg })
	if err != nil {
		t.Fatal(err)
	}
	names := regexp.MustCompile(`\{\{\.([A-Za-z0-9_]+)\}\}`)
	for _, m := range english {
		kv := []any{}
		for _, n := range names.FindAllStringSubmatch(m.one+m.other, -1) {
			kv = append(kv, n[1], "<"+n[1]+">")
		}
		check := func(what, got, want string) {
			t.Helper()
			if got != want {
				t.Errorf("%s %s: compiled %q, go-i18n %q", m.id, what, got, want)
			}
		}
		check("T", compiled.T(m.id, kv...), bundle.T(m.id, kv...))
		check("T without data", compiled.T(m.id), bundle.T(m.id))
		for _, n := range []int{0, 1, 2, 11} {
			check("N", compiled.N(m.id, n, kv...), bundle.N(m.id, n, kv...))
		}
		for _, x := range []float64{1, 1.5, 2.25, 0} {
			check("NF", compiled.NF(m.id, x, kv...), bundle.NF(m.id, x, kv...))
		}
		check("TOr", compiled.TOr(m.id, "fallback", kv...), bundle.TOr(m.id, "fallback", kv...))
	}
	for _, id := range []string{"no.such.message", ""} {
		if got, want := compiled.T(id), bundle.T(id); got != want {
			t.Errorf("missing %q: compiled %q, go-i18n %q", id, got, want)
		}
		if got, want := compiled.TOr(id, "fallback"), bundle.TOr(id, "fallback"); got != want {
			t.Errorf("missing %q with a fallback: compiled %q, go-i18n %q", id, got, want)
		}
	}
}
