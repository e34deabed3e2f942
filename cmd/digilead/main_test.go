package main

import (
	"context"
	"flag"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"slices"
	"strings"
	"testing"

	"github.com/digilead/digilead/assessment/schematest"
	"github.com/digilead/digilead/cmd/internal/cli"
	"github.com/digilead/digilead/cmd/internal/cmdutil"
	"github.com/digilead/digilead/report/iostreams"
)

var update = flag.Bool("update", false, "rewrite golden files")

// binary is the program for the tests that drive a process: this test
// binary under the name digilead (see TestMain).
var binary string

// TestMain makes the test binary the program too, instead of building it
// (a go build took seconds of every run): started under the name
// digilead, a link to it made here, it runs main and not the tests.
func TestMain(m *testing.M) {
	version = "0.0.0-test" // as -ldflags would set it; in-process runs too
	switch name := strings.TrimSuffix(filepath.Base(os.Args[0]), ".exe"); {
	case name == "digilead":
		main()
		return
	case groupPrograms[name] != nil:
		cli.Main(groupPrograms[name]())
		return
	}
	runGroupsInProcess()
	flag.Parse()
	dir, err := os.MkdirTemp("", "digilead-e2e")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	binary = filepath.Join(dir, "digilead")
	if runtime.GOOS == "windows" {
		binary += ".exe"
	}
	for _, name := range append([]string{"digilead"}, slices.Sorted(maps.Keys(groupPrograms))...) {
		path := filepath.Join(dir, name)
		if runtime.GOOS == "windows" {
			path += ".exe"
		}
		if err := linkSelf(path); err != nil {
			fmt.Fprintln(os.Stderr, "making the test binary the program:", err)
			os.Exit(1)
		}
	}
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

// linkSelf makes path this executable: a hard link, else a symbolic link,
// else a copy.
func linkSelf(path string) error {
	self, err := os.Executable()
	if err != nil {
		return err
	}
	if os.Link(self, path) == nil || os.Symlink(self, path) == nil {
		return nil
	}
	data, err := os.ReadFile(self)
	if err != nil {
		return err
	}
	return os.WriteFile(path, data, 0o700)
}

// runOut is one run of digilead.
type runOut struct {
	stdout, stderr string
	code           int
}

// testEnv is the environment of a test run: a fixed clock, no colour and
// an isolated data directory; env ("K=V") adds to it.
func testEnv(t *testing.T, env []string) map[string]string {
	m := map[string]string{
		"PATH":              os.Getenv("PATH"),
		"HOME":              t.TempDir(),
		"XDG_DATA_HOME":     t.TempDir(),
		"SOURCE_DATE_EPOCH": "1795428000", // 2026-11-23T10:00:00Z
		"TERM":              "dumb",
	}
	for _, kv := range env {
		k, v, _ := strings.Cut(kv, "=")
		m[k] = v
	}
	return m
}

// digilead runs a command line in-process through the streams seam (no
// terminal; see testEnv), as main would.
func digilead(t *testing.T, stdin string, env []string, args ...string) runOut {
	t.Helper()
	s, out, errOut := iostreams.Test(stdin, testEnv(t, env))
	code := run(context.Background(), args, s)
	return runOut{out.String(), errOut.String(), code}
}

func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if got != string(want) {
		t.Errorf("output differs from %s (run go test ./cmd/digilead -update to accept):\n--- got\n%s\n--- want\n%s", path, got, want)
	}
}

const example = "../../docs/examples/answers.yaml"

func TestAssessJSON(t *testing.T) {
	t.Parallel()
	r := digilead(t, "", nil, "assess", "--answers", example, "--format", "json")
	if r.code != 0 || r.stderr != "" {
		t.Fatalf("exit %d, stderr %q", r.code, r.stderr)
	}
	schematest.Validate(t, "result.schema.json", []byte(r.stdout))
	golden(t, "assess.json.golden", r.stdout)

	// The same answers from stdin, as JSON, give the same result.
	data, _ := os.ReadFile(example)
	stdin := digilead(t, string(data), nil, "assess", "--answers", "-", "--format", "json")
	if stdin.stdout != r.stdout {
		t.Error("answers from stdin give a different result")
	}
}

func TestAssessText(t *testing.T) {
	t.Parallel()
	r := digilead(t, "", nil, "assess", "--answers", example)
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	if strings.Contains(r.stdout, "\x1b[") {
		t.Error("escape codes in output to a pipe")
	}
	golden(t, "assess.txt.golden", r.stdout)
	for _, env := range [][]string{{"NO_COLOR=1"}, {"CLICOLOR_FORCE=1"}} {
		if again := digilead(t, "", env, "assess", "--answers", example); again.stdout != r.stdout {
			t.Errorf("with %v the piped report changes", env)
		}
	}
}

