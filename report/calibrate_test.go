package report

import (
	"bytes"
	"strings"
	"testing"

	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"
	"github.com/muesli/termenv"

	"github.com/digilead/digilead/assessment/calibrate"
	"github.com/digilead/digilead/assessment/calibrate/calibratetest"
	"github.com/digilead/digilead/assessment/schematest"
	"github.com/digilead/digilead/questions"
	"github.com/digilead/digilead/questions/lang"
)

// calibrationFixture calibrates the calibration tests' pilot bank from a
// synthetic pilot of 60 people per tier, then adds what that pilot does
// not show: a name to escape, a long dimension id, a refusal for a small
// group and a flag for an expectation that falls as rank rises.
func calibrationFixture(t testing.TB) *calibrate.Report {
	t.Helper()
	b, err := questions.Load("../docs/examples/calibration/bank.yaml")
	if err != nil {
		t.Fatal(err)
	}
	pilot := calibratetest.Pilot(b, calibratetest.Known(60, 4, 8, 5))
	c := calibrate.New(b)
	for _, raw := range pilot {
		a, err := b.CheckAnswers(raw)
		if err != nil {
			t.Fatal(err)
		}
		c.Add(a)
	}
	r := c.Report(calibrate.Options{Seed: 1, Replicates: 200})
	r.Bank.Title = "Pilot | bank *two*"
	for i := range r.Pairs {
		p := &r.Pairs[i]
		switch p.Tier + "/" + p.Dimension {
		case "strategic/risk":
			p.Dimension = "risk-and-resilience-in-a-long-dimension-id-that-does-not-fit"
			p.Status, p.Cut, p.Proposed, p.Accuracy, p.Interval = calibrate.StatusRefused, nil, nil, nil, nil
			p.Refusal = &calibrate.Note{Kind: calibrate.RefusedSmallGroup, Text: "25 people of strategic and above and 120 below it have a score; each side needs 30, so the expectation stays at 70. Pilot more people at strategic and above."}
		case "strategic/data":
			p.Flags = append(p.Flags, calibrate.Note{Kind: calibrate.FlagFallsWithRank, Text: "41 would be below operational's 44 (proposed): expectations should not fall as rank rises."})
		}
	}
	return r
}

func TestCalibrationGolden(t *testing.T) {
	t.Parallel()
	r := calibrationFixture(t)
	for _, tc := range []struct {
		file, format string
		o            Options
	}{
		{"calibration.text.golden", "text", Options{}},
		{"calibration.text.60.golden", "text", Options{Width: 60}},
		{"calibration.accessible.golden", "text", Options{Accessible: true}},
		{"calibration.json.golden", "json", Options{}},
		{"calibration.md.golden", "markdown", Options{}},
	} {
		t.Run(tc.file, func(t *testing.T) {
			render, err := Calibrations.Lookup(tc.format)
			if err != nil {
				t.Fatal(err)
			}
			var buf bytes.Buffer
			if err := render(&buf, r, tc.o); err != nil {
				t.Fatal(err)
			}
			if tc.format == "json" {
				schematest.Validate(t, "calibration.schema.json", buf.Bytes())
			}
			golden(t, tc.file, buf.Bytes())
		})
	}
}

func TestCalibrationSchemaRejects(t *testing.T) {
	t.Parallel()
	var buf bytes.Buffer
	calibrationJSON(&buf, calibrationFixture(t), Options{})
	for name, broken := range map[string]string{
		"a proposal without an interval": strings.Replace(buf.String(), `"interval": {`, `"interval_gone": {`, 1),
		"an unknown flag":                strings.Replace(buf.String(), `"kind": "falls_with_rank"`, `"kind": "falls"`, 1),
		"a refused pair with a cut":      strings.Replace(buf.String(), `"status": "refused",`, `"status": "refused", "cut": 50,`, 1),
	} {
		if schematest.Check(t, "calibration.schema.json", []byte(broken)) == nil {
			t.Errorf("%s passes the schema", name)
		}
	}
}

func TestCalibrationTextFitsTheWidth(t *testing.T) {
	t.Parallel()
	r := calibrationFixture(t)
	for _, width := range []int{0, 60, 80, 120} {
		for _, accessible := range []bool{false, true} {
			var buf bytes.Buffer
			if err := calibrationText(&buf, r, Options{Width: width, Accessible: accessible}); err != nil {
				t.Fatal(err)
			}
			limit := Options{Width: width}.width()
			for _, line := range strings.Split(buf.String(), "\n") {
				if w := ansi.StringWidth(line); w > limit && strings.Contains(strings.TrimSpace(line), " ") {
					t.Errorf("width %d (accessible %v): line of %d columns: %q", width, accessible, w, line)
				}
			}
		}
	}
}

func TestCalibrationColourIsNeverTheOnlyCue(t *testing.T) {
	t.Parallel()
	r := calibrationFixture(t)
	var plain, colour bytes.Buffer
	calibrationText(&plain, r, Options{})
	rd := lipgloss.NewRenderer(&colour)
	rd.SetColorProfile(termenv.TrueColor)
	calibrationText(&colour, r, Options{Renderer: rd})
	if !strings.Contains(colour.String(), "\x1b[") {
		t.Fatal("a colour renderer gives no colour")
	}
	if got := ansi.Strip(colour.String()); got != plain.String() {
		t.Errorf("without its colours the output differs from the plain one")
	}
	for _, want := range []string{"! Not calibrated: every dimension: frontline is the lowest tier", "! Falls as rank rises: data:", "[", "kept"} {
		if !strings.Contains(plain.String(), want) {
			t.Errorf("plain output lacks %q", want)
		}
	}
}

func TestCalibrationMarkdownEscapes(t *testing.T) {
	t.Parallel()
	var buf bytes.Buffer
	calibrationMarkdown(&buf, calibrationFixture(t), Options{})
	if !strings.Contains(buf.String(), `# Calibration of expectations: Pilot \| bank \*two\*`) {
		t.Errorf("title not escaped:\n%s", buf.String())
	}
}

func TestLookupCalibration(t *testing.T) {
	t.Parallel()
	if _, err := Calibrations.Lookup("pdf"); err == nil || !strings.Contains(err.Error(), "use one of csv, json, markdown, text, xlsx") {
		t.Errorf("unknown format: %v", err)
	}
}

// TestLevelsSentenceUnscored: people without a level because they have
// no score are said to be unscored, not to miss the lowest tier's
// expectations (an all-N/A pilot).
func TestLevelsSentenceUnscored(t *testing.T) {
	l := lang.English()
	row := func(noLevel, unscored int) calibrate.Levels {
		c := calibrate.Classification{Confusion: []calibrate.ConfusionRow{{Role: "t1", People: 16, NoLevel: noLevel, Unscored: unscored, Levels: []int{0}}}}
		return calibrate.Levels{People: 16, Current: c, Proposed: c}
	}
	s := levelsSentence(l, row(16, 16))
	if strings.Contains(s, "miss the lowest tier") || !strings.Contains(s, "16 of the 16 t1 people have no level because they were not scored") {
		t.Errorf("all unscored: %q", s)
	}
	s = levelsSentence(l, row(5, 2))
	if !strings.Contains(s, "3 of the 16 t1 people have no level at all: they miss the lowest tier's own expectations") || !strings.Contains(s, "2 of the 16 t1 people have no level because they were not scored") {
		t.Errorf("mixed: %q", s)
	}
}
