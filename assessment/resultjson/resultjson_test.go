package resultjson

import (
	"bytes"
	"encoding/json"
	"math"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/digilead/digilead/assessment"
	"github.com/digilead/digilead/assessment/batch/batchtest"
	"github.com/digilead/digilead/questions"
)

// generatedResults scores n generated answer sets, with a spread of
// targets so that every kind of gap and level occurs.
func generatedResults(t testing.TB, n int) (*questions.Bank, []*assessment.Result) {
	bank := questions.Default()
	var rs []*assessment.Result
	for i := range n {
		raw, err := json.Marshal(batchtest.AnswerSet(bank, i, batchtest.Options{Seed: 1, SkipRate: 0.05, NARate: 0.05}))
		if err != nil {
			t.Fatal(err)
		}
		checked, err := questions.DecodeAnswers(raw)
		if err != nil {
			t.Fatal(err)
		}
		a, err := bank.CheckAnswers(checked)
		if err != nil {
			t.Fatal(err)
		}
		target := ""
		if i%4 == 0 {
			target = bank.Tiers[i%len(bank.Tiers)].ID
		}
		rs = append(rs, assessment.Score(bank, a, assessment.Options{Target: target, Now: time.Unix(int64(i)*1e7, 0), Tool: assessment.Tool{Name: "digilead", Version: "1.0"}}))
	}
	return bank, rs
}

// testResults are generated results under both level rules, and odd
// ones with every field set and every character encoding/json escapes.
func testResults(t testing.TB) (*questions.Bank, []*assessment.Result) {
	bank, rs := generatedResults(t, 300)
	// The same answers under the other level rule, so that both rules'
	// fields are written.
	other := *bank
	other.LevelRule = questions.LevelRuleStrict
	if !bank.MostProbable() {
		other.LevelRule = questions.LevelRuleMostProbable
	}
	for i, r := range rs[:100] {
		a := &questions.Answers{Respondent: r.Respondent, Values: r.Answers}
		rs = append(rs, assessment.Score(&other, a, assessment.Options{Now: time.Unix(int64(i)*1e7, 0)}))
	}
	return bank, append(rs, oddResults()...)
}

// oddResults have every field set, the characters encoding/json escapes
// (in both of its modes) in every string, and the empty result.
func oddResults() []*assessment.Result {
	sem, p := 3.5, 0.25
	odd := &assessment.Result{
		Schema:      "digilead.result/v1",
		Tool:        assessment.Tool{Name: "<tool>", Version: "1&2"},
		Bank:        assessment.BankRef{ID: "b", Title: "A <b>bank</b> & more \u2029", Version: "1", Digest: ">"},
		Respondent:  questions.Respondent{ID: "<&>", Name: "Zoë \"Z\" \\ \u2028 \x01\t\n\b\f\r \xff", Role: "x", Group: "a&b"},
		CompletedAt: time.Date(2024, 3, 1, 9, 30, 0, 5, time.FixedZone("x", 3600)),
		Answers:     map[string]questions.Value{"zz-not-in-bank": questions.NA, "a": questions.OptionsValue(), "b": {Kind: questions.Picks}, "c": {}, "d": questions.BoolValue(false), "e": questions.IntValue(-3), "<k>&": questions.OptionValue("<o>&\u2028"), "f": questions.OptionsValue("<", ">", "&")},
		Dimensions:  []assessment.DimensionScore{{ID: "d", Name: "<d>", Weight: 1e-7, SEM: &sem, Coverage: 1e21, Estimate: &p, SE: &sem, SEMSource: "<x>", Status: "&"}},
		Tiers:       []assessment.TierResult{{ID: "t", Name: "&", Blocking: []string{"d"}, Probability: &p}, {ID: "u", WithinError: []string{"<d>"}}},
		Level:       &assessment.TierRef{ID: "t", Challenges: questions.BankTexts([]string{})},
		LevelRule:   "\u2028", LevelProbability: &p,
		Target:   assessment.TierRef{ID: "<t>", Name: "T & U", Description: "<p>", Challenges: questions.BankTexts([]string{"a<b", "c>d"})},
		Gaps:     []assessment.Gap{{Dimension: "d", Name: "<n>", Severity: "&", WithinError: true, Actions: []assessment.Action{{Kind: "k", Text: "<b>"}, {Kind: "k", Text: "t", URL: "https://x.example/a?b=1&c=<2>", Provider: "Civil \"Service\" College", Minutes: 90, Language: "cy"}, {Kind: "k", Text: "t", Minutes: 5}}}},
		Notes:    []assessment.Note{{Kind: "n", Dimension: "d", Text: "t <&>"}, {Kind: "n"}},
		Language: "<cy>",
	}
	return []*assessment.Result{odd, {}}
}

