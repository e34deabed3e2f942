package questions

import (
	"reflect"
	"testing"
)

func TestCompiledDefaultIsTheYAML(t *testing.T) {
	want, err := Parse(File{Name: DefaultName, Data: defaultYAML})
	if err != nil {
		t.Fatalf("default.yaml:\n%v", err)
	}
	want.Source = "default"
	got, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatal("default_bank.go is not default.yaml compiled: run go generate ./questions")
	}
	// Each call gives a bank of its own, which callers may change.
	again, _ := Default()
	again.Questions[0].Text = "changed"
	if got.Questions[0].Text == "changed" {
		t.Error("two calls of Default share their questions")
	}
}
