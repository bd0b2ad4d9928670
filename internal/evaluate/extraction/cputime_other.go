//go:build !unix

package extraction

import "time"

// cpuTime is not available here; 0 makes the report fall back to wall time.
func cpuTime() time.Duration { return 0 }
