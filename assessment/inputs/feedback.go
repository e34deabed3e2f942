package inputs

import (
	"cmp"
	"context"
	"fmt"
	"io"
	"os"
	"slices"

	"github.com/digilead/digilead/assessment/batch"
	"github.com/digilead/digilead/assessment/feedback"
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
