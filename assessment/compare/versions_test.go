package compare

import (
	"os"
	"strings"
	"testing"
	"time"

	"github.com/digilead/digilead/assessment"
	"github.com/digilead/digilead/questions"
)

// TestCompareBankV1WithV2 compares a result saved with version 1.0.0 of
// the built-in bank (testdata/v1-result.json: docs/examples/answers.yaml
// as it was, scored on 2026-05-01) with a result of the current version,
// 3.0.0. They are compared on the twelve dimensions both versions have, in
// the newer order; inclusive-leadership (only in 1.0.0) and the four
// dimensions added in 2.0.0 are listed as left out.
func TestCompareBankV1WithV2(t *testing.T) {
	data, err := os.ReadFile("testdata/v1-result.json")
	if err != nil {
		t.Fatal(err)
	}
	old, err := assessment.DecodeResult(data)
	if err != nil {
		t.Fatalf("a result of bank 1.0.0 no longer decodes: %v", err)
	}
	b := questions.Default()
	new := score(t, b, "../../docs/examples/answers.yaml", time.Date(2026, 11, 1, 9, 0, 0, 0, time.UTC))
	c, err := Compare(old, new)
	if err != nil {
		t.Fatal(err)
	}
	if c.Old.BankVersion != "1.0.0" || c.New.BankVersion != "3.1.0" {
		t.Errorf("versions %s -> %s, want 1.0.0 -> 3.1.0", c.Old.BankVersion, c.New.BankVersion)
	}
	var ids []string
	for _, d := range c.Dimensions {
		ids = append(ids, d.ID)
	}
	want := "cyber-security-privacy continuous-learning technology-adoption citizen-centred-services leading-change collaboration data-informed-decisions workforce-development digital-vision resources-value responsible-ai trust-transparency"
	if got := strings.Join(ids, " "); got != want {
		t.Errorf("compared\n %s\nwant\n %s", got, want)
	}
	var left []string
	for _, l := range c.LeftOut {
		left = append(left, l.ID+":"+l.Only)
	}
	wantLeft := "accessibility:new agile-delivery:new technology-commercial:new data-governance:new inclusive-leadership:old"
	if got := strings.Join(left, " "); got != wantLeft {
		t.Errorf("left out %s, want %s", got, wantLeft)
	}
	// Two dimensions by hand: cyber security 93.75 in 1.0.0; in 3.0.0
	// sec-report 4 -> 0.75, sec-personal 1 reversed -> 1, sec-level 3 ->
	// 0.5, "route" -> 1, sec-records 2 reversed -> 0.75: 4/5 = 80.
	// Responsible AI 53.33 in 1.0.0; in 3.0.0 (0.75 + 0.5 + 0.5 + 0.5)/4 =
	// 56.25.
	byID := map[string]Dimension{}
	for _, d := range c.Dimensions {
		byID[d.ID] = d
	}
	for id, w := range map[string][3]float64{
		"cyber-security-privacy": {93.75, 80, -13.75},
		"responsible-ai":         {53.33, 56.25, 2.92},
	} {
		d := byID[id]
		if d.Old == nil || d.New == nil || *d.Old != w[0] || *d.New != w[1] || *d.Change != w[2] {
			t.Errorf("%s: %v -> %v, want %v -> %v (%v)", id, numStr(d.Old), numStr(d.New), w[0], w[1], w[2])
		}
	}
	if len(c.Notes) == 0 || !strings.Contains(c.Notes[0], "different versions") {
		t.Errorf("notes %q: want a note that the bank versions differ", c.Notes)
	}
}
