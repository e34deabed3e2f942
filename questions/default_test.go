package questions

import (
	"reflect"
	"slices"
	"testing"
)

func TestCompiledDefaultIsTheYAML(t *testing.T) {
	want, err := Parse(File{Name: DefaultName, Data: defaultYAML})
	if err != nil {
		t.Fatalf("default.yaml:\n%v", err)
	}
	want.Source = "default"
	got := Default()
	if !reflect.DeepEqual(got, want) {
		t.Fatal("default_bank.go is not default.yaml compiled: run go generate ./questions")
	}
	// Each call gives a bank of its own, which callers may change.
	again := Default()
	again.Questions[0].Text = "changed"
	if got.Questions[0].Text == "changed" {
		t.Error("two calls of Default share their questions")
	}
}

// firstDefaultIsCompiled compares firstDefault, with its tiers'
// expectations, to the bank compiledDefault builds: when the test binary
// starts, before any test can take firstDefault from Default and change
// it.
var firstDefaultIsCompiled = func() bool {
	first := firstDefault
	first.Tiers = slices.Clone(first.Tiers)
	for i, e := range defaultExpectations() {
		first.Tiers[i].Expectations = e
	}
	return reflect.DeepEqual(&first, compiledDefault())
}()

// TestFirstDefaultIsCompiled: the bank the first call of Default hands out
// (the one the linker lays out) is the bank later calls build, which
// TestCompiledDefaultIsTheYAML holds to default.yaml.
func TestFirstDefaultIsCompiled(t *testing.T) {
	if !firstDefaultIsCompiled {
		t.Fatal("firstDefault is not compiledDefault's bank: run go generate ./questions")
	}
	if len(defaultExpectations()) != len(firstDefault.Tiers) {
		t.Fatalf("%d tiers' expectations for %d tiers", len(defaultExpectations()), len(firstDefault.Tiers))
	}
}

// TestDimensionQuestions checks the per-dimension question index against
// the questions themselves, for the default bank and for a bank built by
// hand (never indexed).
func TestDimensionQuestions(t *testing.T) {
	def := Default()
	byHand := &Bank{
		Dimensions: []Dimension{{ID: "a"}, {ID: "b"}, {ID: "empty"}},
		Questions:  []Question{{ID: "q1", Dimension: "b"}, {ID: "q2", Dimension: "a"}, {ID: "q3", Dimension: "b"}},
	}
	for name, b := range map[string]*Bank{"default": def, "by hand": byHand} {
		seen := 0
		for d, dim := range b.Dimensions {
			idx := b.DimensionQuestions(d)
			var want []int
			for i, q := range b.Questions {
				if q.Dimension == dim.ID {
					want = append(want, i)
				}
			}
			if !slices.Equal(idx, want) {
				t.Errorf("%s: DimensionQuestions(%d) (%s) = %v, want %v", name, d, dim.ID, idx, want)
			}
			qs := b.QuestionsOf(dim.ID)
			if len(qs) != len(want) {
				t.Errorf("%s: QuestionsOf(%s) has %d questions, want %d", name, dim.ID, len(qs), len(want))
			}
			for j, q := range qs {
				if j < len(want) && q != &b.Questions[want[j]] {
					t.Errorf("%s: QuestionsOf(%s)[%d] = %s, want %s", name, dim.ID, j, q.ID, b.Questions[want[j]].ID)
				}
			}
			seen += len(idx)
		}
		if seen != len(b.Questions) {
			t.Errorf("%s: the dimensions hold %d questions, the bank %d", name, seen, len(b.Questions))
		}
		if b.DimensionQuestions(-1) != nil || b.DimensionQuestions(len(b.Dimensions)) != nil {
			t.Errorf("%s: an out-of-range dimension has questions", name)
		}
	}
}
