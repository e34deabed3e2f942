package cohort

import (
	"bytes"
	"encoding/json"
	"math"
	"strings"

	"github.com/digilead/digilead/assessment"
	"github.com/digilead/digilead/questions/errtext"
)

// Entry is what a cohort needs of one result: no answers, no respondent,
// no action texts. Decoding only this is about twice as fast as decoding a
// whole result.
type Entry struct {
	Schema     string             `json:"schema"`
	Bank       assessment.BankRef `json:"bank"`
	Dimensions []EntryDimension   `json:"dimensions"`
	Tiers      []EntryTier        `json:"tiers"`
	Level      *struct {
		ID string `json:"id"`
	} `json:"level"`
	Target struct {
		ID string `json:"id"`
	} `json:"target"`
	Gaps []EntryGap `json:"gaps"`
	// Respondent and CompletedAt tell one person's result of one moment,
	// so that a result read twice is counted once, and the respondent's
	// role and group place them in a group (Options.By); nothing else of
	// them is kept.
	Respondent struct {
		ID    string `json:"id"`
		Name  string `json:"name"`
		Role  string `json:"role"`
		Group string `json:"group"`
	} `json:"respondent"`
	CompletedAt string `json:"completed_at"`
}

// identity is what makes a result the same result wherever it is read:
// its respondent's id and name, its completion time and its bank. A result
// with neither an id nor a name cannot be told from another person's with
// the same answers, so it has no identity ("") and is never dropped as a
// duplicate; the same file named twice is still read once (inputs.Open).
func (e *Entry) identity() string {
	if e.Respondent.ID == "" && e.Respondent.Name == "" {
		return ""
	}
	return strings.Join([]string{e.Respondent.ID, e.Respondent.Name, e.CompletedAt, e.Bank.ID, e.Bank.Version, e.Bank.Digest}, "\x00")
}

// EntryDimension is a result's score for one dimension.
type EntryDimension struct {
	ID     string   `json:"id"`
	Name   string   `json:"name"`
	Score  *float64 `json:"score"`
	Status string   `json:"status"`
}

// EntryTier is a result's readiness for one tier.
type EntryTier struct {
	ID        string  `json:"id"`
	Name      string  `json:"name"`
	Rank      int     `json:"rank"`
	Met       bool    `json:"met"`
	Readiness float64 `json:"readiness"`
}

// EntryGap is a result's gap on one dimension to its own target.
type EntryGap struct {
	Dimension string   `json:"dimension"`
	Name      string   `json:"name"`
	Score     *float64 `json:"score"`
	Gap       float64  `json:"gap"`
	Expected  float64  `json:"expected"`
}

// Decode reads what a cohort needs from one digilead.result/v1 document,
// refusing what is not a result, a newer schema, and truncated or
// incomplete documents with an error wrapping errtext.ErrInvalid.
func Decode(data []byte) (*Entry, error) {
	var e Entry
	whole := data // its lines are the file's
	data = bytes.TrimSpace(data)
	if len(data) == 0 || data[0] != '{' {
		return nil, errtext.Invalidf("not a digilead result: expected a JSON object")
	}
	if !fastEntry(data, &e) {
		e = Entry{}
		if err := json.Unmarshal(whole, &e); err != nil {
			return nil, assessment.JSONError(whole, err)
		}
	}
	if err := assessment.CheckComplete(e.Schema, e.Bank.ID, len(e.Dimensions), len(e.Tiers), e.Target.ID); err != nil {
		return nil, err
	}
	f := assessment.Figures{Dimensions: make([]assessment.DimensionFigure, len(e.Dimensions)), Tiers: make([]assessment.TierFigure, len(e.Tiers)), Gaps: make([]assessment.GapFigure, len(e.Gaps))}
	for i, d := range e.Dimensions {
		if err := assessment.CheckDimensionID(i, d.ID); err != nil {
			return nil, err
		}
		f.Dimensions[i] = assessment.DimensionFigure{ID: d.ID, Score: d.Score, Insufficient: d.Status == assessment.StatusInsufficient, Coverage: math.NaN()}
	}
	for i, t := range e.Tiers {
		f.Tiers[i] = assessment.TierFigure{ID: t.ID, Rank: t.Rank, Met: t.Met, Readiness: t.Readiness}
	}
	if e.Level != nil {
		f.Level = e.Level.ID
	}
	for i, g := range e.Gaps {
		f.Gaps[i] = assessment.GapFigure{Dimension: g.Dimension, Score: g.Score, Gap: g.Gap, Expected: math.NaN()}
	}
	if err := f.Check(); err != nil {
		return nil, err
	}
	return &e, nil
}
