package assessment

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/digilead/digilead/questions"
	"github.com/digilead/digilead/questions/questionstest"
)

// qualityBank has two dimensions: "a" with a1..a4 (a4 reverse-keyed) and
// "b" with b1..b4 (b3 reverse-keyed, b4 on its own agree scale), plus a
// choice question; 1..5 default scale, labelled.
const qualityBank = `schema: digilead/v1
id: quality
title: Quality
version: "1"
not_applicable: "n/a"
scale: {min: 1, max: 5, labels: [Never, Rarely, Sometimes, Often, Always]}
tiers:
  - {id: t1, name: T1, rank: 1, expectations: {a: 60, b: 60}}
dimensions:
  - {id: a, name: Alpha area, reliability: 0.84, score_sd: 15}
  - {id: b, name: Beta area}
questions:
  - {id: a1, dimension: a, text: A1}
  - {id: a2, dimension: a, text: A2}
  - {id: a3, dimension: a, text: A3}
  - {id: a4, dimension: a, text: A4, reverse: true}
  - {id: b1, dimension: b, text: B1}
  - {id: b2, dimension: b, text: B2}
  - {id: b3, dimension: b, text: B3, reverse: true}
  - {id: b4, dimension: b, text: B4, scale: {min: 0, max: 6}}
  - {id: c1, dimension: b, text: C1, type: choice, options: [{id: x, label: X, score: 1}, {id: y, label: Y, score: 0}]}
`

// answersOf builds values from "id=v" pairs: a number, "na", or an option.
func answersOf(t *testing.T, b *questions.Bank, pairs string) map[string]questions.Value {
	t.Helper()
	raw := map[string]any{}
	for _, p := range strings.Fields(pairs) {
		id, v, _ := strings.Cut(p, "=")
		var n float64
		if _, err := fmt.Sscan(v, &n); err == nil {
			raw[id] = n
		} else {
			raw[id] = v
		}
	}
	a, err := b.CheckAnswers(questions.RawAnswers{Answers: raw})
	if err != nil {
		t.Fatal(err)
	}
	return a.Values
}

func TestNotes(t *testing.T) {
	b := questionstest.Parse(t, "quality.yaml", qualityBank)
	tests := []struct {
		name    string
		answers string
		want    []string // kind[:dimension] of each note, in order
		text    []string // words the notes' texts must hold
	}{
		{name: "varied answers", answers: "a1=4 a2=3 a3=4 a4=2 b1=3 b2=4 b3=2 b4=4 c1=x"},
		{name: "straight-lining on all eight likert questions", answers: "a1=4 a2=4 a3=4 a4=4 b1=4 b2=4 b3=4 b4=3 c1=y",
			want: []string{"straight_lining"}, text: []string{`"Often"`, "all 8 scale questions"}},
		{name: "same point on fewer than eight is not noted", answers: "a1=4 a2=4 a3=4 a4=4 b1=4 b2=4 b3=4 b4=na"},
		{name: "one different answer breaks the line", answers: "a1=4 a2=4 a3=4 a4=4 b1=4 b2=4 b3=4 b4=4"},
		{name: "straight-lining at the top is also a contradiction", answers: "a1=5 a2=5 a3=5 a4=5 b1=5 b2=5 b3=5 b4=4",
			want: []string{"straight_lining", "contradiction:a", "contradiction:b"},
			text: []string{"all 8", "a1 and a4 (both \"Always\"); a2 and a4", "b1 and b3 (both \"Always\"); b2 and b3 (both \"Always\")."}},
		{name: "questions with different scales", answers: "b4=0 b3=1",
			want: []string{"contradiction:b"}, text: []string{"b4 and b3 (0 on the 0-6 scale and \"Never\")"}},
		{name: "contradiction at the bottom", answers: "a1=1 a2=3 a3=3 a4=1",
			want: []string{"contradiction:a"}, text: []string{"In Alpha area", "a1 and a4 (both \"Never\")", "right way round"}},
		{name: "opposite extremes agree, no note", answers: "a1=5 a2=5 a3=5 a4=1"},
		{name: "N/A is no extreme", answers: "a1=5 a4=na"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			notes := Notes(b, answersOf(t, b, tt.answers))
			var got []string
			for _, n := range notes {
				k := n.Kind
				if n.Dimension != "" {
					k += ":" + n.Dimension
				}
				got = append(got, k)
			}
			if strings.Join(got, " ") != strings.Join(tt.want, " ") {
				t.Fatalf("notes = %v, want %v\n%v", got, tt.want, notes)
			}
			var all []string
			for _, n := range notes {
				all = append(all, n.Text)
			}
			for _, words := range tt.text {
				if !strings.Contains(strings.Join(all, "\n"), words) {
					t.Errorf("notes %q; want them to hold %q", all, words)
				}
			}
		})
	}
}

func TestNotesNeverChangeScores(t *testing.T) {
	b := questionstest.Parse(t, "quality.yaml", qualityBank)
	flat := answersOf(t, b, "a1=5 a2=5 a3=5 a4=5 b1=5 b2=5 b3=5 b4=6 c1=x")
	r := Score(b, &questions.Answers{Values: flat}, Options{Now: time.Unix(0, 0)})
	if len(r.Notes) == 0 {
		t.Fatal("no notes for straight-lined answers")
	}
	want := map[string]float64{"a": 75, "b": 80} // (1+1+1+0)/4, (1+1+0+1+1)/5
	for _, d := range r.Dimensions {
		if d.Score == nil || *d.Score != want[d.ID] {
			t.Errorf("%s score = %v, want %v", d.ID, d.Score, want[d.ID])
		}
	}
}

// TestSEMUnjudged: an SEM cannot be judged when it was worked out from
// the result's own answers and those were given the same way throughout.
func TestSEMUnjudged(t *testing.T) {
	sem := 5.0
	straight := []Note{{Kind: NoteContradiction}, {Kind: NoteStraightLining}}
	tests := []struct {
		name   string
		notes  []Note
		rule   string
		sem    *float64
		source string
		want   bool
	}{
		{"straight-lined, from the answers", straight, questions.LevelRuleMostProbable, &sem, SourceAnswers, true},
		{"straight-lined, no sem_source, most-probable", straight, questions.LevelRuleMostProbable, &sem, "", true},
		{"straight-lined, no sem_source, strict (the bank's)", straight, questions.LevelRuleStrict, &sem, "", false},
		{"straight-lined, the bank's", straight, questions.LevelRuleMostProbable, &sem, SourceBank, false},
		{"straight-lined, no SEM", straight, questions.LevelRuleMostProbable, nil, SourceAnswers, false},
		{"another note only", straight[:1], questions.LevelRuleMostProbable, &sem, SourceAnswers, false},
		{"no notes", nil, questions.LevelRuleMostProbable, &sem, SourceAnswers, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := &Result{Notes: tt.notes, LevelRule: tt.rule, Dimensions: []DimensionScore{{ID: "a", SEM: tt.sem, SEMSource: tt.source}}}
			if got := SEMUnjudged(r, &r.Dimensions[0]); got != tt.want {
				t.Errorf("SEMUnjudged = %v, want %v", got, tt.want)
			}
		})
	}
}
