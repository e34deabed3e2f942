package questions

import (
	"errors"
	"strings"
	"testing"
)

const expectationsBank = `# Top comment.
schema: digilead/v1
id: exps
title: Expectations
version: "1"
tiers:
  # The first tier, in block style.
  - id: low
    name: Low
    rank: 1
    expectations:
      a: 40        # set by the panel
      b: 35.5
  - id: mid
    name: Mid
    rank: 2
    expectations: {a: 50, b: 45}   # flow map
  - {id: top, name: Top, rank: 3, expectations: {a: 70, b: 65}}
dimensions:
  - {id: a, name: A}
  - {id: b, name: B}
questions:
  - {id: qa, dimension: a, text: QA}
  - {id: qb, dimension: b, text: QB}
`

func TestSetExpectations(t *testing.T) {
	tests := []struct {
		name string
		in   string
		exps map[string]map[string]float64
		want string // an excerpt the edited file must hold
	}{
		{name: "block style, comments kept",
			in: expectationsBank, exps: map[string]map[string]float64{"low": {"a": 45, "b": 30}},
			want: "    expectations:\n      a: 45        # set by the panel\n      b: 30\n"},
		{name: "flow map, two values on one line",
			in: expectationsBank, exps: map[string]map[string]float64{"mid": {"a": 52.5, "b": 100}},
			want: "    expectations: {a: 52.5, b: 100}   # flow map\n"},
		{name: "a whole tier on one line",
			in: expectationsBank, exps: map[string]map[string]float64{"top": {"b": 60}},
			want: "  - {id: top, name: Top, rank: 3, expectations: {a: 70, b: 60}}\n"},
		{name: "several tiers at once",
			in: expectationsBank, exps: map[string]map[string]float64{"low": {"a": 41}, "top": {"a": 71}, "mid": {"b": 46}},
			want: "      a: 41        # set by the panel\n      b: 35.5\n  - id: mid\n    name: Mid\n    rank: 2\n    expectations: {a: 50, b: 46}   # flow map\n  - {id: top, name: Top, rank: 3, expectations: {a: 71, b: 65}}\n"},
		{name: "CRLF line endings kept",
			in: strings.ReplaceAll(expectationsBank, "\n", "\r\n"), exps: map[string]map[string]float64{"low": {"b": 37}},
			want: "      a: 40        # set by the panel\r\n      b: 37\r\n"},
		{name: "non-ASCII text before the value on its line",
			in:   strings.Replace(expectationsBank, "{a: 50, b: 45}   # flow map", "{a: 50, b: 45}   # « flow » map", 1) + "# é\n",
			exps: map[string]map[string]float64{"mid": {"b": 44}}, want: "{a: 50, b: 44}   # « flow » map\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, err := SetExpectations("bank.yaml", []byte(tt.in), tt.exps)
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(string(out), tt.want) {
				t.Fatalf("edited bank lacks\n%s\ngot:\n%s", tt.want, out)
			}
			if !strings.HasPrefix(string(out), "# Top comment.") || !strings.Contains(string(out), "# The first tier, in block style.") {
				t.Errorf("comments lost:\n%s", out)
			}
			if strings.Count(string(out), "\n") != strings.Count(tt.in, "\n") {
				t.Errorf("the edit added or removed lines:\n%s", out)
			}
			b, err := Parse(File{Name: "bank.yaml", Data: out})
			if err != nil {
				t.Fatalf("edited bank does not load: %v\n%s", err, out)
			}
			orig, _ := Parse(File{Name: "bank.yaml", Data: []byte(tt.in)})
			for _, tier := range b.Tiers {
				for dim, got := range tier.Expectations {
					want := orig.Tiers[orig.tierIdx[tier.ID]].Expectations[dim]
					if v, ok := tt.exps[tier.ID][dim]; ok {
						want = v
					}
					if got != want {
						t.Errorf("%s.%s = %v, want %v", tier.ID, dim, got, want)
					}
				}
			}
		})
	}
}

func TestSetExpectationsIdempotent(t *testing.T) {
	exps := map[string]map[string]float64{"low": {"a": 45}, "mid": {"a": 55, "b": 47}}
	once, err := SetExpectations("bank.yaml", []byte(expectationsBank), exps)
	if err != nil {
		t.Fatal(err)
	}
	twice, err := SetExpectations("bank.yaml", once, exps)
	if err != nil || string(twice) != string(once) {
		t.Errorf("a second edit with the same values changed the file (%v):\n%s", err, twice)
	}
}

