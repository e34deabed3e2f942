package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/digilead/digilead/assessment"
	"github.com/digilead/digilead/assessment/schematest"
)

const deptCatalogue = "../../questions/testdata/catalogue/dept.yaml"

// TestCatalogueChangesNoFigure: a catalogue replaces the actions of the
// dimensions it names and nothing else: not a score, the level, a tier or
// the bank's digest; report --catalogue on the saved result gives what
// assess --catalogue gave.
func TestCatalogueChangesNoFigure(t *testing.T) {
	t.Parallel()
	answers := "../../docs/examples/answers.yaml"
	plain := digilead(t, "", nil, "assess", "--answers", answers, "--no-save", "-f", "json")
	withCat := digilead(t, "", nil, "assess", "--answers", answers, "--no-save", "-f", "json", "--catalogue", deptCatalogue)
	if plain.code != 0 || withCat.code != 0 {
		t.Fatalf("exit %d, %d: %s%s", plain.code, withCat.code, plain.stderr, withCat.stderr)
	}
	var a, b assessment.Result
	json.Unmarshal([]byte(plain.stdout), &a)
	json.Unmarshal([]byte(withCat.stdout), &b)
	changed := 0
	for i := range a.Gaps {
		ga, gb := a.Gaps[i], b.Gaps[i]
		if !reflect.DeepEqual(ga.Actions, gb.Actions) {
			changed++
			if gb.Dimension != "data-informed-decisions" && gb.Dimension != "responsible-ai" && gb.Dimension != "accessibility" {
				t.Errorf("%s: actions changed, the catalogue does not name it", gb.Dimension)
			}
		}
		ga.Actions, gb.Actions = nil, nil
		if !reflect.DeepEqual(ga, gb) {
			t.Errorf("gap changed:\n%+v\n%+v", ga, gb)
		}
	}
	if changed == 0 {
		t.Fatal("the catalogue changed no gap's actions")
	}
	a.Gaps, b.Gaps = nil, nil
	if !reflect.DeepEqual(a, b) || a.Bank.Digest == "" {
		t.Errorf("the catalogue changed more than actions:\n%s\n%s", plain.stdout, withCat.stdout)
	}
	if !strings.Contains(withCat.stdout, `"url":"https://learning.example.gov/data-2","provider":"Civil Service College","minutes":90,"language":"en"`) &&
		!strings.Contains(withCat.stdout, `"url": "https://learning.example.gov/data-2"`) {
		t.Errorf("the result does not carry the action's link:\n%s", withCat.stdout)
	}
	saved := filepath.Join(t.TempDir(), "me.json")
	os.WriteFile(saved, []byte(plain.stdout), 0o600)
	for _, format := range []string{"text", "markdown", "html", "json"} {
		direct := digilead(t, "", nil, "assess", "--answers", answers, "--no-save", "-f", format, "--catalogue", deptCatalogue)
		again := digilead(t, "", nil, "report", saved, "-f", format, "--catalogue", deptCatalogue)
		if again.code != 0 || again.stdout != direct.stdout {
			t.Errorf("%s: report --catalogue (exit %d, %s) differs from assess --catalogue:\n%s\n----\n%s", format, again.code, again.stderr, again.stdout, direct.stdout)
		}
	}
}

func TestCatalogueRefusals(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	file := func(name, data string) string {
		p := filepath.Join(dir, name)
		os.WriteFile(p, []byte(data), 0o600)
		return p
	}
	other := file("other.yaml", "schema: digilead.catalogue/v1\nbank: another-bank\nactions: {}\n")
	typo := file("typo.yaml", "schema: digilead.catalogue/v1\nbank: public-sector-digital-leadership\nactions:\n  data-informed-decision: []\n")
	bad := file("bad.yaml", "schema: digilead.catalogue/v1\nbank: public-sector-digital-leadership\nactions:\n  leading-change:\n    - {kind: training, text: x, url: \"javascript:alert(1)\"}\n")
	for _, c := range []struct {
		name string
		args []string
		want string
	}{
		{"other bank", []string{"--catalogue", other}, other + `:2: bank: the catalogue is for bank "another-bank" but the bank in use is "public-sector-digital-leadership"`},
		{"unknown dimension", []string{"--catalogue", typo}, typo + `:4: actions.data-informed-decision: unknown dimension "data-informed-decision" (did you mean "data-informed-decisions"?)`},
		{"bad url", []string{"--catalogue", bad}, bad + `:5: actions.leading-change[0].url: "javascript:alert(1)" is not an http or https address`},
		{"missing", []string{"--catalogue", filepath.Join(dir, "none.yaml")}, "--catalogue: " + filepath.Join(dir, "none.yaml") + ": no such file"},
		{"as the bank", []string{"--bank", deptCatalogue}, deptCatalogue + ": schema: this is a catalogue (digilead.catalogue/v1), not a bank; give it as the catalogue"},
	} {
		r := digilead(t, "", nil, append([]string{"assess", "--answers", "../../docs/examples/answers.yaml", "--no-save"}, c.args...)...)
		if r.code != 2 || r.stdout != "" || !strings.Contains(r.stderr, c.want) {
			t.Errorf("%s: exit %d, stdout %q, stderr %q\nwant %q", c.name, r.code, r.stdout, r.stderr, c.want)
		}
	}
}

