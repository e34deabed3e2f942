package workshop

import (
	"errors"
	"sync/atomic"
	"testing"

	"github.com/digilead/digilead/assessment"
)

// TokenTag is tokenTag, for tests that put a result in place.
var TokenTag = tokenTag

// FailResults makes results fail to be written while fail is set, as a
// full disk or a read-only folder would, until the test ends.
func FailResults(t testing.TB, fail *atomic.Bool) {
	real := writeResult
	writeResult = func(dir, name string, r *assessment.Result) (string, error) {
		if fail.Load() {
			return "", errors.New("write " + dir + "/" + name + ".json: no space left on device")
		}
		return real(dir, name, r)
	}
	t.Cleanup(func() { writeResult = real })
}