func TestSetExpectationsRefuses(t *testing.T) {
	anchored := strings.Replace(expectationsBank, "    expectations:\n      a: 40        # set by the panel\n      b: 35.5\n",
		"    expectations: &common\n      a: 40\n      b: 35.5\n", 1)
	tests := []struct {
		name string
		in   string
		exps map[string]map[string]float64
		line int
		msg  string
	}{
		{"an expectation the tier lacks", expectationsBank, map[string]map[string]float64{"mid": {"c": 50}}, 17,
			"tiers[mid].expectations.c: the tier has no expectation for c; add c: 50 by hand"},
		{"a tier without expectations", strings.Replace(expectationsBank, ", expectations: {a: 70, b: 65}", "", 1), map[string]map[string]float64{"top": {"a": 75}}, 18,
			"tiers[top].expectations: missing; add the expectations {a: 75} by hand"},
		{"expectations shared through an anchor", anchored, map[string]map[string]float64{"low": {"a": 45}}, 11,
			"tiers[low].expectations: shared with another tier through a YAML anchor or alias"},
		{"an alias of another tier's expectations", strings.Replace(anchored, "expectations: {a: 50, b: 45}", "expectations: *common", 1), map[string]map[string]float64{"mid": {"a": 55}}, 17,
			"tiers[mid].expectations: shared with another tier"},
		{"a quoted value", strings.Replace(expectationsBank, "b: 35.5", `b: !!float "35.5"`, 1), map[string]map[string]float64{"low": {"b": 30}}, 13,
			"tiers[low].expectations.b: cannot be edited in place; set it to 30 by hand"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := SetExpectations("bank.yaml", []byte(tt.in), tt.exps)
			var ps Problems
			if !errors.As(err, &ps) || ps[0].Pos.Line != tt.line || !strings.Contains(ps[0].String(), tt.msg) {
				t.Errorf("err = %v; want bank.yaml:%d: %s", err, tt.line, tt.msg)
			}
		})
	}
}

// TestSetExpectationsDirectoryBank edits the file that defines each tier
// of a bank split over files, and leaves the others as they are.
func TestSetExpectationsDirectoryBank(t *testing.T) {
	header, rest, _ := strings.Cut(expectationsBank, "tiers:\n")
	tiers, body, _ := strings.Cut(rest, "dimensions:\n")
	files := []File{
		{Name: "00-header.yaml", Data: []byte(header + "dimensions:\n" + body)},
		{Name: "10-tiers.yaml", Data: []byte("tiers:\n" + tiers)},
	}
	exps := map[string]map[string]float64{"low": {"a": 42}, "top": {"b": 66}}
	for i, f := range files {
		out, err := SetExpectations(f.Name, f.Data, exps)
		if err != nil {
			t.Fatal(err)
		}
		if i == 0 && string(out) != string(f.Data) {
			t.Errorf("the file without tiers changed:\n%s", out)
		}
		files[i].Data = out
	}
	b, err := Parse(files...)
	if err != nil {
		t.Fatal(err)
	}
	if low, _ := b.Tier("low"); low.Expectations["a"] != 42 || low.Expectations["b"] != 35.5 {
		t.Errorf("low = %v", low.Expectations)
	}
	if top, _ := b.Tier("top"); top.Expectations["b"] != 66 || top.Expectations["a"] != 70 {
		t.Errorf("top = %v", top.Expectations)
	}
	if !strings.Contains(string(files[1].Data), "expectations: {a: 70, b: 66}}") {
		t.Errorf("tiers file:\n%s", files[1].Data)
	}
}

func TestWithExpectations(t *testing.T) {
	b, err := Parse(File{Name: "bank.yaml", Data: []byte(expectationsBank)})
	if err != nil {
		t.Fatal(err)
	}
	nb := b.WithExpectations(map[string]map[string]float64{"mid": {"a": 10}})
	if mid, _ := nb.Tier("mid"); mid.Expectations["a"] != 10 || mid.Expectations["b"] != 45 {
		t.Errorf("copy: mid = %v", mid.Expectations)
	}
	if mid, _ := b.Tier("mid"); mid.Expectations["a"] != 50 {
		t.Errorf("the original changed: mid = %v", mid.Expectations)
	}
	if low, _ := nb.Tier("low"); low.Expectations["a"] != 40 {
		t.Errorf("copy: low = %v", low.Expectations)
	}
}
