//go:build unix

package stories

import (
	"syscall"
	"time"
)

// cpuTime is the CPU time this process has used so far (user and system),
// which unlike wall time does not grow while other processes hold the CPU.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
