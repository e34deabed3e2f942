package workshop

import (
	"bytes"
	"io"
	"strings"
	"testing"
	"time"

	"github.com/muesli/termenv"
)

func TestGuardLocksOutPastTheLimitForTheRestOfTheWindow(t *testing.T) {
	now := time.Date(2026, 11, 29, 10, 0, 0, 0, time.UTC)
	g := newGuard(3, time.Minute, func() time.Time { return now })
	tests := []struct {
		after  time.Duration // since the start
		addr   string
		locks  bool
		locked bool // after this wrong code, is addr locked?
	}{
		{0, "10.0.0.1", false, false},
		{10 * time.Second, "10.0.0.1", false, false},
		{20 * time.Second, "10.0.0.2", false, false}, // another address counts apart
		{30 * time.Second, "10.0.0.1", true, true},   // the third within the minute
	}
	start := now
	for _, tt := range tests {
		now = start.Add(tt.after)
		if got := g.wrongCode(tt.addr); got != tt.locks {
			t.Errorf("at %v from %s: locks %v, want %v", tt.after, tt.addr, got, tt.locks)
		}
		if _, got := g.locked(tt.addr); got != tt.locked {
			t.Errorf("at %v: %s locked %v, want %v", tt.after, tt.addr, got, tt.locked)
		}
	}
	if _, locked := g.locked("10.0.0.2"); locked {
		t.Error("an address with one wrong code is locked")
	}
	now = start.Add(59 * time.Second)
	if left, locked := g.locked("10.0.0.1"); !locked || left != time.Second {
		t.Errorf("at 59s: locked %v for %v, want 1s more (the minute of the first wrong code)", locked, left)
	}
	now = start.Add(61 * time.Second)
	if _, locked := g.locked("10.0.0.1"); locked {
		t.Error("still locked after the minute")
	}
	// Old wrong codes leave the window.
	now = start.Add(10 * time.Minute)
	g.wrongCode("10.0.0.3")
	now = now.Add(2 * time.Minute)
	g.wrongCode("10.0.0.3")
	if g.wrongCode("10.0.0.3") {
		t.Error("wrong codes two minutes apart locked the address")
	}
}

func TestTokensAndCodes(t *testing.T) {
	seen := map[string]bool{}
	for range 1000 {
		tok := NewToken()
		if !IsToken(tok) || seen[tok] {
			t.Fatalf("token %q: not a token, or made twice", tok)
		}
		seen[tok] = true
		if tok != strings.ToLower(tok) || strings.Trim(tok, "abcdefghijklmnopqrstuvwxyz0123456789-") != "" {
			t.Fatalf("token %q has other characters than lower-case letters, digits and hyphens", tok)
		}
		if c := NewCode(); len(strings.Split(c, "-")) != 3 {
			t.Fatalf("code %q is not three words", c)
		}
	}
	for _, s := range []string{"", "sam", "k7qx-m9wa-4tp", "k7qx-m9wa-4tpe-", "K7QX-M9WA-4TPE", "k7qx_m9wa_4tpe", "k7qx-m9wa-4tp0", "../../etc/pass"} {
		if IsToken(s) {
			t.Errorf("IsToken(%q) = true", s)
		}
	}
	if tokenTag("k7qx-m9wa-4tpe") == tokenTag("k7qx-m9wa-4tpf") || strings.Contains(tokenTag("k7qx-m9wa-4tpe"), "k7qx") {
		t.Error("token tags collide or give the token away")
	}
	for _, tt := range []struct{ given, want string }{
		{"lamp-wave-oak", "lamp-wave-oak"}, {" Lamp Wave Oak ", "lamp-wave-oak"}, {"LAMP-wave  oak", "lamp-wave-oak"}, {"lampwaveoak", "lampwaveoak"},
	} {
		if got := normalCode(tt.given); got != tt.want {
			t.Errorf("normalCode(%q) = %q, want %q", tt.given, got, tt.want)
		}
	}
}

