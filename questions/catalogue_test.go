package questions

import (
	"bytes"
	"errors"
	"reflect"
	"strings"
	"testing"

	"github.com/digilead/digilead/questions/errtext"
)

func TestCatalogue(t *testing.T) {
	b := Default()
	c, err := LoadCatalogue("testdata/catalogue/dept.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if err := c.Check(b); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(c.Dimensions, []string{"data-informed-decisions", "responsible-ai", "accessibility"}) {
		t.Errorf("dimensions = %v", c.Dimensions)
	}
	a := c.Actions["data-informed-decisions"][0]
	if a.URL != "https://learning.example.gov/data-2" || a.Provider != "Civil Service College" || a.Minutes != 90 || a.Language != "en" || a.Pos.Line != 6 {
		t.Errorf("action = %+v", a)
	}
	applied := c.Apply(b)
	if applied.Digest != b.Digest || applied.ID != b.ID || len(applied.Dimensions) != len(b.Dimensions) {
		t.Error("Apply changed the bank's identity")
	}
	for i, d := range applied.Dimensions {
		want := b.Dimensions[i].Actions
		if acts, ok := c.Actions[d.ID]; ok {
			want = acts
		}
		if !reflect.DeepEqual(d.Actions, want) {
			t.Errorf("%s: actions %v, want %v", d.ID, d.Actions, want)
		}
		if d.ID == "data-informed-decisions" && reflect.DeepEqual(d.Actions, b.Dimensions[i].Actions) {
			t.Error("the catalogue's actions did not replace the bank's")
		}
	}
	if b.Dimensions[0].Actions == nil || Default().Digest != b.Digest {
		t.Error("Apply changed the bank it was given")
	}
	// Languages other than the report's, at FILE:LINE.
	ws := c.OtherLanguage("cy")
	if len(ws) != 1 || ws[0].String() != `testdata/catalogue/dept.yaml:6: actions.data-informed-decisions[0].language: the action is in en, the report in cy; readers of cy may not follow it` {
		t.Errorf("warnings = %v", ws)
	}
	if ws := c.OtherLanguage("en-GB"); len(ws) != 1 || !strings.Contains(ws[0].String(), ":12: actions.responsible-ai[0].language") {
		t.Errorf("warnings in en-GB = %v", ws)
	}
}

func TestCatalogueProblems(t *testing.T) {
	const head = "schema: digilead.catalogue/v1\nbank: public-sector-digital-leadership\n"
	for _, c := range []struct{ name, data, want string }{
		{"empty", "", "c.yaml: file is empty; a catalogue needs schema: digilead.catalogue/v1, bank and actions"},
		{"not a mapping", "- a\n", "c.yaml:1: the file must be a mapping of catalogue fields (schema: …, bank: …, actions: …), not a list"},
		{"wrong schema", "schema: digilead/v1\nbank: x\nactions: {}\n", `c.yaml:1: schema: "digilead/v1" is not a catalogue; a catalogue says schema: digilead.catalogue/v1`},
		{"missing bank", "schema: digilead.catalogue/v1\nactions: {}\n", "c.yaml:1: bank: missing"},
		{"unknown key", head + "action: {}\n", "c.yaml:3: action: unknown field"},
		{"no kind", head + "actions:\n  leading-change:\n    - {text: x}\n", "c.yaml:5: actions.leading-change[0].kind: missing; use one of"},
		{"bad kind", head + "actions:\n  leading-change:\n    - {kind: course, text: x}\n", `c.yaml:5: actions.leading-change[0].kind: unknown action kind "course"`},
		{"bad url", head + "actions:\n  leading-change:\n    - {kind: training, text: x, url: \"javascript:alert(1)\"}\n", `c.yaml:5: actions.leading-change[0].url: "javascript:alert(1)" is not an http or https address`},
		{"relative url", head + "actions:\n  leading-change:\n    - {kind: training, text: x, url: /courses/1}\n", `actions.leading-change[0].url: "/courses/1" is not an http or https address`},
		{"url with a space", head + "actions:\n  leading-change:\n    - {kind: training, text: x, url: \"https://a.example/x y\"}\n", "url: has spaces, line breaks, or control or invisible characters"},
		{"url with a user", head + "actions:\n  leading-change:\n    - {kind: training, text: x, url: \"https://gov.uk@evil.example/\"}\n", "c.yaml:5: actions.leading-change[0].url: names a user or password before the host"},
		{"url with quotes", head + "actions:\n  leading-change:\n    - {kind: training, text: x, url: 'https://a.example/\"onmouseover=\"x'}\n", "c.yaml:5: actions.leading-change[0].url: has quotes, angle brackets, backslashes or backticks; encode them"},
		{"url with angle brackets", head + "actions:\n  leading-change:\n    - {kind: training, text: x, url: \"https://a.example/<x>\"}\n", "url: has quotes, angle brackets, backslashes or backticks"},
		{"minutes", head + "actions:\n  leading-change:\n    - {kind: training, text: x, minutes: 0}\n", "c.yaml:5: actions.leading-change[0].minutes: must be a whole number of minutes from 1 to 120000, got 0"},
		{"minutes not a number", head + "actions:\n  leading-change:\n    - {kind: training, text: x, minutes: an hour}\n", "actions.leading-change[0].minutes:"},
		{"language", head + "actions:\n  leading-change:\n    - {kind: training, text: x, language: Welsh!}\n", `actions.leading-change[0].language: "Welsh!" is not a BCP 47 language tag`},
		{"language as a locale", head + "actions:\n  leading-change:\n    - {kind: training, text: x, language: en_GB}\n", `c.yaml:5: actions.leading-change[0].language: "en_GB" is a locale's form, not a language tag; write en-GB`},
		{"unknown action key", head + "actions:\n  leading-change:\n    - {kind: training, text: x, link: y}\n", "c.yaml:5: actions.leading-change[0].link: unknown field"},
		{"url unquoted in braces", head + "actions:\n  leading-change:\n    - {kind: training, text: x, url: https://a.example/b?c=1}\n", `c.yaml:5: YAML syntax: did not find expected ',' or '}'; inside {…} quote a value that holds ': ' or ',' or a URL (url: "https://…")`},
		{"two documents", head + "actions: {}\n---\nbank: x\n", "more than one YAML document"},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, err := ParseCatalogue(File{Name: "c.yaml", Data: []byte(c.data)})
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Errorf("error = %v\nwant it to contain %q", err, c.want)
			}
		})
	}
}

