package workshop

import (
	"errors"
	"sync/atomic"

	"github.com/digilead/digilead/assessment"
)

// TokenTag is tokenTag, for tests that put a result in place.
var TokenTag = tokenTag

// FailResults makes s's results fail to be written while fail is set, as
// a full disk or a read-only folder would. Call it before s serves.
func FailResults(s *Server, fail *atomic.Bool) {
	real := s.writeResult
	s.writeResult = func(dir, name string, r *assessment.Result) (string, error) {
		if fail.Load() {
			return "", errors.New("write " + dir + "/" + name + ".json: no space left on device")
		}
		return real(dir, name, r)
	}
}
