package store_test

import (
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/digilead/digilead/assessment"
	"github.com/digilead/digilead/assessment/store"
)

// TestDataDir covers the data directory of every system from any system:
// the rule is a function of the system's name and its environment.
func TestDataDir(t *testing.T) {
	const (
		local   = `C:\Users\sam\AppData\Local`
		profile = `C:\Users\sam`
	)
	tests := []struct {
		name string
		goos string
		env  map[string]string
		want string // "" means an error
	}{
		{"linux: the XDG default", "linux", map[string]string{"HOME": "/home/u"}, "/home/u/.local/share/digilead"},
		{"linux: XDG_DATA_HOME moves it", "linux", map[string]string{"XDG_DATA_HOME": "/x/data", "HOME": "/home/u"}, "/x/data/digilead"},
		{"linux: a relative XDG_DATA_HOME is ignored", "linux", map[string]string{"XDG_DATA_HOME": "relative", "HOME": "/home/u"}, "/home/u/.local/share/digilead"},
		{"linux: a trailing slash", "linux", map[string]string{"XDG_DATA_HOME": "/x/data/"}, "/x/data/digilead"},
		{"linux: LocalAppData means nothing", "linux", map[string]string{"LocalAppData": local, "HOME": "/home/u"}, "/home/u/.local/share/digilead"},
		{"linux: no HOME", "linux", map[string]string{}, ""},
		{"linux: a relative HOME", "linux", map[string]string{"HOME": "home/u"}, ""},
		{"darwin: the XDG default, as gh does", "darwin", map[string]string{"HOME": "/Users/u"}, "/Users/u/.local/share/digilead"},
		{"darwin: XDG_DATA_HOME moves it", "darwin", map[string]string{"XDG_DATA_HOME": "/Volumes/x", "HOME": "/Users/u"}, "/Volumes/x/digilead"},
		{"freebsd: the XDG default", "freebsd", map[string]string{"HOME": "/home/u"}, "/home/u/.local/share/digilead"},
		{"windows: LocalAppData", "windows", map[string]string{"LocalAppData": local, "USERPROFILE": profile}, local + `\digilead`},
		{"windows: HOME (Git Bash) is not used", "windows", map[string]string{"LocalAppData": local, "HOME": "/c/Users/sam"}, local + `\digilead`},
		{"windows: LocalAppData missing, USERPROFILE's default", "windows", map[string]string{"USERPROFILE": profile}, profile + `\AppData\Local\digilead`},
		{"windows: a relative LocalAppData is ignored", "windows", map[string]string{"LocalAppData": `AppData\Local`, "USERPROFILE": profile}, profile + `\AppData\Local\digilead`},
		{"windows: a drive-relative LocalAppData is ignored", "windows", map[string]string{"LocalAppData": `C:Local`, "USERPROFILE": profile}, profile + `\AppData\Local\digilead`},
		{"windows: a rooted path without a drive is ignored", "windows", map[string]string{"LocalAppData": `\Users\sam`, "USERPROFILE": profile}, profile + `\AppData\Local\digilead`},
		{"windows: neither set", "windows", map[string]string{"HOME": "/c/Users/sam"}, ""},
		{"windows: XDG_DATA_HOME moves it", "windows", map[string]string{"XDG_DATA_HOME": `D:\data`, "LocalAppData": local}, `D:\data\digilead`},
		{"windows: XDG_DATA_HOME with forward slashes", "windows", map[string]string{"XDG_DATA_HOME": `D:/data/`, "LocalAppData": local}, `D:\data\digilead`},
		{"windows: a UNC XDG_DATA_HOME with forward slashes", "windows", map[string]string{"XDG_DATA_HOME": `//nas/share`}, `\\nas\share\digilead`},
		{"windows: a Unix XDG_DATA_HOME is not a Windows path", "windows", map[string]string{"XDG_DATA_HOME": "/home/u/data", "LocalAppData": local}, local + `\digilead`},
		{"windows: a drive root", "windows", map[string]string{"LocalAppData": `E:\`}, `E:\digilead`},
		{"windows: a UNC profile", "windows", map[string]string{"LocalAppData": `\\server\profiles\sam\AppData\Local`}, `\\server\profiles\sam\AppData\Local\digilead`},
		{"windows: a lower-case drive", "windows", map[string]string{"LocalAppData": `c:\Users\sam\AppData\Local\`}, `c:\Users\sam\AppData\Local\digilead`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := store.DataDir(tc.goos, env(tc.env))
			switch {
			case tc.want == "" && err == nil:
				t.Fatalf("DataDir = %q, want an error", got)
			case tc.want == "" && !strings.Contains(err.Error(), "Set XDG_DATA_HOME"):
				t.Fatalf("the error should say what to do: %v", err)
			case tc.want != "" && (err != nil || got != tc.want):
				t.Fatalf("DataDir = %q, %v; want %q", got, err, tc.want)
			}
		})
	}
}

// TestOpenUsesThisSystem: Open is DataDir for the system it runs on.
func TestOpenUsesThisSystem(t *testing.T) {
	e := env(map[string]string{"HOME": "/home/u", "LocalAppData": `C:\Users\u\AppData\Local`})
	want, _ := store.DataDir(runtime.GOOS, e)
	s, err := store.Open(e)
	if err != nil || s.Dir != want {
		t.Fatalf("Open = %+v, %v; want %s", s, err, want)
	}
}

// TestDraftNamesAreFileNamesEverywhere: a bank id becomes a draft's file
// name; one that Windows keeps for a device, or that holds a separator of
// any system, is changed so the draft is a file of the drafts directory.
func TestDraftNamesAreFileNamesEverywhere(t *testing.T) {
	s := &store.Store{Dir: t.TempDir()}
	for id, want := range map[string]string{
		"public-sector": "public-sector.json",
		"nul":           "_nul.json",
		"CON":           "_CON.json",
		"aux":           "_aux.json",
		"com1":          "_com1.json",
		"lpt9":          "_lpt9.json",
		"prn.v2":        "_prn.v2.json",
		"console":       "console.json",
		"com10":         "com10.json",
		"a/b":           "a_b.json",
		`a\b`:           "a_b.json",
	} {
		if got := filepath.Base(s.DraftPath(id)); got != want {
			t.Errorf("draft of bank %q is %q, want %q", id, got, want)
		}
		if filepath.Dir(s.DraftPath(id)) != filepath.Join(s.Dir, "drafts") {
			t.Errorf("draft of bank %q is outside the drafts directory: %s", id, s.DraftPath(id))
		}
	}
	if _, err := s.SaveDraft(&store.Draft{Bank: assessment.BankRef{ID: "nul"}}); err != nil {
		t.Fatal(err)
	}
	if d, err := s.LoadDraft("nul"); err != nil || d.Bank.ID != "nul" {
		t.Fatalf("a draft of bank nul did not come back: %+v, %v", d, err)
	}
}
