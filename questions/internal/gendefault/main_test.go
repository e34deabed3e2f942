package main

import (
	"bytes"
	"go/format"
	"reflect"
	"strings"
	"testing"

	"github.com/digilead/digilead/questions"
)

// TestLiteralObserver writes a question's observer wording as a pointer
// literal, and leaves a self-only question's nil out.
func TestLiteralObserver(t *testing.T) {
	qs := []questions.Question{
		{ID: "a", Text: "Did you?", Observer: &questions.Observer{Text: "Did they?", Help: "H", Pos: questions.Pos{File: "default.yaml", Line: 9}}},
		{ID: "b", Text: "Did you?"},
	}
	var buf bytes.Buffer
	buf.WriteString("package questions\n\nvar x = ")
	literal(&buf, reflect.ValueOf(qs))
	src, err := format.Source(buf.Bytes())
	if err != nil {
		t.Fatalf("not Go: %v\n%s", err, buf.Bytes())
	}
	got := string(src)
	want := `Observer: &Observer{
			Text: "Did they?",
			Help: "H",
			Pos: Pos{
				File: "default.yaml",
				Line: 9,
			},
		},`
	if !strings.Contains(got, want) {
		t.Errorf("no observer literal in\n%s", got)
	}
	if strings.Count(got, "Observer:") != 1 {
		t.Errorf("a nil observer was written:\n%s", got)
	}
}
