package inputs

import (
	"cmp"
	"context"
	"fmt"
	"io"
	"os"
	"slices"

	"github.com/digilead/digilead/assessment"
	"github.com/digilead/digilead/assessment/batch"
	"github.com/digilead/digilead/assessment/cohort"
	"github.com/digilead/digilead/assessment/feedback"
	"github.com/digilead/digilead/questions"
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
// refuses are rejected with rep. When ctx is done, its error is returned.
func ReadFeedback(ctx context.Context, s *Set, bd *feedback.Builder, rep *Reporter) error {
	err := Read(ctx, s, feedback.Decode, func(at Place, f *feedback.Feedback) {
		if err := bd.Add(f, at.String()); err != nil {
			rep.Reject(at.Source, max(at.Line, 1), err)
		}
	}, rep)
	return cmp.Or(ctx.Err(), err)
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
// It returns how many were read; when ctx is done, its error.
func ReadAnswerSets(ctx context.Context, s *Set, b *questions.Bank, add func(*questions.Answers), rep *Reporter) (int, error) {
	read := 0
	err := Read(ctx, s, batch.NewAnswerReader(b).Read, func(_ Place, ans *questions.Answers) { read++; add(ans) }, rep)
	return read, cmp.Or(ctx.Err(), err)
}

// ReadCohort reads the documents of set s into cohort b: answer sets of
// bank (outlined, scored by b) when answers, else results; those that
// cannot be read are rejected with rep. When ctx is done, its error is
// returned.
func ReadCohort(ctx context.Context, s *Set, b *cohort.Builder, bank *questions.Bank, answers bool, rep *Reporter) error {
	var err error
	if answers {
		ol := batch.NewOutliner(bank, "")
		err = Read(ctx, s, ol.Outline, func(at Place, o *assessment.Outline) { b.AddOutline(o, at.Source, at.Line); ol.Release(o) }, rep)
	} else {
		err = Read(ctx, s, cohort.Decode, func(at Place, e *cohort.Entry) { b.AddAt(e, at.Source, at.Line) }, rep)
	}
	return cmp.Or(ctx.Err(), err)
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
		for i := range ps {
			ps[i].Pos.File = name
		}
		return nil, ps
	}
	return a, nil
}
