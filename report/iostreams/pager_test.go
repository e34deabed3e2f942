package iostreams

import (
	"os/exec"
	"strings"
	"testing"
)

// TestPage checks when a document goes through the pager: a terminal
// shorter than the document, paging not turned off; never when piped.
func TestPage(t *testing.T) {
	if _, err := exec.LookPath("sed"); err != nil {
		t.Skip("no sed to stand in for a pager")
	}
	doc := "one\ntwo\nthree\nfour\n"
	paged := ">one\n>two\n>three\n>four\n"
	for _, c := range []struct {
		name    string
		env     map[string]string
		tty     bool
		height  int
		noPager bool
		want    string
	}{
		{"taller than the terminal", map[string]string{"DIGILEAD_PAGER": "sed s/^/>/"}, true, 3, false, paged},
		{"PAGER", map[string]string{"PAGER": "sed s/^/>/"}, true, 3, false, paged},
		{"DIGILEAD_PAGER first", map[string]string{"DIGILEAD_PAGER": "sed s/^/>/", "PAGER": "false"}, true, 3, false, paged},
		{"fits", map[string]string{"DIGILEAD_PAGER": "sed s/^/>/"}, true, 4, false, doc},
		{"piped", map[string]string{"DIGILEAD_PAGER": "sed s/^/>/"}, false, 3, false, doc},
		{"height unknown", map[string]string{"DIGILEAD_PAGER": "sed s/^/>/"}, true, 0, false, doc},
		{"--no-pager", map[string]string{"DIGILEAD_PAGER": "sed s/^/>/"}, true, 3, true, doc},
		{"set empty", map[string]string{"DIGILEAD_PAGER": "", "PAGER": "sed s/^/>/"}, true, 3, false, doc},
		{"cat", map[string]string{"PAGER": "cat"}, true, 3, false, doc},
		{"no such program", map[string]string{"PAGER": "/nonexistent/pager -x"}, true, 3, false, doc},
		{"pager quits with an error", map[string]string{"PAGER": "false"}, true, 3, false, ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			s, out, _ := Test("", c.env)
			s.OutTTY, s.Height, s.NoPager = c.tty, c.height, c.noPager
			if err := s.Page([]byte(doc)); err != nil {
				t.Fatal(err)
			}
			if out.String() != c.want {
				t.Errorf("wrote %q, want %q", out.String(), c.want)
			}
		})
	}
}

func TestPagerDefault(t *testing.T) {
	s, _, _ := Test("", nil)
	if got := s.Pager(); got != DefaultPager || !strings.Contains(got, "-FRX") {
		t.Errorf("Pager() = %q, want %q", got, DefaultPager)
	}
	s, _, _ = Test("", map[string]string{"LINES": "32"})
	if s.Height != 32 {
		t.Errorf("LINES=32 gives height %d", s.Height)
	}
}
