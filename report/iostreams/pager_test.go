package iostreams

import (
	"os"
	"os/exec"
	"slices"
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
		{"ACCESSIBLE", map[string]string{"DIGILEAD_PAGER": "sed s/^/>/", "ACCESSIBLE": "1"}, true, 3, false, doc},
		{"ACCESSIBLE=0", map[string]string{"DIGILEAD_PAGER": "sed s/^/>/", "ACCESSIBLE": "0"}, true, 3, false, paged},
		{"set empty", map[string]string{"DIGILEAD_PAGER": "", "PAGER": "sed s/^/>/"}, true, 3, false, doc},
		{"cat", map[string]string{"PAGER": "cat"}, true, 3, false, doc},
		{"no such program", map[string]string{"PAGER": "/nonexistent/pager -x"}, true, 3, false, doc},
		{"pager quits with an error", map[string]string{"PAGER": "false"}, true, 3, false, ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			s, out, errOut := Test("", c.env)
			s.OutTTY, s.Height, s.NoPager = c.tty, c.height, c.noPager
			if err := s.Page([]byte(doc)); err != nil {
				t.Fatal(err)
			}
			if out.String() != c.want {
				t.Errorf("wrote %q, want %q", out.String(), c.want)
			}
			// Only a pager that cannot be started is worth a note.
			if note := strings.Contains(errOut.String(), "could not be started"); note != (c.name == "no such program") {
				t.Errorf("stderr %q", errOut.String())
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

// TestPagerNotFound checks that a pager that is not installed loses
// nothing: the whole document on stdout, and on stderr a note naming the
// pager and what to do.
func TestPagerNotFound(t *testing.T) {
	s, out, errOut := Test("", map[string]string{"PAGER": "no-such-pager-anywhere -R"})
	s.OutTTY, s.Height = true, 2
	doc := "one\ntwo\nthree\n"
	if err := s.Page([]byte(doc)); err != nil {
		t.Fatal(err)
	}
	if out.String() != doc {
		t.Errorf("stdout %q, want the whole document", out.String())
	}
	for _, want := range []string{`"no-such-pager-anywhere -R"`, "not found", "DIGILEAD_PAGER"} {
		if !strings.Contains(errOut.String(), want) {
			t.Errorf("stderr lacks %q: %q", want, errOut.String())
		}
	}
}

// TestPagerEnv checks that the pager gets LESS=FRX and LV=-c unless the
// person set them (as git and gh do): a PAGER of plain "less" then shows
// colours, not escape codes.
func TestPagerEnv(t *testing.T) {
	if _, err := exec.LookPath("env"); err != nil {
		t.Skip("no env to stand in for a pager")
	}
	for _, c := range []struct {
		name    string
		less    string // the LESS the person set, "" for none
		want    []string
		wantNot string
	}{
		{"not set", "", []string{"LESS=FRX", "LV=-c"}, ""},
		{"set", "-X", []string{"LESS=-X", "LV=-c"}, "LESS=FRX"},
	} {
		t.Run(c.name, func(t *testing.T) {
			env := map[string]string{"PAGER": "env"}
			if c.less != "" {
				t.Setenv("LESS", c.less)
				env["LESS"] = c.less
			} else {
				t.Setenv("LESS", "")
				os.Unsetenv("LESS")
			}
			s, out, _ := Test("", env)
			s.OutTTY, s.Height = true, 1
			if err := s.Page([]byte("one\ntwo\n")); err != nil {
				t.Fatal(err)
			}
			lines := strings.Split(out.String(), "\n")
			for _, want := range c.want {
				if !slices.Contains(lines, want) {
					t.Errorf("the pager's environment lacks %s", want)
				}
			}
			if c.wantNot != "" && slices.Contains(lines, c.wantNot) {
				t.Errorf("the pager's environment has %s", c.wantNot)
			}
		})
	}
}

// TestPagerQuitsEarly checks that a pager that stops reading (head, or
// q in less) before a long document's end is not an error: the broken
// pipe is the person's choice.
func TestPagerQuitsEarly(t *testing.T) {
	if _, err := exec.LookPath("head"); err != nil {
		t.Skip("no head to stand in for a pager")
	}
	s, out, errOut := Test("", map[string]string{"PAGER": "head -1"})
	s.OutTTY, s.Height = true, 3
	doc := strings.Repeat("a line of the report\n", 200000) // more than a pipe holds
	if err := s.Page([]byte(doc)); err != nil {
		t.Fatalf("Page: %v", err)
	}
	if out.String() != "a line of the report\n" || errOut.Len() != 0 {
		t.Errorf("stdout %.40q, stderr %q", out.String(), errOut.String())
	}
}

// TestSplitCommand splits pager commands as a shell would, without a
// shell.
func TestSplitCommand(t *testing.T) {
	for _, c := range []struct {
		in   string
		want []string
	}{
		{"less -FRX", []string{"less", "-FRX"}},
		{"  less   -R  ", []string{"less", "-R"}},
		{`less -R --prompt="page %d of %D"`, []string{"less", "-R", "--prompt=page %d of %D"}},
		{`less '-P a b'`, []string{"less", "-P a b"}},
		{`"/opt/my pager/bin/pg" -x`, []string{"/opt/my pager/bin/pg", "-x"}},
		{`pg a\ b "q\"uote" 'it''s'`, []string{"pg", "a b", `q"uote`, "its"}},
		{`pg ""`, []string{"pg", ""}},
		{"", nil},
	} {
		if got := splitCommand(c.in); !slices.Equal(got, c.want) {
			t.Errorf("splitCommand(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

// TestPagerQuotedArguments runs a pager whose argument holds spaces in
// quotes: it reaches the pager as one argument.
func TestPagerQuotedArguments(t *testing.T) {
	if _, err := exec.LookPath("sed"); err != nil {
		t.Skip("no sed to stand in for a pager")
	}
	s, out, errOut := Test("", map[string]string{"PAGER": `sed "s/^/> /"`})
	s.OutTTY, s.Height = true, 1
	if err := s.Page([]byte("one\ntwo\n")); err != nil {
		t.Fatal(err)
	}
	if out.String() != "> one\n> two\n" {
		t.Errorf("stdout %q, stderr %q", out.String(), errOut.String())
	}
}
