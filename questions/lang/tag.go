package lang

import (
	"errors"
	"fmt"
	"strings"

	"golang.org/x/text/language"
)

// CheckTag is the one check of a language tag, for a bank's language, an
// action's, a translation's, bank translate's and --lang: it says what is
// wrong with s, or "" when s is a well-formed BCP 47 tag (cy, fr, de-AT,
// sr-Latn-RS), known to digilead or not (xx). A POSIX locale (en_GB,
// de_DE.UTF-8) is not a tag; --lang turns one into a tag (Normalize)
// before asking.
func CheckTag(s string) string {
	if i := strings.IndexByte(s, '_'); i > 0 && !strings.ContainsAny(s, " .@") {
		if CheckTag(strings.ReplaceAll(s, "_", "-")) == "" {
			return fmt.Sprintf("%q is a locale's form, not a language tag; write %s", s, strings.ReplaceAll(s, "_", "-"))
		}
	}
	if !IsTag(s) {
		return fmt.Sprintf("%q is not a BCP 47 language tag; use one such as en, cy, fr or en-GB", s)
	}
	return ""
}

// IsTag reports whether s is a well-formed BCP 47 language tag, known or
// not (see CheckTag).
func IsTag(s string) bool {
	if s == "" || strings.ContainsAny(s, "_.@") || strings.ContainsFunc(s, func(r rune) bool { return r <= ' ' || r > '~' }) {
		return false
	}
	_, err := language.Parse(s)
	var unknown language.ValueError // well-formed, but not in the registry
	return err == nil || errors.As(err, &unknown)
}
