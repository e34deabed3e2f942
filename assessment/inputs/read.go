package inputs

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"slices"

	"github.com/digilead/digilead/assessment"
	"github.com/digilead/digilead/assessment/batch"
	"github.com/digilead/digilead/assessment/cohort"
	"github.com/digilead/digilead/assessment/feedback"
	"github.com/digilead/digilead/assessment/store"
	"github.com/digilead/digilead/questions"
	"github.com/digilead/digilead/questions/errtext"
)

// Without leaves the file path out of the set's inputs, if it is one of
// them: the person's own result in a shared folder of feedback is
// theirs, not feedback.
func (s *Set) Without(path string) {
	info, err := os.Stat(path)
	if err != nil {
		return
	}
	s.Inputs = slices.DeleteFunc(s.Inputs, func(in batch.Input) bool {
		other, err := os.Stat(in.Name)
		return err == nil && os.SameFile(info, other)
	})
}

// ReadFeedback reads the feedback documents of set s into bd; those bd
// refuses are rejected with rep. It returns a note on the documents read
// twice and counted once ("" when none was), and an error when any was
// rejected: a report counts every answer of its round; bankFlag is how
// the caller has another bank given (the command's --bank). Unless bd
// was given its round (Builder.UseRound), the round the first document
// names is looked for in the data directory getenv finds, where
// 'feedback invite' keeps it: when it is there, documents in a role it
// does not offer are refused. When ctx is done, its error is returned.
func ReadFeedback(ctx context.Context, s *Set, bd *feedback.Builder, rep *Reporter, bankFlag string, getenv func(string) string) (string, error) {
	var kept error
	otherBank := false
	err := Read(ctx, s, feedback.Decode, func(at Place, f *feedback.Feedback) {
		if bd.Round() == "" {
			r, err := keptRound(getenv, f.Round)
			if err != nil {
				kept = err
				return
			}
			if r != nil {
				bd.UseRound(r)
			}
		}
		if kept != nil {
			return
		}
		if err := bd.Add(f, at.String()); err != nil {
			var ps questions.Problems
			otherBank = otherBank || errors.As(err, &ps) && len(ps) > 0 && ps[0].Field == "bank"
			rep.Reject(at.Source, max(at.Line, 1), err)
		}
	}, rep)
	if err := cmp.Or(ctx.Err(), err, kept); err != nil {
		return "", err
	}
	note := ""
	if d := bd.Duplicates(); len(d) > 0 {
		note = fmt.Sprintf("%d feedback %s read twice, counted once, e.g. %s, already read at %s", len(d), errtext.Plural(len(d), "document", "documents"), d[0].Source, d[0].First)
	}
	n := rep.Rejected()
	hint := ""
	if otherBank {
		hint = " (another bank: " + bankFlag + ")"
	}
	return note, rep.Err(fmt.Sprintf("%d feedback %s could not be used (listed above); a report counts every answer of its round: fix or remove them%s", n, errtext.Plural(n, "document", "documents"), hint))
}

// keptRound is the round of id kept in the data directory getenv finds;
// nil when there is none (or no data directory, or id is no round id).
func keptRound(getenv func(string) string, id string) (*feedback.Round, error) {
	if !feedback.IsID(id) {
		return nil, nil
	}
	st, err := store.Open(getenv)
	if err != nil {
		return nil, nil // no data directory: no round kept in it
	}
	r, err := st.LoadRound(id)
	if errors.Is(err, store.ErrNoRound) {
		return nil, nil
	}
	return r, err
}

// ReadRound reads the round file at path (- for stdin).
func ReadRound(path string, stdin io.Reader) (*feedback.Round, error) {
	data, name, err := ReadAll(path, stdin)
	if err != nil {
		return nil, err
	}
	r, err := feedback.DecodeRound(data)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	return r, nil
}

// ReadAnswerSets reads the answer sets (or results) of set s for bank b,
// giving each to add; those that cannot be read are rejected with rep.
// It returns a summary of what was read; when no answer set could be
// read, an error saying so and that there is nothing to do (verb). When
// ctx is done, its error.
func ReadAnswerSets(ctx context.Context, s *Set, b *questions.Bank, add func(*questions.Answers), rep *Reporter, verb string) (string, error) {
	read := 0
	err := Read(ctx, s, batch.NewAnswerReader(b).Read, func(_ Place, ans *questions.Answers) { read++; add(ans) }, rep)
	if err := cmp.Or(ctx.Err(), err); err != nil {
		return "", err
	}
	summary := fmt.Sprintf("%d answer sets analysed, %d rejected", read, rep.Rejected())
	if read > 0 {
		return summary, nil
	}
	if err := rep.Err(summary + "; nothing to " + verb); err != nil {
		return "", err
	}
	return "", errtext.Invalidf("no answer sets in the input; give JSON Lines of {\"respondent\": …, \"answers\": …} or result files")
}

