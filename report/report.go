// Package report renders assessment results for people and programs. Each
// format is a function writing one result to an io.Writer.
package report

import (
	"encoding/json"
	"io"

	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"

	"github.com/digilead/digilead/assessment"
	"github.com/digilead/digilead/assessment/resultjson"
)

// Options shape human-readable output.
type Options struct {
	// Width is the number of columns to fit; 0 means 80. Prose (paragraphs,
	// headings, the accessible report entirely) wraps at it, at least
	// MinProse and at most MaxWidth columns; tables and bars, which
	// cannot be narrower, are laid out for at least MinWidth.
	Width int
	// Renderer draws styles; nil (or one with the Ascii profile) gives plain
	// text without escape codes.
	Renderer *lipgloss.Renderer
	// Accessible gives linear, screen-reader friendly text: no bars or
	// drawing characters, every fact in words.
	Accessible bool
	// Brief, when set, is the command that shows the complete report: the
	// text report is then the short one of a terminal, what to do first
	// and that command. Other formats ignore it.
	Brief string
	// SavedTo, when set, is where the result was saved; the text report
	// says so.
	SavedTo string
	// Language is the language of the report's sentences and numbers and
	// of the bank's texts; nil is English and the bank as it is. The
	// machine formats (JSON, CSV) ignore it.
	Language *Language
}

// Width limits for text layout: MinWidth for tables and bars, MinProse
// for prose, which a person zooming a narrow terminal reads (at 40
// columns a line of 60 broke words in the middle).
const (
	MinWidth = 60
	MinProse = 20
	MaxWidth = 120
)

// width is the width tables and bars are laid out for.
func (o Options) width() int { return max(MinWidth, o.proseWidth()) }

// proseWidth is the width prose wraps at: the terminal's own, down to
// MinProse.
func (o Options) proseWidth() int {
	w := o.Width
	if w == 0 {
		w = 80
	}
	return max(MinProse, min(MaxWidth, w))
}

func (o Options) renderer() *lipgloss.Renderer {
	if o.Renderer != nil {
		return o.Renderer
	}
	return Plain()
}

// Plain returns a renderer that never emits escape codes.
func Plain() *lipgloss.Renderer {
	r := lipgloss.NewRenderer(io.Discard)
	r.SetColorProfile(termenv.Ascii)
	r.SetHasDarkBackground(true)
	return r
}

// resultJSON writes the result as an indented digilead.result/v1 document:
// the bytes writeJSON writes, without reflection (resultjson), which at
// start-up spares `assess --format json` the page faults of encoding/json's
// reflective encoder.
func resultJSON(w io.Writer, r *assessment.Result, _ Options) error {
	return resultjson.WriteIndented(w, r)
}

// writeJSON writes v as indented JSON followed by a newline.
func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}
