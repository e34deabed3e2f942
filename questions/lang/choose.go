package lang

import (
	"strings"
	"sync"
)

// Requested is the language a person asks for: the --lang flag, else
// DIGILEAD_LANG, else the POSIX locale (LC_ALL, LC_MESSAGES, LANG: the
// first one set decides). A locale is turned into a tag ("fr_CA.UTF-8" is
// "fr-CA"); "" means no wish, as does the C or POSIX locale. getenv reads
// the environment of whoever asks: the process's own, or an SSH client's
// for a served questionnaire.
func Requested(flag string, getenv func(string) string) string {
	if flag != "" {
		return Normalize(flag)
	}
	if v := getenv("DIGILEAD_LANG"); v != "" {
		return Normalize(v)
	}
	for _, k := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		if v := getenv(k); v != "" {
			return Normalize(v)
		}
	}
	return ""
}

// Normalize turns a BCP 47 tag or a POSIX locale into a tag: "fr_CA.UTF-8"
// and "fr-ca" are "fr-CA", "cy_GB@euro" is "cy-GB"; "C" and "POSIX" are "".
func Normalize(s string) string {
	s = strings.TrimSpace(s)
	if i := strings.IndexAny(s, ".@"); i >= 0 {
		s = s[:i]
	}
	if s == "C" || s == "POSIX" {
		return ""
	}
	parts := strings.Split(strings.ReplaceAll(s, "_", "-"), "-")
	for i, p := range parts {
		switch {
		case i == 0:
			parts[i] = strings.ToLower(p)
		case len(p) == 2:
			parts[i] = strings.ToUpper(p) // a region
		case len(p) == 4:
			parts[i] = Capitalise(strings.ToLower(p)) // a script
		default:
			parts[i] = strings.ToLower(p)
		}
	}
	return strings.Join(parts, "-")
}

// Base is a tag's language without region or script: "fr" for "fr-CA".
func Base(tag string) string {
	tag = Normalize(tag)
	if i := strings.IndexByte(tag, '-'); i >= 0 {
		return tag[:i]
	}
	return tag
}

// Match returns the language of available that serves a request: the same
// tag, else one with the same base language ("fr" serves "fr-CA", and
// "fr-CA" serves "fr" when there is no plain "fr"). ok is false when none
// does.
func Match(requested string, available []string) (tag string, ok bool) {
	requested = Normalize(requested)
	if requested == "" {
		return "", false
	}
	for _, a := range available {
		if Normalize(a) == requested {
			return a, true
		}
	}
	base := Base(requested)
	for _, a := range available {
		if Normalize(a) == base {
			return a, true
		}
	}
	for _, a := range available {
		if Base(a) == base {
			return a, true
		}
	}
	return "", false
}

// Name is a language's name in that language (Cymraeg, Français), for
// offering a choice of languages: from its catalog, else from a table of
// the languages of Europe, else the tag itself.
func Name(tag string) string {
	base := Base(tag)
	if l := Get(tag); base == l.Tag() {
		return l.T("language.name")
	}
	if n, ok := endonyms()[base]; ok {
		return n
	}
	return tag
}

// endonyms name the languages of Europe without a catalog in their own
// words, for a trainer's translation into one of them (made on first
// use).
var endonyms = sync.OnceValue(func() map[string]string {
	return map[string]string{
		"bg": "Български", "br": "Brezhoneg", "ca": "Català", "cs": "Čeština", "da": "Dansk",
		"de": "Deutsch", "el": "Ελληνικά", "es": "Español", "et": "Eesti", "eu": "Euskara",
		"fi": "Suomi", "ga": "Gaeilge", "gd": "Gàidhlig", "gl": "Galego", "hr": "Hrvatski",
		"hu": "Magyar", "is": "Íslenska", "it": "Italiano", "kw": "Kernewek", "lb": "Lëtzebuergesch",
		"lt": "Lietuvių", "lv": "Latviešu", "mt": "Malti", "nb": "Norsk bokmål", "nl": "Nederlands",
		"nn": "Norsk nynorsk", "pl": "Polski", "pt": "Português", "ro": "Română", "sk": "Slovenčina",
		"sl": "Slovenščina", "sq": "Shqip", "sr": "Српски", "sv": "Svenska", "tr": "Türkçe",
		"uk": "Українська",
	}
})