// ReadCohort reads the documents of set s into cohort b: answer sets of
// bank (outlined, scored by b) when answers, else results; those that
// cannot be read are rejected with rep. It returns a note on the
// documents left out as counted already ("" when none was), and an error
// when any was rejected: a cohort report needs every one. When ctx is
// done, its error is returned.
func ReadCohort(ctx context.Context, s *Set, b *cohort.Builder, bank *questions.Bank, answers bool, rep *Reporter) (string, error) {
	var err error
	what, same := "result", "the same respondent and completion time"
	if answers {
		what, same = "answer set", "the same respondent id and name"
		ol := batch.NewOutliner(bank, "")
		err = Read(ctx, s, ol.Outline, func(at Place, o *assessment.Outline) { b.AddOutline(o, at.Source, at.Line); ol.Release(o) }, rep)
	} else {
		err = Read(ctx, s, cohort.Decode, func(at Place, e *cohort.Entry) { b.AddAt(e, at.Source, at.Line) }, rep)
	}
	if err := cmp.Or(ctx.Err(), err); err != nil {
		return "", err
	}
	note := ""
	if d := b.Duplicates(); len(d) > 0 {
		note = fmt.Sprintf("%d duplicate %s left out (%s), e.g. %s, already read at %s", len(d), errtext.Plural(len(d), what, what+"s"), same, d[0].Source, d[0].First)
	}
	n := rep.Rejected()
	return note, rep.Err(fmt.Sprintf("%d %s could not be read (listed above); a cohort report needs every %s: fix or remove them", n, errtext.Plural(n, what, what+"s"), what))
}

// ReadObserverAnswers reads an observer's answers file at path (- for
// stdin) to the observer questions of bank b: only questions an
// observer can judge (see feedback.CheckObserved), problems at
// FILE:LINE.
func ReadObserverAnswers(path string, stdin io.Reader, b *questions.Bank) (*questions.Answers, error) {
	data, name, err := ReadAll(path, stdin)
	if err != nil {
		return nil, err
	}
	a, err := questions.ParseAnswers(name, data, b.ObserverAnswers())
	if err != nil {
		return nil, err
	}
	if err := feedback.CheckObserved(b, a.Values); err != nil {
		ps := err.(questions.Problems)
		questions.PlaceAnswerProblems(name, data, ps)
		return nil, ps
	}
	return a, nil
}

// LoadRound reads a feedback round given as arg: a round file (- for
// stdin), a round kept in the data directory (store) by its id, or else a
// round known by its id alone, on b. The round must be on b: a round on
// another bank is an *OtherBankError.
func LoadRound(arg string, stdin io.Reader, getenv func(string) string, b *questions.Bank) (*feedback.Round, error) {
	r, err := findRound(arg, stdin, getenv, b)
	if err != nil {
		return nil, err
	}
	if own := feedback.NewBankRef(b); !r.Bank.Matches(own) {
		return nil, &OtherBankError{Round: r.Round, Bank: r.Bank, InUse: own}
	}
	return r, nil
}

func findRound(arg string, stdin io.Reader, getenv func(string) string, b *questions.Bank) (*feedback.Round, error) {
	if !feedback.IsID(arg) {
		if _, err := os.Stat(arg); err != nil && arg != "-" {
			return nil, errtext.Invalidf("%q is neither a round id (%d letters and digits) nor a round file", arg, feedback.IDLength)
		}
		return ReadRound(arg, stdin)
	}
	st, err := store.Open(getenv)
	if err != nil {
		return nil, err
	}
	r, err := st.LoadRound(arg)
	if errors.Is(err, store.ErrNoRound) {
		return feedback.RoundFor(arg, b), nil
	}
	return r, err
}

// OtherBankError is a round on another bank than the one in use.
type OtherBankError struct {
	Round       string
	Bank, InUse feedback.BankRef
}

func (e *OtherBankError) Error() string {
	return fmt.Sprintf("round %s is on bank %s, and the bank in use is %s; give the round's bank", e.Round, e.Bank, e.InUse)
}

// Is makes it a usage error (errtext.ErrInvalid).
func (e *OtherBankError) Is(target error) bool { return target == errtext.ErrInvalid }
