package inputs_test

import (
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/digilead/digilead/assessment"
	"github.com/digilead/digilead/assessment/cohort"
	"github.com/digilead/digilead/assessment/feedback"
	"github.com/digilead/digilead/assessment/inputs"
	"github.com/digilead/digilead/assessment/store"
	"github.com/digilead/digilead/questions"
	"github.com/digilead/digilead/questions/errtext"
	"github.com/digilead/digilead/questions/questionstest"
)

// dataDir is a data directory of its own, as getenv finds it.
func dataDir(t *testing.T) (*store.Store, func(string) string) {
	dir := t.TempDir()
	getenv := func(k string) string {
		if k == "XDG_DATA_HOME" {
			return dir
		}
		return ""
	}
	st, err := store.Open(getenv)
	if err != nil {
		t.Fatal(err)
	}
	return st, getenv
}

// scored is the example answers scored on the built-in bank, completed at.
func scored(t *testing.T, at time.Time) (*questions.Bank, *assessment.Result) {
	b, a := questionstest.Example(t)
	return b, assessment.Score(b, a, assessment.Options{Now: at})
}

func TestLoadRoundByFileByIDOrKnownByItsIDAlone(t *testing.T) {
	st, getenv := dataDir(t)
	b, _ := questionstest.Example(t)
	if _, err := inputs.LoadRound("nonsense", nil, getenv, b); !errors.Is(err, errtext.ErrInvalid) || !strings.Contains(err.Error(), "neither a round id") {
		t.Errorf("LoadRound(nonsense) = %v", err)
	}
	id := strings.Repeat("a", feedback.IDLength)
	if r, err := inputs.LoadRound(id, nil, getenv, b); err != nil || r.Round != id || !r.Bank.Matches(feedback.NewBankRef(b)) {
		t.Errorf("LoadRound of an id kept nowhere = %+v, %v; want the round of that id on the bank in use", r, err)
	}
	other := &feedback.Round{Schema: feedback.RoundSchema, Round: strings.Repeat("b", feedback.IDLength), Subject: "Sam", Bank: feedback.BankRef{ID: "other", Version: "1"}, Roles: feedback.Roles, CreatedAt: time.Unix(0, 0).UTC()}
	path, err := st.SaveRound(other)
	if err != nil {
		t.Fatal(err)
	}
	for _, arg := range []string{other.Round, path} {
		_, err := inputs.LoadRound(arg, nil, getenv, b)
		var ob *inputs.OtherBankError
		if !errors.As(err, &ob) || !errors.Is(err, errtext.ErrInvalid) || !strings.Contains(err.Error(), "round "+other.Round+" is on bank other 1") {
			t.Errorf("LoadRound(%s) of another bank = %v", arg, err)
		}
	}
}