func TestAssessOutputFile(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "me.json")
	r := digilead(t, "", nil, "assess", "--answers", example, "-f", "json", "-o", path)
	if r.code != 0 || r.stdout != "" {
		t.Fatalf("exit %d, stdout %q, stderr %q", r.code, r.stdout, r.stderr)
	}
	info, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if runtime.GOOS != "windows" && info.Mode().Perm() != 0o600 {
		t.Errorf("result file mode %v, want 0600 (personal data)", info.Mode().Perm())
	}
	data, _ := os.ReadFile(path)
	schematest.Validate(t, "result.schema.json", data)

	bad := digilead(t, "", nil, "assess", "--answers", example, "-o", filepath.Join(t.TempDir(), "no", "such", "dir", "x.txt"))
	if bad.code != 2 || !strings.Contains(bad.stderr, "does not exist; create it first") || !strings.Contains(bad.stderr, "x.txt") {
		t.Errorf("unwritable -o: exit %d, %q", bad.code, bad.stderr)
	}
}

func TestUsageAndInputErrors(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	write := func(name, content string) string {
		p := filepath.Join(dir, name)
		os.WriteFile(p, []byte(content), 0o600)
		return p
	}
	badAnswers := write("bad.yaml", "answers:\n  vis-it-only: 9\n  vis-scenario: zz\n  nope: 1\n")
	otherBank := write("other.yaml", "bank: someone-elses\nanswers: {}\n")
	tests := []struct {
		name   string
		stdin  string
		args   []string
		code   int
		stderr []string
	}{
		{"no terminal, no answers", "", []string{}, 2, []string{"there is no terminal to ask the questions on; pass --answers FILE"}},
		{"unknown command", "", []string{"asess"}, 2, []string{`unknown command "asess" for "digilead" (did you mean "assess"?)`}},
		{"unknown bank command", "", []string{"bank", "valdiate", "x.yaml"}, 2, []string{`unknown command "valdiate" for "digilead bank" (did you mean "validate"?)`}},
		{"unknown completion shell", "", []string{"completion", "bsh"}, 2, []string{`unknown command "bsh" for "digilead completion" (did you mean "bash"?)`}},
		{"unknown help topic", "", []string{"help", "asess"}, 2, []string{`unknown help topic "asess" for "digilead" (did you mean "assess"?)`, "Run 'digilead --help' for the commands."}},
		{"unknown help subtopic", "", []string{"help", "bank", "valdiate"}, 2, []string{`unknown help topic "valdiate" for "digilead bank" (did you mean "validate"?)`}},
		{"empty -o", "", []string{"assess", "--answers", example, "-o", ""}, 2, []string{"--output: the file name is empty; give a file, or - for stdout"}},
		{"empty --output=", "", []string{"bank", "export", "--output="}, 2, []string{"--output: the file name is empty; give a file, or - for stdout"}},
		{"empty -o of bank translate", "", []string{"bank", "translate", "de", "-o", ""}, 2, []string{"--output: the file name is empty; give a file, or - for stdout"}},
		{"--lang a path", "", []string{"assess", "--answers", example, "--lang", "../../etc/passwd"}, 2, []string{`--lang: "../../etc/passwd" is not a BCP 47 language tag; use one such as en, cy, fr or en-GB`}},
		{"--lang not a tag", "", []string{"bank", "show", "--lang", "en US"}, 2, []string{`--lang: "en US" is not a BCP 47 language tag`}},
		{"help topic past a command", "", []string{"help", "version", "extra"}, 2, []string{`unknown help topic "extra" for "digilead version"`, "Run 'digilead version --help' for usage."}},
		{"unknown flag", "", []string{"assess", "--answer", "x"}, 2, []string{"unknown flag: --answer"}},
		{"unknown format", "", []string{"assess", "--answers", example, "--format", "pdf"}, 2, []string{`--format: unknown format "pdf"; use one of`}},
		{"unknown theme beside answers", "", []string{"assess", "--answers", example, "--theme", "nope"}, 2, []string{`--theme: unknown theme "nope"; use one of`}},
		{"unknown target", "", []string{"assess", "--answers", example, "--target", "strategc"}, 2, []string{`--target: unknown tier "strategc" (did you mean "strategic"?); the bank's tiers are frontline, operational, strategic`}},
		{"missing answers file", "", []string{"assess", "--answers", "nope.yaml"}, 2, []string{"nope.yaml: no such file"}},
		{"bad answers named by question", "", []string{"assess", "--answers", badAnswers}, 2, []string{
			badAnswers + ":2: vis-it-only: 9 is off the scale; give a whole number from 1 to 5, or \"na\"",
			badAnswers + `:3: vis-scenario: unknown option "zz"`,
			badAnswers + ":4: nope: unknown question",
		}},
		{"answers for another bank", "", []string{"assess", "--answers", otherBank}, 2, []string{otherBank + `:1: bank: the answers are for bank "someone-elses"`}},
		{"stdin not answers", "hello", []string{"assess", "--answers", "-"}, 2, []string{"stdin:"}},
		{"missing bank", "", []string{"assess", "--answers", example, "--bank", "nobank.yaml"}, 2, []string{"--bank: bank nobank.yaml: no such file or directory"}},
		{"resume with answers", "", []string{"assess", "--answers", example, "--resume"}, 2, []string{"--resume continues a questionnaire; it cannot be used with --answers"}},
		{"bank show too many args", "", []string{"bank", "show", "a", "b"}, 2, []string{"takes at most 1 argument"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := digilead(t, tc.stdin, nil, tc.args...)
			if r.code != tc.code {
				t.Errorf("exit %d, want %d; stderr:\n%s", r.code, tc.code, r.stderr)
			}
			if r.stdout != "" {
				t.Errorf("stdout must stay empty on error, got %q", r.stdout)
			}
			for _, w := range tc.stderr {
				if !strings.Contains(r.stderr, w) {
					t.Errorf("stderr lacks %q:\n%s", w, r.stderr)
				}
			}
		})
	}
}

