package feedback_test

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/digilead/digilead/assessment/feedback"
	"github.com/digilead/digilead/assessment/schematest"
	"github.com/digilead/digilead/questions"
)

// zeros is a source of random bits that are all zero.
type zeros struct{}

func (zeros) Read(p []byte) (int, error) { clear(p); return len(p), nil }

func TestNewRound(t *testing.T) {
	b := testBank(t)
	r, err := feedback.NewRound(b, feedback.RoundOptions{Subject: " Sam Jones ", Closes: "2026-11-20", Now: day0, Random: zeros{}})
	if err != nil {
		t.Fatal(err)
	}
	if r.Round != strings.Repeat("a", 26) || r.Subject != "Sam Jones" || r.Bank.ID != "observed-test" || strings.Join(r.Roles, ",") != "manager,peer,report,other" || !r.CreatedAt.Equal(day0) {
		t.Errorf("round = %+v", r)
	}
	data, _ := json.Marshal(r)
	schematest.Validate(t, "round.schema.json", data)
	back, err := feedback.DecodeRound(data)
	if err != nil || back.Round != r.Round || back.Closes != "2026-11-20" {
		t.Errorf("DecodeRound = %+v, %v", back, err)
	}
	if !bytes.HasPrefix(data, []byte(`{"schema":"digilead.round/v1","round":"`)) {
		t.Errorf("JSON starts %s", data[:50])
	}
}

func TestNewRoundRefuses(t *testing.T) {
	b := testBank(t)
	selfOnly := testBank(t)
	for i := range selfOnly.Questions {
		selfOnly.Questions[i].Observer = nil
	}
	cases := []struct {
		name string
		b    *questions.Bank
		o    feedback.RoundOptions
		want string
	}{
		{"no name", b, feedback.RoundOptions{Subject: " "}, "name observers know"},
		{"unknown role", b, feedback.RoundOptions{Subject: "Sam", Roles: []string{"peers"}}, `unknown role "peers" (did you mean "peer"?)`},
		{"bad date", b, feedback.RoundOptions{Subject: "Sam", Closes: "20/11/2026"}, "YYYY-MM-DD"},
		{"past date", b, feedback.RoundOptions{Subject: "Sam", Closes: "2026-11-01"}, "in the past"},
		{"control characters", b, feedback.RoundOptions{Subject: "Sam\x1b]0;owned\a"}, `\x1b]0;owned\a" holds a control character (U+001B)`},
		{"bidi override", b, feedback.RoundOptions{Subject: "Sam \u202eevil"}, "(U+202E)"},
		{"two lines", b, feedback.RoundOptions{Subject: "Sam\nJones"}, "(U+000A)"},
		{"too long", b, feedback.RoundOptions{Subject: strings.Repeat("Sam ", 60)}, "at most 200"},
		{"self-only bank", selfOnly, feedback.RoundOptions{Subject: "Sam"}, "no question with observer wording"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			c.o.Now, c.o.Random = day0, zeros{}
			_, err := feedback.NewRound(c.b, c.o)
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Errorf("err = %v, want %q", err, c.want)
			}
		})
	}
}

func TestRolesInOrder(t *testing.T) {
	got, err := feedback.CheckRoles([]string{"other", "peer", "peer"})
	if err != nil || strings.Join(got, ",") != "peer,other" {
		t.Errorf("CheckRoles = %v, %v", got, err)
	}
}

