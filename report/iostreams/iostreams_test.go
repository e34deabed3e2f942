package iostreams

import (
	"testing"

	"github.com/muesli/termenv"
)

func TestTestStreamsReadTheirEnvironment(t *testing.T) {
	s, _, _ := Test("", map[string]string{"COLUMNS": "72", "NO_COLOR": "", "ACCESSIBLE": "1"})
	if s.Width != 72 || !s.NoColor || !s.Accessible(false) {
		t.Errorf("width %d, no colour %v, accessible %v", s.Width, s.NoColor, s.Accessible(false))
	}
	s, _, _ = Test("", map[string]string{"ACCESSIBLE": "0"})
	if s.Width != 0 || s.NoColor || s.Accessible(false) || !s.Accessible(true) {
		t.Errorf("defaults: width %d, no colour %v, accessible %v", s.Width, s.NoColor, s.Accessible(false))
	}
}

func TestRenderersArePlainOffTerminals(t *testing.T) {
	s, _, _ := Test("", nil)
	if p := s.OutRenderer().ColorProfile(); p != termenv.Ascii {
		t.Errorf("stdout to a buffer has profile %v", p)
	}
	s.NoColor = true
	if p := s.ErrRenderer().ColorProfile(); p != termenv.Ascii {
		t.Errorf("NO_COLOR form renderer has profile %v", p)
	}
}
