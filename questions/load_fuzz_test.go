package questions

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/digilead/digilead/questions/errtext"
)

// checkParse checks what Parse promises for any input: either a bank whose
// lookups agree with its lists, or Problems (wrapping errtext.ErrInvalid) that each
// say something and point into one of the files given.
func checkParse(t *testing.T, files []File, b *Bank, err error) {
	t.Helper()
	if err != nil {
		if b != nil {
			t.Fatalf("Parse returned a bank and an error: %v", err)
		}
		checkProblems(t, err, files)
		return
	}
	if b == nil {
		t.Fatal("Parse returned neither a bank nor an error")
	}
	checkBank(t, b)
}

func checkProblems(t *testing.T, err error, files []File) {
	t.Helper()
	if !errors.Is(err, errtext.ErrInvalid) {
		t.Fatalf("error does not wrap errtext.ErrInvalid: %T %v", err, err)
	}
	var ps Problems
	if !errors.As(err, &ps) || len(ps) == 0 {
		t.Fatalf("error is not a non-empty Problems: %T %v", err, err)
	}
	names := map[string]int{}
	for _, f := range files {
		names[f.Name] = yamlLines(f.Data)
	}
	for _, p := range ps {
		if p.Msg == "" {
			t.Fatalf("problem without a message: %+v", p)
		}
		lines, ok := names[p.Pos.File]
		if !ok && p.Pos.File != "dir" {
			t.Fatalf("problem names file %q, which was not given: %v", p.Pos.File, p)
		}
		if p.Pos.Line < 0 || (ok && p.Pos.Line > lines+1) {
			t.Fatalf("problem at line %d of a %d-line file: %v", p.Pos.Line, lines, p)
		}
	}
}

// yamlLines counts lines as YAML does: CR, LF, CR LF, and NEL, LS and PS
// each end one.
func yamlLines(data []byte) int {
	s := string(data)
	n := strings.Count(s, "\n") + strings.Count(s, "\r") - strings.Count(s, "\r\n")
	return n + strings.Count(s, "\u0085") + strings.Count(s, "\u2028") + strings.Count(s, "\u2029") + 1
}

func checkBank(t *testing.T, b *Bank) {
	t.Helper()
	if len(b.Tiers) == 0 || len(b.Dimensions) == 0 || len(b.Questions) == 0 {
		t.Fatalf("accepted bank with %d tiers, %d dimensions, %d questions", len(b.Tiers), len(b.Dimensions), len(b.Questions))
	}
	if len(b.Questions) > MaxQuestions {
		t.Fatalf("accepted %d questions, more than MaxQuestions", len(b.Questions))
	}
	for i := range b.Tiers {
		if got, ok := b.Tier(b.Tiers[i].ID); !ok || got != &b.Tiers[i] {
			t.Fatalf("Tier(%q) does not find tier %d", b.Tiers[i].ID, i)
		}
		if i > 0 && b.Tiers[i-1].Rank >= b.Tiers[i].Rank {
			t.Fatalf("tiers not in strict rank order: %d then %d", b.Tiers[i-1].Rank, b.Tiers[i].Rank)
		}
		for dim := range b.Tiers[i].Expectations {
			if _, ok := b.Dimension(dim); !ok {
				t.Fatalf("tier %s expects unknown dimension %q", b.Tiers[i].ID, dim)
			}
		}
	}
	for i := range b.Dimensions {
		d := &b.Dimensions[i]
		if got, ok := b.Dimension(d.ID); !ok || got != d || b.DimensionIndex(d.ID) != i {
			t.Fatalf("Dimension(%q) does not find dimension %d", d.ID, i)
		}
		if len(b.QuestionsOf(d.ID)) == 0 {
			t.Fatalf("dimension %q has no question", d.ID)
		}
		for _, a := range d.Actions {
			for _, tier := range a.Tiers {
				if _, ok := b.Tier(tier); !ok {
					t.Fatalf("action of %q names unknown tier %q", d.ID, tier)
				}
			}
		}
	}
	for i := range b.Questions {
		q := &b.Questions[i]
		if got, ok := b.Question(q.ID); !ok || got != q {
			t.Fatalf("Question(%q) does not find question %d", q.ID, i)
		}
		if _, ok := b.Dimension(q.Dimension); !ok {
			t.Fatalf("question %q measures unknown dimension %q", q.ID, q.Dimension)
		}
		switch q.Type {
		case Likert:
			if q.Scale.Max <= q.Scale.Min {
				t.Fatalf("question %q has scale %d..%d", q.ID, q.Scale.Min, q.Scale.Max)
			}
		case Choice, Multi:
			if len(q.Options) < 2 {
				t.Fatalf("%s question %q has %d options", q.Type, q.ID, len(q.Options))
			}
		case YesNo:
		default:
			t.Fatalf("question %q has type %q", q.ID, q.Type)
		}
	}
	if len(b.Digest) != len("sha256:")+64 {
		t.Fatalf("digest %q", b.Digest)
	}
}

