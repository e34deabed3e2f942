package batch

import (
	"bytes"
	"reflect"
	"strings"
	"testing"

	"github.com/digilead/digilead/assessment/batch/batchtest"
	"github.com/digilead/digilead/questions"
	"github.com/digilead/digilead/questions/questionstest"
)

// standard reads a line the standard way: DecodeAnswers and CheckAnswers.
func standard(b *questions.Bank, line []byte) (*questions.Answers, error) {
	raw, err := questions.DecodeAnswers(line)
	if err != nil {
		return nil, err
	}
	return b.CheckAnswers(raw)
}

// checkFast holds the fast decoder to the standard path: what it accepts,
// the standard path accepts with the same meaning.
func checkFast(t *testing.T, b *questions.Bank, line []byte) bool {
	t.Helper()
	got := &questions.Answers{Values: map[string]questions.Value{}}
	if !newFastDecoder(b).decode(line, got) {
		return false
	}
	want, err := standard(b, line)
	if err != nil {
		t.Fatalf("fast path accepted %s, the standard path says: %v", line, err)
	}
	normalise(got)
	normalise(want)
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("%s:\n fast %+v\n standard %+v", line, got, want)
	}
	return true
}

// normalise treats nil and empty option lists alike (both encode as []).
func normalise(a *questions.Answers) {
	for id, v := range a.Values {
		if v.Kind == questions.Picks && len(v.Opts) == 0 {
			v.Opts = nil
			a.Values[id] = v
		}
	}
}

var decodeCases = []struct {
	line string
	fast bool // whether the fast path takes it
}{
	{`{"answers":{}}`, true},
	{` { "bank" : "public-sector-digital-leadership" , "respondent" : { "id" : "e1" , "name" : "Zoë" , "role" : "strategic" } , "answers" : { "vis-horizon" : 4 , "vis-roadmap" : true , "vis-scenario" : "summarise" , "cit-methods" : [ "journey" , "offline" ] , "tech-help" : "NA" , "col-external" : "Yes" , "cit-feedback" : null } } `, true},
	{`{"answers":{"cit-methods":[]}}`, true},
	{`{"answers":{"vis-horizon":4.0}}`, false}, // standard accepts 4.0
	{`{"answers":{"vis-horizon":4e0}}`, false}, // and 4e0
	{`{"answers":{"vis-horizon":04}}`, false},  // invalid JSON
	{`{"answers":{"vis-horizon":-0}}`, false},  // off the scale
	{`{"answers":{"vis-horizon":9}}`, false},   // off the scale
	{`{"answers":{"vis-horizon":99999999999999}}`, false},
	{`{"answers":{"vis-horizon":"4"}}`, false},               // a string
	{`{"answers":{"vis-horizon":4,"vis-horizon":5}}`, false}, // duplicate: last wins in the standard path
	{`{"answers":{"vis-horizon":4}, "answers":{}}`, false},
	{`{"Answers":{"vis-horizon":4}}`, false}, // case-insensitive in the standard path
	{`{"answers":{"vis-horizon":4},"extra":1}`, false},
	{`{"answers":{"vis-h\u006frizon":4}}`, false}, // escapes
	{`{"respondent":{"name":"A\"B"},"answers":{}}`, false},
	{`{"respondent":{"name":"\xff"},"answers":{}}`, false}, // invalid UTF-8 is replaced by the standard path
	{`{"respondent":null,"answers":{}}`, false},
	{`{"respondent":{"role":"boss"},"answers":{}}`, false},
	{`{"respondent":{"group":"` + strings.Repeat("g", questions.MaxRespondentField+1) + `"},"answers":{}}`, false}, // too long: the standard path says so
	{`{"respondent":{"name":"` + strings.Repeat("n", questions.MaxRespondentField) + `"},"answers":{}}`, true},
	{`{"bank":"other","answers":{}}`, false},
	{`{"bank":"","answers":{}}`, true},
	{`{"respondent":{"role":""},"answers":{}}`, true},
	{`{"answers":{"unknown-q":4}}`, false},
	{`{"answers":{"unknown-q":null}}`, false},
	{`{"answers":{"vis-scenario":"nope"}}`, false},
	{`{"answers":{"cit-methods":["journey","journey"]}}`, false},
	{`{"answers":{"cit-methods":"journey"}}`, false},
	{`{"answers":{"vis-roadmap":1}}`, false},
	{`{"answers":{"vis-horizon":true}}`, false},
	{`{"answers":{"vis-horizon":4}} x`, false},
	{`{"answers":{"vis-horizon":4}`, false},
	{`{"answers":{"vis-horizon":nul}}`, false},
	{`{"answers":{"vis-horizon":truex}}`, false},
	{`{"answers":null}`, false},
	{`{}`, false},
	{`[]`, false},
}

// everyTypeBank is the built-in bank as it was at version 1.0.0, whose
// questions have every type (the decode cases name its questions); the
// built-in bank itself has no multi questions since 2.0.0.
func everyTypeBank(t testing.TB) *questions.Bank {
	t.Helper()
	return questionstest.Load(t, questionstest.Path("questions/testdata/default-v1.yaml"))
}

// generated returns n generated answer lines for the bank.
func generated(t testing.TB, b *questions.Bank, n int) [][]byte {
	t.Helper()
	var buf bytes.Buffer
	if err := batchtest.Write(&buf, b, n, batchtest.Options{Seed: 1, SkipRate: 0.05, NARate: 0.05}); err != nil {
		t.Fatal(err)
	}
	return bytes.Split(bytes.TrimSpace(buf.Bytes()), []byte("\n"))
}

func TestFastDecode(t *testing.T) {
	b := everyTypeBank(t)
	for _, c := range decodeCases {
		if got := checkFast(t, b, []byte(c.line)); got != c.fast {
			t.Errorf("%s: fast path took it: %v, want %v", c.line, got, c.fast)
		}
	}
	def, lines := benchLinesN(t, 200)
	for bank, lines := range map[*questions.Bank][][]byte{def: lines, b: generated(t, b, 200)} {
		for _, l := range lines {
			if !checkFast(t, bank, l) {
				t.Fatalf("fast path refused a generated line of %s %s: %s", bank.ID, bank.Version, l)
			}
		}
	}
}

func FuzzFastDecode(f *testing.F) {
	b := everyTypeBank(f)
	for _, c := range decodeCases {
		f.Add([]byte(c.line))
	}
	for _, l := range generated(f, b, 20) {
		f.Add(l)
	}
	f.Fuzz(func(t *testing.T, line []byte) { checkFast(t, b, line) })
}
