package store

import (
	"fmt"
	"path"
	"runtime"
	"strings"
)

// Open resolves the data directory of this system from the environment
// (see DataDir). It does not create it.
func Open(getenv func(string) string) (*Store, error) {
	dir, err := DataDir(runtime.GOOS, getenv)
	if err != nil {
		return nil, err
	}
	return &Store{Dir: dir}, nil
}

// DataDir is digilead's data directory on the system goos, from the
// environment getenv reads:
//
//   - everywhere, $XDG_DATA_HOME/digilead when XDG_DATA_HOME is an absolute
//     path of that system (the one way to move it, on every system);
//   - on Windows, %LocalAppData%\digilead, else
//     %USERPROFILE%\AppData\Local\digilead (LocalAppData's default); HOME,
//     which Git Bash and MSYS set, is not used;
//   - elsewhere (Linux, macOS, the BSDs), the XDG default
//     $HOME/.local/share/digilead.
//
// It is a pure function of its inputs, so one table test covers every
// system on any of them; paths are joined with the separator of goos.
// A relative value is ignored, as the XDG spec asks: a data directory that
// moved with the working directory would scatter personal data.
func DataDir(goos string, getenv func(string) string) (string, error) {
	sys := systemPaths(goos)
	if d := getenv("XDG_DATA_HOME"); sys.isAbs(d) {
		return sys.join(d, "digilead"), nil
	}
	if goos == "windows" {
		if d := getenv("LocalAppData"); sys.isAbs(d) {
			return sys.join(d, "digilead"), nil
		}
		if d := getenv("USERPROFILE"); sys.isAbs(d) {
			return sys.join(d, "AppData", "Local", "digilead"), nil
		}
		return "", fmt.Errorf("no data directory: LocalAppData and USERPROFILE are not set to a full path\nSet XDG_DATA_HOME to the full path of a folder for digilead's results and drafts")
	}
	if home := getenv("HOME"); sys.isAbs(home) {
		return sys.join(home, ".local", "share", "digilead"), nil
	}
	return "", fmt.Errorf("no data directory: HOME is not set to a full path\nSet XDG_DATA_HOME (or HOME) to the full path of a folder for digilead's results and drafts")
}

// paths are the path rules of one system, independent of the system the
// program runs on.
type paths struct {
	isAbs func(string) bool
	join  func(dir string, elem ...string) string
}

func systemPaths(goos string) paths {
	if goos == "windows" {
		return paths{isAbs: windowsAbs, join: windowsJoin}
	}
	return paths{
		isAbs: func(p string) bool { return strings.HasPrefix(p, "/") },
		join:  func(dir string, elem ...string) string { return path.Join(append([]string{dir}, elem...)...) },
	}
}

// windowsAbs reports whether p is a full Windows path: a drive and a
// separator (C:\, C:/) or a UNC path (\\server\share). C:foo and \foo are
// relative to a drive's or the current directory, so not full.
func windowsAbs(p string) bool {
	if len(p) >= 3 && p[1] == ':' && isWindowsSep(p[2]) {
		c := p[0] | 0x20 // lower case
		return 'a' <= c && c <= 'z'
	}
	return len(p) >= 3 && isWindowsSep(p[0]) && isWindowsSep(p[1]) && !isWindowsSep(p[2])
}

func isWindowsSep(c byte) bool { return c == '\\' || c == '/' }

// windowsJoin joins a full Windows path and names with one backslash
// between each, as filepath.Join does on Windows: forward slashes become
// backslashes, C:\ stays C:\.
func windowsJoin(dir string, elem ...string) string {
	dir = strings.TrimRight(strings.ReplaceAll(dir, "/", `\`), `\`)
	for _, e := range elem {
		dir += `\` + e
	}
	return dir
}
