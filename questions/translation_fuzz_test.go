package questions

import (
	"bytes"
	"os"
	"strings"
	"testing"

	"github.com/digilead/digilead/questions/safetext"
)

// FuzzParseTranslation feeds the translation parser any bytes, checked
// against a small bank. Whatever the input, it returns Problems that point
// into the file, or a translation whose texts are free of control
// characters and that keeps the bank's structure when applied; a file
// written from it by WriteTranslation parses again to the same texts.
func FuzzParseTranslation(f *testing.F) {
	data, err := os.ReadFile("testdata/translate/bank.yaml")
	if err != nil {
		f.Fatal(err)
	}
	b, err := Parse(File{Name: "bank.yaml", Data: data})
	if err != nil {
		f.Fatal(err)
	}
	var skeleton bytes.Buffer
	WriteTranslation(&skeleton, b, "cy", "Cymraeg", nil)
	f.Add(skeleton.Bytes())
	for _, seed := range []string{
		"schema: digilead.translation/v1\nbank: tiny\nlanguage: cy\ntitle: Banc\n",
		"schema: digilead.translation/v1\nbank: tiny\nlanguage: fr\nscale: {labels: [a, b, c]}\nquestions: {d1: {options: {check: x}}}\nreview: [title]\nsources: {title: 00000000}\n",
		"schema: digilead.translation/v1\nbank: tiny\nlanguage: de\ntiers: {first: {challenges: [a, &x b]}}\ndimensions: {vision: {actions: [*x, c]}}\n",
		"schema: digilead.translation/v1\nbank: tiny\nlanguage: cy\ndescription: |\n  un\n  dau\n",
		"language: cy\n---\nbank: tiny\n",
		"{",
		"",
	} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, in []byte) {
		file := File{Name: "cy.yaml", Data: in}
		tr, _, err := ParseTranslation(file, b)
		if err != nil {
			if tr != nil {
				t.Fatalf("a translation and an error: %v", err)
			}
			checkProblems(t, err, []File{file})
			return
		}
		for path, s := range tr.texts {
			if _, i := safetext.Find(s); i >= 0 {
				t.Fatalf("%s holds an unsafe character: %q", path, s)
			}
		}
		in2 := b.Translated(tr)
		if len(in2.Questions) != len(b.Questions) || len(in2.Tiers) != len(b.Tiers) || len(in2.Dimensions) != len(b.Dimensions) || in2.Digest != b.Digest {
			t.Fatal("a translation changed the bank's structure")
		}
		if tr.Language == "" || strings.ContainsAny(tr.Language, " \n") {
			return // not writable as a file of its own
		}
		var out bytes.Buffer
		if _, err := WriteTranslation(&out, b, tr.Language, tr.Language, tr); err != nil {
			t.Fatal(err)
		}
		again, _, err := ParseTranslation(File{Name: "again.yaml", Data: out.Bytes()}, b)
		if err != nil {
			t.Fatalf("a written translation does not parse: %v\n%s", err, out.String())
		}
		for _, x := range b.Texts() {
			if got, want := again.Text(x.Path), tr.Text(x.Path); got != want {
				t.Fatalf("%s: %q after writing, %q before", x.Path, got, want)
			}
		}
	})
}
