package lang

import (
	"strings"
	"testing"
)

// TestCheckTag: one check for every language tag digilead reads (a bank's,
// an action's, a translation's, --lang): well-formed BCP 47, known or not;
// a locale's form is named as such.
func TestCheckTag(t *testing.T) {
	for s, want := range map[string]string{
		"cy": "", "en": "", "fr-CA": "", "xx": "", "zh-Hant-TW": "", "de-1996": "", "sr-Latn-RS": "", "en-GB": "", "de-AT": "",
		"":                 "is not a BCP 47 language tag",
		"english":          `"english" is not a BCP 47 language tag; use one such as en, cy, fr or en-GB`,
		"!!":               `"!!" is not a BCP 47 language tag`,
		"Welsh!":           "is not a BCP 47 language tag",
		"klingon-xx-yy":    "is not a BCP 47 language tag",
		"c":                "is not a BCP 47 language tag",
		"e n":              "is not a BCP 47 language tag",
		"en US":            "is not a BCP 47 language tag",
		"../../etc/passwd": "is not a BCP 47 language tag",
		"en-":              "is not a BCP 47 language tag",
		"-en":              "is not a BCP 47 language tag",
		"en--GB":           "is not a BCP 47 language tag",
		"toolonglang":      "is not a BCP 47 language tag",
		"1e":               "is not a BCP 47 language tag",
		"en-abcdefghi":     "is not a BCP 47 language tag",
		"é":                "is not a BCP 47 language tag",
		"en\u00a0GB":       "is not a BCP 47 language tag",
		"de_DE.UTF-8":      "is not a BCP 47 language tag",
		"en_GB":            `"en_GB" is a locale's form, not a language tag; write en-GB`,
		"cy_GB":            `"cy_GB" is a locale's form, not a language tag; write cy-GB`,
	} {
		got := CheckTag(s)
		if want == "" && got != "" || want != "" && !strings.Contains(got, want) {
			t.Errorf("CheckTag(%q) = %q, want %q", s, got, want)
		}
		if IsTag(s) != (want == "") {
			t.Errorf("IsTag(%q) = %v, want %v", s, IsTag(s), want == "")
		}
	}
}