// encodingJSON writes r as encoding/json does: json.Marshal with escape,
// else json.Encoder with SetEscapeHTML(false), indented by indent if not
// empty.
func encodingJSON(t testing.TB, r *assessment.Result, escape bool, indent string) []byte {
	t.Helper()
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(escape)
	enc.SetIndent("", indent)
	if err := enc.Encode(r); err != nil {
		t.Fatal(err)
	}
	if indent == "" {
		return bytes.TrimSuffix(buf.Bytes(), []byte("\n"))
	}
	return buf.Bytes()
}

func TestEncodeMatchesJSON(t *testing.T) {
	bank, rs := testResults(t)
	for _, escape := range []bool{true, false} {
		// One encoder for all, so that its memos are used and checked,
		// and one without a bank.
		for _, e := range []*Encoder{NewEncoder(bank), NewEncoder(nil)} {
			e.SetEscapeHTML(escape)
			for i, r := range rs {
				want := encodingJSON(t, r, escape, "")
				if escape {
					if m, err := json.Marshal(r); err != nil || !bytes.Equal(m, want) {
						t.Fatalf("json.Marshal differs from json.Encoder: %v", err)
					}
				}
				got, err := e.Append(nil, r)
				if err != nil {
					t.Fatal(err)
				}
				if string(got) != string(want) {
					t.Fatalf("escape %v, result %d:\n got %s\nwant %s", escape, i, got, want)
				}
			}
		}
	}
}

// TestWriteIndented holds WriteIndented to json.Encoder with
// SetIndent("", "  ") and SetEscapeHTML(false), newline included: into a
// bytes.Buffer (whose buffer it grows and fills), one with something in
// it already, and a writer that is neither.
func TestWriteIndented(t *testing.T) {
	_, rs := testResults(t)
	for i, r := range rs {
		want := encodingJSON(t, r, false, "  ")
		var got bytes.Buffer
		if err := WriteIndented(&got, r); err != nil {
			t.Fatal(err)
		}
		if got.String() != string(want) {
			t.Fatalf("result %d:\n got %s\nwant %s", i, got.Bytes(), want)
		}
		got.Reset()
		got.WriteString("before\n")
		if err := WriteIndented(&got, r); err != nil || got.String() != "before\n"+string(want) {
			t.Fatalf("result %d after other bytes: %v\n got %s", i, err, got.Bytes())
		}
		var plain strings.Builder
		if err := WriteIndented(&plain, r); err != nil || plain.String() != string(want) {
			t.Fatalf("result %d to a strings.Builder: %v\n got %s", i, err, plain.String())
		}
	}
}

// TestWriteIndentedSizesItsBuffer: the document is written into the
// buffer grown for it, once, with room to spare for no more than the
// buffer's own rounding.
func TestWriteIndentedSizesItsBuffer(t *testing.T) {
	_, rs := generatedResults(t, 20)
	for i, r := range rs {
		var got bytes.Buffer
		if err := WriteIndented(&got, r); err != nil {
			t.Fatal(err)
		}
		if got.Cap() < got.Len() || got.Cap() > got.Len()+got.Len()/8+64 {
			t.Fatalf("result %d: %d bytes in a buffer of %d", i, got.Len(), got.Cap())
		}
	}
}

// TestAppendValues writes the answers from values by position: the same
// bytes as from the map.
func TestAppendValues(t *testing.T) {
	bank, rs := generatedResults(t, 100)
	e := NewEncoder(bank)
	values := make([]questions.Value, len(bank.Questions))
	for i, r := range rs {
		for qi, q := range bank.Questions {
			values[qi] = r.Answers[q.ID]
		}
		want, _ := e.Append(nil, r)
		noMap := *r
		noMap.Answers = nil
		got, err := e.AppendValues(nil, &noMap, values)
		if err != nil {
			t.Fatal(err)
		}
		if string(got) != string(want) {
			t.Fatalf("result %d:\n got %s\nwant %s", i, got, want)
		}
	}
	if _, err := e.AppendValues(nil, rs[0], values[1:]); err == nil {
		t.Error("values of another length: no error")
	}
}

