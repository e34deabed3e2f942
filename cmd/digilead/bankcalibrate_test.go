package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/digilead/digilead/assessment/calibrate/calibratetest"
	"github.com/digilead/digilead/assessment/schematest"
	"github.com/digilead/digilead/questions"
)

const (
	calibrateBank  = "../../docs/examples/calibration/bank.yaml"
	calibratePilot = "../../docs/examples/calibration/pilot.jsonl"
)

// examplePilot is the synthetic pilot of docs/examples/calibration, with
// the known cuts of calibratetest.KnownCuts: 100 people per tier, scores
// spread by SD 6.5, 10 without a role, 2% of dimensions left unanswered.
func examplePilot(t *testing.T) []byte {
	t.Helper()
	b, err := questions.Load(calibrateBank)
	if err != nil {
		t.Fatal(err)
	}
	pilot := calibratetest.Pilot(b, calibratetest.Known(100, 10, 6.5, 1))
	var buf bytes.Buffer
	for _, raw := range pilot {
		line, err := json.Marshal(raw)
		if err != nil {
			t.Fatal(err)
		}
		buf.Write(append(line, '\n'))
	}
	return buf.Bytes()
}

// TestCalibrateExamplePilot keeps docs/examples/calibration/pilot.jsonl
// what its generator makes (-update rewrites it).
func TestCalibrateExamplePilot(t *testing.T) {
	t.Parallel()
	got := examplePilot(t)
	if *update {
		if err := os.WriteFile(calibratePilot, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	if want := mustRead(t, calibratePilot); !bytes.Equal(got, want) {
		t.Errorf("%s is not what its generator makes; run go test ./cmd/digilead -update", calibratePilot)
	}
}

func TestBankCalibrateFormats(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct{ golden, format string }{
		{"calibrate.txt.golden", "text"},
		{"calibrate.json.golden", "json"},
		{"calibrate.md.golden", "markdown"},
		{"calibrate.csv.golden", "csv"},
	} {
		t.Run(tc.format, func(t *testing.T) {
			r := digilead(t, "", nil, "bank", "calibrate", "--bank", calibrateBank, calibratePilot, "--format", tc.format)
			if r.code != 0 || r.stderr != "" {
				t.Fatalf("exit %d, stderr %q", r.code, r.stderr)
			}
			if tc.format == "json" {
				schematest.Validate(t, "calibration.schema.json", []byte(r.stdout))
			}
			golden(t, tc.golden, r.stdout)
		})
	}
	// The same pilot from stdin, and as a directory.
	want := digilead(t, "", nil, "bank", "calibrate", "--bank", calibrateBank, calibratePilot, "-f", "json")
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "pilot.jsonl"), mustRead(t, calibratePilot), 0o600)
	for name, r := range map[string]runOut{
		"stdin":     digilead(t, string(mustRead(t, calibratePilot)), nil, "bank", "calibrate", "--bank", calibrateBank, "-f", "json"),
		"directory": digilead(t, "", nil, "bank", "calibrate", "--bank", calibrateBank, dir, "-f", "json"),
	} {
		if r.code != 0 || r.stdout != want.stdout {
			t.Errorf("%s: exit %d, output differs from reading the file; stderr %q", name, r.code, r.stderr)
		}
	}
	// Another seed moves the intervals, never the proposals.
	other := digilead(t, "", nil, "bank", "calibrate", "--bank", calibrateBank, calibratePilot, "-f", "json", "--seed", "2")
	var a, b struct{ Pairs []struct{ Proposed *float64 } }
	json.Unmarshal([]byte(want.stdout), &a)
	json.Unmarshal([]byte(other.stdout), &b)
	if other.stdout == want.stdout || len(a.Pairs) != len(b.Pairs) {
		t.Fatal("--seed 2 gives the same document")
	}
	for i := range a.Pairs {
		if (a.Pairs[i].Proposed == nil) != (b.Pairs[i].Proposed == nil) || a.Pairs[i].Proposed != nil && *a.Pairs[i].Proposed != *b.Pairs[i].Proposed {
			t.Errorf("pair %d: the proposal depends on the seed", i)
		}
	}
}

