package main

import (
	"github.com/digilead/digilead/assessment"
	"github.com/digilead/digilead/assessment/store"
)

func init() { saveResultHook = saveToStore }

// saveToStore keeps a finished assessment in the data directory (XDG),
// written atomically with mode 0600, and returns where.
func saveToStore(a *app, r *assessment.Result) (string, error) {
	st, err := store.Open(a.io.Getenv)
	if err != nil {
		return "", err
	}
	return st.SaveResult(r)
}
