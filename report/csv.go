package report

import (
	"io"
	"strconv"

	"github.com/digilead/digilead/assessment"
	"github.com/digilead/digilead/questions/safetext"
)

// CSVHeader names the columns of the csv format, one row per dimension in
// bank order (see docs/formats.md).
var CSVHeader = []string{
	"dimension_id", "dimension", "score", "expected", "gap", "severity", "within_error",
	"status", "answered", "total", "na", "coverage", "weight",
	"target", "level", "bank_id", "bank_version", "completed_at",
	"estimate", "se", "level_probability",
}

// resultCSV writes one row per dimension under a header row, as RFC 4180
// (CRLF line ends, quotes where needed). Missing numbers are empty cells;
// every cell is made safe (safetext.CSV): control characters shown as
// escapes, text a spreadsheet would run as a formula prefixed with an
// apostrophe.
func resultCSV(w io.Writer, r *assessment.Result, _ Options) error {
	return writeCSV(w, resultRows(r), true)
}

// resultRows are the header and the rows of the csv and xlsx formats.
func resultRows(r *assessment.Result) [][]string {
	rows := [][]string{CSVHeader}
	level := ""
	if r.Level != nil {
		level = r.Level.ID
	}
	for _, d := range dimensionRows(r) {
		weight := ""
		if d.Weight != 0 {
			weight = formatNum(d.Weight)
		}
		rows = append(rows, []string{
			d.ID, string(d.Name), csvNum(d.Score), csvNum(d.Expected), csvNum(d.Gap), d.Severity, strconv.FormatBool(d.WithinError),
			d.Status, strconv.Itoa(d.Answered), strconv.Itoa(d.Total), strconv.Itoa(d.NA), formatNum(d.Coverage), weight,
			r.Target.ID, level, r.Bank.ID, r.Bank.Version, r.CompletedAt.UTC().Format("2006-01-02T15:04:05Z"),
			csvNum(d.Estimate), csvNum(d.SE), csvNum(r.LevelProbability),
		})
	}
	return rows
}

// writeCSV writes rows through safetext's CSV writer, lines ended with
// CRLF when crlf is set.
func writeCSV(w io.Writer, rows [][]string, crlf bool) error {
	cw := safetext.NewCSV(w, crlf)
	for _, row := range rows {
		if err := cw.Write(row); err != nil {
			return err
		}
	}
	return cw.Flush()
}

// csvNum formats an optional number for a machine format: a decimal point
// whatever the language, empty when nil.
func csvNum(x *float64) string {
	if x == nil {
		return ""
	}
	return formatNum(*x)
}
