package batch

import (
	"bytes"
	"context"
	"encoding/json"
	"testing"

	"github.com/digilead/digilead/assessment"
	"github.com/digilead/digilead/assessment/batch/batchtest"
	"github.com/digilead/digilead/assessment/resultjson"
	"github.com/digilead/digilead/questions"
)

func benchInput(b testing.TB, n int) (*questions.Bank, []byte) {
	bank := questions.Default()
	var buf bytes.Buffer
	if err := batchtest.Write(&buf, bank, n, batchtest.Options{Seed: 1, SkipRate: 0.05, NARate: 0.05}); err != nil {
		b.Fatal(err)
	}
	return bank, buf.Bytes()
}

// BenchmarkScorer scores 2,000 generated answer sets per op on all CPUs.
func BenchmarkScorer(b *testing.B) {
	bank, in := benchInput(b, 2000)
	s := NewScorer(bank, assessment.Options{}, JSONL)
	b.SetBytes(int64(len(in)))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		_, err := s.Run(context.Background(), []Input{{Name: "bench", R: bytes.NewReader(in)}}, Options{}, func([]byte) error { return nil }, func(questions.Problems) {})
		if err != nil {
			b.Fatal(err)
		}
	}
}

func benchLines(b *testing.B) (*questions.Bank, [][]byte) { return benchLinesN(b, 1000) }

func benchLinesN(t testing.TB, n int) (*questions.Bank, [][]byte) {
	bank, in := benchInput(t, n)
	return bank, bytes.Split(bytes.TrimSpace(in), []byte("\n"))
}

// benchAnswers is n generated answer sets, checked against the default
// bank.
func benchAnswers(t testing.TB, n int) (*questions.Bank, []*questions.Answers) {
	bank, lines := benchLinesN(t, n)
	as := make([]*questions.Answers, len(lines))
	for i, l := range lines {
		raw, err := questions.DecodeAnswers(l)
		if err != nil {
			t.Fatal(err)
		}
		if as[i], err = bank.CheckAnswers(raw); err != nil {
			t.Fatal(err)
		}
	}
	return bank, as
}

func BenchmarkFastDecode(b *testing.B) {
	bank, lines := benchLines(b)
	d := newFastDecoder(bank)
	m := map[string]questions.Value{}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		clear(m)
		if !d.decode(lines[i%len(lines)], &questions.Answers{Values: m}) {
			b.Fatal("not decoded")
		}
	}
}

func BenchmarkEncode(b *testing.B) {
	bank, as := benchAnswers(b, 1000)
	var rs []*assessment.Result
	for _, a := range as {
		rs = append(rs, assessment.Score(bank, a, assessment.Options{}))
	}
	e := resultjson.NewEncoder(bank)
	var buf []byte
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		buf, _ = e.Append(buf[:0], rs[i%len(rs)])
	}
	b.SetBytes(int64(len(buf)))
}

func BenchmarkScore(b *testing.B) {
	bank, as := benchAnswers(b, 1000)
	sc := assessment.NewScorer(bank)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		sc.Score(as[i%len(as)], assessment.Options{})
	}
}

// BenchmarkFloor decodes the same lines into any with encoding/json: the
// floor issue 7 measures batch scoring against.
func BenchmarkFloor(b *testing.B) {
	_, lines := benchLines(b)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		var v any
		if err := json.Unmarshal(lines[i%len(lines)], &v); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkOutline reads and outlines one generated answer set per op, as
// cohort does straight from answers, under the bank's level rule and the
// other one.
func BenchmarkOutline(b *testing.B) {
	bank, lines := benchLines(b)
	other := *bank
	other.LevelRule = questions.LevelRuleStrict
	if !bank.MostProbable() {
		other.LevelRule = questions.LevelRuleMostProbable
	}
	for _, bk := range []*questions.Bank{bank, &other} {
		rule := bk.LevelRule
		if rule == "" {
			rule = questions.LevelRuleStrict
		}
		b.Run(rule, func(b *testing.B) {
			o := NewOutliner(bk, "")
			b.ReportAllocs()
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				out, err := o.Outline(lines[i%len(lines)])
				if err != nil {
					b.Fatal(err)
				}
				o.Release(out)
			}
		})
	}
}

// BenchmarkRun reads 2,000 generated answer sets per op through the
// pipeline with nothing to do for each line: the cost of reading an
// input as text and splitting it into lines.
func BenchmarkRun(b *testing.B) {
	_, in := benchInput(b, 2000)
	b.SetBytes(int64(len(in)))
	b.ReportAllocs()
	for b.Loop() {
		err := Run(context.Background(), []Input{{Name: "bench", R: bytes.NewReader(in)}}, Options{Workers: 1}, func([]Line, *int) {}, func([]Line, *int) error { return nil })
		if err != nil {
			b.Fatal(err)
		}
	}
}
