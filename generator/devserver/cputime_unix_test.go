//go:build unix

package devserver

import (
	"syscall"
	"time"
)

// cpuTime is the CPU time used so far by this process, user and system:
// unlike wall time (and the runtime's own CPU estimates, made from it),
// it does not grow when other programs load the machine.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