// TestBankValidateCatalogue: bank validate checks a catalogue against the
// bank and warns, at FILE:LINE, of its actions in another language than
// the bank's (errors with --strict).
func TestBankValidateCatalogue(t *testing.T) {
	t.Parallel()
	r := digilead(t, "", nil, "bank", "validate", "--catalogue", deptCatalogue)
	want := deptCatalogue + ":12: actions.responsible-ai[0].language: the action is in cy, the report in en; readers of en may not follow it (warning)"
	if r.code != 0 || !strings.Contains(r.stderr, want) || !strings.Contains(r.stderr, "built-in bank: 1 action(s) in another language than the bank's, en (warnings)") {
		t.Errorf("exit %d, stderr:\n%s", r.code, r.stderr)
	}
	if r := digilead(t, "", nil, "bank", "validate", "--catalogue", deptCatalogue, "--strict"); r.code != 2 || !strings.Contains(r.stderr, "(error)") {
		t.Errorf("--strict: exit %d, stderr:\n%s", r.code, r.stderr)
	}
	// What it checked is said on stdout, as the banks are.
	if !strings.Contains(r.stdout, "ok "+deptCatalogue+": catalogue of public-sector-digital-leadership, ") {
		t.Errorf("stdout:\n%s", r.stdout)
	}
	// A catalogue that is not there is a usage error, said once; a
	// broken one's problems are said once, however many banks.
	none := filepath.Join(t.TempDir(), "none.yaml")
	if r := digilead(t, "", nil, "bank", "validate", "--catalogue", none); r.code != 2 || r.stderr != "digilead: --catalogue: "+none+": no such file; give a digilead.catalogue/v1 file\n" {
		t.Errorf("no such catalogue: exit %d, stderr:\n%s", r.code, r.stderr)
	}
	broken := filepath.Join(t.TempDir(), "broken.yaml")
	os.WriteFile(broken, []byte("schema: digilead.catalogue/v1\nbank: public-sector-digital-leadership\nactions:\n  leading-change:\n    - {kind: course, text: x}\n"), 0o600)
	r = digilead(t, "", nil, "bank", "validate", "--catalogue", broken, "", statsBank)
	if r.code != 2 || strings.Count(r.stderr, `unknown action kind "course"`) != 1 || strings.Contains(r.stdout, "ok "+broken) {
		t.Errorf("a broken catalogue: exit %d, stdout:\n%s\nstderr:\n%s", r.code, r.stdout, r.stderr)
	}
	other := filepath.Join(t.TempDir(), "c.yaml")
	os.WriteFile(other, []byte("schema: digilead.catalogue/v1\nbank: nope\nactions: {}\n"), 0o600)
	if r := digilead(t, "", nil, "bank", "validate", "--catalogue", other); r.code != 2 || !strings.Contains(r.stderr, other+`:2: bank: the catalogue is for bank "nope"`) {
		t.Errorf("another bank's catalogue: exit %d, stderr:\n%s", r.code, r.stderr)
	}
}

// TestPlanCatalogue: plan --catalogue plans the catalogue's actions, links
// and all, and its plan follows the schema.
func TestPlanCatalogue(t *testing.T) {
	t.Parallel()
	res := digilead(t, "", nil, "assess", "--answers", "../../docs/examples/answers.yaml", "--no-save", "-f", "json")
	saved := filepath.Join(t.TempDir(), "me.json")
	os.WriteFile(saved, []byte(res.stdout), 0o600)
	r := digilead(t, "", nil, "plan", saved, "--priorities", "3", "--no-save", "-f", "json", "--catalogue", deptCatalogue)
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	schematest.Validate(t, "plan.schema.json", []byte(r.stdout))
	if !strings.Contains(r.stdout, `"url": "https://learning.example.gov/data-2"`) || !strings.Contains(r.stdout, `"minutes": 90`) {
		t.Errorf("the plan does not hold the catalogue's action:\n%s", r.stdout)
	}
	md := digilead(t, "", nil, "plan", saved, "--priorities", "3", "--no-save", "-f", "markdown", "--catalogue", deptCatalogue)
	if !strings.Contains(md.stdout, "[Data essentials, module 2](<https://learning.example.gov/data-2>) (Civil Service College, 90 min, en)") {
		t.Errorf("the plan's markdown does not link the action:\n%s", md.stdout)
	}
	page := digilead(t, "", nil, "plan", saved, "--priorities", "3", "--no-save", "-f", "html", "--catalogue", deptCatalogue)
	if !strings.Contains(page.stdout, `<a href="https://learning.example.gov/data-2" rel="noopener">Data essentials, module 2</a>`) {
		t.Errorf("the plan's page does not link the action:\n%s", page.stdout)
	}
	cal := digilead(t, "", nil, "plan", saved, "--priorities", "3", "--no-save", "-f", "ics", "--catalogue", deptCatalogue)
	if !strings.Contains(strings.ReplaceAll(cal.stdout, "\r\n ", ""), `https://learning.example.gov/data-2`) {
		t.Errorf("the plan's calendar does not give the address:\n%s", cal.stdout)
	}
	plain := digilead(t, "", nil, "plan", saved, "--priorities", "3", "--no-save", "-f", "json")
	if strings.Contains(plain.stdout, "https://") {
		t.Errorf("a plan without a catalogue has links:\n%s", plain.stdout)
	}
}
