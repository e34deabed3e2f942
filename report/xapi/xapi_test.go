package xapi

import (
	"bytes"
	"crypto/sha1"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/digilead/digilead/assessment"
	"github.com/digilead/digilead/assessment/batch/batchtest"
	"github.com/digilead/digilead/questions"
	"github.com/digilead/digilead/questions/e2e"
)

var opts = assessment.Options{Now: time.Date(2026, 3, 4, 10, 30, 0, 0, time.UTC), Tool: assessment.Tool{Name: "digilead", Version: "test"}}

// results scores n generated answer sets of the built-in bank, each
// respondent given email(i) when it is not "".
func results(t *testing.T, n int, email func(i int) string) []*assessment.Result {
	t.Helper()
	b := questions.Default()
	var buf bytes.Buffer
	if err := batchtest.Write(&buf, b, n, batchtest.Options{Seed: 7, Names: true, SkipRate: 0.3, NARate: 0.05}); err != nil {
		t.Fatal(err)
	}
	var out []*assessment.Result
	for i, line := range strings.Split(strings.TrimSpace(buf.String()), "\n") {
		raw, err := questions.DecodeAnswers([]byte(line))
		if err != nil {
			t.Fatal(err)
		}
		raw.Respondent.Email = email(i)
		if i%5 == 4 {
			raw.Respondent.ID = "" // no id: still a valid actor
		}
		a, err := b.CheckAnswers(raw)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, assessment.Score(b, a, opts))
	}
	return out
}

func noEmail(int) string { return "" }

func TestUUIDv5(t *testing.T) {
	dns := [16]byte{0x6b, 0xa7, 0xb8, 0x10, 0x9d, 0xad, 0x11, 0xd1, 0x80, 0xb4, 0x00, 0xc0, 0x4f, 0xd4, 0x30, 0xc8}
	// Python's uuid.uuid5(uuid.NAMESPACE_DNS, "www.example.com").
	if got := uuidV5(dns, []byte("www.example.com")); got != "2ed6657d-e927-568b-95e1-2665a8aea6a2" {
		t.Errorf("uuidV5 = %s", got)
	}
	url := dns
	url[3] = 0x11 // NAMESPACE_URL
	if got := uuidV5(url, []byte(Base)); got != "36d903b7-6912-5136-a76b-638a495e7eea" || fmt.Sprintf("%x", namespace) != strings.ReplaceAll(got, "-", "") {
		t.Errorf("the namespace is not UUID v5 (URL) of %s: %s, %x", Base, got, namespace)
	}
}

func TestStatement(t *testing.T) {
	r := results(t, 1, noEmail)[0]
	s := New(r)
	if s.Verb.ID != Completed || s.Version != "1.0.3" || s.Object.ObjectType != "Activity" ||
		s.Object.ID != Base+"/banks/"+r.Bank.ID+"/"+r.Bank.Version || s.Object.Definition.Type != Assessment {
		t.Errorf("statement = %+v", s)
	}
	if s.Actor.Account == nil || s.Actor.Account.HomePage != HomePage || s.Actor.Account.Name != r.Respondent.ID || s.Actor.MboxSHA1Sum != "" {
		t.Errorf("actor = %+v, want the account %s", s.Actor, r.Respondent.ID)
	}
	if s.Timestamp != "2026-03-04T10:30:00Z" {
		t.Errorf("timestamp = %s", s.Timestamp)
	}
	var target assessment.TierResult
	for _, tr := range r.Tiers {
		if tr.ID == r.Target.ID {
			target = tr
		}
	}
	if math.Abs(s.Result.Score.Scaled-target.Readiness/100) > 1e-9 || s.Result.Success == nil || *s.Result.Success != target.Met || !s.Result.Completion {
		t.Errorf("result = %+v, target %+v", s.Result, target)
	}
	dims := s.Result.Extensions[ExtDimensions].(map[string]float64)
	for _, d := range r.Dimensions {
		if got, ok := dims[d.ID]; (d.Score == nil) == ok || ok && got != *d.Score {
			t.Errorf("dimension %s = %v (%v), result %v", d.ID, got, ok, d.Score)
		}
	}
	if lv, ok := s.Result.Extensions[ExtLevel].(Level); (r.Level == nil) == ok || ok && lv.ID != r.Level.ID {
		t.Errorf("level = %+v, result %+v", lv, r.Level)
	}
}

