package main

import (
	"strings"
	"testing"
)

// TestRefusedFlagValueAsBeforeTheFlagsCheckedThemselves: a flag value
// out of range is still refused, naming the flag, with the hint; but
// --help still shows the help, shell completion still completes the
// command line, and a flag given twice takes its last value, as when
// the commands checked their flags when they ran.
func TestRefusedFlagValueAsBeforeTheFlagsCheckedThemselves(t *testing.T) {
	t.Parallel()
	for _, bad := range [][]string{
		{"plan", "--priorities", "0"},
		{"plan", "--review-on", "2020-01-01"},
		{"cohort", "--by", "x"},
		{"score", "--workers", "-1"},
		{"assess", "--theme", "x"},
		{"feedback", "invite", "--roles", "x"},
		{"bank", "review", "--respondents", "0"},
		{"workshop", "serve", "--idle-timeout", "0"},
	} {
		name := strings.Join(bad[:len(bad)-2], " ")
		r := digilead(t, "", nil, bad...)
		if r.code != 2 || r.stdout != "" || !strings.HasPrefix(r.stderr, "digilead: "+bad[len(bad)-2]+": ") || !strings.HasSuffix(r.stderr, "\n  Run 'digilead "+name+" --help' for usage.\n") {
			t.Errorf("%q: exit %d, stdout %q, stderr %q", bad, r.code, r.stdout, r.stderr)
		}
		if h := digilead(t, "", nil, append(bad, "--help")...); h.code != 0 || !strings.Contains(h.stdout, "Usage:\n  digilead "+name) || h.stderr != "" {
			t.Errorf("%q --help: exit %d, stderr %q", bad, h.code, h.stderr)
		}
		if c := digilead(t, "", nil, append(append([]string{"__complete"}, bad...), "--")...); c.code != 0 || !strings.Contains(c.stdout, "--help\t") {
			t.Errorf("__complete %q --: exit %d, stdout %q, stderr %q", bad, c.code, c.stdout, c.stderr)
		}
	}
	r := digilead(t, "", nil, "assess", "--answers", example, "--theme", "nosuch", "--theme", "base", "--format", "json")
	if r.code != 0 || r.stderr != "" {
		t.Errorf("--theme nosuch --theme base: exit %d, stderr %q", r.code, r.stderr)
	}
	r = digilead(t, "", nil, "assess", "--answers", example, "--theme", "base", "--theme", "nosuch", "--format", "json")
	if r.code != 2 || !strings.Contains(r.stderr, `--theme: unknown theme "nosuch"`) {
		t.Errorf("--theme base --theme nosuch: exit %d, stderr %q", r.code, r.stderr)
	}
}
