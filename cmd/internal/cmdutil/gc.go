package cmdutil

import (
	"runtime/debug"
	"strconv"

	"github.com/spf13/cobra"
)

// Streaming marks (in a command's Annotations) a command that streams
// many documents; see GCTuning.
const Streaming = "streaming"

// MemoryLimit marks a streaming command whose live heap grows with its
// input, with the soft memory limit (MiB) it gets instead of 40; see
// GCTuning.
const MemoryLimit = "memory-limit"

// GCTuning is how the collector is tuned for cmd: a streaming command
// (score, cohort, bank stats, bank calibrate) has a small, flat live heap
// (a few chunks in flight), so collecting less often (percent) saves a
// fifth of the CPU, and the soft limit (MiB) keeps the peak well under 64
// MiB however long the input (docs/performance.md). A command whose
// heap grows with its input (cohort remembers every respondent counted,
// about 40 bytes each) names a higher limit: a limit below the live heap
// would have the collector run without pause. ok is false for the other
// commands.
func GCTuning(cmd *cobra.Command) (percent, limitMiB int, ok bool) {
	if cmd.Annotations[Streaming] == "" {
		return 0, 0, false
	}
	limit, err := strconv.Atoi(cmd.Annotations[MemoryLimit])
	if err != nil {
		limit = 40
	}
	return 200, limit, true
}

// TuneGC tunes the garbage collector for cmd (see GCTuning), and returns
// what puts the settings back. Only a command that is the whole process
// may call it: a memory limit below a test process's own heap would have
// the collector run without pause.
func TuneGC(cmd *cobra.Command) (restore func()) {
	percent, limit, ok := GCTuning(cmd)
	if !ok {
		return func() {}
	}
	oldPercent := debug.SetGCPercent(percent)
	oldLimit := debug.SetMemoryLimit(int64(limit) << 20)
	return func() { debug.SetGCPercent(oldPercent); debug.SetMemoryLimit(oldLimit) }
}
