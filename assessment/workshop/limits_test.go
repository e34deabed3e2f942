package workshop

import (
	"bytes"
	"io"
	"net"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/ssh"
	gossh "golang.org/x/crypto/ssh"

	"github.com/digilead/digilead/assessment"
	"github.com/digilead/digilead/assessment/store"
	"github.com/digilead/digilead/questions"
)

func TestClampRequestTakesSanePositiveSizes(t *testing.T) {
	tests := []struct {
		cols, rows         uint32
		wantCols, wantRows uint32
	}{
		{80, 24, 80, 24},
		{2147483647, 2147483647, maxColumns, maxRows},
		{4294967295, 4294967295, maxColumns, maxRows},
		{0, 0, defaultColumns, defaultRows}, // RFC 4254: zero says nothing
		{1, 1, minColumns, minRows},
		{1000, 500, 1000, 500},
		{1001, 501, 1000, 500},
	}
	for _, tt := range tests {
		r := &gossh.Request{Type: "window-change", Payload: gossh.Marshal(windowChange{tt.cols, tt.rows, 1 << 30, 1 << 30})}
		var w windowChange
		if !clampRequest(r) || gossh.Unmarshal(r.Payload, &w) != nil || w.Columns != tt.wantCols || w.Rows != tt.wantRows || w.Width != 0 || w.Height != 0 {
			t.Errorf("window-change %dx%d: %+v, want %dx%d without pixels", tt.cols, tt.rows, w, tt.wantCols, tt.wantRows)
		}
		r = &gossh.Request{Type: "pty-req", Payload: gossh.Marshal(ptyRequest{strings.Repeat("x", 200), tt.cols, tt.rows, 7, 7, "\x00"})}
		var p ptyRequest
		if !clampRequest(r) || gossh.Unmarshal(r.Payload, &p) != nil || p.Columns != tt.wantCols || p.Rows != tt.wantRows || len(p.Term) != maxTermName || p.Modes != "\x00" {
			t.Errorf("pty-req %dx%d: %+v", tt.cols, tt.rows, p)
		}
	}
	for _, bad := range []*gossh.Request{
		{Type: "window-change", Payload: []byte{0, 0}},
		{Type: "pty-req", Payload: gossh.Marshal(windowChange{1, 2, 3, 4})},
	} {
		if clampRequest(bad) {
			t.Errorf("a malformed %s was taken", bad.Type)
		}
	}
	z := &sizes{}
	winch := make(chan ssh.Window, 1)
	winch <- ssh.Window{Width: 1<<31 - 1, Height: -5}
	close(winch)
	z.watch(winch)
	if got := <-z.follow(); got.Width != maxColumns || got.Height != defaultRows {
		t.Errorf("a size reaching the program unclamped: %+v", got)
	}
}

func TestAcceptedEnv(t *testing.T) {
	env := func(k, v string) []byte { return gossh.Marshal(struct{ Name, Value string }{k, v}) }
	for _, tt := range []struct {
		payload []byte
		want    bool
	}{
		{env("LANG", "cy_GB.UTF-8"), true},
		{env("LC_ALL", "fr_FR"), true},
		{env("COLORTERM", "truecolor"), true},
		{env("NO_COLOR", "1"), true},
		{env("LD_PRELOAD", "/tmp/x.so"), false},
		{env("PATH", "/bin"), false},
		{env("LANG", strings.Repeat("x", 10000)), false},
		{[]byte{1, 2}, false},
	} {
		if got := acceptedEnv(tt.payload); got != tt.want {
			t.Errorf("env %q: taken %v, want %v", tt.payload, got, tt.want)
		}
	}
}

func TestLineEditorKeepsAtMostALine(t *testing.T) {
	var echo bytes.Buffer
	l := &lineEditor{in: io.MultiReader(bytes.NewReader(bytes.Repeat([]byte("a"), 1<<20)), strings.NewReader("\r")), echo: &echo}
	got, _ := io.ReadAll(l)
	if len(got) != maxLine+1 || echo.Len() > maxLine+2 {
		t.Errorf("a line of a million keys: kept %d bytes, echoed %d; want %d", len(got), echo.Len(), maxLine)
	}
}

// pipeConn is a connection for the gate: only its address matters.
type pipeConn struct {
	net.Conn
	closed bool
}

func (c *pipeConn) Close() error { c.closed = true; return nil }

