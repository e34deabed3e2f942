package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestXAPI: score and report write one statement per result; an address
// in the answers is its mbox_sha1sum, in no output; the statement that
// report writes from the saved result has the id score gave it.
func TestXAPI(t *testing.T) {
	t.Parallel()
	answers := filepath.Join(t.TempDir(), "answers.jsonl")
	os.WriteFile(answers, []byte(`{"respondent": {"id": "e1", "email": "Sam.Jones@Example.gov.uk"}, "answers": {"s1": 3, "s2": 4}}
{"respondent": {"id": "e2"}, "answers": {"s1": 5, "s2": 5, "s3": 1, "s4": true}}
`), 0o600)
	statements := digilead(t, "", nil, "score", "--bank", statsBank, "--format", "xapi", answers)
	results := digilead(t, "", nil, "score", "--bank", statsBank, answers)
	if statements.code != 0 || results.code != 0 {
		t.Fatalf("score: exit %d %d: %s%s", statements.code, results.code, statements.stderr, results.stderr)
	}
	lines, saved := outputLines(statements.stdout), outputLines(results.stdout)
	if len(lines) != 2 || len(saved) != 2 {
		t.Fatalf("%d statements, %d results", len(lines), len(saved))
	}
	for _, out := range []string{statements.stdout, results.stdout} {
		if strings.Contains(strings.ToLower(out), "example.gov.uk") || strings.Contains(strings.ToLower(out), "sam.jones") {
			t.Errorf("the address is written:\n%s", out)
		}
	}
	// sha1("mailto:sam.jones@example.gov.uk")
	if !strings.Contains(lines[0], `"mbox_sha1sum":"`) || strings.Contains(lines[0], `"account"`) {
		t.Errorf("the first actor is not its mbox_sha1sum: %s", lines[0])
	}
	if !strings.Contains(lines[1], `"account":{"homePage":"https://digilead.dev/xapi/respondents","name":"e2"}`) {
		t.Errorf("the second actor is not an account: %s", lines[1])
	}
	bad := filepath.Join(t.TempDir(), "bad.jsonl")
	os.WriteFile(bad, []byte(`{"respondent": {"id": "e3", "email": "sam at example"}, "answers": {"s1": 3}}`+"\n"), 0o600)
	if r := digilead(t, "", nil, "score", "--bank", statsBank, "--format", "xapi", bad); r.code != 2 || r.stdout != "" ||
		!strings.Contains(r.stderr, bad+":1: respondent.email: not an e-mail address") {
		t.Errorf("a bad address: exit %d, stdout %q, stderr %q", r.code, r.stdout, r.stderr)
	}
	for i, line := range lines {
		var s struct{ ID string }
		json.Unmarshal([]byte(line), &s)
		file := filepath.Join(t.TempDir(), "result.json")
		os.WriteFile(file, []byte(saved[i]), 0o600)
		again := digilead(t, "", nil, "report", "--bank", statsBank, "--format", "xapi", file)
		var s2 struct{ ID string }
		if err := json.Unmarshal([]byte(again.stdout), &s2); err != nil || again.code != 0 {
			t.Fatalf("report: exit %d: %v %s", again.code, err, again.stderr)
		}
		if s.ID == "" || s2.ID != s.ID {
			t.Errorf("result %d: report gives id %s, score gave %s", i, s2.ID, s.ID)
		}
		if i == 1 && again.stdout != line+"\n" {
			t.Errorf("report's statement differs from score's:\n%s\n%s", again.stdout, line)
		}
	}
}
