package report

import (
	"bytes"
	"encoding/csv"
	"strconv"
	"strings"
	"testing"

	"github.com/digilead/digilead/assessment"
)

// TestCSVRoundTrip reads the csv back with encoding/csv and checks every
// row against the result it came from.
func TestCSVRoundTrip(t *testing.T) {
	t.Parallel()
	for _, r := range []*assessment.Result{exampleResult(t), trickyResult(t)} {
		var buf bytes.Buffer
		if err := resultCSV(&buf, r, Options{}); err != nil {
			t.Fatal(err)
		}
		if !strings.HasSuffix(buf.String(), "\r\n") || strings.Count(buf.String(), "\r\n") != len(r.Dimensions)+1 {
			t.Errorf("want %d CRLF-terminated records (RFC 4180)", len(r.Dimensions)+1)
		}
		cr := csv.NewReader(&buf)
		cr.FieldsPerRecord = len(CSVHeader) // every record as wide as the header
		recs, err := cr.ReadAll()
		if err != nil {
			t.Fatalf("%s: csv does not read back: %v", r.Bank.ID, err)
		}
		if strings.Join(recs[0], ",") != strings.Join(CSVHeader, ",") {
			t.Errorf("header = %q", recs[0])
		}
		if len(recs)-1 != len(r.Dimensions) {
			t.Fatalf("%d rows, want one per dimension (%d)", len(recs)-1, len(r.Dimensions))
		}
		gaps := map[string]assessment.Gap{}
		for _, g := range r.Gaps {
			gaps[g.Dimension] = g
		}
		for i, rec := range recs[1:] {
			checkCSVRow(t, CSVHeader, rec, r.Dimensions[i], gaps[r.Dimensions[i].ID])
			if got, err := strconv.ParseFloat(rec[len(rec)-1], 64); err != nil || r.LevelProbability == nil || got != *r.LevelProbability {
				t.Errorf("row %d: level_probability %q, want %v", i+1, rec[len(rec)-1], r.LevelProbability)
			}
		}
	}
}

func checkCSVRow(t *testing.T, header, rec []string, d assessment.DimensionScore, g assessment.Gap) {
	t.Helper()
	col := map[string]string{}
	for i, h := range header {
		col[h] = rec[i]
	}
	name := strings.TrimPrefix(col["dimension"], "'")
	if col["dimension_id"] != d.ID || name != string(d.Name) {
		t.Errorf("row %s: id/name = %q/%q, want %q/%q", d.ID, col["dimension_id"], name, d.ID, d.Name)
	}
	if d.Score == nil {
		if col["score"] != "" {
			t.Errorf("row %s: unscored dimension has score %q", d.ID, col["score"])
		}
	} else if got, err := strconv.ParseFloat(col["score"], 64); err != nil || got != *d.Score {
		t.Errorf("row %s: score %q, want %v", d.ID, col["score"], *d.Score)
	}
	switch {
	case g.Dimension == "": // the target expects nothing of this dimension
		if col["expected"] != "" || col["gap"] != "" {
			t.Errorf("row %s: expected %q, gap %q for a dimension the target does not expect", d.ID, col["expected"], col["gap"])
		}
	default:
		if got, err := strconv.ParseFloat(col["expected"], 64); err != nil || got != g.Expected {
			t.Errorf("row %s: expected %q, want %v", d.ID, col["expected"], g.Expected)
		}
		if got, err := strconv.ParseFloat(col["gap"], 64); err != nil || got != g.Gap {
			t.Errorf("row %s: gap %q, want %v", d.ID, col["gap"], g.Gap)
		}
	}
	for _, c := range []struct {
		name string
		x    *float64
	}{{"estimate", d.Estimate}, {"se", d.SE}} {
		if c.x == nil {
			if col[c.name] != "" {
				t.Errorf("row %s: %s %q for a dimension without one", d.ID, c.name, col[c.name])
			}
		} else if got, err := strconv.ParseFloat(col[c.name], 64); err != nil || got != *c.x {
			t.Errorf("row %s: %s %q, want %v", d.ID, c.name, col[c.name], *c.x)
		}
	}
	if col["severity"] != g.Severity || col["status"] != d.Status {
		t.Errorf("row %s: severity/status %q/%q, want %q/%q", d.ID, col["severity"], col["status"], g.Severity, d.Status)
	}
}
