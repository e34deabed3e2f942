package plan_test

import (
	"encoding/json"
	"errors"
	"testing"
	"time"

	"github.com/digilead/digilead/assessment/plan"
	"github.com/digilead/digilead/questions/errtext"
)

// FuzzDecode: any input is a plan or an invalid-input error, never a
// panic; a plan read writes back to a document that reads the same.
func FuzzDecode(f *testing.F) {
	f.Add([]byte(`{"schema":"digilead.plan/v1","created_at":"2025-03-03T10:00:00Z","result":{"bank":{"id":"b","version":"1","digest":"d"},"completed_at":"2025-03-01T10:00:00Z","level":null},"review_on":"2025-05-26","priorities":[{"dimension":"d","name":"D","score":40,"expected":55,"actions":[{"kind":"practice","text":"Do","due":"2025-04-01"}]}]}`))
	f.Add([]byte(`{"schema":"digilead.plan/v1"}`))
	f.Add([]byte(`[1,2]`))
	f.Add([]byte(`{"schema":"digilead.plan/v1","result":{"bank":{"id":"b"}},"review_on":"2025-13-40"}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		p, err := plan.Decode(data)
		if err != nil {
			if !errors.Is(err, errtext.ErrInvalid) {
				t.Fatalf("error %v is not an invalid-input error", err)
			}
			return
		}
		again, err := json.Marshal(p)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := plan.Decode(again); err != nil {
			t.Fatalf("a plan read does not read back: %v\n%s", err, again)
		}
	})
}

// FuzzParseDuration: a period read is at least a day; anything else is
// an invalid-input error.
func FuzzParseDuration(f *testing.F) {
	for _, s := range []string{"12w", "84d", "2016h", "1d", "", "-1w", "9999999999999w", "1.5h"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := plan.ParseDuration(s)
		if err != nil {
			if !errors.Is(err, errtext.ErrInvalid) {
				t.Fatalf("error %v is not an invalid-input error", err)
			}
			return
		}
		if d < 24*time.Hour || d > 10*365*24*time.Hour {
			t.Fatalf("%q read as %v, less than a day or more than ten years", s, d)
		}
	})
}
