package report

import (
	"bytes"
	"strings"
	"testing"

	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"
	"github.com/muesli/termenv"

	"github.com/digilead/digilead/assessment/itemstats"
)

// itemStatsFixture has a long question id, a null figure and flags.
func itemStatsFixture() *itemstats.Report {
	return &itemstats.Report{
		Schema: itemstats.Schema, Respondents: 12,
		Dimensions: []itemstats.Dimension{{
			ID: "d", Name: "A dimension | with = markup *chars*", K: 3, N: 12,
			Alpha: ptr(0.61), StdAlpha: ptr(0.63), MeanR: ptr(0.36), Mean: ptr(55), ScoreSD: ptr(20), SEM: ptr(12.49),
			Questions: []itemstats.Question{
				{ID: "q1", Type: "likert", Mean: ptr(50), SD: ptr(30), ItemTotalR: ptr(0.5), AlphaIfDeleted: ptr(0.4)},
				{ID: "a-very-long-question-id-that-does-not-fit-in-a-narrow-terminal-column-at-all", Type: "likert", Mean: ptr(40), SD: ptr(25), ItemTotalR: ptr(-0.2), AlphaIfDeleted: ptr(0.8), NA: 3},
				{ID: "q3", Type: "yesno", Mean: ptr(60), SD: ptr(0)},
			},
			Flags: []itemstats.Flag{
				{Kind: itemstats.FlagFewAnswers, Text: "Only 12 people answered every question of this dimension; at least 30 are needed to judge it, so treat these figures as rough."},
				{Kind: itemstats.FlagReversedItem, Question: "a-very-long-question-id-that-does-not-fit-in-a-narrow-terminal-column-at-all", Text: "It runs against the other questions: probably keyed the wrong way — try reverse: true."},
			},
		}},
	}
}

func TestItemStatsTextFitsTheWidth(t *testing.T) {
	t.Parallel()
	for _, width := range []int{0, 40, 60, 80, 200} {
		for _, accessible := range []bool{false, true} {
			var buf bytes.Buffer
			if err := itemStatsText(&buf, itemStatsFixture(), Options{Width: width, Accessible: accessible}); err != nil {
				t.Fatal(err)
			}
			limit := Options{Width: width}.width()
			for _, line := range strings.Split(buf.String(), "\n") {
				if w := ansi.StringWidth(line); w > limit && strings.Contains(strings.TrimSpace(line), " ") {
					t.Errorf("width %d (accessible %v): line of %d columns: %q", width, accessible, w, line)
				}
			}
			if strings.Contains(buf.String(), "\x1b[") {
				t.Errorf("plain output holds escape codes")
			}
		}
	}
}

func TestItemStatsTextColourIsNeverTheOnlyCue(t *testing.T) {
	t.Parallel()
	var plain, colour bytes.Buffer
	itemStatsText(&plain, itemStatsFixture(), Options{})
	r := lipgloss.NewRenderer(&colour)
	r.SetColorProfile(termenv.TrueColor)
	itemStatsText(&colour, itemStatsFixture(), Options{Renderer: r})
	if !strings.Contains(colour.String(), "\x1b[") {
		t.Fatal("a colour renderer gives no colour")
	}
	if got := ansi.Strip(colour.String()); got != plain.String() {
		t.Errorf("without its colours the output differs from the plain one:\n%s\n---\n%s", got, plain.String())
	}
	for _, want := range []string{"! Keyed the wrong way?:", "! Too few answers:", "…"} {
		if !strings.Contains(plain.String(), want) {
			t.Errorf("plain output lacks %q:\n%s", want, plain.String())
		}
	}
}

func TestItemStatsMarkdownEscapes(t *testing.T) {
	t.Parallel()
	var buf bytes.Buffer
	itemStatsMarkdown(&buf, itemStatsFixture(), Options{})
	if !strings.Contains(buf.String(), `## A dimension \| with = markup \*chars\*`) {
		t.Errorf("heading not escaped:\n%s", buf.String())
	}
	var csv bytes.Buffer
	fx := itemStatsFixture()
	fx.Dimensions[0].Name = "=HYPERLINK(1)"
	itemStatsCSV(&csv, fx, Options{})
	if !strings.Contains(csv.String(), ",'=HYPERLINK(1),") {
		t.Errorf("a formula-like name reaches the CSV unguarded:\n%s", csv.String())
	}
}

func TestLookupItemStats(t *testing.T) {
	t.Parallel()
	for _, f := range []string{"text", "json", "csv", "markdown"} {
		if _, err := ItemAnalyses.Lookup(f); err != nil {
			t.Errorf("%s: %v", f, err)
		}
	}
	if _, err := ItemAnalyses.Lookup("html"); err == nil || !strings.Contains(err.Error(), "use one of csv, json, markdown, text") {
		t.Errorf("unknown format: %v", err)
	}
}
