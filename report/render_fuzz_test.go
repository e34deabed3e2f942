package report

import (
	"bytes"
	"encoding/json"
	"io"
	"testing"

	"github.com/digilead/digilead/assessment"
)

// FuzzRender renders, in every format, any result that DecodeResult
// accepts: a saved or hand-edited result file must never crash a report,
// and its JSON document is the one encoding/json writes.
func FuzzRender(f *testing.F) {
	for _, r := range []*assessment.Result{exampleResult(f), trickyResult(f)} {
		data, err := json.Marshal(r)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data, 80)
	}
	f.Add([]byte(`{"schema":"digilead.result/v1","bank":{"id":"x"},"dimensions":[{"id":"d","score":-1e300,"coverage":7,"status":"scored"}],"tiers":[{"id":"t","readiness":1e9}],"target":{"id":"t"},"gaps":[{"dimension":"d","score":250,"expected":-3,"gap":-1e9,"severity":"huge"}]}`), 0)
	f.Fuzz(func(t *testing.T, data []byte, width int) {
		r, err := assessment.DecodeResult(data)
		if err != nil {
			return
		}
		var got, want bytes.Buffer
		if err := resultJSON(&got, r, Options{}); err != nil {
			t.Fatal(err)
		}
		if err := writeJSON(&want, r); err != nil {
			t.Fatal(err)
		}
		if got.String() != want.String() {
			t.Fatalf("json: the document differs from encoding/json's:\n got %s\nwant %s", got.Bytes(), want.Bytes())
		}
		for _, format := range Results.Names() {
			render, _ := Results.Lookup(format)
			for _, accessible := range []bool{false, true} {
				if err := render(io.Discard, r, Options{Width: width, Accessible: accessible}); err != nil {
					t.Fatalf("%s: %v", format, err)
				}
			}
		}
	})
}
