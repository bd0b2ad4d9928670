//go:build !unix

package stories

import "time"

// cpuTime is not available here: the report shows 0 µs of CPU.
func cpuTime() time.Duration { return 0 }
