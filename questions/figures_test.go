package questions

import (
	"errors"
	"strings"
	"testing"
)

const figuresBank = `# A comment at the top.
schema: digilead/v1
id: figs
title: Figures
version: "1"
tiers:
  - {id: t1, name: T1, rank: 1}
dimensions:
  # The first dimension.
  - id: a        # trailing comment
    name: "A: first"
    weight: 2
    actions:
      - {kind: reading, text: Read.}
  - id: b
    name: B
    reliability: 0.5   # measured 2024
    description: >
      Folded
      text.
  - {id: c, name: C}
questions:
  - {id: qa, dimension: a, text: QA}
  - {id: qb, dimension: b, text: QB}
  - {id: qc, dimension: c, text: QC}
`

func TestSetFigures(t *testing.T) {
	tests := []struct {
		name string
		in   string
		figs map[string]Figures
		want string // the edited lines, as a diff-like excerpt that must appear
	}{
		{name: "insert after weight, keeping comments",
			in: figuresBank, figs: map[string]Figures{"a": {0.81, 14.5}},
			want: "  - id: a        # trailing comment\n    name: \"A: first\"\n    weight: 2\n    reliability: 0.81\n    score_sd: 14.5\n    actions:\n"},
		{name: "replace in place, insert the missing key after name",
			in: figuresBank, figs: map[string]Figures{"b": {0.773, 20}},
			want: "  - id: b\n    name: B\n    score_sd: 20\n    reliability: 0.773   # measured 2024\n    description: >\n"},
		{name: "after id when name is the last key",
			in: strings.Replace(figuresBank, "  - {id: c, name: C}", "  - id: c\n    name: C", 1), figs: map[string]Figures{"c": {0.9, 5}},
			want: "  - id: c\n    reliability: 0.9\n    score_sd: 5\n    name: C\nquestions:"},
		{name: "CRLF line endings kept",
			in: strings.ReplaceAll(figuresBank, "\n", "\r\n"), figs: map[string]Figures{"a": {0.81, 14.5}},
			want: "    weight: 2\r\n    reliability: 0.81\r\n    score_sd: 14.5\r\n    actions:\r\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, err := SetFigures("bank.yaml", []byte(tt.in), tt.figs)
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(string(out), tt.want) {
				t.Fatalf("edited bank lacks\n%s\ngot:\n%s", tt.want, out)
			}
			if !strings.HasPrefix(string(out), "# A comment at the top.") || !strings.Contains(string(out), "# The first dimension.") {
				t.Errorf("comments lost:\n%s", out)
			}
			b, err := Parse(File{Name: "bank.yaml", Data: out})
			if err != nil {
				t.Fatalf("edited bank does not load: %v\n%s", err, out)
			}
			for id, f := range tt.figs {
				d, _ := b.Dimension(id)
				if d.Reliability != f.Reliability || d.ScoreSD != f.ScoreSD {
					t.Errorf("%s: reliability, score_sd = %v, %v; want %v, %v", id, d.Reliability, d.ScoreSD, f.Reliability, f.ScoreSD)
				}
			}
			if len(out)-len(tt.in) > 80 {
				t.Errorf("edit grew the file by %d bytes; only the figures should be added", len(out)-len(tt.in))
			}
		})
	}
}

func TestSetFiguresIdempotent(t *testing.T) {
	figs := map[string]Figures{"a": {0.81, 14.5}, "b": {0.7, 9}}
	once, err := SetFigures("bank.yaml", []byte(figuresBank), figs)
	if err != nil {
		t.Fatal(err)
	}
	twice, err := SetFigures("bank.yaml", once, figs)
	if err != nil {
		t.Fatal(err)
	}
	if string(once) != string(twice) {
		t.Errorf("a second --write changed the file again:\n%s", twice)
	}
}

func TestSetFiguresRefusesFlowStyle(t *testing.T) {
	_, err := SetFigures("bank.yaml", []byte(figuresBank), map[string]Figures{"c": {0.8, 10}})
	var ps Problems
	if !errors.As(err, &ps) || ps[0].Pos.Line != 21 || !strings.Contains(ps[0].Msg, "add reliability: 0.8 and score_sd: 10 to it by hand") {
		t.Errorf("err = %v; want bank.yaml:21 telling what to add by hand", err)
	}
}

func TestSetFiguresLeavesOtherFilesAlone(t *testing.T) {
	in := "questions:\n  - {id: q, dimension: a, text: Q}\n"
	out, err := SetFigures("part.yaml", []byte(in), map[string]Figures{"a": {0.8, 10}})
	if err != nil || string(out) != in {
		t.Errorf("a file without the dimension changed: %q, %v", out, err)
	}
}

func TestScoreSDIsChecked(t *testing.T) {
	for _, tc := range []struct {
		val string
		ok  bool
	}{{"14.5", true}, {"100", true}, {"0", false}, {"-3", false}, {"101", false}, {`"wide"`, false}} {
		in := strings.Replace(figuresBank, "    weight: 2\n", "    weight: 2\n    score_sd: "+tc.val+"\n", 1)
		b, err := Parse(File{Name: "bank.yaml", Data: []byte(in)})
		if tc.ok {
			if err != nil {
				t.Errorf("score_sd %s: %v", tc.val, err)
			} else if d, _ := b.Dimension("a"); formatFigure(d.ScoreSD) != tc.val {
				t.Errorf("score_sd %s read as %v", tc.val, d.ScoreSD)
			}
			continue
		}
		if err == nil || !strings.Contains(err.Error(), "bank.yaml:13: dimensions[a].score_sd:") {
			t.Errorf("score_sd %s: err = %v; want it refused at bank.yaml:13", tc.val, err)
		}
	}
}
