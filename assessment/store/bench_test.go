package store

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/digilead/digilead/assessment"
	"github.com/digilead/digilead/questions"
)

// fullDraft is the largest draft of the built-in bank: every question
// answered (the last answer before the result).
func fullDraft() *Draft {
	b := questions.Default()
	d := &Draft{Bank: assessment.NewBankRef(b), Respondent: questions.Respondent{Name: "Sam", Role: b.Tiers[0].ID},
		Page: len(b.Dimensions), Answers: map[string]questions.Value{}, UpdatedAt: time.Now().UTC(), Language: "en"}
	for _, q := range b.Questions {
		switch q.Type {
		case questions.Likert:
			d.Answers[q.ID] = questions.IntValue(q.Scale.Min)
		case questions.YesNo:
			d.Answers[q.ID] = questions.BoolValue(true)
		case questions.Multi:
			d.Answers[q.ID] = questions.OptionsValue(q.Options[0].ID)
		default:
			d.Answers[q.ID] = questions.OptionValue(q.Options[0].ID)
		}
	}
	return d
}

// BenchmarkDraftSave is what keeping a draft after every answer costs:
// the largest draft of the built-in bank saved as the questionnaire does
// (SaveDraft: encoded, written to a temporary file, synced, renamed, mode
// 0600). Its baselines, in the same run: "encode" alone, and "write", the
// same bytes written in place without a sync (what a save would cost if
// it could be lost to a crash). The temporary directory is on the disk
// the test runs on; see docs/performance.md.
func BenchmarkDraftSave(b *testing.B) {
	d := fullDraft()
	data, err := json.MarshalIndent(d, "", "  ")
	if err != nil {
		b.Fatal(err)
	}
	dir := b.TempDir()
	b.Run("encode", func(b *testing.B) {
		for b.Loop() {
			if _, err := json.MarshalIndent(d, "", "  "); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("write", func(b *testing.B) {
		path := filepath.Join(dir, "plain.json")
		for b.Loop() {
			if err := os.WriteFile(path, data, 0o600); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("save", func(b *testing.B) {
		st := &Store{Dir: dir}
		for b.Loop() {
			if _, err := st.SaveDraft(d); err != nil {
				b.Fatal(err)
			}
		}
	})
}
