//go:build race

package match

// raceDetector: the tests run under the race detector, whose sync.Pool drops
// some of what is put back (allocation counts mean nothing then).
const raceDetector = true
