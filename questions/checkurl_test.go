package questions

import (
	"strings"
	"testing"
)

// TestCheckURL: an action's address is refused when it holds what a text
// or Markdown report would print raw or not at all (a space of any kind,
// a line or paragraph separator, a control or format character), or a
// port no host can have.
func TestCheckURL(t *testing.T) {
	for in, want := range map[string]string{
		"https://example.org/x":              "",
		"https://example.org:8443/x":         "",
		"http://example.org:0/":              "",
		"https://example.org:65535/":         "",
		"https://example.org/caf%C3%A9":      "",
		"https://example.org/café":           "",
		"https://example.org/ x":             "has spaces",
		"https://example.org/\u00a0x":        "has spaces", // no-break space
		"https://example.org/x\u2028y":       "has spaces", // line separator
		"https://example.org/x\u2029y":       "has spaces", // paragraph separator
		"https://example.org/\u00a0x\u2028y": "has spaces", // the QA report's
		"https://example.org/x\u3000y":       "has spaces", // ideographic space
		"https://example.org/x\u0085y":       "has spaces", // next line
		"https://example.org/x\u200by":       "has spaces", // zero-width space (Cf)
		"https://example.org/x\ufeffy":       "has spaces", // BOM (Cf)
		"https://example.org/x\u00ady":       "has spaces", // soft hyphen (Cf)
		"https://example.org/x\u202ey":       "has spaces", // override
		"https://example.org:99999/":         "port 99999 is outside 0–65535",
		"https://example.org:65536/":         "port 65536 is outside 0–65535",
	} {
		got := CheckURL(in)
		if want == "" && got != "" || want != "" && !strings.Contains(got, want) {
			t.Errorf("CheckURL(%q) = %q, want %q", in, got, want)
		}
	}
}
