package lang

import (
	"testing"
	"time"
)

func TestFormats(t *testing.T) {
	en := English()
	tests := []struct {
		got, want string
	}{
		{en.Num(52.5), "52.5"},
		{en.Num(66.666), "66.67"},
		{en.Num(50), "50"},
		{en.Num(-0.001), "0"},
		{en.Fixed(0.5, 2), "0.50"},
		{en.Percent(en.Num(56.25)), "56.25%"},
		{en.List(nil), "nothing"},
		{en.List([]string{"a"}), "a"},
		{en.List([]string{"a", "b", "c"}), "a, b and c"},
		{en.Day(time.Date(2024, 3, 1, 9, 30, 0, 0, time.UTC)), "2024-03-01"},
		{en.Time(time.Date(2026, 1, 2, 15, 4, 0, 0, time.UTC)), "2 Jan 2026 15:04"},
	}
	for _, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("got %q, want %q", tt.got, tt.want)
		}
	}
}

func TestRequested(t *testing.T) {
	tests := []struct {
		flag string
		env  map[string]string
		want string
	}{
		{"cy", map[string]string{"LANG": "fr_FR.UTF-8"}, "cy"},
		{"", map[string]string{"DIGILEAD_LANG": "fr", "LC_ALL": "cy_GB.UTF-8"}, "fr"},
		{"", map[string]string{"LC_ALL": "cy_GB.UTF-8", "LANG": "fr_FR.UTF-8"}, "cy-GB"},
		{"", map[string]string{"LC_MESSAGES": "fr_CA.UTF-8", "LANG": "en_GB.UTF-8"}, "fr-CA"},
		{"", map[string]string{"LANG": "fr_FR.UTF-8"}, "fr-FR"},
		{"", map[string]string{"LANG": "C.UTF-8"}, ""},
		{"", map[string]string{"LC_ALL": "POSIX", "LANG": "fr_FR"}, ""},
		{"", nil, ""},
		{"sr_RS@latin", nil, "sr-RS"},
		{"zh-hant-tw", nil, "zh-Hant-TW"},
	}
	for _, tt := range tests {
		if got := Requested(tt.flag, func(k string) string { return tt.env[k] }); got != tt.want {
			t.Errorf("Requested(%q, %v) = %q, want %q", tt.flag, tt.env, got, tt.want)
		}
	}
}

func TestMatch(t *testing.T) {
	tests := []struct {
		requested string
		available []string
		want      string
		ok        bool
	}{
		{"fr-CA", []string{"en", "cy", "fr"}, "fr", true},
		{"fr_FR.UTF-8", []string{"en", "fr"}, "fr", true},
		{"cy", []string{"en", "cy"}, "cy", true},
		{"fr", []string{"en", "fr-CA"}, "fr-CA", true},
		{"de", []string{"en", "cy", "fr"}, "", false},
		{"", []string{"en"}, "", false},
		{"EN-gb", []string{"en"}, "en", true},
	}
	for _, tt := range tests {
		got, ok := Match(tt.requested, tt.available)
		if got != tt.want || ok != tt.ok {
			t.Errorf("Match(%q, %v) = %q, %v; want %q, %v", tt.requested, tt.available, got, ok, tt.want, tt.ok)
		}
	}
}

func TestGetFallsBackToEnglish(t *testing.T) {
	for tag, want := range map[string]string{"fr-CA": "fr", "cy": "cy", "de": "en", "": "en"} {
		if got := Get(tag).Tag(); got != want {
			t.Errorf("Get(%q) speaks %q, want %q", tag, got, want)
		}
	}
}
