package docflags

import (
	"context"
	"errors"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/spf13/cobra"

	"github.com/digilead/digilead/assessment"
	"github.com/digilead/digilead/cmd/internal/cmdutil"
	"github.com/digilead/digilead/questions"
	"github.com/digilead/digilead/questions/errtext"
	"github.com/digilead/digilead/report"
	"github.com/digilead/digilead/report/iostreams"
)

// parse adds the document flags of a result to a command, parses args
// into them and loads them (Doc.Load) with the streams and inputs.
func parse(t *testing.T, s *iostreams.IOStreams, args []string, inputs ...string) (*Doc[*assessment.Result], error) {
	t.Helper()
	cmd := &cobra.Command{Use: "x"}
	d := &Doc[*assessment.Result]{}
	AddDoc(cmd, d, report.Results, "text", "question bank", "plain prompts")
	if err := cmd.ParseFlags(args); err != nil {
		t.Fatalf("%v: %v", args, err)
	}
	return d, d.Load(context.Background(), s, inputs...)
}

// TestOutputCheck: --format and -o are refused, as usage errors naming
// the flag and what to do, before any work: an unknown format, a
// workbook named for a text format or sent to no file, a text format in
// a file named for a workbook, and -o naming an input or a missing
// directory.
func TestOutputCheck(t *testing.T) {
	dir := t.TempDir()
	input := filepath.Join(dir, "answers.yaml")
	if err := os.WriteFile(input, []byte("answers: {}\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		args []string
		want string // "" when accepted
	}{
		{[]string{}, ""},
		{[]string{"--format", "json", "-o", filepath.Join(dir, "me.json")}, ""},
		{[]string{"--format", "xlsx", "-o", filepath.Join(dir, "me.xlsx")}, ""},
		{[]string{"--format", "xlsx", "-o", "-"}, ""},
		{[]string{"--format", "jsn"}, `--format: `},
		{[]string{"--format", "xlsx"}, "--format xlsx needs -o: xlsx is a binary file"},
		{[]string{"--format", "xlsx", "-o", filepath.Join(dir, "me.csv")}, "--format xlsx writes a workbook; name the file " + filepath.Join(dir, "me.xlsx")},
		{[]string{"-o", filepath.Join(dir, "me.XLSX")}, "--format text writes no workbook; add --format xlsx"},
		{[]string{"-o", input}, "-o " + input},
		{[]string{"-o", filepath.Join(dir, "missing", "me.txt")}, "does not exist; create it first"},
	} {
		s, _, _ := iostreams.Test("", nil)
		_, err := parse(t, s, tc.args, input)
		switch {
		case tc.want == "" && err != nil:
			t.Errorf("%q: %v; want it accepted", tc.args, err)
		case tc.want == "":
		case err == nil:
			t.Errorf("%q: accepted; want %q", tc.args, tc.want)
		case !strings.Contains(err.Error(), tc.want) || exitCode(err) != 2:
			t.Errorf("%q: %v; want a usage error saying %q", tc.args, err, tc.want)
		}
	}
}

// exitCode is the exit code err leads to: the one it carries, 2 for
// invalid input (errtext.ErrInvalid), else 1.
func exitCode(err error) int {
	if code, ok := cmdutil.Code(err); ok {
		return code
	}
	if errors.Is(err, errtext.ErrInvalid) {
		return 2
	}
	return 1
}

// TestCheckPaths: a --bank or --translations path that does not exist,
// and a --translations that is a file, are usage errors naming the flag.
func TestCheckPaths(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "bank.cy.yaml")
	if err := os.WriteFile(file, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		paths, dirs []string
		want        string
	}{
		{[]string{file}, []string{dir}, ""},
		{[]string{filepath.Join(dir, "nope.yaml")}, nil, "--bank: bank " + filepath.Join(dir, "nope.yaml") + ": no such file or directory"},
		{nil, []string{filepath.Join(dir, "nope")}, "--translations: " + filepath.Join(dir, "nope") + ": no such file or directory"},
		{nil, []string{file}, "not a directory; give a directory of translation files"},
	} {
		err := CheckPaths(tc.paths, tc.dirs)
		if got := errString(err); tc.want == "" && err != nil || tc.want != "" && (!strings.Contains(got, tc.want) || exitCode(err) != 2) {
			t.Errorf("CheckPaths(%q, %q) = %q; want %q (exit 2)", tc.paths, tc.dirs, got, tc.want)
		}
	}
}

