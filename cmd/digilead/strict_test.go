package main

import (
	"crypto/sha256"
	"encoding/hex"
	"os"
	"path/filepath"
	"testing"
)

// TestStrictBanksScoreAsBefore: a bank that names no level rule is scored
// by the strict rule, and what digilead writes of it is byte for byte what
// it wrote before banks could name a rule. testdata/strict holds the
// output of the digilead of commit ba50985 (SOURCE_DATE_EPOCH=1700000000)
// for two strict banks: small-figures.yaml, which records reliability
// figures (so results carry sem and within_error), and the 1.0.0 built-in
// bank; the larger outputs are kept as their SHA-256.
func TestStrictBanksScoreAsBefore(t *testing.T) {
	const dir = "testdata/strict/"
	const v1 = "../../questions/testdata/default-v1.yaml"
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
		want, err := os.ReadFile(dir + name)
		if err != nil {
			t.Fatal(err)
		}
		if got != string(want) {
			t.Errorf("%s differs from what digilead wrote before:\n--- got\n%.2000s\n--- want\n%.2000s", name, got, want)
		}
	}
	hashed := func(name, got, want string) {
		t.Helper()
		sum := sha256.Sum256([]byte(got))
		if h := hex.EncodeToString(sum[:]); h != want {
			t.Errorf("%s: SHA-256 %s, before %s:\n%.2000s", name, h, want, got)
		}
	}
	small := run("score", "--bank", dir+"small-figures.yaml", dir+"answers-small.jsonl")
	same("score-small.jsonl.golden", small)
	hashed("score --target top", run("score", "--bank", dir+"small-figures.yaml", "--target", "top", dir+"answers-small.jsonl"), "f427e148a93210439e271e18509a1e2469f026e2bb8fb02c87b5918f76784c15")
	same("score-small.csv.golden", run("score", "--bank", dir+"small-figures.yaml", "--format", "csv", dir+"answers-small.jsonl"))
	same("cohort-small.json.golden", run("cohort", "--bank", dir+"small-figures.yaml", "--format", "json", dir+"answers-small.jsonl"))
	same("assess-small.json.golden", run("assess", "--bank", dir+"small-figures.yaml", "--answers", dir+"one-small.json", "--format", "json", "--no-save"))
	same("compare-small.json.golden", run("compare", dir+"old.json", dir+"new.json", "--format", "json"))

	results := run("score", "--bank", v1, dir+"answers-v1.jsonl")
	hashed("score 1.0.0", results, "6521058f386ff81c0cbd15421f96cbafb3d5a9d2d7c713783a238b1fa77bddd1")
	hashed("score 1.0.0 csv", run("score", "--bank", v1, "--format", "csv", dir+"answers-v1.jsonl"), "a3ca88193ab4bd40deccfa2650197f32c91819e6f3eb2267832e0ed2f5a2c46e")
	hashed("cohort 1.0.0 from answers", run("cohort", "--bank", v1, "--by", "group", "--format", "json", dir+"answers-v1.jsonl"), "58b19dda7dc9db1efe34daa3d9f7f801ef02796bad56bf18e474149651272ec9")
	path := filepath.Join(t.TempDir(), "results.jsonl")
	if err := os.WriteFile(path, []byte(results), 0o600); err != nil {
		t.Fatal(err)
	}
	hashed("cohort 1.0.0 from results", run("cohort", "--format", "json", path), "1b9720dc91f10a5f7c42fc1a724da425a7d5efea576e152cbca55e295cbe2c2d")
}