func TestBankCommands(t *testing.T) {
	t.Parallel()
	v := digilead(t, "", nil, "bank", "validate")
	if v.code != 0 || !strings.HasPrefix(v.stdout, "ok built-in bank: public-sector-digital-leadership 3.1.0, 3 tiers, 16 dimensions") {
		t.Errorf("validate default: %d %q %q", v.code, v.stdout, v.stderr)
	}

	exported := digilead(t, "", nil, "bank", "export")
	path := filepath.Join(t.TempDir(), "mine.yaml")
	os.WriteFile(path, []byte(exported.stdout), 0o600)
	if r := digilead(t, "", nil, "bank", "validate", path); r.code != 0 {
		t.Errorf("an exported bank does not validate: %s", r.stderr)
	}
	// A trainer's broken copy: every problem, with file and line, exit 2.
	broken := strings.Replace(exported.stdout, "    dimension: digital-vision\n", "    dimension: digital-visoin\n", 1)
	broken = strings.Replace(broken, "rank: 2", "rank: 1", 1)
	bad := filepath.Join(t.TempDir(), "broken.yaml")
	os.WriteFile(bad, []byte(broken), 0o600)
	r := digilead(t, "", nil, "bank", "validate", path, bad)
	if r.code != 2 {
		t.Errorf("broken bank: exit %d", r.code)
	}
	if !strings.Contains(r.stdout, "ok "+path) {
		t.Errorf("the good bank is still reported: %q", r.stdout)
	}
	for _, w := range []string{`questions[vis-horizon].dimension: unknown dimension "digital-visoin" (did you mean "digital-vision"?)`, ".rank: duplicate rank 1 (also used at " + bad + ":", bad + ": 2 problem(s)"} {
		if !strings.Contains(r.stderr, w) {
			t.Errorf("stderr lacks %q:\n%s", w, r.stderr)
		}
	}
	for _, line := range strings.Split(strings.TrimSpace(r.stderr), "\n")[:2] {
		if !strings.HasPrefix(line, bad+":") {
			t.Errorf("problem without FILE:LINE: %q", line)
		}
	}

	show := digilead(t, "", nil, "bank", "show")
	if show.code != 0 || !strings.Contains(show.stdout, "68 questions in 16 dimensions") || !strings.Contains(show.stdout, "strategic") {
		t.Errorf("show: %q", show.stdout)
	}
}

func TestVersion(t *testing.T) {
	t.Parallel()
	r := digilead(t, "", nil, "version")
	if r.code != 0 || !strings.HasPrefix(r.stdout, "digilead 0.0.0-test (go") {
		t.Errorf("version: %q", r.stdout)
	}
	if c := digilead(t, "", nil, "completion", "bash"); c.code != 0 || !strings.Contains(c.stdout, "digilead") {
		t.Errorf("completion: exit %d", c.code)
	}
}

