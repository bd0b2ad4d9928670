//go:build !race

package watchers

// raceDetector: the tests run under the race detector (go test -race).
const raceDetector = false