func TestGateDropsAtRandomFromStartAndAlwaysAtFullOrPerAddress(t *testing.T) {
	g := newGate(Startups{Start: 2, Rate: 30, Full: 4}, 3, time.Hour)
	var asked []int
	g.drop = func(p int) bool { asked = append(asked, p); return false }
	var conns []*conn
	admit := func(addr string) (*conn, string, *conn) {
		c, why, ev := g.admit(&pipeConn{}, addr, nil)
		if c != nil {
			c.attempt() // logging in: never evicted
			conns = append(conns, c)
		}
		return c, why, ev
	}
	for i, addr := range []string{"10.0.0.1", "10.0.0.2", "10.0.0.3", "10.0.0.4"} {
		if c, why, _ := admit(addr); c == nil {
			t.Fatalf("connection %d refused: %s", i+1, why)
		}
	}
	// Below Start no chance was asked; at 2 then 3 starting, 30% then 65%.
	if len(asked) != 2 || asked[0] != 30 || asked[1] != 65 {
		t.Errorf("drop chances asked %v, want [30 65]", asked)
	}
	if c, why, _ := admit("10.0.0.5"); c != nil || !strings.Contains(why, "full") {
		t.Errorf("at full: admitted %v (%s)", c != nil, why)
	}
	// One that has a session no longer counts.
	conns[0].run()()
	if n, _ := g.counts(""); n != 3 {
		t.Errorf("%d starting after one began a session, want 3", n)
	}
	g.drop = func(int) bool { return true }
	if c, why, _ := admit("10.0.0.6"); c != nil || !strings.Contains(why, "at random") {
		t.Errorf("a drop decided at random was not made: %v (%s)", c != nil, why)
	}

	// Per address: past the limit, refused, unless one of the address's
	// connections has not begun to log in: the oldest such gives way.
	g = newGate(Startups{Start: 100, Rate: 30, Full: 100}, 2, time.Hour)
	idle, _, _ := g.admit(&pipeConn{}, "10.0.0.9", nil)
	busy, _, _ := g.admit(&pipeConn{}, "10.0.0.9", nil)
	busy.attempt()
	c, why, evicted := g.admit(&pipeConn{}, "10.0.0.9", nil)
	if c == nil || evicted != idle {
		t.Fatalf("a new connection did not take the place of one that never began to log in: %v, %s", c != nil, why)
	}
	c.attempt()
	if c, why, _ := g.admit(&pipeConn{}, "10.0.0.9", nil); c != nil || !strings.Contains(why, "from this address") {
		t.Errorf("past the address's limit: admitted %v (%s)", c != nil, why)
	}
	if c, _, _ := g.admit(&pipeConn{}, "10.0.0.10", nil); c == nil {
		t.Error("another address was refused for the first one's connections")
	}
}

func TestParseStartups(t *testing.T) {
	for _, tt := range []struct {
		in   string
		want Startups
		ok   bool
	}{
		{"10:30:100", Startups{10, 30, 100}, true},
		{"20", Startups{20, 100, 20}, true},
		{"10:30", Startups{}, false},
		{"10:0:100", Startups{}, false},
		{"10:30:5", Startups{}, false},
		{"0", Startups{}, false},
		{"a:b:c", Startups{}, false},
	} {
		got, err := ParseStartups(tt.in)
		if (err == nil) != tt.ok || got != tt.want {
			t.Errorf("ParseStartups(%q) = %v, %v", tt.in, got, err)
		}
	}
}

// The group summary moves only when a whole group more has finished:
// watching it change never tells one person's level.
func TestGroupSummaryChangesInStepsOfMinGroup(t *testing.T) {
	b := questions.Default()
	dir := t.TempDir()
	s := &Server{cfg: Config{MinGroup: 2}.withDefaults()}
	var got []int
	for i := range 5 {
		a := &questions.Answers{Bank: b.ID, Values: map[string]questions.Value{}}
		for _, q := range b.Questions {
			if q.Type == questions.Likert {
				a.Values[q.ID] = questions.IntValue(q.Scale.Min + i%3)
			}
		}
		r := assessment.Score(b, a, assessment.Options{Now: time.Now()})
		r.Respondent.ID = newRespondentID()
		path, err := store.WriteResult(dir, filepath.Base(r.Respondent.ID), r)
		if err != nil {
			t.Fatal(err)
		}
		s.addResult(path)
		s.summarise()
		n := 0
		if s.summary != nil {
			n = s.summary.Participants
		}
		got = append(got, n)
	}
	if want := []int{0, 2, 2, 4, 4}; !slices.Equal(got, want) {
		t.Errorf("summary sizes after each result: %v, want %v", got, want)
	}
}
