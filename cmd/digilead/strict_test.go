package main

import (
	"bytes"
	"compress/gzip"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/digilead/digilead/assessment"
	"github.com/digilead/digilead/assessment/schematest"
	"github.com/digilead/digilead/questions"
)

// addedFields are the fields digilead writes since banks could name a level
// rule (issue 22) that a result of a strict bank did not have before:
// level_rule and level_probability, each tier's probability, and each
// dimension's estimate, se and sem_source. Under the strict rule they are
// additive: every field a result had keeps its value and its place.
var addedFields = []string{"level_rule", "level_probability", "probability", "estimate", "se", "sem_source"}

// TestStrictBanksScoreAsBefore: a bank that names no level rule is scored
// by the strict rule, whose decisions do not change: what digilead writes
// of it is what it wrote before banks could name a rule, field for field
// and in the same order, with only the fields of addedFields added (and
// the csv's last column level_probability); cohorts, which report no
// probability, are what they were but for issue 23's two changes: the
// common gaps are ranked by the number of people (the same gaps, in
// another order), and each has the optional field expected (see
// cohortAsBefore). testdata/strict holds the
// output of the digilead of commit ba50985 (built with -X
// main.version=0.0.0-test, SOURCE_DATE_EPOCH=1700000000) for two strict
// banks: small-figures.yaml, which records reliability figures (so results
// carry sem and within_error), and the 1.0.0 built-in bank; the largest
// outputs are gzipped.
func TestStrictBanksScoreAsBefore(t *testing.T) {
	const dir = "testdata/strict/"
	const v1 = "../../questions/testdata/default-v1.yaml"
	small := dir + "small-figures.yaml"
	env := []string{"SOURCE_DATE_EPOCH=1700000000"}
	run := func(args ...string) string {
		t.Helper()
		r := digilead(t, "", env, args...)
		if r.code != 0 {
			t.Fatalf("%v: exit %d: %s", args, r.code, r.stderr)
		}
		return r.stdout
	}
	same := func(name, got string) {
		t.Helper()
		if want := before(t, dir+name); got != want {
			t.Errorf("%s differs from what digilead wrote before:\n--- got\n%.2000s\n--- want\n%.2000s", name, got, want)
		}
	}

	scored := run("score", "--bank", small, dir+"answers-small.jsonl")
	asBefore(t, "score", scored, before(t, dir+"score-small.jsonl.golden"))
	asBefore(t, "score --target top", run("score", "--bank", small, "--target", "top", dir+"answers-small.jsonl"), before(t, dir+"score-small-top.jsonl.gz"))
	csvAsBefore(t, "score csv", run("score", "--bank", small, "--format", "csv", dir+"answers-small.jsonl"), before(t, dir+"score-small.csv.golden"), scored)
	cohortAsBefore(t, "cohort-small.json.golden", before(t, dir+"cohort-small.json.golden"), run("cohort", "--bank", small, "--format", "json", dir+"answers-small.jsonl"))
	asBefore(t, "assess", run("assess", "--bank", small, "--answers", dir+"one-small.json", "--format", "json", "--no-save"), before(t, dir+"assess-small.json.golden"))
	compared := run("compare", dir+"old.json", dir+"new.json", "--format", "json")
	if n := added(t, compared)["level_probability"]; n != 0 {
		t.Errorf("compare of two results written before gives %d level probabilities", n)
	}
	same("compare-small.json.golden", compared)

	results := run("score", "--bank", v1, dir+"answers-v1.jsonl")
	asBefore(t, "score 1.0.0", results, before(t, dir+"score-v1.jsonl.gz"))
	csvAsBefore(t, "score 1.0.0 csv", run("score", "--bank", v1, "--format", "csv", dir+"answers-v1.jsonl"), before(t, dir+"score-v1.csv.golden"), results)
	cohortAsBefore(t, "cohort-v1.json.golden", before(t, dir+"cohort-v1.json.golden"), run("cohort", "--bank", v1, "--by", "group", "--format", "json", dir+"answers-v1.jsonl"))
	path := filepath.Join(t.TempDir(), "results.jsonl")
	if err := os.WriteFile(path, []byte(results), 0o600); err != nil {
		t.Fatal(err)
	}
	cohortAsBefore(t, "cohort-v1-results.json.golden", before(t, dir+"cohort-v1-results.json.golden"), run("cohort", "--format", "json", path))

	for _, line := range append(outputLines(scored), outputLines(results)...) {
		schematest.Validate(t, "result.schema.json", []byte(line))
	}
	// Two of the new results compared: each side says its probability.
	lines := outputLines(results)
	for i, line := range lines[:2] {
		lines[i] = filepath.Join(t.TempDir(), fmt.Sprintf("r%d.json", i))
		if err := os.WriteFile(lines[i], []byte(line), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	if n := added(t, run("compare", lines[0], lines[1], "--format", "json"))["level_probability"]; n != 2 {
		t.Errorf("compare of two new strict results gives %d level probabilities, want 2", n)
	}
}

// TestStrictProbabilitiesAreTheModels: a strict bank's results give the
// probabilities and estimates of the same measurement model as the
// most-probable rule does for the same answers (the rule decides the
// level, not the figures), and level_probability is the probability of
// the level the strict rule reports.
func TestStrictProbabilitiesAreTheModels(t *testing.T) {
	for _, bank := range []string{"testdata/strict/small-figures.yaml", "../../questions/testdata/default-v1.yaml"} {
		answers := "testdata/strict/answers-small.jsonl"
		if strings.Contains(bank, "v1") {
			answers = "testdata/strict/answers-v1.jsonl"
		}
		src, err := os.ReadFile(bank)
		if err != nil {
			t.Fatal(err)
		}
		probable := filepath.Join(t.TempDir(), "probable.yaml")
		if err := os.WriteFile(probable, append(src, "\nscoring: {level_rule: most-probable}\n"...), 0o600); err != nil {
			t.Fatal(err)
		}
		strict := digilead(t, "", nil, "score", "--bank", bank, answers)
		other := digilead(t, "", nil, "score", "--bank", probable, answers)
		if strict.code != 0 || other.code != 0 {
			t.Fatalf("exit %d, %d: %s%s", strict.code, other.code, strict.stderr, other.stderr)
		}
		s, p := outputLines(strict.stdout), outputLines(other.stdout)
		if len(s) != len(p) {
			t.Fatalf("%s: %d and %d results", bank, len(s), len(p))
		}
		for i := range s {
			var rs, rp assessment.Result
			if err := json.Unmarshal([]byte(s[i]), &rs); err != nil {
				t.Fatal(err)
			}
			if err := json.Unmarshal([]byte(p[i]), &rp); err != nil {
				t.Fatal(err)
			}
			for k := range rs.Tiers {
				if *rs.Tiers[k].Probability != *rp.Tiers[k].Probability {
					t.Errorf("%s #%d: tier %s has probability %v under the strict rule, %v under the most-probable", bank, i+1, rs.Tiers[k].ID, *rs.Tiers[k].Probability, *rp.Tiers[k].Probability)
				}
			}
			for d := range rs.Dimensions {
				ds, dp := rs.Dimensions[d], rp.Dimensions[d]
				if !sameNum(ds.Estimate, dp.Estimate) || !sameNum(ds.SE, dp.SE) || ds.SEMSource != dp.SEMSource {
					t.Errorf("%s #%d: %s estimate %v ± %v (%s) under the strict rule, %v ± %v (%s) under the most-probable", bank, i+1, ds.ID, num(ds.Estimate), num(ds.SE), ds.SEMSource, num(dp.Estimate), num(dp.SE), dp.SEMSource)
				}
			}
			chances, ok := assessment.LevelChances(&rs)
			if !ok {
				t.Fatalf("%s #%d: no level chances", bank, i+1)
			}
			lvl := 0
			if rs.Level != nil {
				lvl = slices.IndexFunc(rs.Tiers, func(tr assessment.TierResult) bool { return tr.ID == rs.Level.ID }) + 1
			}
			if math.Abs(chances[lvl]-*rs.LevelProbability) > 0.011 {
				t.Errorf("%s #%d: level %d with probability %v; the tiers give it %.3f", bank, i+1, lvl, *rs.LevelProbability, chances[lvl])
			}
		}
	}
}

func sameNum(a, b *float64) bool { return (a == nil) == (b == nil) && (a == nil || *a == *b) }

func num(p *float64) any {
	if p == nil {
		return nil
	}
	return *p
}

// before reads an output of the earlier digilead, gunzipping a .gz file.
func before(t *testing.T, path string) string {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if strings.HasSuffix(path, ".gz") {
		zr, err := gzip.NewReader(bytes.NewReader(data))
		if err != nil {
			t.Fatal(err)
		}
		if data, err = io.ReadAll(zr); err != nil {
			t.Fatal(err)
		}
	}
	return string(data)
}

// asBefore checks that got (JSON documents, one or a stream) is want with
// fields of addedFields added and nothing else changed, and that every
// result in got gives them: the strict rule, a level probability that
// the tiers' probabilities give, a probability for every tier not rising
// with rank, and an estimate and standard error for every scored
// dimension.
func asBefore(t *testing.T, name, got, want string) {
	t.Helper()
	g, dropped, err := withoutAdded(got)
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	w, none, err := withoutAdded(want)
	if err != nil || len(none) != 0 {
		t.Fatalf("%s: the earlier output: %v, fields %v", name, err, none)
	}
	if g != w {
		i := 0
		for i < min(len(g), len(w)) && g[i] == w[i] {
			i++
		}
		t.Errorf("%s: a field written before changed, from byte %d of the canonical form:\n got …%.300s\nwant …%.300s", name, i, g[max(0, i-100):], w[max(0, i-100):])
	}
	dec := json.NewDecoder(strings.NewReader(got))
	n := 0
	for {
		var r assessment.Result
		if err := dec.Decode(&r); errors.Is(err, io.EOF) {
			break
		} else if err != nil {
			t.Fatal(err)
		}
		n++
		checkAdded(t, fmt.Sprintf("%s #%d", name, n), &r)
	}
	if dropped["level_probability"] != n || dropped["level_rule"] != n {
		t.Errorf("%s: %d results, %d level probabilities, %d level rules", name, n, dropped["level_probability"], dropped["level_rule"])
	}
}

// checkAdded checks the added fields of one strict result.
func checkAdded(t *testing.T, name string, r *assessment.Result) {
	t.Helper()
	if r.LevelRule != questions.LevelRuleStrict || r.LevelProbability == nil || *r.LevelProbability < 0 || *r.LevelProbability > 1 {
		t.Fatalf("%s: level_rule %q, level_probability %v", name, r.LevelRule, num(r.LevelProbability))
	}
	prev := 1.0
	for _, tr := range r.Tiers {
		if tr.Probability == nil || *tr.Probability > prev || *tr.Probability < 0 {
			t.Fatalf("%s: tier %s has probability %v after %v", name, tr.ID, num(tr.Probability), prev)
		}
		prev = *tr.Probability
		if len(tr.WithinError) > 0 {
			t.Errorf("%s: tier %s lists shortfalls within error under the strict rule", name, tr.ID)
		}
	}
	for _, d := range r.Dimensions {
		if (d.Score == nil) != (d.Estimate == nil) || (d.Score == nil) != (d.SE == nil) {
			t.Errorf("%s: %s has score %v, estimate %v, se %v", name, d.ID, num(d.Score), num(d.Estimate), num(d.SE))
		}
		// The strict rule gives the SEM the bank records, as before; the
		// model takes it from there, else from the person's answers.
		source := assessment.SourceAnswers
		if d.SEM != nil {
			source = assessment.SourceBank
		}
		if d.Score != nil && d.SEMSource != source {
			t.Errorf("%s: %s's error comes from %q, want %q", name, d.ID, d.SEMSource, source)
		}
	}
}

// csvAsBefore checks that score's csv got is want with a last column,
// level_probability, holding each result's (of results, the same answers
// as JSON Lines).
func csvAsBefore(t *testing.T, name, got, want, results string) {
	t.Helper()
	read := func(s string) [][]string {
		recs, err := csv.NewReader(strings.NewReader(s)).ReadAll()
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		return recs
	}
	g, w := read(got), read(want)
	if len(g) != len(w) {
		t.Fatalf("%s: %d rows, before %d", name, len(g), len(w))
	}
	lines := outputLines(results)
	for i := range g {
		if n := len(w[i]); len(g[i]) != n+1 || !slices.Equal(g[i][:n], w[i]) {
			t.Fatalf("%s: row %d is\n%q\nbefore\n%q", name, i+1, g[i], w[i])
		}
		last := g[i][len(g[i])-1]
		if i == 0 {
			if last != "level_probability" {
				t.Errorf("%s: the last column is %q", name, last)
			}
			continue
		}
		var r assessment.Result
		if err := json.Unmarshal([]byte(lines[i-1]), &r); err != nil {
			t.Fatal(err)
		}
		if p, err := strconv.ParseFloat(last, 64); err != nil || p != *r.LevelProbability {
			t.Errorf("%s: row %d: level_probability %q, the result's %v", name, i+1, last, *r.LevelProbability)
		}
	}
}

// added counts the fields of addedFields in JSON documents.
func added(t *testing.T, s string) map[string]int {
	t.Helper()
	_, dropped, err := withoutAdded(s)
	if err != nil {
		t.Fatal(err)
	}
	return dropped
}

// withoutAdded is the canonical form of a stream of JSON documents (one
// compact document a line, keys in their order, numbers as written)
// without the fields of addedFields, and how many of each it left out.
func withoutAdded(s string) (string, map[string]int, error) {
	dec := json.NewDecoder(strings.NewReader(s))
	dec.UseNumber()
	var out bytes.Buffer
	dropped := map[string]int{}
	for {
		if _, err := dec.Token(); errors.Is(err, io.EOF) {
			return out.String(), dropped, nil
		} else if err != nil {
			return "", nil, err
		}
		if err := canonical(dec, &out, dropped); err != nil {
			return "", nil, err
		}
		out.WriteByte('\n')
	}
}

// canonical writes the rest of an object whose '{' was read.
func canonical(dec *json.Decoder, out *bytes.Buffer, dropped map[string]int) error {
	out.WriteByte('{')
	first := true
	for dec.More() {
		k, err := dec.Token()
		if err != nil {
			return err
		}
		key := k.(string)
		if slices.Contains(addedFields, key) {
			dropped[key]++
			var skip json.RawMessage
			if err := dec.Decode(&skip); err != nil {
				return err
			}
			continue
		}
		if !first {
			out.WriteByte(',')
		}
		first = false
		kb, _ := json.Marshal(key)
		out.Write(kb)
		out.WriteByte(':')
		if err := value(dec, out, dropped); err != nil {
			return err
		}
	}
	_, err := dec.Token() // '}'
	out.WriteByte('}')
	return err
}

// value writes the next value.
func value(dec *json.Decoder, out *bytes.Buffer, dropped map[string]int) error {
	tok, err := dec.Token()
	if err != nil {
		return err
	}
	switch v := tok.(type) {
	case json.Delim:
		if v == '{' {
			return canonical(dec, out, dropped)
		}
		out.WriteByte('[')
		for i := 0; dec.More(); i++ {
			if i > 0 {
				out.WriteByte(',')
			}
			if err := value(dec, out, dropped); err != nil {
				return err
			}
		}
		_, err := dec.Token() // ']'
		out.WriteByte(']')
		return err
	case json.Number:
		out.WriteString(string(v))
	default:
		b, err := json.Marshal(v)
		if err != nil {
			return err
		}
		out.Write(b)
	}
	return nil
}

// cohortAsBefore checks a cohort report is the one written before but
// for issue 23's changes: gaps (of the whole cohort and of each group)
// ranked by the number of people, each with an expected field. Both are
// compared with the gaps in the order of their dimension and without
// expected.
func cohortAsBefore(t *testing.T, name, want, got string) {
	t.Helper()
	// A mean gap resting on fewer than --min-group people is withheld
	// now (mean_gap_withheld): it is compared on neither side.
	withheld := map[string]bool{}
	norm := func(s string) string {
		var doc map[string]any
		if err := json.Unmarshal([]byte(s), &doc); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		fix := func(d map[string]any) {
			gaps, _ := d["gaps"].([]any)
			for _, g := range gaps {
				g := g.(map[string]any)
				delete(g, "expected")
				key := fmt.Sprint(d["name"], "/", g["dimension"])
				if _, ok := g["mean_gap_withheld"]; ok {
					withheld[key] = true
				}
				if withheld[key] {
					delete(g, "mean_gap")
					delete(g, "mean_gap_withheld")
				}
			}
			slices.SortStableFunc(gaps, func(a, b any) int {
				return strings.Compare(a.(map[string]any)["dimension"].(string), b.(map[string]any)["dimension"].(string))
			})
		}
		fix(doc)
		groups, _ := doc["groups"].([]any)
		for _, g := range groups {
			fix(g.(map[string]any))
		}
		out, _ := json.MarshalIndent(doc, "", "  ")
		return string(out)
	}
	if g, w := norm(got), norm(want); g != w {
		t.Errorf("%s differs from what digilead wrote before (gaps in dimension order, without expected, mean gaps withheld now left out):\n--- got\n%.2000s\n--- want\n%.2000s", name, g, w)
	}
	var d struct {
		Gaps []struct {
			With int `json:"with_gap"`
		} `json:"gaps"`
	}
	json.Unmarshal([]byte(got), &d)
	for i := 1; i < len(d.Gaps); i++ {
		if d.Gaps[i].With > d.Gaps[i-1].With {
			t.Errorf("%s: gap %d has %d people, more than the one before it (%d)", name, i, d.Gaps[i].With, d.Gaps[i-1].With)
		}
	}
}
