package questions

import (
	"os"
	"reflect"
	"testing"
)

// FuzzSimpleAnswers holds simpleAnswers to yaml.v3: every file it takes,
// yaml.v3 decodes without error into the same answers.
func FuzzSimpleAnswers(f *testing.F) {
	example, err := os.ReadFile("../docs/examples/answers.yaml")
	if err != nil {
		f.Fatal(err)
	}
	f.Add(example)
	for _, s := range simpleAnswersCases {
		f.Add([]byte(s.in))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		got, ok := simpleAnswers(data)
		if !ok {
			return
		}
		want, err := decodeYAMLAnswers(data)
		if err != nil {
			t.Fatalf("taken, but yaml.v3 refuses it: %v\n%s", err, data)
		}
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("%q:\n got %#v\nwant %#v", data, got, want)
		}
	})
}

// simpleAnswersCases are files simpleAnswers takes, or leaves to yaml.v3.
var simpleAnswersCases = []struct {
	in    string
	taken bool
}{
	{"answers:\n  a: 1\n", true},
	{"# x\nbank: b-1 # the bank\nrespondent:\n    name: Sam O. Example, Jr\n    email: sam@example.org\n    id: 0x12\nanswers:\n  a: [x, y-2, 3]\n  b: []\n  c: na\n  d: 0\n", true},
	{"answers:\n  a: 1\n  a: 2\n", false},          // a key twice
	{"answers:\n  a: true\n", false},               // a boolean
	{"answers:\n  a: yes\n  b: [no, off]\n", true}, // strings to yaml.v3
	{"answers:\n  a: 007\n", false},                // octal to yaml.v3
	{"answers:\n  a: 4.5\n", false},                // not a whole number
	{"answers: # don't \"quote\" me\n  a: 1\n", true},
	{"answers:\n  a: 'x'\n", false},                       // quoted
	{"answers:\n  a:\n", false},                           // null
	{"answers:\n  a: 1\n   b: 2\n", false},                // indented unlike
	{"answers:\n  a: {b: 1}\n", false},                    // a mapping
	{"answers:\n\ta: 1\n", false},                         // a tab
	{"respondent:\nanswers:\n  a: 1\n", false},            // an empty respondent
	{"respondent:\n  nick: x\nanswers:\n  a: 1\n", false}, // not a field
	{"respondent:\n  name: null\nanswers:\n  a: 1\n", false},
	{"answers:\n  a: 1\nanswers:\n  b: 1\n", false},
	{"---\nanswers:\n  a: 1\n", false},
	{"answers:\n  a: x#y\n", false},
	{"answers: {}\n", false},
	{"bank: x\n", false}, // no answers
	{"answers:\n  a: 1\r\n", false},
	{"answers:\n  Zoë: 1\n", false},
}

func TestSimpleAnswers(t *testing.T) {
	example, err := os.ReadFile("../docs/examples/answers.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := simpleAnswers(example); !ok {
		t.Error("docs/examples/answers.yaml is left to yaml.v3")
	}
	for _, c := range simpleAnswersCases {
		got, ok := simpleAnswers([]byte(c.in))
		if ok != c.taken {
			t.Errorf("%q: taken %v, want %v", c.in, ok, c.taken)
			continue
		}
		if !ok {
			continue
		}
		want, err := decodeYAMLAnswers([]byte(c.in))
		if err != nil || !reflect.DeepEqual(got, want) {
			t.Errorf("%q:\n got %#v\nwant %#v (%v)", c.in, got, want, err)
		}
	}
}

// TestSimpleAnswersValues tries odd values in every place: whatever
// simpleAnswers takes, yaml.v3 decodes the same.
func TestSimpleAnswersValues(t *testing.T) {
	values := []string{"=", "<<", ".inf", ".NaN", "1e3", "0x1f", "0o17", "0b11", "1_000", "+1", "-1", "2001-12-14", "12:30",
		"Null", "NULL", "~", "True", "FALSE", "Yes", "a,b", "a, b", "a ,b", "a - b", "a|b", "a>b", "x%", "x@y", "x`y", "x?", "x!",
		"%x", "@x", "`x", "?x", "!x", "&x", "*x", "|x", ">x", "-x", ",x", "a  b", "[a,b]", "[a , b]", "[ ]", "[a,]", "[,a]", "[1, 02]",
		"[a b]", "[-a]", "[true]", "999999999", "1234567890", "0", "00", "a.b", "a_b", "A", "aB", "a-", "ab-"}
	taken := 0
	for _, v := range values {
		for _, in := range []string{"respondent:\n  name: " + v + "\nanswers:\n  a: 1\n", "answers:\n  a: " + v + "\n", "bank: " + v + "\nanswers:\n  a: 1\n"} {
			got, ok := simpleAnswers([]byte(in))
			if !ok {
				continue
			}
			taken++
			want, err := decodeYAMLAnswers([]byte(in))
			if err != nil || !reflect.DeepEqual(got, want) {
				t.Errorf("%q:\n got %#v\nwant %#v (%v)", in, got, want, err)
			}
		}
	}
	if taken == 0 {
		t.Error("no value taken")
	}
}