// TestIDIsStable: the same result gives the same id, scored again, saved
// and read back, or with its address; another result another id.
func TestIDIsStable(t *testing.T) {
	rs := results(t, 30, noEmail)
	seen := map[string]int{}
	for i, r := range rs {
		id := ID(r)
		if j, ok := seen[id]; ok {
			t.Errorf("results %d and %d have one id %s", j, i, id)
		}
		seen[id] = i
		data, _ := json.Marshal(r)
		back, err := assessment.DecodeResult(data)
		if err != nil {
			t.Fatal(err)
		}
		if ID(back) != id || New(back).ID != id {
			t.Errorf("result %d read back from its JSON has id %s, not %s", i, ID(back), id)
		}
		a, _ := json.Marshal(New(r))
		b, _ := json.Marshal(New(back))
		if !bytes.Equal(a, b) {
			t.Errorf("result %d read back gives another statement:\n%s\n%s", i, a, b)
		}
	}
	withEmail := results(t, 30, func(i int) string { return fmt.Sprintf("p%d@example.gov.uk", i) })
	for i := range rs {
		if ID(withEmail[i]) != ID(rs[i]) {
			t.Errorf("result %d: the address changes the id", i)
		}
	}
	later := opts
	later.Now = later.Now.Add(time.Hour)
	b := questions.Default()
	a, _ := b.CheckAnswers(questions.RawAnswers{Answers: map[string]any{}})
	if ID(assessment.Score(b, a, opts)) == ID(assessment.Score(b, a, later)) {
		t.Error("two completions an hour apart have one id")
	}
}

// TestEmailIsNeverWritten: a respondent with an address is the SHA-1 of
// its mailto IRI; the address is in neither the statement nor the result.
func TestEmailIsNeverWritten(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	emails := map[int]string{}
	rs := results(t, 40, func(i int) string {
		e := fmt.Sprintf("Person.%d+%x@Dept-%d.Example.gov.uk", i, rng.Uint32(), rng.IntN(9))
		emails[i] = e
		return e
	})
	for i, r := range rs {
		sum := sha1.Sum([]byte("mailto:" + strings.ToLower(emails[i])))
		s := New(r)
		if s.Actor.MboxSHA1Sum != hex.EncodeToString(sum[:]) || s.Actor.Account != nil {
			t.Errorf("actor %+v, want mbox_sha1sum only", s.Actor)
		}
		st, _ := json.Marshal(s)
		res, _ := json.Marshal(r)
		for _, out := range [][]byte{st, res} {
			low := strings.ToLower(string(out))
			if local, _, _ := strings.Cut(strings.ToLower(emails[i]), "@"); strings.Contains(low, local) || strings.Contains(low, "example.gov.uk") {
				t.Errorf("the address %s is written: %s", emails[i], out)
			}
		}
		if strings.Contains(string(res), s.Actor.MboxSHA1Sum) {
			t.Error("the result holds the address's hash")
		}
	}
}