func TestFetchArgs(t *testing.T) {
	formats := []string{"html", "json", "markdown", "text"}
	tok := "k7qx-m9wa-4tpe"
	tests := []struct {
		args           []string
		token, format  string
		wantErrContain string
	}{
		{[]string{tok}, tok, "json", ""},
		{[]string{tok, "--format", "html"}, tok, "html", ""},
		{[]string{"--format=markdown", tok}, tok, "markdown", ""},
		{[]string{"-f", "text", tok}, tok, "text", ""},
		{nil, "", "", "give your token"},
		{[]string{"../../etc/passwd"}, "", "", "is not a token"},
		{[]string{tok, "--format", "pdf"}, "", "", "unknown format"},
		{[]string{tok, "--format"}, "", "", "needs a format"},
		{[]string{tok, "extra"}, "", "", "unexpected"},
	}
	for _, tt := range tests {
		token, format, err := fetchArgs(tt.args, formats)
		if tt.wantErrContain != "" {
			if err == nil || !strings.Contains(err.Error(), tt.wantErrContain) {
				t.Errorf("fetchArgs(%q) = %v, want an error saying %q", tt.args, err, tt.wantErrContain)
			}
			continue
		}
		if err != nil || token != tt.token || format != tt.format {
			t.Errorf("fetchArgs(%q) = %q, %q, %v", tt.args, token, format, err)
		}
	}
}

func TestLineEditor(t *testing.T) {
	tests := []struct {
		keys, lines, echo string
	}{
		{"2\r", "2\n", "2\r\n"},
		{"ab\x7fc\r\n", "ac\n", "ab\b \bc\r\n"},
		{"é\x7f1\r", "1\n", "é\b \b1\r\n"},
		{"\x1b[A3\r", "3\n", "3\r\n"}, // an arrow is not text
		{"1\r2\x03never\r", "1\n", "1\r\n2\r\n"},
		{"\x04", "", "\r\n"},
	}
	for _, tt := range tests {
		var echo bytes.Buffer
		l := &lineEditor{in: strings.NewReader(tt.keys), echo: &echo}
		got, err := io.ReadAll(l)
		if string(got) != tt.lines || err != nil || echo.String() != tt.echo {
			t.Errorf("keys %q: lines %q (%v), echo %q; want %q, echo %q", tt.keys, got, err, echo.String(), tt.lines, tt.echo)
		}
	}
}

func TestColoursFollowTheParticipantsTerminal(t *testing.T) {
	env := func(kv ...string) func(string) string { return environ(kv) }
	tests := []struct {
		term string
		env  func(string) string
		want termenv.Profile
	}{
		{"xterm-256color", env(), termenv.ANSI256},
		{"xterm", env(), termenv.ANSI},
		{"xterm-kitty", env(), termenv.TrueColor},
		{"xterm-256color", env("COLORTERM=truecolor"), termenv.TrueColor},
		{"xterm-256color", env("NO_COLOR=1"), termenv.Ascii},
		{"dumb", env(), termenv.Ascii},
		{"", env(), termenv.Ascii},
	}
	for _, tt := range tests {
		if got := colorProfile(tt.term, tt.env); got != tt.want {
			t.Errorf("TERM=%q: profile %v, want %v", tt.term, got, tt.want)
		}
	}
	for _, tt := range []struct {
		reply    string
		dark, ok bool
	}{
		{"rgb:0000/0000/0000\x07", true, true},
		{"rgb:ffff/ffff/ffff\x1b\\", false, true},
		{"rgb:fd/f6/e3\x07", false, true}, // solarized light
		{"rgb:1e1e/1e1e/2e2e\x07", true, true},
		{"nonsense", true, false},
	} {
		dark, ok := darkColor(tt.reply)
		if dark != tt.dark || ok != tt.ok {
			t.Errorf("darkColor(%q) = %v, %v; want %v, %v", tt.reply, dark, ok, tt.dark, tt.ok)
		}
	}
}