// bankText is the bytes of the texts of b's tiers, dimensions and
// questions.
func bankText(b *Bank) int {
	n := len(b.Title) + len(b.Description)
	for _, t := range b.Tiers {
		n += len(t.Name) + len(t.Description)
		for _, c := range t.Challenges {
			n += len(c)
		}
	}
	for _, d := range b.Dimensions {
		n += len(d.Name) + len(d.Description)
		for _, a := range d.Actions {
			n += len(a.Text) + len(a.Provider) + len(a.URL)
		}
	}
	for _, q := range b.Questions {
		n += len(q.Text) + len(q.Help)
		for _, o := range q.Options {
			n += len(o.Label)
		}
	}
	return n
}

func TestFuzzSeedBankIsValid(t *testing.T) {
	b, err := Parse(File{Name: "tiny.yaml", Data: []byte(tinyBank)})
	if err != nil {
		t.Fatal(err)
	}
	checkBank(t, b)
}

func FuzzParse(f *testing.F) {
	f.Add(defaultYAML)
	f.Add([]byte("schema: digilead/v1\nid: x\n"))
	f.Add([]byte(tinyBank))
	f.Add([]byte("a: &a [x, x]\nb: &b [*a, *a]\nc: [*b, *b]\n"))
	f.Add([]byte(textBomb(1<<20, 3)))
	f.Add([]byte(textBomb(1<<20, 2)))
	f.Fuzz(func(t *testing.T, data []byte) {
		files := []File{{Name: "bank.yaml", Data: data}}
		b, err := Parse(files...)
		checkParse(t, files, b, err)
		if err == nil {
			// Aliases add at most maxAliasBytes of text to the file's.
			if n := bankText(b); n > len(data)+maxAliasBytes {
				t.Fatalf("a bank of %d bytes holds %d bytes of text", len(data), n)
			}
			// The same input gives the same bank.
			b2, err2 := Parse(files...)
			if err2 != nil || b2.Digest != b.Digest || len(b2.Questions) != len(b.Questions) {
				t.Fatalf("second parse differs: %v", err2)
			}
		}
	})
}

// FuzzParseDir merges several files: the input is split on "\n---file\n".
func FuzzParseDir(f *testing.F) {
	f.Add([]byte(tinyHeader + "\n---file\n" + tinyBody))
	f.Add([]byte(tinyBody + "\n---file\n" + tinyHeader + "\n---file\n" + tinyBody))
	f.Add(append(append([]byte{}, defaultYAML...), "\n---file\nquestions: []\n"...))
	f.Fuzz(func(t *testing.T, data []byte) {
		parts := bytes.Split(data, []byte("\n---file\n"))
		if len(parts) > 8 {
			parts = parts[:8]
		}
		files := make([]File, len(parts))
		for i, p := range parts {
			files[i] = File{Name: fmt.Sprintf("dir/%02d.yaml", i), Data: p}
		}
		b, err := Parse(files...)
		checkParse(t, files, b, err)
	})
}

const tinyHeader = `schema: digilead/v1
id: tiny
title: Tiny
version: "1"
tiers:
  - {id: low, name: Low, rank: 1, expectations: {d1: 50}}
  - {id: high, name: High, rank: 2, expectations: {d1: 80}}
`

const tinyBody = `dimensions:
  - id: d1
    name: One
    actions: [{kind: reading, text: Read, tiers: [high]}]
questions:
  - {id: q1, dimension: d1, text: "Likert?"}
  - {id: q2, dimension: d1, text: "Pick?", type: choice, options: [{id: a, label: A, score: 0}, {id: b, label: B, score: 1}]}
  - {id: q3, dimension: d1, text: "Yes?", type: yesno, reverse: true}
  - {id: q4, dimension: d1, text: "Many?", type: multi, options: [{id: a, label: A, score: 0.5}, {id: b, label: B, score: 0.5}]}
`

const tinyBank = tinyHeader + tinyBody