// TestGCSettings: the streaming commands tune the collector (score and
// bank stats to a 40 MiB soft limit, cohort to 160 MiB), the others do
// not; when the command is the process (main) the settings apply, and
// they are restored after the run; a command run in the test process
// leaves them as they were.
func TestGCSettings(t *testing.T) {
	root := newRootCmd(newFactory(context.Background(), &iostreams.IOStreams{Getenv: func(string) string { return "" }}))
	for _, tc := range []struct {
		args  []string
		limit int
		ok    bool
	}{
		{[]string{"score"}, 40, true},
		{[]string{"cohort"}, 160, true},
		{[]string{"bank", "stats"}, 40, true},
		{[]string{"bank", "calibrate"}, 40, true},
		{[]string{"assess"}, 0, false},
		{[]string{"version"}, 0, false},
	} {
		cmd, _, err := root.Find(tc.args)
		if err != nil {
			t.Fatal(err)
		}
		percent, limit, ok := cmdutil.GCTuning(cmd)
		if ok != tc.ok || limit != tc.limit || ok && percent != 200 {
			t.Errorf("%v: GOGC %d, limit %d MiB, tuned %v; want limit %d, tuned %v", tc.args, percent, limit, ok, tc.limit, tc.ok)
		}
	}

	percent, limit := debug.SetGCPercent(-1), debug.SetMemoryLimit(-1)
	debug.SetGCPercent(percent)
	settings := func() (int, int64) {
		p := debug.SetGCPercent(-1)
		debug.SetGCPercent(p)
		return p, debug.SetMemoryLimit(-1)
	}
	if r := digilead(t, "", nil, "score"); r.code != 0 {
		t.Fatalf("score: exit %d: %s", r.code, r.stderr)
	}
	if p, l := settings(); p != percent || l != limit {
		t.Errorf("after an in-process score: GOGC %d, limit %d; want %d, %d", p, l, percent, limit)
	}
}

// TestAssessCapsProblems: assess shows the first problems of an answers
// file and counts the rest, as score and bank validate do (--all shows
// every one); answers for another bank lead with that.
func TestAssessCapsProblems(t *testing.T) {
	t.Parallel()
	var sb strings.Builder
	sb.WriteString("bank: someone-elses\nanswers:\n")
	for i := range 30 {
		fmt.Fprintf(&sb, "  other-q%d: 3\n", i)
	}
	p := filepath.Join(t.TempDir(), "other.yaml")
	os.WriteFile(p, []byte(sb.String()), 0o600)
	r := digilead(t, "", nil, "assess", "--answers", p, "--no-save")
	lines := strings.Split(strings.TrimSpace(r.stderr), "\n")
	if r.code != 2 || len(lines) != 21 {
		t.Fatalf("exit %d, %d lines; want 2 and 21 (20 problems and a count):\n%s", r.code, len(lines), r.stderr)
	}
	if !strings.Contains(lines[0], p+`:1: bank: the answers are for bank "someone-elses"`) || !strings.HasSuffix(lines[0], "; the 30 other problems most likely follow from it") {
		t.Errorf("the other bank does not lead: %q", lines[0])
	}
	if want := "11 more problems not shown; --all lists every one"; strings.TrimSpace(lines[20]) != want {
		t.Errorf("last line %q, want %q", lines[20], want)
	}
	r = digilead(t, "", nil, "assess", "--answers", p, "--no-save", "--all")
	if n := len(strings.Split(strings.TrimSpace(r.stderr), "\n")); r.code != 2 || n != 31 {
		t.Errorf("--all: exit %d, %d lines; want 2 and 31:\n%s", r.code, n, r.stderr)
	}
}

// TestBankSubdirectoryNoted: a bank directory is its own files; a
// subdirectory holding YAML is said not to be read, by bank validate and
// by the commands that use the bank, unless given with --translations.
func TestBankSubdirectoryNoted(t *testing.T) {
	t.Parallel()
	dir := filepath.Join(t.TempDir(), "bank")
	os.MkdirAll(filepath.Join(dir, "sub"), 0o700)
	for _, f := range []string{"00-header.yaml", "10-people.yml"} {
		data, err := os.ReadFile(filepath.Join("../../questions/testdata/split", f))
		if err != nil {
			t.Fatal(err)
		}
		os.WriteFile(filepath.Join(dir, f), data, 0o600)
	}
	os.WriteFile(filepath.Join(dir, "sub", "30-questions.yaml"), []byte("questions: []\n"), 0o600)
	sub := filepath.Join(dir, "sub")
	note := sub + ": not read: a bank directory is its own *.yaml and *.yml files, not its subdirectories'"
	for _, args := range [][]string{{"bank", "validate", dir}, {"bank", "show", dir}, {"score", "--bank", dir}} {
		r := digilead(t, "", nil, args...)
		if r.code != 0 || !strings.Contains(r.stderr, note) {
			t.Errorf("%s: exit %d, stderr %q; want 0 and the note", args, r.code, r.stderr)
		}
	}
	if r := digilead(t, "", nil, "bank", "show", dir, "--translations", sub); r.code != 0 || strings.Contains(r.stderr, "not read") {
		t.Errorf("a directory given with --translations is read: %q", r.stderr)
	}
}
