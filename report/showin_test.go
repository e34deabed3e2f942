package report

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/digilead/digilead/assessment"
	"github.com/digilead/digilead/assessment/store"
	"github.com/digilead/digilead/questions"
	"github.com/digilead/digilead/questions/errtext"
	"github.com/digilead/digilead/questions/questionstest"
)

func TestShowInFallsBackToTheBanksOwnLanguageAndSaysSo(t *testing.T) {
	s, err := questions.LoadSet(nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	for requested, want := range map[string]struct{ tag, note string }{
		"":   {"en", ""},
		"cy": {"cy", ""},
		"de": {"en", "bank public-sector-digital-leadership has no de translation (it has en, cy, fr); showing it in en"},
	} {
		l, note := ShowIn(s, requested)
		if l.Tag() != want.tag || note != want.note {
			t.Errorf("ShowIn(%q) = %s, %q; want %s, %q", requested, l.Tag(), note, want.tag, want.note)
		}
	}
}

func TestReadHistoryListsResultsAndPlans(t *testing.T) {
	st := &store.Store{Dir: filepath.Join(t.TempDir(), "digilead")}
	b, a := questionstest.Example(t)
	if _, err := st.SaveResult(assessment.Score(b, a, assessment.Options{Now: time.Unix(0, 0).UTC()})); err != nil {
		t.Fatal(err)
	}
	h, err := ReadHistory(st)
	if err != nil || len(h.Results) != 1 || len(h.Plans) != 0 || h.Dir != st.Dir {
		t.Errorf("ReadHistory = %+v, %v", h, err)
	}
}

func TestValidateLoadCatalogueSaysItsProblems(t *testing.T) {
	var said strings.Builder
	say := func(format string, args ...any) { fmt.Fprintf(&said, format, args...) }
	bad := filepath.Join(t.TempDir(), "bad.yaml")
	if err := os.WriteFile(bad, []byte("schema: nope\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	o := ValidateOptions{CatalogueName: bad, Say: say}
	if ok, err := o.LoadCatalogue(context.Background()); ok || err != nil || !strings.Contains(said.String(), bad+": ") {
		t.Errorf("LoadCatalogue(bad) = %v, %v; said %q", ok, err, said.String())
	}
	o = ValidateOptions{CatalogueName: filepath.Join(t.TempDir(), "none.yaml"), Say: say}
	if ok, err := o.LoadCatalogue(context.Background()); ok || !errors.Is(err, errtext.ErrInvalid) {
		t.Errorf("LoadCatalogue(none) = %v, %v", ok, err)
	}
	if ok, err := (&ValidateOptions{}).LoadCatalogue(context.Background()); !ok || err != nil {
		t.Errorf("no catalogue: %v, %v", ok, err)
	}
}
