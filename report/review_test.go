package report

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"
	"github.com/muesli/termenv"

	"github.com/digilead/digilead/assessment/review"
	"github.com/digilead/digilead/assessment/schematest"
	"github.com/digilead/digilead/questions"
	"github.com/digilead/digilead/questions/lang"
)

// reviewOf reviews a bank file with the default settings.
func reviewOf(t testing.TB, path string) *review.Report {
	t.Helper()
	b, err := questions.Load(path)
	if err != nil {
		t.Fatal(err)
	}
	r, _ := reviews.LoadOrStore(path, sync.OnceValue(func() *review.Report { return review.Review(b, review.Options{Seed: 1}) }))
	return r.(func() *review.Report)()
}

// reviews are the reviews of the banks reviewOf was given, each made once
// (a review simulates thousands of respondents; several tests render the
// same bank's). Renderers work on copies, so they may share one.
var reviews sync.Map

// The reviews rendered here: the built-in bank 1.0.0, with findings of
// every section, and a clean bank.
const (
	reviewV1    = "../questions/testdata/default-v1.yaml"
	reviewClean = "../assessment/review/testdata/clean.yaml"
)

func TestReviewGolden(t *testing.T) {
	t.Parallel()
	v1, clean := reviewOf(t, reviewV1), reviewOf(t, reviewClean)
	for _, tc := range []struct {
		golden string
		r      *review.Report
		render Render[*review.Report]
		o      Options
	}{
		{"review.v1.60.txt.golden", v1, reviewText, Options{Width: 60}},
		{"review.v1.120.txt.golden", v1, reviewText, Options{Width: 120}},
		{"review.v1.md.golden", v1, reviewMarkdown, Options{}},
		{"review.v1.json.golden", v1, reviewJSON, Options{}},
		{"review.clean.txt.golden", clean, reviewText, Options{}},
		{"review.clean.md.golden", clean, reviewMarkdown, Options{}},
	} {
		t.Run(tc.golden, func(t *testing.T) {
			var buf bytes.Buffer
			if err := tc.render(&buf, tc.r, tc.o); err != nil {
				t.Fatal(err)
			}
			golden(t, tc.golden, buf.Bytes())
		})
	}
}

// TestReviewJSONSchema validates reviews of every fixture bank, each with
// its own kind of finding, against docs/schema/review.schema.json.
func TestReviewJSONSchema(t *testing.T) {
	t.Parallel()
	paths, _ := filepath.Glob("../assessment/review/testdata/*.yaml")
	paths = append(paths, reviewV1)
	for _, p := range paths {
		var buf bytes.Buffer
		if err := reviewJSON(&buf, reviewOf(t, p), Options{}); err != nil {
			t.Fatal(err)
		}
		if err := schematest.Check(t, "review.schema.json", buf.Bytes()); err != nil {
			t.Errorf("%s: %v", p, err)
		}
	}
	// A document missing what the schema requires is refused: the schema
	// can fail.
	if schematest.Check(t, "review.schema.json", []byte(`{"schema": "digilead.review/v1", "findings": []}`)) == nil {
		t.Error("an incomplete document validates")
	}
}

// TestReviewSchemaNamesEveryCheck keeps the schema's list of check ids the
// package's.
func TestReviewSchemaNamesEveryCheck(t *testing.T) {
	t.Parallel()
	data, err := os.ReadFile(filepath.Join(schematest.Dir(), "review.schema.json"))
	if err != nil {
		t.Fatal(err)
	}
	var s struct {
		Properties struct {
			Findings struct {
				Items struct {
					Properties struct {
						Check struct {
							Enum []string `json:"enum"`
						} `json:"check"`
					} `json:"properties"`
				} `json:"items"`
			} `json:"findings"`
		} `json:"properties"`
	}
	if err := json.Unmarshal(data, &s); err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, c := range review.Checks {
		ids = append(ids, c.ID)
	}
	got := s.Properties.Findings.Items.Properties.Check.Enum
	slices.Sort(got)
	slices.Sort(ids)
	if !slices.Equal(got, ids) {
		t.Errorf("schema check ids %v, package %v", got, ids)
	}
}

func TestReviewTextFitsTheWidth(t *testing.T) {
	t.Parallel()
	r := reviewOf(t, reviewV1)
	for _, width := range []int{0, 60, 80, 100, 120, 200} {
		var buf bytes.Buffer
		if err := reviewText(&buf, r, Options{Width: width}); err != nil {
			t.Fatal(err)
		}
		limit := Options{Width: width}.width()
		for _, line := range strings.Split(buf.String(), "\n") {
			if w := ansi.StringWidth(line); w > limit && strings.Contains(strings.TrimSpace(line), " ") {
				t.Errorf("width %d: line of %d columns: %q", width, w, line)
			}
		}
		if strings.Contains(buf.String(), "\x1b[") {
			t.Errorf("width %d: plain output holds escape codes", width)
		}
	}
}

func TestReviewTextColourIsNeverTheOnlyCue(t *testing.T) {
	t.Parallel()
	r := reviewOf(t, reviewV1)
	var plain, colour bytes.Buffer
	reviewText(&plain, r, Options{})
	cr := lipgloss.NewRenderer(&colour)
	cr.SetColorProfile(termenv.TrueColor)
	reviewText(&colour, r, Options{Renderer: cr})
	if !strings.Contains(colour.String(), "\x1b[") {
		t.Fatal("a colour renderer gives no colour")
	}
	if got := ansi.Strip(colour.String()); got != plain.String() {
		t.Errorf("without its colours the output differs from the plain one")
	}
	for _, want := range []string{": error longest-is-best vis-scenario", ": check other-people wf-drop", "Fix for all 13:"} {
		if !strings.Contains(plain.String(), want) {
			t.Errorf("plain output lacks %q", want)
		}
	}
}

func TestLookupReview(t *testing.T) {
	t.Parallel()
	if got := Reviews.Names(); !slices.Equal(got, []string{"json", "markdown", "text"}) {
		t.Errorf("formats %v", got)
	}
	if _, err := Reviews.Lookup("csv"); err == nil || !strings.Contains(err.Error(), "use one of json, markdown, text") {
		t.Errorf("unknown format: %v", err)
	}
}

// TestReadingEaseShownOnItsScale: a Flesch reading ease the formula puts
// above 100 is shown as 100, and the sentence says what the formula gave.
func TestReadingEaseShownOnItsScale(t *testing.T) {
	r := &review.Report{Reading: &review.Reading{Words: 40, Sentences: 10, WordsPerSentence: 4, SyllablesPerWord: 1.2, FleschReadingEase: 100.1}}
	s := readingSummary(lang.English(), r)
	if !strings.HasPrefix(s, "Flesch reading ease of the bank's text: 100.0 (") || !strings.Contains(s, "The formula gives 100.1, outside the 0 to 100") {
		t.Errorf("got %q", s)
	}
	r.Reading.FleschReadingEase = 66.9
	if s := readingSummary(lang.English(), r); strings.Contains(s, "formula gives") || !strings.Contains(s, ": 66.9 (") {
		t.Errorf("in range: %q", s)
	}
}