// FuzzWriteIndented puts fuzzed text and numbers in every kind of place
// of a result and holds both modes, compact and indented, to
// encoding/json.
func FuzzWriteIndented(f *testing.F) {
	f.Add("plain", "<a href='x'>&</a>", 12.5, int64(3))
	f.Add("\u2028\u2029", "\xff\xfe\x00", -0.01, int64(-7))
	f.Add("é 東京 🎉", "\"\\/", 1e-7, int64(0))
	bank, rs := generatedResults(f, 1)
	f.Fuzz(func(t *testing.T, s1, s2 string, x float64, n int64) {
		if math.IsNaN(x) || math.IsInf(x, 0) {
			return
		}
		r := *rs[0]
		r.Respondent.Name, r.Respondent.Group = s1, s2
		r.Answers = map[string]questions.Value{s1: questions.OptionValue(s2), s2: questions.IntValue(int(n))}
		r.Dimensions = slices.Clone(r.Dimensions)
		r.Dimensions[0].Name, r.Dimensions[0].Score, r.Dimensions[0].Coverage = questions.BankText(s2), &x, x
		r.Target.Description = questions.BankText(s1)
		r.Notes = []assessment.Note{{Kind: s2, Text: s1}}
		r.Gaps = slices.Clone(r.Gaps)
		if len(r.Gaps) > 0 {
			r.Gaps[0].Actions = []assessment.Action{{Kind: "k", Text: questions.BankText(s1), URL: s2}}
		}
		for _, escape := range []bool{true, false} {
			e := NewEncoder(bank)
			e.SetEscapeHTML(escape)
			got, err := e.Append(nil, &r)
			if err != nil {
				t.Fatal(err)
			}
			if want := encodingJSON(t, &r, escape, ""); string(got) != string(want) {
				t.Fatalf("escape %v:\n got %s\nwant %s", escape, got, want)
			}
		}
		var got bytes.Buffer
		if err := WriteIndented(&got, &r); err != nil {
			t.Fatal(err)
		}
		if want := encodingJSON(t, &r, false, "  "); got.String() != string(want) {
			t.Fatalf("indented:\n got %s\nwant %s", got.Bytes(), want)
		}
	})
}

func TestEncodeRefusesNaN(t *testing.T) {
	e := NewEncoder(&questions.Bank{})
	for _, f := range []float64{math.NaN(), math.Inf(1)} {
		r := &assessment.Result{Tiers: []assessment.TierResult{{Readiness: f}}}
		if _, err := json.Marshal(r); err == nil {
			t.Fatal("json.Marshal accepted a non-finite number")
		}
		if _, err := e.Append(nil, r); err == nil {
			t.Errorf("%v: no error", f)
		}
	}
}

// TestEncodeMemoNotStale changes the texts behind a memoised target and
// actions: the encoder must notice.
func TestEncodeMemoNotStale(t *testing.T) {
	bank, rs := generatedResults(t, 2)
	e := NewEncoder(bank)
	r := *rs[0]
	if _, err := e.Append(nil, &r); err != nil {
		t.Fatal(err)
	}
	r.Target.Description = "changed"
	r.Gaps = slices.Clone(r.Gaps)
	r.Gaps[0].Actions = []assessment.Action{{Kind: "practice", Text: "changed too"}}
	got, _ := e.Append(nil, &r)
	want, _ := json.Marshal(&r)
	if string(got) != string(want) {
		t.Fatalf("stale memo:\n got %s\nwant %s", got, want)
	}
}

func FuzzAppendString(f *testing.F) {
	for _, s := range []string{"", "plain", "<a href='x'>&</a>", "\u2028\u2029", "\xff\xfe", "tab\there", "\x00\x1f\x7f", "é 東京 🎉"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		want, _ := json.Marshal(s)
		if got := appendString(nil, s, &htmlSafe); string(got) != string(want) {
			t.Fatalf("%q: got %s, want %s", s, got, want)
		}
		var buf bytes.Buffer
		enc := json.NewEncoder(&buf)
		enc.SetEscapeHTML(false)
		enc.Encode(s)
		if got, want := appendString(nil, s, &htmlAsIs), bytes.TrimSuffix(buf.Bytes(), []byte("\n")); string(got) != string(want) {
			t.Fatalf("%q, HTML as is: got %s, want %s", s, got, want)
		}
	})
}

// encodedFields lists every JSON field of a result, by type, that the
// encoder writes. Adding a field to the result format fails this test
// until the encoder writes it too (and the list is updated).
var encodedFields = map[string]string{
	"Result":         "schema tool bank respondent completed_at answers dimensions tiers level level_rule level_probability target gaps notes language",
	"Tool":           "name version",
	"BankRef":        "id title version digest",
	"Respondent":     "id name role group",
	"DimensionScore": "id name score coverage answered total status na weight sem estimate se sem_source",
	"TierResult":     "id name rank met readiness blocking probability within_error",
	"TierRef":        "id name rank description challenges",
	"Gap":            "dimension name score expected gap severity within_error actions",
	"Action":         "kind text url provider minutes language",
	"Note":           "kind dimension text",
}