// TestLoadChoosesTheLanguage: the document is in --lang, else in the
// language the environment asks for, else in the bank's own; a language
// the bank lacks is said on stderr, and the bank's own is used.
func TestLoadChoosesTheLanguage(t *testing.T) {
	for _, tc := range []struct {
		args []string
		env  map[string]string
		tag  string
		note string
	}{
		{nil, nil, "en", ""},
		{[]string{"--lang", "cy"}, nil, "cy", ""},
		{nil, map[string]string{"LANG": "fr_FR.UTF-8"}, "fr", ""},
		{[]string{"--lang", "de"}, nil, "en", "de"},
		// Well formed, of no language known: the bank's own, with a note.
		{[]string{"--lang", "xx"}, nil, "en", "xx"},
	} {
		s, _, errOut := iostreams.Test("", tc.env)
		d, err := parse(t, s, tc.args)
		if err != nil {
			t.Fatalf("%q: %v", tc.args, err)
		}
		if d.Set == nil || d.Language.Tag() != tc.tag {
			t.Errorf("%q %v: language %q; want %q", tc.args, tc.env, d.Language.Tag(), tc.tag)
		}
		if note := errOut.String(); tc.note == "" && note != "" || tc.note != "" && (!strings.HasPrefix(note, "digilead: ") || !strings.Contains(note, tc.note)) {
			t.Errorf("%q %v: stderr %q; want a note naming %q", tc.args, tc.env, note, tc.note)
		}
	}
}

// TestCheckTarget: --target names a tier of the bank, or none; an
// unknown one is a usage error listing the tiers, with a suggestion.
func TestCheckTarget(t *testing.T) {
	b := questions.Default()
	if err := CheckTarget(b, ""); err != nil {
		t.Errorf("no --target: %v", err)
	}
	if err := CheckTarget(b, b.TierIDs()[0]); err != nil {
		t.Errorf("--target %s: %v", b.TierIDs()[0], err)
	}
	err := CheckTarget(b, "strategc")
	if got := errString(err); exitCode(err) != 2 || !strings.Contains(got, `--target: unknown tier "strategc"`) || !strings.Contains(got, "strategic") || !strings.Contains(got, strings.Join(b.TierIDs(), ", ")) {
		t.Errorf("--target strategc: %q; want a usage error suggesting strategic and listing the tiers", got)
	}
}

func errString(err error) string {
	if err == nil {
		return ""
	}
	return err.Error()
}

// TestAccessibleIsNeverPaged: a document in the screen-reader mode goes
// to a terminal whole, without the pager, whose prompt would stop the
// linear report (--accessible, or ACCESSIBLE=1); the same document
// otherwise is paged.
func TestAccessibleIsNeverPaged(t *testing.T) {
	if _, err := exec.LookPath("sed"); err != nil {
		t.Skip("no sed to stand in for a pager")
	}
	render := func(w io.Writer, doc string, _ report.Options) error { _, err := io.WriteString(w, doc); return err }
	doc := "one\ntwo\nthree\nfour\n"
	for _, c := range []struct {
		name       string
		env        map[string]string
		accessible bool
		paged      bool
	}{
		{"plain", map[string]string{"DIGILEAD_PAGER": "sed s/^/>/"}, false, true},
		{"--accessible", map[string]string{"DIGILEAD_PAGER": "sed s/^/>/"}, true, false},
		{"ACCESSIBLE=1", map[string]string{"DIGILEAD_PAGER": "sed s/^/>/", "ACCESSIBLE": "1"}, false, false},
	} {
		s, out, _ := iostreams.Test("", c.env)
		s.OutTTY, s.Height = true, 3
		o := &Output[report.Render[string]]{Render: render, Dest: report.NewOutput(s, "")}
		if err := Write(o, doc, s.Accessible(c.accessible), nil, ""); err != nil {
			t.Fatal(err)
		}
		if paged := strings.HasPrefix(out.String(), ">"); paged != c.paged {
			t.Errorf("%s: paged %v, want %v: %q", c.name, paged, c.paged, out.String())
		}
	}
}
