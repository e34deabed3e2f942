package dashboard

import (
	"fmt"
	"io"
	"path/filepath"

	"github.com/digilead/digilead/assessment"
	"github.com/digilead/digilead/assessment/workshop"
	"github.com/digilead/digilead/questions"
	"github.com/digilead/digilead/questions/lang"
	"github.com/digilead/digilead/report"
)

// Render draws a result for a participant in a format of report.Results
// (the formats for people render a sanitised copy), in their language:
// one of set's.
func Render(set *questions.Set) workshop.Render {
	return func(w io.Writer, r *assessment.Result, format string, look workshop.Look) error {
		render, err := report.Results.Lookup(format)
		if err != nil {
			return err
		}
		tag, ok := lang.Match(look.Language, set.Languages())
		if !ok {
			tag = set.Languages()[0]
		}
		o := report.Options{Width: look.Width, Renderer: look.Renderer, Accessible: look.Accessible, Language: report.SetLanguage(set, tag)}
		return render(w, r, o)
	}
}

// Stopped is what the trainer is told when the workshop with results
// folder dir stopped with status st: how many finished and where their
// results are, and what could not be saved; for a feedback round
// (round), where the feedback is and how to report on it.
func Stopped(st workshop.Status, dir string, round bool) string {
	abs, _ := filepath.Abs(dir)
	if round {
		return fmt.Sprintf("digilead: workshop stopped: %d observers gave feedback, %d dropped; feedback in %s\nReport on it with: digilead feedback report --self RESULT %s\n", st.Finished, st.Dropped, abs, abs)
	}
	s := fmt.Sprintf("digilead: workshop stopped: %d finished, %d dropped; results in %s\n", st.Finished, st.Dropped, abs)
	if st.NotSaved > 0 {
		s += fmt.Sprintf("digilead: %d results could not be saved (the log says which and why); their drafts are kept in %s: make the folder writable, start the server again, and those participants finish with the line they were shown\n", st.NotSaved, filepath.Join(abs, ".drafts"))
	}
	return s
}

// NoSummary is what the trainer is told when the results folder dir has
// too few results for a group summary.
func NoSummary(dir string) string {
	abs, _ := filepath.Abs(dir)
	return fmt.Sprintf("digilead: no group summary: fewer than --min-group results. Later: digilead cohort %s\n", abs)
}