func TestEncodeKnowsEveryField(t *testing.T) {
	seen := map[reflect.Type]bool{}
	var walk func(reflect.Type)
	walk = func(typ reflect.Type) {
		for typ.Kind() == reflect.Pointer || typ.Kind() == reflect.Slice || typ.Kind() == reflect.Map {
			typ = typ.Elem()
		}
		if typ.Kind() != reflect.Struct || seen[typ] || typ == reflect.TypeOf(time.Time{}) || typ == reflect.TypeOf(questions.Value{}) {
			return
		}
		seen[typ] = true
		var names []string
		for i := 0; i < typ.NumField(); i++ {
			f := typ.Field(i)
			name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
			if name == "-" || typ.Name() == "Respondent" && name == "email" {
				continue // not in the document: a result never holds an address
			}
			names = append(names, name)
			walk(f.Type)
		}
		if got, want := strings.Join(names, " "), encodedFields[typ.Name()]; got != want {
			t.Errorf("%s has JSON fields %q, the encoder writes %q: update encode.go and this list", typ.Name(), got, want)
		}
	}
	walk(reflect.TypeOf(assessment.Result{}))
}

func FuzzAppendFloat(f *testing.F) {
	for _, x := range []float64{0, -0.0, 0.01, 0.1, 0.29, 1.005, 12.3, 66.67, 99.99, 100, -3.5, 1e-7, 1e21, 123456789012.34, 1e12 - 0.01} {
		f.Add(x)
	}
	f.Fuzz(func(t *testing.T, x float64) {
		e := &Encoder{}
		got := e.float(nil, x)
		want, err := json.Marshal(x)
		if err != nil {
			if e.err == nil {
				t.Fatalf("%v: no error, json.Marshal says %v", x, err)
			}
			return
		}
		if string(got) != string(want) {
			t.Fatalf("%v: got %s, want %s", x, got, want)
		}
		r := math.Round(x*100) / 100 // every engine score is rounded so
		if got, want := e.float(nil, r), must(json.Marshal(r)); string(got) != string(want) {
			t.Fatalf("%v: got %s, want %s", r, got, want)
		}
	})
}

func must(b []byte, err error) []byte {
	if err != nil {
		return []byte(err.Error())
	}
	return b
}

// FuzzIndent holds indent to json.Indent on any compact JSON.
func FuzzIndent(f *testing.F) {
	for _, s := range []string{`{}`, `[]`, `{"a":[1,{},[],{"b":"\"}{,:]["}],"c":null}`, `"x"`, `[[[]],[{}]]`, `{"\\":"\\\"","k":-1.5e-7}`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		var compact bytes.Buffer
		if json.Compact(&compact, data) != nil {
			return
		}
		var want bytes.Buffer
		if err := json.Indent(&want, compact.Bytes(), "", "  "); err != nil {
			t.Fatal(err)
		}
		if got := indent(nil, compact.Bytes()); string(got) != want.String() {
			t.Fatalf("%s:\n got %s\nwant %s", compact.Bytes(), got, want.Bytes())
		}
		// In pieces, as WriteIndented feeds it: cut after every byte
		// outside strings (an opening bracket ends a piece too).
		var in indenter
		src := compact.Bytes()
		start, inString := 0, false
		for i := 0; i < len(src); i++ {
			switch {
			case inString && src[i] == '\\':
				i++
			case src[i] == '"':
				inString = !inString
			}
			if !inString {
				in.feed(src[start : i+1])
				start = i + 1
			}
		}
		if string(in.dst) != want.String() {
			t.Fatalf("%s in pieces:\n got %s\nwant %s", src, in.dst, want.Bytes())
		}
		counter := indenter{counting: true}
		counter.feed(src)
		if counter.n != want.Len() || counter.dst != nil {
			t.Fatalf("%s: counted %d bytes (and wrote %d), want %d", src, counter.n, len(counter.dst), want.Len())
		}
	})
}

// BenchmarkAppendValues writes generated results as score does, the
// answers by position.
func BenchmarkAppendValues(b *testing.B) {
	bank, rs := generatedResults(b, 500)
	values := make([][]questions.Value, len(rs))
	for i, r := range rs {
		values[i] = make([]questions.Value, len(bank.Questions))
		for qi, q := range bank.Questions {
			values[i][qi] = r.Answers[q.ID]
		}
	}
	e := NewEncoder(bank)
	var buf []byte
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		buf, _ = e.AppendValues(buf[:0], rs[i%len(rs)], values[i%len(rs)])
	}
	b.SetBytes(int64(len(buf)))
}

// TestFloatHundredths writes every number of hundredths from -2,000 to
// 2,000, and the doubles either side of each, as encoding/json does: the
// numbers a result holds.
func TestFloatHundredths(t *testing.T) {
	e := &Encoder{}
	var buf []byte
	for k := -200000; k <= 200000; k++ {
		f := float64(k) / 100
		for _, x := range []float64{f, math.Nextafter(f, math.Inf(-1)), math.Nextafter(f, math.Inf(1))} {
			buf = e.float(buf[:0], x)
			if want := must(json.Marshal(x)); string(buf) != string(want) {
				t.Fatalf("%v: got %s, want %s", x, buf, want)
			}
		}
	}
}
