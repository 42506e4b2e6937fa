//go:build unix

package generator

import (
	"syscall"
	"time"
)

// cpuTime is the CPU time used so far by this process and its finished
// children (git), user and system: unlike wall time, it does not grow when
// other programs load the machine.
func cpuTime() time.Duration {
	var total time.Duration
	for _, who := range []int{syscall.RUSAGE_SELF, syscall.RUSAGE_CHILDREN} {
		var ru syscall.Rusage
		if syscall.Getrusage(who, &ru) == nil {
			total += time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
		}
	}
	return total
}
