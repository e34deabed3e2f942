// Package schematest validates digilead's JSON documents against the JSON
// Schemas published in docs/schema, for tests anywhere in the module.
package schematest

import (
	"bytes"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/digilead/digilead/questions/questionstest"
)

var (
	mu       sync.Mutex
	compiled = map[string]*jsonschema.Schema{}
)

// Dir is the absolute path of docs/schema.
func Dir() string { return questionstest.Path("docs/schema") }

// Schema compiles docs/schema/<name> (e.g. "result.schema.json") once.
func Schema(t testing.TB, name string) *jsonschema.Schema {
	t.Helper()
	mu.Lock()
	defer mu.Unlock()
	if s, ok := compiled[name]; ok {
		return s
	}
	path := filepath.Join(Dir(), name)
	f, err := os.Open(path)
	if err != nil {
		t.Fatalf("schema %s: %v", name, err)
	}
	defer f.Close()
	doc, err := jsonschema.UnmarshalJSON(f)
	if err != nil {
		t.Fatalf("schema %s is not JSON: %v", name, err)
	}
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	if err := c.AddResource(path, doc); err != nil {
		t.Fatalf("schema %s: %v", name, err)
	}
	s, err := c.Compile(path)
	if err != nil {
		t.Fatalf("schema %s does not compile: %v", name, err)
	}
	compiled[name] = s
	return s
}

// Validate fails the test unless data (one JSON document) is valid against
// docs/schema/<name>.
func Validate(t testing.TB, name string, data []byte) {
	t.Helper()
	if err := Check(t, name, data); err != nil {
		t.Errorf("document does not validate against %s:\n%v\n%s", name, err, head(data))
	}
}

// Check returns the validation error of data against docs/schema/<name>.
func Check(t testing.TB, name string, data []byte) error {
	t.Helper()
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
	if err != nil {
		return err
	}
	return Schema(t, name).Validate(doc)
}

func head(data []byte) []byte {
	if len(data) > 400 {
		return append(data[:400:400], "…"...)
	}
	return data
}