func TestBackgroundQueryKeepsKeysTypedMeanwhile(t *testing.T) {
	r, w := io.Pipe()
	p := newPump(r)
	defer p.close()
	go io.WriteString(w, "ab\x1b]11;rgb:ffff/ffff/ffff\x07\x1b[?62;22cc")
	dark, ok := queryBackground(io.Discard, p, 5*time.Second)
	if dark || !ok {
		t.Errorf("light background read as dark %v, ok %v", dark, ok)
	}
	in := p.reader()
	buf := make([]byte, 8)
	n, _ := in.Read(buf)
	if string(buf[:n]) != "abc" {
		t.Errorf("keys around the answer: %q, want \"abc\"", buf[:n])
	}
	// A terminal that does not answer costs the timeout, and no key.
	go io.WriteString(w, "x")
	if _, ok := queryBackground(io.Discard, p, 50*time.Millisecond); ok {
		t.Error("an unanswered query was read as an answer")
	}
	n, _ = in.Read(buf)
	if string(buf[:n]) != "x" {
		t.Errorf("key typed during an unanswered query: %q, want \"x\"", buf[:n])
	}
	in.Close()
	if n, err := in.Read(buf); n != 0 || err != io.EOF {
		t.Errorf("a closed phase read %d, %v", n, err)
	}
}

// TestReadLineLeavesTheKeysTypedAfterIt: an observer who types their role
// and, at once, the first answer loses neither (the role prompt reads one
// line; what follows is the questionnaire's).
func TestReadLineLeavesTheKeysTypedAfterIt(t *testing.T) {
	r, w := io.Pipe()
	p := newPump(r)
	defer p.close()
	go io.WriteString(w, "x\r2\r\n3\x1b[B")
	var echo bytes.Buffer
	for _, want := range []string{"x", "2"} {
		if line, ok := readLine(p, &echo); line != want || !ok {
			t.Fatalf("readLine = %q, %v; want %q", line, ok, want)
		}
	}
	if echo.String() != "x\r\n2\r\n" {
		t.Errorf("echo %q: the keys after the line are echoed by whatever reads them", echo.String())
	}
	in := p.reader()
	defer in.Close()
	buf := make([]byte, 16)
	n, _ := in.Read(buf)
	if string(buf[:n]) != "3\x1b[B" {
		t.Errorf("keys after the line: %q, want %q", buf[:n], "3\x1b[B")
	}
	go io.WriteString(w, "\x03")
	if _, ok := readLine(p, &echo); ok {
		t.Error("Ctrl-C read as a line")
	}
}

// TestDocumentedDefaults: the delays Config documents are the ones a
// server gets when they are not set (tests set most of them shorter).
func TestDocumentedDefaults(t *testing.T) {
	c := Config{}.withDefaults()
	for _, d := range []struct {
		name      string
		got, want time.Duration
	}{
		{"WrongCodeDelay", c.WrongCodeDelay, time.Second},
		{"IdleTimeout", c.IdleTimeout, 30 * time.Minute},
		{"MaxTime", c.MaxTime, 3 * time.Hour},
		{"LockoutWindow", c.LockoutWindow, time.Minute},
		{"QueryTimeout", c.QueryTimeout, 700 * time.Millisecond},
		{"ReportGrace", c.ReportGrace, 30 * time.Second},
		{"LoginGraceTime", c.LoginGraceTime, 120 * time.Second},
		{"RetryEvery", c.RetryEvery, 15 * time.Second},
	} {
		if d.got != d.want {
			t.Errorf("%s defaults to %v, want %v", d.name, d.got, d.want)
		}
	}
	if c.MaxTries != 3 || c.LockoutLimit != 30 {
		t.Errorf("MaxTries %d, LockoutLimit %d; want 3, 30", c.MaxTries, c.LockoutLimit)
	}
}
