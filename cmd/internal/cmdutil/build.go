package cmdutil

import (
	"runtime/debug"
	"strconv"
	"strings"
	"time"
)

// Version is the program's version: set, when the build set it (with
// -ldflags "-X main.version=…"), else the module's version without its
// v, else dev.
func Version(set, dev string) string {
	if set != "" {
		return set
	}
	if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
		return strings.TrimPrefix(bi.Main.Version, "v")
	}
	return dev
}

// Clock is the time now, or the time SOURCE_DATE_EPOCH (seconds since
// 1970, in getenv) fixes for reproducible output.
func Clock(getenv func(string) string) func() time.Time {
	if sec, err := strconv.ParseInt(getenv("SOURCE_DATE_EPOCH"), 10, 64); err == nil {
		return func() time.Time { return time.Unix(sec, 0).UTC() }
	}
	return time.Now
}