func TestLastAndLastTwoSkipWhatCannotBeRead(t *testing.T) {
	st, getenv := dataDir(t)
	junk := filepath.Join(st.Dir, "results", "junk.json")
	if err := os.MkdirAll(filepath.Dir(junk), 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(junk, []byte("{"), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, notes, err := inputs.Last(getenv); !errors.Is(err, errtext.ErrInvalid) || len(notes) != 1 || !strings.HasPrefix(notes[0], "skipped "+junk+": ") {
		t.Errorf("Last of junk only = %q, %v", notes, err)
	}
	var saved []string
	for i := range 2 {
		_, r := scored(t, time.Date(2025, 3, 1+i, 10, 0, 0, 0, time.UTC))
		path, err := st.SaveResult(r)
		if err != nil {
			t.Fatal(err)
		}
		saved = append(saved, path)
	}
	if r, _, err := inputs.Last(getenv); err != nil || !r.CompletedAt.Equal(time.Date(2025, 3, 2, 10, 0, 0, 0, time.UTC)) {
		t.Errorf("Last: %v", err)
	}
	if _, paths, _, err := inputs.LastTwo(getenv); err != nil || paths != [2]string{saved[0], saved[1]} {
		t.Errorf("LastTwo = %q, %v", paths, err)
	}
}

func TestReadPairTakesStdinOnce(t *testing.T) {
	_, r := scored(t, time.Unix(0, 0).UTC())
	data, _ := json.Marshal(r)
	file := filepath.Join(t.TempDir(), "old.json")
	if err := os.WriteFile(file, data, 0o600); err != nil {
		t.Fatal(err)
	}
	if _, _, err := inputs.ReadPair("-", "-", strings.NewReader("")); !errors.Is(err, errtext.ErrInvalid) {
		t.Errorf("ReadPair(-, -) = %v", err)
	}
	pair, names, err := inputs.ReadPair(file, "-", strings.NewReader(string(data)))
	if err != nil || names != [2]string{file, "stdin"} || pair[0] == nil || pair[1] == nil {
		t.Errorf("ReadPair = %v, %q, %v", pair, names, err)
	}
}

func TestReadCohortNotesDuplicatesAndRefusesWhatItCannotRead(t *testing.T) {
	_, r := scored(t, time.Unix(0, 0).UTC())
	line, _ := json.Marshal(r)
	for _, c := range []struct{ in, note, err string }{
		{string(line) + "\n" + string(line) + "\n", "1 duplicate result left out (the same respondent and completion time), e.g. stdin:2, already read at stdin:1", ""},
		{string(line) + "\n{}\n", "", "1 result could not be read (listed above); a cohort report needs every result"},
	} {
		set, err := inputs.Open([]string{"-"}, strings.NewReader(c.in), false, "results")
		if err != nil {
			t.Fatal(err)
		}
		var out strings.Builder
		note, err := inputs.ReadCohort(context.Background(), set, cohort.New(cohort.Options{MinGroup: 1}), nil, false, inputs.NewReporter(&out))
		if note != c.note || (err == nil) != (c.err == "") || err != nil && !strings.Contains(err.Error(), c.err) {
			t.Errorf("ReadCohort: note %q, err %v; want %q, %q", note, err, c.note, c.err)
		}
	}
}

func TestReadAnswerSetsSaysWhyNothingCanBeDone(t *testing.T) {
	b, _ := questionstest.Example(t)
	for in, want := range map[string]string{"": "no answer sets in the input", "{}\n": "0 answer sets analysed, 1 rejected; nothing to calibrate"} {
		set, err := inputs.Open([]string{"-"}, strings.NewReader(in), false, "answer sets")
		if err != nil {
			t.Fatal(err)
		}
		var out strings.Builder
		_, err = inputs.ReadAnswerSets(context.Background(), set, b, func(*questions.Answers) {}, inputs.NewReporter(&out), "calibrate")
		if !errors.Is(err, errtext.ErrInvalid) || !strings.Contains(err.Error(), want) {
			t.Errorf("ReadAnswerSets(%q) = %v; want %q", in, err, want)
		}
	}
}

func TestReadFeedbackKeepsToTheRolesOfTheRoundKeptHere(t *testing.T) {
	b, a := questionstest.Example(t)
	roundOf := func(roles ...string) *feedback.Round {
		return &feedback.Round{Schema: feedback.RoundSchema, Round: strings.Repeat("c", feedback.IDLength), Subject: "Sam", Bank: feedback.NewBankRef(b), Roles: roles, CreatedAt: time.Unix(0, 0).UTC()}
	}
	docs := func(roles ...string) string {
		var sb strings.Builder
		for i, role := range roles {
			f := feedback.New(roundOf(feedback.Roles...), b, role, a, time.Unix(int64(i), 0), strings.Repeat(string(rune('d'+i)), feedback.IDLength))
			line, _ := json.Marshal(f)
			sb.Write(append(line, '\n'))
		}
		return sb.String()
	}
	cases := []struct {
		name   string
		kept   *feedback.Round // nil: none kept
		given  *feedback.Round // given to the builder (a --round)
		roles  []string
		raters int
		out    string // in the rejections; "": none
	}{
		{"a manager in a round kept without one", roundOf(feedback.Peer, feedback.DirectReport), nil, []string{feedback.Peer, feedback.Manager, feedback.Peer}, 2, `stdin:2: role: role "manager" is not one of round cccccccccccccccccccccccccc's (peer, report)`},
		{"roles the round kept offers", roundOf(feedback.Peer, feedback.DirectReport), nil, []string{feedback.Peer, feedback.DirectReport}, 2, ""},
		{"no round kept: any role", nil, nil, []string{feedback.Peer, feedback.Manager}, 2, ""},
		{"the round given wins", roundOf(feedback.Roles...), roundOf(feedback.Peer), []string{feedback.Peer, feedback.Other}, 1, `stdin:2: role: role "other" is not one of round`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			st, getenv := dataDir(t)
			if c.kept != nil {
				if _, err := st.SaveRound(c.kept); err != nil {
					t.Fatal(err)
				}
			}
			set, err := inputs.Open([]string{"-"}, strings.NewReader(docs(c.roles...)), false, "feedback documents")
			if err != nil {
				t.Fatal(err)
			}
			bd := feedback.NewBuilder(b, feedback.Options{})
			if c.given != nil {
				bd.UseRound(c.given)
			}
			var out strings.Builder
			_, err = inputs.ReadFeedback(context.Background(), set, bd, inputs.NewReporter(&out), "--bank", getenv)
			if bd.Raters() != c.raters || (err == nil) != (c.out == "") || !strings.Contains(out.String(), c.out) {
				t.Errorf("ReadFeedback: %d raters, err %v, rejected:\n%s\nwant %d raters and %q", bd.Raters(), err, out.String(), c.raters, c.out)
			}
			if err != nil && !errors.Is(err, errtext.ErrInvalid) {
				t.Errorf("err = %v, want invalid input", err)
			}
		})
	}
}
