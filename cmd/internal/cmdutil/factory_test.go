package cmdutil

import (
	"context"
	"io"
	"strings"
	"testing"

	"github.com/digilead/digilead/report/iostreams"
)

// TestSayEscapesOutsideText: a message cannot act on the terminal; Note
// prefixes each note and skips empty ones.
func TestSayEscapesOutsideText(t *testing.T) {
	s, _, errOut := iostreams.Test("", nil)
	f := NewFactory(context.Background(), s, "1.2.3")
	f.Say("skipped %s\n", "evil\x1b]52;c;aGk=\x07.json")
	f.Note("", "one", "")
	got := errOut.String()
	if strings.ContainsAny(got, "\x1b\x07") || !strings.HasSuffix(got, "\ndigilead: one\n") || strings.Count(got, "\n") != 2 {
		t.Errorf("stderr %q; want the escape shown, not sent, and one note line", got)
	}
	if tool := f.Tool(); tool.Name != "digilead" || tool.Version != "1.2.3" {
		t.Errorf("Tool() = %+v; want digilead 1.2.3", tool)
	}
}

// TestWithContextReadsStdinOnItsOwnContext: stdin read through a factory
// whose context is cancelled ends at once; a copy WithContext on a live
// context reads it.
func TestWithContextReadsStdinOnItsOwnContext(t *testing.T) {
	s, _, _ := iostreams.Test("document", nil)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	f := NewFactory(ctx, s, "")
	g := f.WithContext(context.WithoutCancel(ctx))
	if got, err := io.ReadAll(g.Stdin()); err != nil || string(got) != "document" {
		t.Errorf("WithContext: read %q, %v; want the document", got, err)
	}
	if f.Stdin() == g.Stdin() {
		t.Error("WithContext shares the original's stdin reader; want one of its own")
	}
}
