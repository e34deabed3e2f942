package report

import (
	"io"

	"github.com/digilead/digilead/assessment"
	"github.com/digilead/digilead/report/xapi"
)

// resultXAPI writes the result's xAPI statement (report/xapi) as one line
// of JSON: the same line `digilead score --format xapi` writes for it.
func resultXAPI(w io.Writer, r *assessment.Result, _ Options) error {
	b, err := xapi.Append(nil, r)
	if err != nil {
		return err
	}
	_, err = w.Write(b)
	return err
}