func TestCatalogueCheck(t *testing.T) {
	b := Default()
	for _, c := range []struct{ name, data, want string }{
		{"other bank", "schema: digilead.catalogue/v1\nbank: other-bank\nactions: {}\n",
			`c.yaml:2: bank: the catalogue is for bank "other-bank" but the bank in use is "public-sector-digital-leadership"`},
		{"unknown dimension", "schema: digilead.catalogue/v1\nbank: public-sector-digital-leadership\nactions:\n  data-informed-decision: []\n",
			`c.yaml:4: actions.data-informed-decision: unknown dimension "data-informed-decision" (did you mean "data-informed-decisions"?); the bank's dimensions are`},
		{"unknown tier", "schema: digilead.catalogue/v1\nbank: public-sector-digital-leadership\nactions:\n  leading-change:\n    - {kind: training, text: x, tiers: [strategik]}\n",
			`c.yaml:5: actions.leading-change[0].tiers: unknown tier "strategik" (did you mean "strategic"?)`},
	} {
		t.Run(c.name, func(t *testing.T) {
			cat, err := ParseCatalogue(File{Name: "c.yaml", Data: []byte(c.data)})
			if err != nil {
				t.Fatal(err)
			}
			if err := cat.Check(b); err == nil || !strings.Contains(err.Error(), c.want) {
				t.Errorf("error = %v\nwant it to contain %q", err, c.want)
			}
		})
	}
}

// FuzzParseCatalogue feeds the catalogue parser any bytes: it returns
// Problems that point into the file, or a catalogue whose every action
// has a kind and text, and an address (when it has one) a report may link
// to, whether or not Check then accepts it for the built-in bank.
func FuzzParseCatalogue(f *testing.F) {
	for _, seed := range []string{
		"schema: digilead.catalogue/v1\nbank: public-sector-digital-leadership\nactions:\n  leading-change:\n    - {kind: training, text: x, url: \"https://a.example/b\", provider: p, minutes: 5, language: cy, tiers: [frontline]}\n",
		"schema: digilead.catalogue/v1\nbank: b\nactions: {a: [], b: [{kind: reading, text: &x t}], c: [*x]}\n",
		"schema: digilead.catalogue/v1\nbank: b\nactions: {a: {kind: reading}}\n",
		"bank: [x]\n",
		"{",
		"",
	} {
		f.Add([]byte(seed))
	}
	b := Default()
	f.Fuzz(func(t *testing.T, in []byte) {
		c, err := ParseCatalogue(File{Name: "c.yaml", Data: in})
		if err != nil {
			var ps Problems
			if !errors.As(err, &ps) || len(ps) == 0 || !errors.Is(err, errtext.ErrInvalid) {
				t.Fatalf("error %v is not Problems", err)
			}
			lines := yamlLines(in) + bytes.Count(in, []byte("\r\n")) // as YAML counts them, and a CR LF as yaml.v3 may: twice
			for _, p := range ps {
				if p.Pos.File != "c.yaml" || p.Pos.Line > lines+1 { // yaml.v3 may name the line after the end
					t.Fatalf("problem %v points outside the file (%d lines)", p, lines)
				}
			}
			return
		}
		for _, id := range c.Dimensions {
			for _, a := range c.Actions[id] {
				if a.Kind == "" || strings.TrimSpace(a.Text) == "" || a.URL != "" && CheckURL(a.URL) != "" || a.Minutes < 0 {
					t.Fatalf("action %+v taken", a)
				}
			}
		}
		if c.Check(b) == nil {
			c.Apply(b) // must not panic
		}
	})
}

// TestCatalogueMinutesOneProblem: minutes that are no whole number are one
// problem, not that and a second about its range.
func TestCatalogueMinutesOneProblem(t *testing.T) {
	for _, m := range []string{"90.5", `"90"`, "an hour", "1e3"} {
		data := "schema: digilead.catalogue/v1\nbank: public-sector-digital-leadership\nactions:\n  leading-change:\n    - {kind: training, text: x, minutes: " + m + "}\n"
		_, err := ParseCatalogue(File{Name: "c.yaml", Data: []byte(data)})
		var ps Problems
		if !errors.As(err, &ps) || len(ps) != 1 {
			t.Errorf("minutes: %s: %v, want one problem", m, err)
		}
	}
}

func TestLoadCatalogueOfNoSuchFileIsBadUsage(t *testing.T) {
	_, err := LoadCatalogue("testdata/catalogue/none.yaml")
	if !errors.Is(err, errtext.ErrInvalid) || err.Error() != "testdata/catalogue/none.yaml: no such file; give a digilead.catalogue/v1 file" {
		t.Errorf("LoadCatalogue(none) = %v", err)
	}
}
