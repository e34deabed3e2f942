package cohortcmd

import (
	"context"
	"strings"
	"testing"

	"github.com/digilead/digilead/cmd/internal/cmdutil"
	"github.com/digilead/digilead/report/iostreams"
)

// TestCohortEmptyChoicesAreLeftOut: --by "" and --input "" are the flags
// left out, as before they checked themselves.
func TestCohortEmptyChoicesAreLeftOut(t *testing.T) {
	var got *Options
	cmd := New(cmdutil.NewFactory(context.Background(), &iostreams.IOStreams{Getenv: func(string) string { return "" }}, "test"), func(o *Options) error { got = o; return nil })
	cmd.SetArgs([]string{"--by", "", "--input", ""})
	if err := cmd.Execute(); err != nil || got.by != "" || got.input != "" {
		t.Errorf("--by '' --input '': %v", err)
	}
}

// TestCommandsParseIntoTheirOptions uses the runF seam of gh's command
// shape: a command line fills the options struct, and the run function a
// test gives sees it, without running the command.
func TestCommandsParseIntoTheirOptions(t *testing.T) {
	t.Parallel()
	f := cmdutil.NewFactory(context.Background(), &iostreams.IOStreams{Getenv: func(string) string { return "" }}, "test")
	var got *Options
	cmd := New(f, func(o *Options) error { got = o; return nil })
	cmd.SetArgs([]string{"--by", "group", "--min-group", "7", "--bank", "b.yaml", "--bank", "b.de.yaml", "--lang", "de", "-f", "csv", "-o", "out.csv", "--accessible", "a.jsonl", "dir"})
	if err := cmd.Execute(); err != nil {
		t.Fatal(err)
	}
	switch {
	case got == nil:
		t.Fatal("runF was not called")
	case got.by != "group" || got.minGroup != 7 || strings.Join(got.paths, " ") != "a.jsonl dir":
		t.Errorf("by %q, min-group %d, paths %q", got.by, got.minGroup, got.paths)
	case strings.Join(got.doc.Bank.Banks, " ") != "b.yaml b.de.yaml" || got.doc.Bank.Lang != "de" || !got.doc.Accessible:
		t.Errorf("banks %q, lang %q, accessible %v", got.doc.Bank.Banks, got.doc.Bank.Lang, got.doc.Accessible)
	case got.doc.Out.Format != "csv" || got.doc.Out.Path != "out.csv":
		t.Errorf("format %q, -o %q", got.doc.Out.Format, got.doc.Out.Path)
	}
}