func TestBankCalibrateExitCodes(t *testing.T) {
	t.Parallel()
	first := strings.SplitN(string(mustRead(t, calibratePilot)), "\n", 2)[0]
	tests := []struct {
		name   string
		stdin  string
		args   []string
		code   int
		stdout bool // whether the report is still written
		stderr string
	}{
		{"unknown format", "", []string{"--format", "pdf", calibratePilot}, 2, false, `--format: unknown format "pdf"; use one of csv, json, markdown, text, xlsx`},
		{"min-group 0", "", []string{"--min-group", "0", calibratePilot}, 2, false, "--min-group: must be 1 or more, got 0 (default 30)"},
		{"missing pilot", "", []string{"nope.jsonl"}, 2, false, "nope.jsonl: no such file or directory"},
		{"missing bank", "", []string{"--bank", "nope.yaml", calibratePilot}, 2, false, "--bank: bank nope.yaml: no such file or directory"},
		{"no answer sets", "", []string{}, 2, false, "no answer sets in the input"},
		{"write to the built-in bank", "", []string{"--bank", "", "--write", calibratePilot}, 2, false, "--write: the built-in bank cannot be changed; export it first"},
		{"every line rejected", "{}\n", []string{}, 2, false, "0 answer sets analysed, 1 rejected; nothing to calibrate"},
		{"a bad line among good ones", "", []string{calibratePilot, "-"}, 2, true, "digilead: 310 answer sets analysed, 1 rejected; fix or remove them and run again; the bank was not changed"},
		{"nothing calibrated", first + "\n", []string{"--write"}, 1, true, "nothing could be calibrated: every tier/dimension pair was refused (see the report for why); the bank was not changed"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			args := append([]string{"bank", "calibrate"}, tc.args...)
			if !strings.Contains(strings.Join(tc.args, " "), "--bank") {
				args = append(args, "--bank", calibrateBank)
			}
			stdin := tc.stdin
			if tc.name == "a bad line among good ones" {
				stdin = `{"answers": {"plan-1": 11}}` + "\n"
				args = append(args, "--write")
			}
			r := digilead(t, stdin, nil, args...)
			if r.code != tc.code || !strings.Contains(r.stderr, tc.stderr) {
				t.Errorf("exit %d (want %d), stderr:\n%s\nwant it to hold %q", r.code, tc.code, r.stderr, tc.stderr)
			}
			if (r.stdout != "") != tc.stdout {
				t.Errorf("stdout %q; want a report: %v", r.stdout, tc.stdout)
			}
		})
	}
}

func TestBankCalibrateWrite(t *testing.T) {
	t.Parallel()
	orig := string(mustRead(t, calibrateBank))
	path := filepath.Join(t.TempDir(), "bank.yaml")
	os.WriteFile(path, []byte(orig), 0o640)
	r := digilead(t, "", nil, "bank", "calibrate", "--bank", path, calibratePilot, "--write", "-f", "json")
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	var rep struct {
		Pairs []struct {
			Tier, Dimension string
			Proposed        *float64
		}
	}
	if err := json.Unmarshal([]byte(r.stdout), &rep); err != nil {
		t.Fatal(err)
	}
	edited := string(mustRead(t, path))
	b, err := questions.Load(path)
	if err != nil {
		t.Fatalf("the edited bank does not load: %v", err)
	}
	for _, p := range rep.Pairs {
		tier, _ := b.Tier(p.Tier)
		if p.Proposed != nil && tier.Expectations[p.Dimension] != *p.Proposed {
			t.Errorf("%s/%s = %v in the bank, proposed %v", p.Tier, p.Dimension, tier.Expectations[p.Dimension], *p.Proposed)
		}
	}
	for _, w := range []string{
		"      plan: 20       # the lowest tier is never calibrated\n",
		"# The worked example of docs/bank-review.md",
		"    expectations: {plan: ",
	} {
		if !strings.Contains(edited, w) {
			t.Errorf("edited bank lacks %q:\n%s", w, edited)
		}
	}
	if strings.Count(edited, "\n") != strings.Count(orig, "\n") {
		t.Error("the edit added or removed lines")
	}
	if !strings.Contains(r.stderr, "Recorded 7 proposed expectations in "+path+"; 3 pairs kept theirs") {
		t.Errorf("stderr: %s", r.stderr)
	}
	if info, _ := os.Stat(path); runtime.GOOS != "windows" && info.Mode().Perm() != 0o640 {
		t.Errorf("bank file mode %v, want its own 0640 kept", info.Mode().Perm())
	}
	if v := digilead(t, "", nil, "bank", "validate", path); v.code != 0 {
		t.Errorf("edited bank does not validate: %s", v.stderr)
	}
	again := digilead(t, "", nil, "bank", "calibrate", "--bank", path, calibratePilot, "--write", "-f", "json")
	if twice := string(mustRead(t, path)); again.code != 0 || twice != edited {
		t.Errorf("a second --write with the same pilot changed the bank (exit %d)", again.code)
	}
}

