package inputs

import (
	"fmt"
	"io"

	"github.com/digilead/digilead/assessment"
	"github.com/digilead/digilead/assessment/store"
	"github.com/digilead/digilead/questions/errtext"
)

// Last reads the newest result saved in the data directory (the store
// getenv finds); notes say which unreadable saved files were passed over.
func Last(getenv func(string) string) (*assessment.Result, []string, error) {
	st, err := store.Open(getenv)
	if err != nil {
		return nil, nil, err
	}
	e, skipped, err := st.Last()
	if err != nil {
		return nil, skippedNotes(skipped), err
	}
	return e.Result, skippedNotes(skipped), nil
}

// LastTwo reads the two newest saved results of the same bank, older
// first, with their paths; notes as for Last.
func LastTwo(getenv func(string) string) (pair [2]*assessment.Result, paths [2]string, notes []string, err error) {
	st, err := store.Open(getenv)
	if err != nil {
		return pair, paths, nil, err
	}
	older, newer, skipped, err := st.LastTwo()
	if err != nil {
		return pair, paths, skippedNotes(skipped), err
	}
	return [2]*assessment.Result{older.Result, newer.Result}, [2]string{older.Path, newer.Path}, skippedNotes(skipped), nil
}

// skippedNotes say which saved files were skipped, and why.
func skippedNotes(skipped []store.Entry) []string {
	var notes []string
	for _, e := range skipped {
		notes = append(notes, fmt.Sprintf("skipped %s: %v", e.Path, e.Err))
	}
	return notes
}

// ReadPair reads two result files, at most one of them stdin ("-"), and
// returns them with their names ("stdin" for stdin).
func ReadPair(oldPath, newPath string, stdin io.Reader) (pair [2]*assessment.Result, names [2]string, err error) {
	names = [2]string{oldPath, newPath}
	if oldPath == "-" && newPath == "-" {
		return pair, names, errtext.Invalidf("only one of the two results can come from stdin ('-')")
	}
	for i, p := range names {
		if pair[i], err = ReadResult(p, stdin); err != nil {
			return pair, names, err
		}
		if p == "-" {
			names[i] = "stdin"
		}
	}
	return pair, names, nil
}
