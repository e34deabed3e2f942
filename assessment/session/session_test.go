package session

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/digilead/digilead/assessment"
	"github.com/digilead/digilead/assessment/store"
	"github.com/digilead/digilead/questions"
	"github.com/digilead/digilead/questions/errtext"
)

// Typed in accessible mode: a name, the first role, then "Often" (4) on
// each page and Enter to leave it.
const (
	welcome   = "Ana\n1\n"
	pageA     = "4\n\n"
	pageB     = "4\n\n"
	wholeBank = welcome + pageA + pageB
)

var clock = time.Date(2026, 11, 29, 10, 0, 0, 0, time.UTC)

func bank(t *testing.T) *questions.Bank {
	t.Helper()
	b, err := questions.Load("testdata/two-pages.yaml")
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// flaky wraps a store and fails the operations asked for.
type flaky struct {
	*store.Store
	failSave bool
}

func (f *flaky) SaveResult(r *assessment.Result) (string, error) {
	if f.failSave {
		return "", errors.New("disk full")
	}
	return f.Store.SaveResult(r)
}

type run struct {
	err       error
	delivered *assessment.Result
	savedTo   string
	screen    string
}

func ask(t *testing.T, st Store, typed string, o Options, deliverErr error) run {
	t.Helper()
	var screen bytes.Buffer
	if o.Bank == nil {
		o.Bank = bank(t)
	}
	o.Accessible, o.Now = true, func() time.Time { return clock }
	o.ResumeCommand = func(bool) string { return "digilead assess --resume" }
	var r run
	r.err = Run(context.Background(), Terminal{In: strings.NewReader(typed), Out: &screen, IsTerminal: true}, o, st,
		func(res *assessment.Result, savedTo string) error {
			r.delivered, r.savedTo = res, savedTo
			return deliverErr
		})
	r.screen = screen.String()
	return r
}

func newStore(t *testing.T) *store.Store { return &store.Store{Dir: t.TempDir()} }

func hasDraft(st Store) bool {
	_, err := os.Stat(st.DraftPath("two-pages"))
	return err == nil
}

func TestFinishedSessionSavesThenDeliversAndDropsTheDraft(t *testing.T) {
	st := newStore(t)
	r := ask(t, st, wholeBank, Options{}, nil)
	if r.err != nil {
		t.Fatalf("%v\n%s", r.err, r.screen)
	}
	if r.delivered == nil || r.delivered.Level == nil || r.delivered.Level.ID != "low" {
		t.Fatalf("delivered %+v", r.delivered)
	}
	if r.savedTo == "" || filepath.Dir(r.savedTo) != filepath.Join(st.Dir, "results") {
		t.Errorf("saved to %q", r.savedTo)
	}
	if hasDraft(st) {
		t.Error("the draft of a saved result is kept")
	}
}

func TestNoSaveDropsTheDraftOnlyOnceDelivered(t *testing.T) {
	st := newStore(t)
	r := ask(t, st, wholeBank, Options{NoSave: true}, errors.New("write me.json: no space left on device"))
	if r.err == nil || !strings.Contains(r.err.Error(), "Your answers are kept in "+st.DraftPath("two-pages")) {
		t.Fatalf("a failed delivery must say where the answers are: %v", r.err)
	}
	if !hasDraft(st) || r.savedTo != "" {
		t.Fatalf("draft kept %v, saved to %q", hasDraft(st), r.savedTo)
	}
	if r := ask(t, st, wholeBank, Options{NoSave: true}, nil); r.err != nil || hasDraft(st) {
		t.Errorf("delivered with --no-save: %v, draft kept %v", r.err, hasDraft(st))
	}
}

// TestFailedDeliverySaysWhereTheResultIs: the last write of a
// questionnaire (a full disk) fails after every answer was given; the
// message says where the result or the answers are, and how to get the
// document again.
func TestFailedDeliverySaysWhereTheResultIs(t *testing.T) {
	full := errors.New("write me.txt: no space left on device")
	tests := []struct {
		name  string
		st    func(t *testing.T) Store
		o     Options
		wants []string
	}{
		{"saved", func(t *testing.T) Store { return newStore(t) }, Options{}, []string{
			"write me.txt: no space left on device\nThe result was saved in ", "write it again with 'digilead report --last -o FILE'."}},
		{"not saved either", func(t *testing.T) Store { return &flaky{Store: newStore(t), failSave: true} }, Options{}, []string{
			"write me.txt: no space left on device\nThe result could not be saved either: disk full. Your answers are kept in "}},
		{"no save", func(t *testing.T) Store { return newStore(t) }, Options{NoSave: true}, []string{
			"write me.txt: no space left on device Your answers are kept in "}},
	}
	for _, tc := range tests {
		st := tc.st(t)
		r := ask(t, st, wholeBank, tc.o, full)
		if r.err == nil || !errors.Is(r.err, full) {
			t.Fatalf("%s: %v", tc.name, r.err)
		}
		for _, want := range tc.wants {
			if !strings.Contains(r.err.Error(), want) {
				t.Errorf("%s: %q, want it to say %q", tc.name, r.err, want)
			}
		}
		if r.savedTo != "" && !strings.Contains(r.err.Error(), r.savedTo) {
			t.Errorf("%s: %q does not say where the result was saved (%s)", tc.name, r.err, r.savedTo)
		}
		if hasDraft(st) == (r.savedTo != "") {
			t.Errorf("%s: draft kept %v, saved to %q", tc.name, hasDraft(st), r.savedTo)
		}
	}
}

func TestResultThatCannotBeSavedIsStillDeliveredAndKeepsTheDraft(t *testing.T) {
	st := &flaky{Store: newStore(t), failSave: true}
	r := ask(t, st, wholeBank, Options{}, nil)
	if r.delivered == nil {
		t.Fatal("the result was not delivered")
	}
	if r.err == nil || !strings.Contains(r.err.Error(), "could not save the result: disk full") || !hasDraft(st) {
		t.Errorf("err %v, draft kept %v", r.err, hasDraft(st))
	}
}

func TestStoppedThenResumed(t *testing.T) {
	st := newStore(t)
	r := ask(t, st, welcome+pageA, Options{}, nil) // input ends on page 2
	if !errors.Is(r.err, ErrInterrupted) || !strings.Contains(r.err.Error(), "saved in "+st.DraftPath("two-pages")) {
		t.Fatalf("stopped: %v", r.err)
	}
	d, err := st.LoadDraft("two-pages")
	if err != nil || len(d.Answers) != 1 || d.Respondent.Name != "Ana" {
		t.Fatalf("draft %+v, %v", d, err)
	}
	r = ask(t, st, pageB, Options{Resume: true}, nil)
	if r.err != nil {
		t.Fatalf("%v\n%s", r.err, r.screen)
	}
	if !strings.Contains(r.screen, "1 of 2 questions answered, continuing at page 2 of 2") {
		t.Errorf("resume message missing:\n%s", r.screen)
	}
	if got := r.delivered.Answers; len(got) != 2 || r.delivered.Respondent.Name != "Ana" {
		t.Errorf("resumed answers %v, respondent %+v", got, r.delivered.Respondent)
	}
}

func TestRefusals(t *testing.T) {
	st := newStore(t)
	var screen bytes.Buffer
	err := Run(context.Background(), Terminal{In: strings.NewReader(""), Out: &screen}, Options{Bank: bank(t)}, st, nil)
	if !errors.Is(err, errtext.ErrInvalid) || !strings.Contains(err.Error(), "there is no terminal") {
		t.Errorf("no terminal: %v", err)
	}
	r := ask(t, st, "", Options{Resume: true}, nil)
	if !errors.Is(r.err, errtext.ErrInvalid) || !strings.Contains(r.err.Error(), "no unfinished assessment") {
		t.Errorf("resume without a draft: %v", r.err)
	}
	r = ask(t, st, "", Options{}, nil)
	if !errors.Is(r.err, ErrInterrupted) || r.err.Error() != "stopped before the first page was done; nothing was saved" {
		t.Errorf("stopped on the welcome page: %v", r.err)
	}
}

// TestSecondQuestionnaireOfABankIsRefused: two questionnaires of one bank
// at once would share a draft, and the first to finish would remove the
// other's answers.
func TestSecondQuestionnaireOfABankIsRefused(t *testing.T) {
	st := newStore(t)
	unlock, err := st.LockDraft("two-pages") // the first questionnaire
	if err != nil {
		t.Fatal(err)
	}
	r := ask(t, st, wholeBank, Options{}, nil)
	if r.err == nil || !strings.Contains(r.err.Error(), "another questionnaire of bank \"two-pages\" is still open") || r.delivered != nil {
		t.Fatalf("second questionnaire: %v", r.err)
	}
	unlock()
	if r := ask(t, st, wholeBank, Options{}, nil); r.err != nil {
		t.Errorf("once the first has ended: %v", r.err)
	}
}

// TestStoppedNeverClaimsASaveThatDidNotHappen: a draft removed under a
// questionnaire (by hand, by another program) is not claimed as saved.
func TestStoppedNeverClaimsASaveThatDidNotHappen(t *testing.T) {
	st := &vanishing{Store: newStore(t)}
	r := ask(t, st, welcome+pageA, Options{}, nil)
	if !errors.Is(r.err, ErrInterrupted) || strings.Contains(r.err.Error(), "saved in") {
		t.Errorf("claims a save: %v", r.err)
	}
}

// vanishing loses every draft right after saving it.
type vanishing struct{ *store.Store }

func (v *vanishing) SaveDraft(d *store.Draft) (string, error) {
	p, err := v.Store.SaveDraft(d)
	os.Remove(p)
	return p, err
}

// TestEveryAnswerIsKeptInTheDraft stops in the middle of a page: the
// answer given on it is in the draft, so "Your answers so far are saved"
// is true, and resuming goes on at the next question.
func TestEveryAnswerIsKeptInTheDraft(t *testing.T) {
	st := newStore(t)
	b, err := questions.Load("testdata/two-on-a-page.yaml")
	if err != nil {
		t.Fatal(err)
	}
	r := ask(t, st, welcome+"2\n", Options{Bank: b}, nil) // input ends after A1
	if !errors.Is(r.err, ErrInterrupted) || !strings.Contains(r.err.Error(), "Your answers so far are saved in "+st.DraftPath(b.ID)) {
		t.Fatalf("stopped: %v", r.err)
	}
	d, err := st.LoadDraft(b.ID)
	if err != nil || len(d.Answers) != 1 || d.Answers["a1"].Num != 2 || d.Page != 1 {
		t.Fatalf("draft %+v, %v; want A1 answered, on page 1", d, err)
	}
	info, err := os.Stat(st.DraftPath(b.ID))
	if err != nil || info.Mode().Perm() != 0o600 {
		t.Errorf("draft mode %v, %v; want 0600", info.Mode(), err)
	}
	r = ask(t, st, "4\n\n4\n\n", Options{Bank: b, Resume: true}, nil)
	if r.err != nil {
		t.Fatalf("%v\n%s", r.err, r.screen)
	}
	if strings.Contains(r.screen, "Question 1 of 3") || !strings.Contains(r.screen, "Question 2 of 3") {
		t.Errorf("resuming asked A1 again or not A2:\n%s", r.screen)
	}
	if got := r.delivered.Answers; len(got) != 3 || got["a1"].Num != 2 {
		t.Errorf("answers %v, want A1=2 and the two others", got)
	}
}

// draftBytes is the draft file as it is, "" for none.
func draftBytes(st Store) string {
	data, _ := os.ReadFile(st.DraftPath("two-pages"))
	return string(data)
}

// TestNewQuestionnaireOffersTheDraft: a new questionnaire over an
// unfinished draft offers to continue it, by default: Enter continues at
// the first unanswered page with the draft's answers and target.
func TestNewQuestionnaireOffersTheDraft(t *testing.T) {
	st := newStore(t)
	ask(t, st, welcome+pageA, Options{Target: "high"}, nil) // input ends on page 2
	r := ask(t, st, "\n"+pageB, Options{}, nil)
	if r.err != nil {
		t.Fatalf("%v\n%s", r.err, r.screen)
	}
	for _, want := range []string{"You have an unfinished assessment.", "Last saved on 29 Nov 2026 10:00, with 1 of 2 questions answered.", "1. Continue where you left off (1 answered)", "2. Start again", "Page 2 of 2"} {
		if !strings.Contains(r.screen, want) {
			t.Errorf("the screen lacks %q:\n%s", want, r.screen)
		}
	}
	if got := r.delivered; len(got.Answers) != 2 || got.Respondent.Name != "Ana" || got.Target.ID != "high" {
		t.Errorf("continued: answers %v, respondent %+v, target %+v; want both, Ana, high", got.Answers, got.Respondent, got.Target)
	}
	if hasDraft(st) {
		t.Error("the finished draft is kept")
	}
}

// TestDraftIsNeverReplacedSilently: stopping on the offer, or saying No
// to starting again, leaves the draft as it was; Yes removes it, and the
// new questionnaire keeps its own answers.
func TestDraftIsNeverReplacedSilently(t *testing.T) {
	st := newStore(t)
	ask(t, st, welcome+pageA, Options{}, nil)
	before := draftBytes(st)
	for _, typed := range []string{"", "2\n", "2\n1\n", "2\n\n"} {
		r := ask(t, st, typed, Options{}, nil)
		if !errors.Is(r.err, ErrInterrupted) || !strings.Contains(r.err.Error(), "saved in "+st.DraftPath("two-pages")) {
			t.Errorf("%q: %v", typed, r.err)
		}
		if draftBytes(st) != before {
			t.Errorf("%q changed the draft:\n%s", typed, draftBytes(st))
		}
	}
	r := ask(t, st, "2\n2\n", Options{}, nil)
	if !strings.Contains(r.screen, "Starting again deletes the 1 answer saved on 29 Nov 2026 10:00.") || hasDraft(st) {
		t.Errorf("Yes: draft kept %v:\n%s", hasDraft(st), r.screen)
	}
	if !errors.Is(r.err, ErrInterrupted) || r.err.Error() != "stopped before the first page was done; nothing was saved" {
		t.Errorf("stopped on the new welcome page: %v", r.err)
	}
	r = ask(t, st, welcome+"2\n", Options{}, nil)
	if d, err := st.LoadDraft("two-pages"); err != nil || len(d.Answers) != 1 || d.Answers["a1"].Num != 2 {
		t.Errorf("the new questionnaire's draft: %+v, %v", d, err)
	}
}

// TestDamagedDraftIsNotReplaced: a draft that cannot be read stops a new
// questionnaire before it starts, saying what to do, and stays.
func TestDamagedDraftIsNotReplaced(t *testing.T) {
	st := newStore(t)
	path := st.DraftPath("two-pages")
	os.MkdirAll(filepath.Dir(path), 0o700)
	os.WriteFile(path, []byte("{not json"), 0o600)
	r := ask(t, st, wholeBank, Options{}, nil)
	if r.err == nil || !strings.Contains(r.err.Error(), "is damaged") || !strings.Contains(r.err.Error(), "delete it to start again") || r.delivered != nil {
		t.Fatalf("err %v", r.err)
	}
	if draftBytes(st) != "{not json" {
		t.Error("the damaged draft was replaced")
	}
}

// TestResumeGoesStraightOn: with Resume (--resume, a workshop participant
// reconnecting) the draft continues without the offer.
func TestResumeGoesStraightOn(t *testing.T) {
	st := newStore(t)
	ask(t, st, welcome+pageA, Options{}, nil)
	r := ask(t, st, pageB, Options{Resume: true}, nil)
	if r.err != nil || strings.Contains(r.screen, "unfinished assessment") || len(r.delivered.Answers) != 2 {
		t.Errorf("resume: %v, answers %v:\n%s", r.err, r.delivered, r.screen)
	}
}

func TestFinishTakesTheAnswersAndTheDraftIsKeptApart(t *testing.T) {
	st := newStore(t)
	// The person's own unfinished assessment of the bank stays as it is.
	if _, err := st.SaveDraft(&store.Draft{Bank: assessment.NewBankRef(bank(t)), Page: 1, Answers: map[string]questions.Value{}}); err != nil {
		t.Fatal(err)
	}
	var got *questions.Answers
	o := Options{
		Draft: "two-pages.feedback-x",
		Finish: func(a *questions.Answers, language string) error {
			got = a
			if _, err := os.Stat(st.DraftPath("two-pages.feedback-x")); err != nil {
				t.Errorf("no draft of the feedback while finishing: %v", err)
			}
			return nil
		},
	}
	// Stopped after the first page: the draft is the feedback's own.
	if r := ask(t, st, welcome+pageA, o, nil); !errors.Is(r.err, ErrInterrupted) || !strings.Contains(r.err.Error(), "two-pages.feedback-x.json") {
		t.Fatalf("stopped: %v", r.err)
	}
	r := ask(t, st, "\n"+pageB, o, nil) // continue the draft (the default), answer page B
	if r.err != nil || r.delivered != nil || got == nil || len(got.Values) != 2 {
		t.Fatalf("err %v, delivered %v, answers %+v\n%s", r.err, r.delivered, got, r.screen)
	}
	if _, err := os.Stat(st.DraftPath("two-pages.feedback-x")); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("the finished feedback's draft is kept: %v", err)
	}
	if !hasDraft(st) {
		t.Error("the person's own draft went")
	}
	if rs, _ := st.Results(); len(rs) != 0 {
		t.Errorf("a result was saved: %+v", rs)
	}
}