func TestFeedbackKeepsObserverAnswersAndNoIdentity(t *testing.T) {
	b := testBank(t)
	r := feedback.RoundFor(testRound, b)
	a := &questions.Answers{
		Respondent: questions.Respondent{ID: "e1", Name: "Observer"},
		Values:     map[string]questions.Value{"a1": questions.IntValue(4), "a4": questions.BoolValue(true), "b1": questions.NA},
	}
	f := feedback.New(r, b, feedback.Peer, a, day0.Add(1500*time.Millisecond), "bbbbbbbbbbbbbbbbbbbbbbbbbb")
	data, err := json.Marshal(f)
	if err != nil {
		t.Fatal(err)
	}
	want := `{"schema":"digilead.feedback/v1","id":"bbbbbbbbbbbbbbbbbbbbbbbbbb","round":"aaaaaaaaaaaaaaaaaaaaaaaaaa","bank":{"id":"observed-test","version":"1","digest":"` + b.Digest + `"},"role":"peer","completed_at":"2026-11-02T09:30:01Z","answers":{"a1":4,"b1":"na"}}`
	if string(data) != want {
		t.Errorf("feedback =\n%s\nwant\n%s", data, want)
	}
	schematest.Validate(t, "feedback.schema.json", data)
	named := bytes.Replace(data, []byte(`"role"`), []byte(`"observer":"Alex","role"`), 1)
	if schematest.Check(t, "feedback.schema.json", named) == nil {
		t.Errorf("the schema accepts feedback naming its observer")
	}
	back, err := feedback.Decode(data)
	if err != nil || back.Role != feedback.Peer || len(back.Answers) != 2 {
		t.Errorf("Decode = %+v, %v", back, err)
	}
}

func TestDecodeRefuses(t *testing.T) {
	for _, c := range []struct{ doc, want string }{
		{`[]`, "expected a JSON object"},
		{`{"schema":"digilead.result/v1"}`, "is not observer feedback"},
		{`{"schema":"digilead.feedback/v1","round":"x","bank":{"id":"b"},"role":"boss","completed_at":"2026-01-01T00:00:00Z"}`, `role: "boss"`},
		{`{"schema":"digilead.feedback/v1","round":"x","bank":{"id":"b"},"role":"peer"}`, "completed_at: missing"},
		{`{"schema":"digilead.feedback/v1","round":"x","bank":{"id":"b"},"role":"peer","completed_at":"2026-01-01T00:00:00Z","answers":{"a1":1.5}}`, "whole number"},
	} {
		if _, err := feedback.Decode([]byte(c.doc)); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("Decode(%s) = %v, want %q", c.doc, err, c.want)
		}
	}
}

func TestReportsValidateAgainstSchema(t *testing.T) {
	b := testBank(t)
	rounds := map[string][]*feedback.Feedback{
		"none":        nil,
		"too few":     many(b, feedback.Peer, 2, 3, 0),
		"manager":     append(many(b, feedback.Manager, 1, 5, 0), many(b, feedback.Peer, 4, 2, 1)...),
		"with groups": append(append(many(b, feedback.Manager, 1, 5, 0), many(b, feedback.Peer, 3, 2, 1)...), many(b, feedback.DirectReport, 3, 4, 9)...),
	}
	for name, docs := range rounds {
		t.Run(name, func(t *testing.T) {
			r := build(t, b, feedback.Options{}, selfResult(t, b, 4), docs...)
			data, err := json.Marshal(r)
			if err != nil {
				t.Fatal(err)
			}
			schematest.Validate(t, "feedback-report.schema.json", data)
		})
	}
}

// TestDecodeRoundRefusesAHostileSubject: a round file's subject is shown
// to every observer (over SSH too), so one that a terminal would act on
// is refused where it is read.
func TestDecodeRoundRefusesAHostileSubject(t *testing.T) {
	for _, subject := range []string{"Sam\x1b[2J", "Sam\u009b31m", "Sam\u202e", "Sam\r\nJones"} {
		doc, _ := json.Marshal(map[string]any{"schema": feedback.RoundSchema, "round": strings.Repeat("a", feedback.IDLength), "subject": subject, "bank": map[string]string{"id": "b"}})
		if _, err := feedback.DecodeRound(doc); err == nil || !strings.Contains(err.Error(), "subject: the name") {
			t.Errorf("DecodeRound(subject %q) = %v, want refused", subject, err)
		}
	}
}
