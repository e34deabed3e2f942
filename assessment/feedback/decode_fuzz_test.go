package feedback_test

import (
	"encoding/json"
	"reflect"
	"testing"

	"github.com/digilead/digilead/assessment/feedback"
)

// FuzzDecode: feedback and rounds from anywhere never crash the decoder,
// and what it accepts survives writing and reading again unchanged.
func FuzzDecode(f *testing.F) {
	f.Add([]byte(`{"schema":"digilead.feedback/v1","id":"bbbbbbbbbbbbbbbbbbbbbbbbbb","round":"aaaaaaaaaaaaaaaaaaaaaaaaaa","bank":{"id":"b","version":"1","digest":""},"role":"peer","completed_at":"2026-11-02T09:30:01Z","answers":{"a1":4,"b1":"na","c":["x"],"d":true}}`))
	f.Add([]byte(`{"schema":"digilead.round/v1","round":"aaaaaaaaaaaaaaaaaaaaaaaaaa","subject":"Sam","bank":{"id":"b","version":"1","digest":""},"roles":["peer"],"created_at":"2026-11-02T09:30:01Z"}`))
	f.Add([]byte(`{"schema":"digilead.feedback/v1","role":"boss"}`))
	f.Add([]byte(`[]`))
	f.Fuzz(func(t *testing.T, data []byte) {
		if fb, err := feedback.Decode(data); err == nil {
			again, err := json.Marshal(fb)
			if err != nil {
				t.Fatalf("decoded feedback does not encode: %v", err)
			}
			back, err := feedback.Decode(again)
			if err != nil || !reflect.DeepEqual(back.Answers, fb.Answers) || back.Role != fb.Role || back.Round != fb.Round {
				t.Fatalf("feedback changed by a round trip: %v\n%s", err, again)
			}
		}
		if r, err := feedback.DecodeRound(data); err == nil {
			again, _ := json.Marshal(r)
			if _, err := feedback.DecodeRound(again); err != nil {
				t.Fatalf("round does not read back: %v\n%s", err, again)
			}
		}
	})
}
