//go:build race

package main

// raceEnabled: the tests run under the race detector, which makes the
// program it instruments (the test binary, see TestMain) 10 to 20 times
// slower.
const raceEnabled = true