// TestValidator validates statements of many kinds of result (with and
// without an address, an id, a level) with Learning Locker's xAPI
// validator, run by node (testdata/validator).
func TestValidator(t *testing.T) {
	node := e2e.Tool(t, "apt-get install nodejs npm; .ci/run installs the validator (npm ci in report/xapi/testdata/validator)", "node", "nodejs")
	dir := filepath.Join("testdata", "validator")
	if _, err := os.Stat(filepath.Join(dir, "node_modules", "@learninglocker", "xapi-validation")); err != nil {
		t.Fatalf("the xAPI validator is not installed: run npm ci --prefix %s (.ci/run does)", dir)
	}
	var in []byte
	var err error
	// Languages as a result file may say them, tags or not.
	langs := []string{"", "en", "cy", "fr", "en_GB", "fr-CA", "C", "zh-Hant-TW", "de-CH-1996", "i-klingon", "sr_Latn_RS", "x-private", "en-US-u-co-phonebk", "und", "EN-gb"}
	for i, r := range append(results(t, 20, noEmail), results(t, 10, func(i int) string { return fmt.Sprintf("p%d@example.org", i) })...) {
		r.Language = langs[i%len(langs)]
		// Respondent ids and names as an HR export may give them.
		if odd := []string{"=1+1", "id with spaces/and?query#frag", "ŵŷ-é", "Ctl\x01\x1b[31m", "", strings.Repeat("x", 5000)}; i%3 == 0 {
			r.Respondent.ID, r.Respondent.Name = odd[i/3%len(odd)], "<script>alert(1)</script> Siân"
		}
		if in, err = Append(in, r); err != nil {
			t.Fatal(err)
		}
	}
	cmd := exec.Command(node, filepath.Join(dir, "validate.js"))
	cmd.Stdin = bytes.NewReader(in)
	out, err := cmd.CombinedOutput()
	if err != nil || !strings.Contains(string(out), "30 statements, 0 problems") {
		t.Fatalf("the validator refuses the statements (%v):\n%s", err, out)
	}
	// And it does refuse a bad one.
	cmd = exec.Command(node, filepath.Join(dir, "validate.js"))
	cmd.Stdin = strings.NewReader(`{"actor": {"account": {"homePage": "not a url", "name": "x"}}, "verb": {"id": "completed"}, "object": {"id": "x"}}`)
	if out, err := cmd.CombinedOutput(); err == nil {
		t.Errorf("the validator takes a bad statement:\n%s", out)
	}
}

// TestLanguageIsATag: context.language is an RFC 5646 tag, whatever a
// result file says its language is: a locale's form is made a tag, and
// what is no tag is left out (an LRS refuses the statement otherwise).
func TestLanguageIsATag(t *testing.T) {
	r := results(t, 1, noEmail)[0]
	for lang, want := range map[string]string{"cy": "cy", "fr-CA": "fr-CA", "en_GB": "en-GB", "EN-gb": "en-GB", "C": "", "x": "", "en GB": "", "123": "", "": ""} {
		r.Language = lang
		if got := New(r).Context.Language; got != want {
			t.Errorf("language %q: context.language %q, want %q", lang, got, want)
		}
	}
}

// TestScaledIsTheReadiness: score.scaled is the readiness (two decimals)
// over 100, written as such (0.7565, not 0.7565000000000001).
func TestScaledIsTheReadiness(t *testing.T) {
	for i, r := range results(t, 200, noEmail) {
		s := New(r).Result.Score
		text := strconv.FormatFloat(s.Scaled, 'f', -1, 64)
		if _, frac, _ := strings.Cut(text, "."); len(frac) > 4 || s.Scaled < 0 || s.Scaled > 1 {
			t.Fatalf("result %d: readiness %v, scaled %s", i, s.Raw, text)
		}
		if math.Abs(s.Scaled*100-s.Raw) > 1e-9 {
			t.Fatalf("result %d: scaled %v is not readiness %v / 100", i, s.Scaled, s.Raw)
		}
	}
}

// TestOneAddressOneActor: an address written with other capitals, or as a
// mailto IRI (as some HR exports give it), is one actor: the SHA-1 of
// mailto: and the address in lower case.
func TestOneAddressOneActor(t *testing.T) {
	sum := sha1.Sum([]byte("mailto:ana.jones@example.gov.uk"))
	want := hex.EncodeToString(sum[:])
	for _, e := range []string{"ana.jones@example.gov.uk", "Ana.Jones@Example.GOV.uk", "mailto:ana.jones@example.gov.uk", "MAILTO:Ana.Jones@example.gov.uk"} {
		if got := assessment.MboxSHA1Sum(e); got != want {
			t.Errorf("%s: mbox_sha1sum %s, want %s", e, got, want)
		}
	}
}
