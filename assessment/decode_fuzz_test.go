package assessment

import (
	"bytes"
	"encoding/json"
	"errors"
	"testing"
	"time"

	"github.com/digilead/digilead/questions/errtext"
	"github.com/digilead/digilead/questions/questionstest"
)

// exampleResult scores docs/examples/answers.yaml with the default bank.
func exampleResult(tb testing.TB) *Result {
	b, a := questionstest.Example(tb)
	return Score(b, a, Options{Now: time.Unix(1700000000, 0), Tool: Tool{Name: "digilead", Version: "test"}})
}

func FuzzDecodeResult(f *testing.F) {
	r := exampleResult(f)
	indented, err := json.MarshalIndent(r, "", "  ")
	if err != nil {
		f.Fatal(err)
	}
	compact, _ := json.Marshal(r)
	f.Add(indented)
	f.Add(compact)
	f.Add(indented[:len(indented)/2])
	f.Add(bytes.Replace(compact, []byte(ResultSchema), []byte("digilead.result/v2"), 1))
	f.Add([]byte(`{"schema":"digilead.result/v1","bank":{"id":"x"},"dimensions":[{"id":"d","score":null,"status":"insufficient"}],"tiers":[{"id":"t"}],"target":{"id":"t"},"answers":{"q":[1]}}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		r, err := DecodeResult(data)
		if err != nil {
			if r != nil {
				t.Fatalf("DecodeResult returned a result and an error: %v", err)
			}
			if !errors.Is(err, errtext.ErrInvalid) || err.Error() == "" {
				t.Fatalf("error does not wrap ErrInvalid or says nothing: %T %v", err, err)
			}
			return
		}
		// What was accepted re-encodes to a document that decodes to the
		// same value (compared as its encoding, which is canonical).
		once, err := json.Marshal(r)
		if err != nil {
			t.Fatalf("accepted result does not re-encode: %v", err)
		}
		r2, err := DecodeResult(once)
		if err != nil {
			t.Fatalf("re-encoded result is refused: %v\n%s", err, once)
		}
		twice, err := json.Marshal(r2)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(once, twice) {
			t.Fatalf("re-decoded result differs:\n%s\n%s", once, twice)
		}
	})
}