func TestBankCalibrateWriteDirectoryBank(t *testing.T) {
	t.Parallel()
	orig := string(mustRead(t, calibrateBank))
	head, rest, _ := strings.Cut(orig, "tiers:\n")
	tiers, body, _ := strings.Cut(rest, "dimensions:\n")
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "00-bank.yaml"), []byte(head+"dimensions:\n"+body), 0o600)
	os.WriteFile(filepath.Join(dir, "10-tiers.yaml"), []byte("tiers:\n"+tiers), 0o600)
	r := digilead(t, "", nil, "bank", "calibrate", "--bank", dir, calibratePilot, "--write", "-f", "json")
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	if got := string(mustRead(t, filepath.Join(dir, "00-bank.yaml"))); got != head+"dimensions:\n"+body {
		t.Error("the file without tiers changed")
	}
	got := string(mustRead(t, filepath.Join(dir, "10-tiers.yaml")))
	if got == "tiers:\n"+tiers || !strings.Contains(got, "# the lowest tier is never calibrated") {
		t.Errorf("the tiers file was not edited in place:\n%s", got)
	}
	if !strings.Contains(r.stderr, "in "+filepath.Join(dir, "10-tiers.yaml")+";") {
		t.Errorf("stderr: %s", r.stderr)
	}
}

// TestBankCalibrateWriteRefusesFalling: --write never writes a bank whose
// expectations fall as rank rises, which bank review rejects; it says
// which pairs and changes nothing.
func TestBankCalibrateWriteRefusesFalling(t *testing.T) {
	t.Parallel()
	orig := strings.Replace(string(mustRead(t, calibrateBank)), "      plan: 20 ", "      plan: 95 ", 1)
	if !strings.Contains(orig, "plan: 95") {
		t.Fatal("the example bank's lowest plan expectation moved")
	}
	path := filepath.Join(t.TempDir(), "bank.yaml")
	os.WriteFile(path, []byte(orig), 0o600)
	r := digilead(t, "", nil, "bank", "calibrate", "--bank", path, calibratePilot, "--write")
	if r.code != 1 || !strings.Contains(r.stderr, "/plan would make expectations fall as rank rises, which bank review rejects (falling-expectation); the bank was not changed") {
		t.Errorf("exit %d, stderr:\n%s", r.code, r.stderr)
	}
	if got := string(mustRead(t, path)); got != orig {
		t.Error("the bank was changed")
	}
	if !strings.Contains(r.stdout, "Falls as rank rises") {
		t.Errorf("the report does not show the finding:\n%s", r.stdout)
	}
}

// TestBankValidateWarnsUnreachable: an expectation above the most any
// answers can give is a warning of bank validate (the bank loads and
// scores as written), even with --strict, at the tier's FILE:LINE, and an
// error of bank review (QA #5).
func TestBankValidateWarnsUnreachable(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "unreach.yaml")
	os.WriteFile(path, mustRead(t, "../../assessment/testdata/unreachable.yaml"), 0o600)
	for _, strict := range []bool{false, true} {
		args := []string{"bank", "validate", path}
		if strict {
			args = append(args, "--strict")
		}
		r := digilead(t, "", nil, args...)
		if r.code != 0 || !strings.Contains(r.stderr, path+":10: tiers[b].expectations.e: It expects 95 on e, but no answers can score more than 45 there") ||
			!strings.Contains(r.stderr, "Lower b's expectation on e to 45 or less") {
			t.Errorf("strict %v: exit %d, stderr:\n%s", strict, r.code, r.stderr)
		}
	}
	if r := digilead(t, "", nil, "bank", "review", path, "--respondents", "50"); r.code != 1 || !strings.Contains(r.stdout, "unreachable-expectation") {
		t.Errorf("review: exit %d, stdout:\n%s", r.code, r.stdout)
	}
}
